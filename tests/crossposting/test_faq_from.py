"""``invoke faq-from``: a question asked in a reply becomes an FAQ file that check walks the team through."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime

from publish.platforms.base import RemotePost
from publish.replies.base import Reply
from publish.replies.seen import SeenReplies
from publish.targets.local import LocalTarget

REPLY_URL = "https://elsewhere.example/@asker/111"


def invoke(project, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOTICEBOARD_")}
    env["NOTICEBOARD_DEPLOY_URL"] = str(project / "public")
    return subprocess.run([str(project / ".venv" / "bin" / "invoke"), *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


def test_faq_from_a_reply_asks_for_owner_and_review_date_then_checks_clean(project):
    asked = Reply("mastodon", RemotePost(id="111", url=REPLY_URL), "@asker@elsewhere.example", None,
                  datetime(2026, 11, 24, 18, 5, tzinfo=UTC),
                  "@riverford Thanks. Are sandbags free for businesses on Quay Street?", entry="notices/quay-street-closure")
    SeenReplies.load(LocalTarget(project / "public")).remember([asked], datetime(2026, 11, 25, tzinfo=UTC))

    created = invoke(project, "faq-from", REPLY_URL)

    assert created.returncode == 0, created.stdout + created.stderr
    path = project / "content" / "faq" / "are-sandbags-free-for-businesses-on-quay-street.md"
    text = path.read_text()
    assert 'question: "Are sandbags free for businesses on Quay Street?"' in text
    assert f"# Started from a question asked on mastodon on 2026-11-24: {REPLY_URL}" in text
    check = invoke(project, "check")
    assert check.returncode == 1
    missing = {line.split(": ")[1] for line in check.stderr.splitlines() if line.startswith("content/faq/are-sandbags")}
    assert missing == {"summary", "topic", "owner", "review_by"}

    filled = {"summary": '"Yes: businesses can collect up to six sandbags."', "topic": "flooding",
              "owner": "Emergency planning team", "review_by": "2027-03-31"}
    lines = [next((f"{k}: {v}" for k, v in filled.items() if line.startswith(f"{k}:")), line)
             for line in text.splitlines()]
    path.write_text("\n".join(lines))
    assert invoke(project, "check").returncode == 0

    unknown = invoke(project, "faq-from", "https://elsewhere.example/@nobody/1")
    assert unknown.returncode == 2 and "run `invoke replies`" in unknown.stderr
