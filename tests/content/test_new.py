"""`invoke new` starts a file that passes check as created; what the editor did not choose is said."""

from datetime import datetime
from zoneinfo import ZoneInfo

from conftest import NOW
from frontmatter.clock import now
from frontmatter.scaffold import new_entry
from frontmatter.validate import check_content

AT = datetime(2026, 11, 25, 8, 0, tzinfo=ZoneInfo("Europe/London"))


def check(content):
    return check_content(content, content.parent, "Europe/London", now({"NOTICEBOARD_NOW": NOW}), languages=("en-GB", "cy"))


def test_a_new_notice_without_options_gets_defaults_it_reports_and_checks_clean(content_copy):
    path, defaults = new_entry(content_copy, "notice", "Mill Lane closed: again!", at=AT,
                               known_areas=["riverside", "millbrook"])
    assert path == content_copy / "notices" / "mill-lane-closed-again.md"
    assert "areas: [riverside, millbrook]" in path.read_text().splitlines()
    assert [d.split(":")[0] for d in defaults] == ["notice_type", "severity", "areas", "summary"]
    assert [p for p in check(content_copy).problems if "mill-lane-closed-again" in p.path] == []


def test_an_faq_leaves_what_only_the_editor_knows_for_check_to_ask(content_copy):
    new_entry(content_copy, "faq", "Can I recycle foil?", at=AT, options={"summary": "Yes, clean foil."})
    errors = [p for p in check(content_copy).errors if "can-i-recycle-foil" in p.path]
    assert {p.field for p in errors} == {"topic", "owner", "review_by"}
