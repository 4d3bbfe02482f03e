"""The issue's "done when", through the front door a council uses: invoke publish, replies, answer, report."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime, timedelta

import lxml.html

from conftest import NOW

FLOOD = "notices/flood-warning-river-ford"


def test_replies_answer_report_and_discuss_links_through_invoke(project, accounts):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NOTICEBOARD_", "GITHUB_"))}
    env.update(accounts.env, NOTICEBOARD_NOW=NOW, NOTICEBOARD_DEPLOY_URL=str(project / "public"))

    def invoke(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(project / ".venv" / "bin" / "invoke"), *args], cwd=project, env=env,
                              capture_output=True, text=True, timeout=300)

    published = invoke("publish")
    assert published.returncode == 0, published.stdout + published.stderr
    toot = next(s for s in accounts.mastodon.statuses if s["in_reply_to_id"] is None and "flood-warning" in s["content"])
    when = datetime.fromisoformat(NOW) - timedelta(hours=1)
    accounts.mastodon.reply_from("neighbour", toot["id"], "<p>Is the Meadows car park flooded too? Thanks</p>",
                                 when.astimezone(UTC))
    accounts.mastodon.reply_from("critic", toot["id"], "<p>Useless warning, it came far too late &lt;script&gt;x&lt;/script&gt;</p>",
                                 when.astimezone(UTC) + timedelta(minutes=5))

    replies = invoke("replies")
    assert replies.returncode == 0, replies.stdout + replies.stderr
    page = (project / "output" / "_reports" / "replies.html").read_text()
    assert page.index("Is the Meadows car park flooded too?") < page.index("Useless warning")
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page

    question = next(s for s in accounts.mastodon.others if s["account"]["username"] == "neighbour")["url"]
    for _ in range(2):
        answered = invoke("answer", question, "The Meadows car park is closed until the water goes down.")
        assert answered.returncode == 0, answered.stdout + answered.stderr
    answers = [s for s in accounts.mastodon.statuses if s["in_reply_to_id"] not in (None, toot["id"])
               and "Meadows car park is closed" in accounts.mastodon.texts[s["id"]]]
    assert len(answers) == 1

    report = invoke("report")
    assert report.returncode == 0, report.stderr
    assert "Where can I keep warm this winter?" in report.stdout
    assert (project / "output" / "_reports" / "content.html").is_file()

    again = invoke("publish")
    assert again.returncode == 0, again.stdout + again.stderr
    flood = lxml.html.fromstring((project / "public" / FLOOD / "index.html").read_bytes())
    assert [a.get("href") for a in flood.cssselect(".discuss a")][0] == toot["url"]
    assert not (project / "public" / "_reports").exists()
