"""`invoke update/correct/resolve/cancel/schedule`: one command per common edit; the file changes only
in the lines the edit means, comments and quoting kept, and it still passes check."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NOW

COMMENTED = """---
title: "Mill Lane closed: resurfacing"   # quoted because of the colon
date: 2026-11-20 08:00
summary: 'Mill Lane is closed between the bridge and Station Road.'
notice_type: road_closure   # event, road_closure, ...
severity: advisory
starts: 2026-11-20 08:00
areas: [riverside]          # keys of content/areas.yaml
# ask highways before changing this
contact: Highways team, 01632 960123
updates:
  - at: 2026-11-21 09:00
    text: "Work is on schedule."
---
Use Station Road instead.
"""


def invoke(project: Path, *args: str, now: str = NOW) -> subprocess.CompletedProcess:
    env = {**os.environ, "NOTICEBOARD_NOW": now}
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def notice(project) -> Path:
    path = project / "content" / "notices" / "mill-lane.md"
    path.write_text(COMMENTED)
    return path


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """Lines removed and lines added, line by line."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def test_update_appends_one_stamped_item_and_nothing_else_changes(project, notice):
    result = invoke(project, "update", "mill-lane", "The road has reopened.")
    assert result.returncode == 0, result.stderr
    removed, added = changed_lines(COMMENTED, notice.read_text())
    assert removed == []
    assert added == ["  - at: 2026-11-25 09:00", "    text: The road has reopened."]
    assert notice.read_text().index("Work is on schedule") < notice.read_text().index("The road has reopened")
    assert "updates: added 2026-11-25 09:00: The road has reopened." in result.stdout
    assert "make publish" in result.stdout


def test_update_stamps_the_site_time_and_creates_the_list(project):
    path = project / "content" / "notices" / "quay-street-closure.md"
    before = path.read_text()
    result = invoke(project, "update", "content/notices/quay-street-closure.md", "Water: going down",
                    now="2027-07-01T12:30:00+00:00")
    assert result.returncode == 0, result.stderr
    removed, added = changed_lines(before, path.read_text())
    assert removed == [] and added == ["updates:", "  - at: 2027-07-01 13:30", "    text: 'Water: going down'"]


def test_correct_adds_a_correction_that_passes_check(project, notice):
    result = invoke(project, "correct", "mill-lane", "The closure ends on 4 December, not 14 December.")
    assert result.returncode == 0, result.stderr
    removed, added = changed_lines(COMMENTED, notice.read_text())
    assert removed == []
    assert added == ["correction:", "  at: 2026-11-25 09:00",
                     "  text: The closure ends on 4 December, not 14 December."]
    assert invoke(project, "check").returncode == 0


@pytest.mark.parametrize("command,status", [("resolve", "resolved"), ("cancel", "cancelled")])
def test_resolve_and_cancel_set_the_status_and_end_the_notice_now(project, notice, command, status):
    result = invoke(project, command, "mill-lane")
    assert result.returncode == 0, result.stderr
    removed, added = changed_lines(COMMENTED, notice.read_text())
    assert removed == []
    assert added == [f"status: {status}", "ends: 2026-11-25 09:00"]
    lines = notice.read_text().splitlines()
    assert lines.index(f"status: {status}") == lines.index("severity: advisory") + 1
    assert lines.index("ends: 2026-11-25 09:00") == lines.index("starts: 2026-11-20 08:00") + 1
    assert f"status: added {status}" in result.stdout


def test_schedule_changes_only_the_date_line(project):
    path = project / "content" / "posts" / "new-recycling-bins.md"
    before = path.read_text()
    result = invoke(project, "schedule", "new-recycling-bins", "2026-12-01 09:00")
    assert result.returncode == 0, result.stderr
    assert changed_lines(before, path.read_text()) == (["date: 2026-11-19 10:00"], ["date: 2026-12-01 09:00"])


def test_mistakes_name_what_to_do_and_leave_the_file_alone(project, notice):
    for args, message in [
        (("update", "no-such-notice", "x"), "no content file has that name"),
        (("update", "new-recycling-bins", "x"), "`update` is for a notice, and this file is a post"),
        (("schedule", "mill-lane", "1/12/2026"), "is not a date"),
        (("update", "mill-lane", "  "), "write what has changed"),
    ]:
        result = invoke(project, *args)
        assert result.returncode != 0
        assert message in result.stderr, result.stderr
    assert notice.read_text() == COMMENTED


def test_new_notice_with_options_passes_check_as_created(project):
    result = invoke(project, "new", "--kind", "notice", "--title", "Mill Lane closed: again", "--type", "road_closure",
                    "--severity", "advisory", "--area", "riverside", "--starts", "2026-12-01 09:00")
    assert result.returncode == 0, result.stderr
    text = (project / "content" / "notices" / "mill-lane-closed-again.md").read_text()
    for line in ('title: "Mill Lane closed: again"', "date: 2026-11-25 09:00", "notice_type: road_closure",
                 "severity: advisory", "areas: [riverside]", "starts: 2026-12-01 09:00"):
        assert line in text.splitlines()
    checked = invoke(project, "check")
    assert checked.returncode == 0 and "mill-lane-closed-again" not in checked.stderr


def test_new_rejects_a_wrong_option_before_writing(project):
    result = invoke(project, "new", "--kind", "notice", "--title", "Gas leak", "--severity", "urgent")
    assert result.returncode != 0
    assert '--severity: "urgent" is not one of info, advisory, warning, emergency. Did you mean "emergency"?' in result.stderr
    assert not (project / "content" / "notices" / "gas-leak.md").exists()


def test_cancelling_an_event_that_has_not_started_leaves_ends_out_and_says_why(project):
    path = project / "content" / "notices" / "mill-lane.md"
    path.write_text(COMMENTED.replace("starts: 2026-11-20 08:00", "starts: 2026-12-20 08:00"))
    before = path.read_text()
    result = invoke(project, "cancel", "mill-lane")
    assert result.returncode == 0, result.stderr
    assert changed_lines(before, path.read_text()) == ([], ["status: cancelled"])
    assert "ends: left out, the notice had not started (starts 2026-12-20 08:00)" in result.stdout


def test_the_first_update_to_an_empty_list_is_written_as_a_block(project, notice):
    notice.write_text(COMMENTED.replace('updates:\n  - at: 2026-11-21 09:00\n    text: "Work is on schedule."\n',
                                        "updates: []\n"))
    assert invoke(project, "update", "mill-lane", "Reopened.").returncode == 0
    assert "updates:\n  - at: 2026-11-25 09:00\n    text: Reopened.\n---" in notice.read_text()
