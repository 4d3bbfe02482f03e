"""Run ``python -m publish`` as CI does, against loopback Mastodon and Bluesky servers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

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


@pytest.fixture
def write_entry() -> Callable[..., Path]:
    """Add a content file: write_entry(content, "notices/x.md", front_matter_text, body)."""

    def write(content: Path, name: str, front_matter: str, body: str = "Details on the page.") -> Path:
        path = content / name
        path.write_text(f"---\n{front_matter.strip()}\n---\n{body}\n", encoding="utf-8")
        return path

    return write
