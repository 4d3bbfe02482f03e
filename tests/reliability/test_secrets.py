"""Secrets: a full publish (build, deploy, cross-post) with every credential set to a value that is easy
to find; the value is nowhere afterwards: not in stdout, stderr, the job summary, the outbox, the
ledger, output/ or public/, nor in the errors of platforms that echo the request back."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import NOW
from tests.reliability import figures
from tests.servers.bluesky import BlueskyServer
from tests.servers.mastodon import MastodonServer

#: Every credential a publish reads, each set to a recognisable value.
SECRETS = {
    "NOTICEBOARD_MASTODON_TOKEN": "SECRET-mastodon-token-Q7v2",
    "NOTICEBOARD_BLUESKY_APP_PASSWORD": "SECRET-bsky-pass-K3m9",
    "NOTICEBOARD_GIT_TOKEN": "SECRET-git-token-P4x8",
    "AWS_SECRET_ACCESS_KEY": "SECRET-aws-key-Z1c5",
    "AWS_ACCESS_KEY_ID": "SECRET-aws-id-H6n0",
}


def publish(project: Path, env: dict[str, str], summary: Path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NOTICEBOARD_", "GITHUB_", "AWS_"))}
    return subprocess.run([str(project / ".venv" / "bin" / "invoke"), "publish"], cwd=project, capture_output=True,
                          text=True, timeout=600,
                          env={**clean, **SECRETS, **env, "NOTICEBOARD_NOW": NOW, "GITHUB_STEP_SUMMARY": str(summary)})


def leaks(texts: dict[str, bytes]) -> list[str]:
    return [f"{name} in {where}" for where, data in texts.items() for name, value in SECRETS.items()
            if value.encode() in data]


def test_no_credential_appears_anywhere_even_when_a_platform_echoes_it(project, tmp_path):
    summary = tmp_path / "summary.md"
    with MastodonServer(SECRETS["NOTICEBOARD_MASTODON_TOKEN"]) as mastodon, \
            BlueskyServer("riverford.test", SECRETS["NOTICEBOARD_BLUESKY_APP_PASSWORD"]) as bluesky:
        env = {"NOTICEBOARD_MASTODON_URL": mastodon.url, "NOTICEBOARD_BLUESKY_SERVICE": bluesky.url,
               "NOTICEBOARD_BLUESKY_HANDLE": "riverford.test"}
        # First the platforms fail, quoting the request with its credentials in their error; then they work.
        mastodon.fail("/api/v1/statuses", 400, body={
            "error": f"Bad request: Authorization: Bearer {SECRETS['NOTICEBOARD_MASTODON_TOKEN']}"})
        bluesky.fail("/xrpc/com.atproto.server.createSession", 400, body={
            "error": "InvalidRequest", "message": f"bad login {SECRETS['NOTICEBOARD_BLUESKY_APP_PASSWORD']}"})
        failed = publish(project, env, summary)
        mastodon.heal()
        bluesky.heal()
        done = publish(project, env, summary)
        posted = len(mastodon.statuses) + len(bluesky.posts())

    assert failed.returncode == 3, failed.stdout + failed.stderr
    assert "mastodon: FAILED" in failed.stdout and "Bad request: Authorization: Bearer ***" in failed.stdout
    assert "bluesky: FAILED" in failed.stdout and "bad login ***" in failed.stdout
    assert done.returncode == 0, done.stdout + done.stderr
    assert posted == 18
    texts = {"stdout": (failed.stdout + done.stdout).encode(), "stderr": (failed.stderr + done.stderr).encode(),
             "job summary": summary.read_bytes()}
    for folder in ("output", "public", "outbox"):
        for path in (project / folder).rglob("*"):
            if path.is_file():
                texts[str(path.relative_to(project))] = path.read_bytes()
    assert any(name.startswith("public/.noticeboard/") for name in texts), "the ledger was searched"
    found = leaks(texts)
    figures.record("secrets", line=f"secrets: {len(SECRETS)} credentials searched for in {len(texts)} files and "
                                   f"streams of 2 publishes (one answered by platforms echoing them): "
                                   f"{len(found)} found")
    assert found == []
