"""Extras: S3 and each platform's SDK are installed only for the councils that switch them on, and a
missing one stops the publish before anything is deployed, naming the command that installs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def extras_for(publisher, env: dict[str, str], **settings) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NOTICEBOARD_")}
    shown = subprocess.run([sys.executable, "-m", "publish.extras", "--settings", str(publisher.settings(**settings))],
                           cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=True)
    return shown.stdout.split()


def test_a_fresh_site_needs_no_extra_and_each_switched_on_target_or_platform_needs_its_own(publisher):
    assert extras_for(publisher, {}) == []
    mastodon = {"NOTICEBOARD_MASTODON_URL": "https://social.example", "NOTICEBOARD_MASTODON_TOKEN": "t"}
    assert extras_for(publisher, mastodon) == ["mastodon"]
    assert extras_for(publisher, {"NOTICEBOARD_DEPLOY_URL": "s3://council-site/www"}, CROSSPOST=["outbox", "x"]) == ["s3", "x"]
    assert extras_for(publisher, {}, CROSSPOST=["bluesky", "apprise", "telegram"]) == ["bluesky", "apprise"]


def test_every_extra_has_a_lock_file_pinned_with_hashes_at_the_versions_of_the_test_set():
    dev = (ROOT / "requirements-dev.txt").read_text()
    for extra in ("s3", "mastodon", "bluesky", "x", "apprise"):
        lock = (ROOT / "requirements" / f"{extra}.txt").read_text()
        pins = [line.split()[0] for line in lock.splitlines() if "==" in line and not line.startswith("#")]
        assert pins and lock.count("--hash=sha256:") >= len(pins), extra
        assert all(pin in dev for pin in pins), f"requirements/{extra}.txt and requirements-dev.txt disagree"


def test_a_platform_whose_library_is_missing_stops_the_publish_before_the_deploy(publisher, sample_site):
    """atproto made unimportable, as in a venv where requirements/bluesky.txt was never installed."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NOTICEBOARD_")}
    env = {**clean, "NOTICEBOARD_BLUESKY_HANDLE": "riverford.test", "NOTICEBOARD_BLUESKY_APP_PASSWORD": "p",
           "NOTICEBOARD_BLUESKY_SERVICE": "http://127.0.0.1:9"}
    run = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['atproto'] = None; from publish.cli import main; "
         "sys.exit(main(sys.argv[1:]))", "--settings", str(publisher.settings()), "--site", str(sample_site)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Bluesky needs the Python package 'atproto', which is not installed" in run.stderr
    assert "pip install --require-hashes -r requirements/bluesky.txt" in run.stderr
    assert not publisher.public.exists()
