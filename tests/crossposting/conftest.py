"""Run ``python -m publish`` as CI does, against loopback Mastodon and Bluesky servers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.servers.bluesky import BlueskyServer
from tests.servers.mastodon import MastodonServer

MASTODON_TOKEN = "mastodon-secret-token-4f9a"
BLUESKY_PASSWORD = "bsky-app-pass-77x1-k2p9"


@dataclass
class Accounts:
    mastodon: MastodonServer
    bluesky: BlueskyServer

    @property
    def env(self) -> dict[str, str]:
        return {
            "NOTICEBOARD_MASTODON_URL": self.mastodon.url,
            "NOTICEBOARD_MASTODON_TOKEN": MASTODON_TOKEN,
            "NOTICEBOARD_BLUESKY_SERVICE": self.bluesky.url,
            "NOTICEBOARD_BLUESKY_HANDLE": "riverford.test",
            "NOTICEBOARD_BLUESKY_APP_PASSWORD": BLUESKY_PASSWORD,
        }


@pytest.fixture
def accounts() -> Iterator[Accounts]:
    with MastodonServer(MASTODON_TOKEN) as mastodon, BlueskyServer("riverford.test", BLUESKY_PASSWORD) as bluesky:
        yield Accounts(mastodon, bluesky)


@dataclass
class Publisher:
    """One council's publishing set-up in a temporary folder: settings, deploy folder, outbox."""

    folder: Path

    @property
    def public(self) -> Path:
        return self.folder / "public"

    @property
    def outbox(self) -> Path:
        return self.folder / "outbox"

    def ledger(self) -> dict:
        return json.loads((self.public / ".noticeboard" / "ledger.json").read_text())

    def settings(self, **values) -> Path:
        settings = {
            "DEPLOY_TARGET": str(self.public), "OUTBOX_PATH": str(self.outbox), "DEFAULT_LANG": "en",
            "CROSSPOST_BACKOFF_SECONDS": 0.05, "PUBLISH_LOCK_WAIT_SECONDS": 1, **values,
        }
        path = self.folder / "publishconf.py"
        path.write_text("".join(f"{name} = {value!r}\n" for name, value in settings.items()))
        return path

    def run(self, site: Path, env: dict[str, str] | None = None, *args: str, **settings) -> subprocess.CompletedProcess:
        """``python -m publish`` with only ``env`` as its NOTICEBOARD_* variables."""
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("NOTICEBOARD_", "GITHUB_"))}
        return subprocess.run(
            [sys.executable, "-m", "publish", "--settings", str(self.settings(**settings)), "--site", str(site), *args],
            cwd=ROOT, env={**clean, **(env or {})}, capture_output=True, text=True, timeout=120,
        )


@pytest.fixture
def publisher(tmp_path) -> Publisher:
    folder = tmp_path / "council"
    folder.mkdir()
    return Publisher(folder)


@pytest.fixture
def write_entry() -> Callable[..., Path]:
    """Add a content file: write_entry(content, "notices/x.md", front_matter_text, body)."""

    def write(content: Path, name: str, front_matter: str, body: str = "Details on the page.") -> Path:
        path = content / name
        path.write_text(f"---\n{front_matter.strip()}\n---\n{body}\n", encoding="utf-8")
        return path

    return write
