"""`invoke new` starts a file that check then walks the editor through."""

from datetime import datetime
from zoneinfo import ZoneInfo

from conftest import NOW
from frontmatter.clock import now
from frontmatter.scaffold import new_entry
from frontmatter.validate import check_content


def test_a_new_notice_asks_for_each_decision_then_checks_clean(content_copy):
    path = new_entry(content_copy, "notice", "Mill Lane closed: again!",
                     at=datetime(2026, 11, 25, 8, 0, tzinfo=ZoneInfo("Europe/London")))
    assert path == content_copy / "notices" / "mill-lane-closed-again.md"
    catalogue = check_content(content_copy, content_copy.parent, "Europe/London", now({"NOTICEBOARD_NOW": NOW}), ("en-GB", "cy"))
    assert {p.field for p in catalogue.errors} == {"summary", "notice_type", "severity", "areas"}
    text = path.read_text()
    for field, value in {"summary": "Closed again for a burst pipe.", "notice_type": "road_closure",
                         "severity": "advisory", "areas": "[millbrook]"}.items():
        text = "\n".join(f"{field}: {value}" if line.startswith(f"{field}:") else line for line in text.splitlines())
    path.write_text(text.replace("---\nWrite", "starts: 2026-11-25 08:00\n---\nWrite"))
    catalogue = check_content(content_copy, content_copy.parent, "Europe/London", now({"NOTICEBOARD_NOW": NOW}), ("en-GB", "cy"))
    assert catalogue.errors == []
