"""``invoke faq-from``: a question asked in a reply becomes an FAQ file that check walks the team through."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime, timedelta

from conftest import Publisher


def test_faq_from_a_reply_asks_for_what_the_team_decides_then_checks_clean(project, sample_site, accounts, tmp_path):
    (tmp_path / "desk").mkdir()
    publisher = Publisher(tmp_path / "desk")
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)  # the digest writes its report into the site folder
    assert publisher.run(site, accounts.env).returncode == 0
    toot = publisher.ledger().records["mastodon notices/quay-street-closure"]["remote_id"]
    asked_at = datetime.now(UTC) - timedelta(hours=2)
    asked = accounts.mastodon.reply_from(
        "asker", toot, "<p>@riverford Thanks. Are sandbags free for businesses on Quay Street?</p>", asked_at)
    assert publisher.module("publish.replies", site, accounts.env, "digest").returncode == 0

    env = {k: v for k, v in os.environ.items() if not k.startswith("NOTICEBOARD_")}
    env.update(accounts.env, NOTICEBOARD_DEPLOY_URL=str(publisher.public))

    def invoke(*args):
        return subprocess.run([str(project / ".venv" / "bin" / "invoke"), *args], cwd=project, env=env,
                              capture_output=True, text=True, timeout=120)

    created = invoke("faq-from", asked["url"])

    assert created.returncode == 0, created.stdout + created.stderr
    path = project / "content" / "faq" / "are-sandbags-free-for-businesses-on-quay-street.md"
    text = path.read_text()
    assert 'question: "Are sandbags free for businesses on Quay Street?"' in text
    assert f"# Started from a question asked on mastodon on {asked_at:%Y-%m-%d}: {asked['url']}" in text  # its day, not today's
    check = invoke("check")
    assert check.returncode == 1
    missing = {line.split(": ")[1] for line in check.stderr.splitlines() if line.startswith("content/faq/are-sandbags")}
    assert missing == {"topic", "owner", "review_by"}
    assert 'summary: "Are sandbags free for businesses on Quay Street?"' in text, "the question stands in until written"

    filled = {"summary": '"Yes: businesses can collect up to six sandbags."', "topic": "flooding",
              "owner": "Emergency planning team", "review_by": "2027-03-31"}
    lines = [next((f"{k}: {v}" for k, v in filled.items() if line.startswith(f"{k}:")), line)
             for line in text.splitlines()]
    path.write_text("\n".join(lines))
    assert invoke("check").returncode == 0

    unknown = invoke("faq-from", "https://elsewhere.example/@nobody/1")
    assert unknown.returncode == 2 and "run `invoke replies`" in unknown.stderr
