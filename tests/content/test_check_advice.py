"""`invoke check` warns about what citizens would trip over; `--strict` makes each warning an error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import NOW

SUMMARY = ("Mill Lane is closed between the bridge and Station Road while the road is resurfaced, with a signed "
           "diversion along the bypass; buses on routes 4 and 12 stop at the temporary stops on Station Road and "
           "the footpath stays open for people walking and cycling the whole time.")
NOTICE = f"""---
title: Mill Lane closed for resurfacing until the end of the month
date: 2026-11-20 08:00
summary: {SUMMARY}
notice_type: service_change
severity: advisory
areas: [riverside]
---
![](images/recycling-bins.png)
See [our old page](http://www.riverford.example/roads) and [the bins page](/faq/no-such-question/).
Ask for [sandbags](/faq/sandbags/) or [call us](tel:01632960000), see [notices](/notices/).
"""


def check(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", "check", *args], cwd=project,
                          env={**os.environ, "NOTICEBOARD_NOW": NOW}, capture_output=True, text=True, timeout=120)


def test_each_warning_names_file_line_field_and_the_fix_and_strict_makes_them_errors(project):
    (project / "content" / "notices" / "mill-lane.md").write_text(NOTICE)
    result = check(project)
    assert result.returncode == 0, result.stderr
    mine = [line for line in result.stderr.splitlines() if line.startswith("content/notices/mill-lane.md:")]
    path = "content/notices/mill-lane.md"
    expected = [
        f"{path}:1: contact: warning: a notice should say who to contact about it",
        f"{path}:4: summary: warning: the post to bluesky would be ",
        f"{path}:4: summary: warning: the post to x would be ",
        f"{path}:9: body: warning: the image images/recycling-bins.png has no alt text",
        f"{path}:10: body: warning: http://www.riverford.example/roads is an http:// link; use https://",
        f"{path}:10: body: warning: the link /faq/no-such-question/ goes to a page that does not exist",
    ]
    assert len(mine) == len(expected), mine
    for start in expected:
        assert any(line.startswith(start) for line in mine), (start, mine)
    over = next(line for line in mine if "bluesky" in line)
    assert "too long (Bluesky: 300 graphemes)" in over and "set social_text: {bluesky: ...}" in over
    strict = check(project, "--strict")
    assert strict.returncode == 1
    assert "nothing was built" in strict.stderr


def test_a_notice_that_fits_every_platform_and_links_to_real_pages_has_no_warning(project):
    """Also after a check of the file as it was: what the check kept of it is not reused for new text."""
    (project / "content" / "notices" / "mill-lane.md").write_text(NOTICE)
    assert "mill-lane.md:4: summary: warning: the post to bluesky" in check(project).stderr
    fixed = (NOTICE.replace(SUMMARY, "Mill Lane is closed for resurfacing; follow the signed diversion.")
             .replace("![](", "![Blue bins](").replace("http://", "https://").replace("no-such-question", "missed-bin")
             .replace("areas: [riverside]", "areas: [riverside]\ncontact: Highways team"))
    (project / "content" / "notices" / "mill-lane.md").write_text(fixed)
    result = check(project)
    assert "mill-lane.md" not in result.stderr


def test_a_long_update_is_reported_at_its_own_line(project):
    long_update = "Crews are still working on the weir. " * 8
    notice = (NOTICE.replace(SUMMARY, "Closed for repairs.").replace("areas: [riverside]", "areas: [riverside]\n"
              "contact: Highways team\nupdates:\n  - at: 2026-11-21 09:00\n    text: Short.\n"
              f"  - at: 2026-11-22 09:00\n    text: {long_update.strip()}"))
    (project / "content" / "notices" / "mill-lane.md").write_text(notice)
    lines = [line for line in check(project).stderr.splitlines() if line.startswith("content/notices/mill-lane.md:")]
    over = [line for line in lines if "too long" in line]
    assert over and all(line.startswith("content/notices/mill-lane.md:12: updates: warning: the post to") for line in over)
