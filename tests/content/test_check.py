"""`invoke check`: every mistake an editor can make gets file, line, field and a fix, before a build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import NOW, ROOT
from frontmatter.clock import now
from frontmatter.validate import check_content

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "invalid"


def check(content: Path, at: str = NOW):
    return check_content(content, content.parent, "Europe/London", now({"NOTICEBOARD_NOW": at}), languages=("en-GB", "cy"))


def add_fixture(content: Path, name: str) -> str:
    """Copy one broken file into the content; its path as check reports it."""
    shutil.copy(FIXTURES / name, content / name)
    return f"content/{name}"


CASES = [
    ("notices/broken-yaml.md", 4, "front matter", "not valid YAML"),
    ("notices/tab-indent.md", 9, "front matter", "indented with a tab"),
    ("notices/missing-severity.md", 1, "severity", 'is required; add a line such as "severity: advisory"'),
    ("posts/unknown-field.md", 5, "topic", 'is not a field of a post. Did you mean "topics"?'),
    ("notices/unknown-type.md", 5, "notice_type", '"concert" is not one of event, road_closure'),
    ("notices/severity-urgent.md", 6, "severity", 'Did you mean "emergency"?'),
    ("notices/unknown-area.md", 7, "areas", '"rivreside" is not an area in content/areas.yaml. Did you mean "riverside"?'),
    ("notices/unknown-status.md", 7, "status", 'Did you mean "resolved"?'),
    ("posts/bad-date.md", 3, "date", 'Did you mean "2026-11-24 18:00"?'),
    ("notices/ends-before-starts.md", 8, "ends", "is before starts (2026-12-10 07:00)"),
    ("notices/update-before-notice.md", 11, "updates", "is before the notice's date"),
    ("posts/image-no-alt.md", 5, "image_alt", "an image needs image_alt"),
    ("faq/flood-warning-river-ford.md", 1, "slug", "already used by content/notices/flood-warning-river-ford.md"),
    ("posts/empty-title.md", 2, "title", "is empty"),
    ("posts/empty-summary.md", 4, "summary", "is empty"),
    ("posts/long-summary.md", 4, "summary", "is 311 characters long; keep it to 280 or fewer"),
    ("pages/news.md", 1, "slug", '"/news/" is one of the site\'s own sections'),
    ("faq/review-not-date.md", 7, "review_by", '"next spring" is not a date'),
]


@pytest.mark.parametrize(("fixture", "line", "field", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_each_mistake_is_reported_with_file_line_field_and_fix(content_copy, fixture, line, field, fragment):
    path = add_fixture(content_copy, fixture)
    catalogue = check(content_copy)
    reported = [str(p) for p in catalogue.errors]
    expected_start = f"{path}:{line}: {field}: "
    matching = [text for text in reported if text.startswith(expected_start)]
    assert matching, f"no error starting {expected_start!r}; got {reported}"
    assert fragment in matching[0]


def test_the_sample_content_has_no_errors():
    catalogue = check(ROOT / "content")
    assert catalogue.errors == []
    assert len(catalogue.entries) >= 8 + 15 + 15


def test_every_problem_is_reported_in_one_run(content_copy):
    paths = {add_fixture(content_copy, fixture) for fixture, *_ in CASES}
    reported = {p.path for p in check(content_copy).errors}
    assert paths <= reported


def test_an_overdue_faq_is_a_warning_not_an_error(content_copy):
    catalogue = check(content_copy)
    overdue = [str(p) for p in catalogue.warnings]
    assert overdue == [
        "content/faq/warm-spaces.md:7: review_by: warning: the answer was due for review on 2026-11-01; "
        "check it with Communities team, then set a new review_by date"
    ]
    assert catalogue.errors == []


def test_a_future_dated_entry_is_checked_too(content_copy):
    scheduled = content_copy / "posts" / "new-website-notices.md"
    scheduled.write_text(scheduled.read_text().replace("topics: [council]", "topics: [Council News]"))
    assert [p.field for p in check(content_copy).errors] == ["topics"]
