"""'Discuss this on ...': after a publish, the next build links each entry's page to its social posts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import lxml.html

from conftest import ROOT, SAMPLE_CONTENT

FLOOD = "notices/flood-warning-river-ford"


def discuss(site: Path, entry: str) -> list[tuple[str, str]]:
    tree = lxml.html.fromstring((site / entry.replace("posts/", "news/") / "index.html").read_bytes())
    return [(a.text_content(), a.get("href")) for a in tree.cssselect("main .discuss a")]


def fetch_links(publisher, env: dict[str, str], out: Path) -> subprocess.CompletedProcess:
    """``python -m publish.social_links``, as ``invoke publish`` runs it before building."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NOTICEBOARD_")}
    return subprocess.run([sys.executable, "-m", "publish.social_links", "--settings", str(publisher.settings()),
                           "--out", str(out)], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True,
                          timeout=60)


def test_the_next_build_links_each_posted_entry_to_its_posts(sample_site, publisher, accounts, site_builder,
                                                            tmp_path):
    assert discuss(sample_site, FLOOD) == []
    assert publisher.run(sample_site, accounts.env).returncode == 0
    links = tmp_path / "cache" / "social-links.json"

    fetched = fetch_links(publisher, accounts.env, links)
    assert fetched.returncode == 0, fetched.stderr
    ledger = publisher.ledger().records
    toot, skeet = ledger[f"mastodon {FLOOD}"]["remote_url"], ledger[f"bluesky {FLOOD}"]["remote_url"]

    assert site_builder(SAMPLE_CONTENT, DISCUSS_LINKS_FILE=str(links)) == 0
    site = tmp_path / "output"
    assert discuss(site, FLOOD) == [("Discuss this on Mastodon", toot), ("Discuss this on Bluesky", skeet)]
    assert discuss(site, "posts/flood-support-fund")[0][0] == "Discuss this on Mastodon"
    assert discuss(site, "posts/warm-spaces-winter") == []  # in the backlog: never posted


def test_outbox_posts_are_not_linked_and_a_broken_file_only_warns(sample_site, publisher, site_builder, tmp_path):
    assert publisher.run(sample_site).returncode == 0  # the outbox: file addresses, nothing to discuss
    links = tmp_path / "social-links.json"
    assert fetch_links(publisher, {}, links).returncode == 0
    assert json.loads(links.read_text())["entries"] == {}

    links.write_text("{not json")
    assert site_builder(SAMPLE_CONTENT, DISCUSS_LINKS_FILE=str(links)) == 0
    assert discuss(tmp_path / "output", FLOOD) == []


def test_a_target_that_cannot_be_read_keeps_the_last_links(publisher, tmp_path):
    links = tmp_path / "social-links.json"
    links.write_text('{"version": 1, "entries": {}}')
    (publisher.public / ".noticeboard").mkdir(parents=True)
    (publisher.public / ".noticeboard" / "ledger.json").write_text("{broken")
    result = fetch_links(publisher, {}, links)
    assert result.returncode == 0 and "warning" in result.stderr
    assert links.read_text() == '{"version": 1, "entries": {}}'
