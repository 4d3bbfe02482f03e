"""``invoke report``: overdue FAQ by owner, stale notices, days since the last post, as staff read it."""

from __future__ import annotations

import shutil

import lxml.html

from conftest import NOW

OVERDUE_FAQ = """
question: "Can I put a grit bin on my street?"
date: 2026-01-10 09:00
summary: "Residents can ask for a grit bin on a steep road that is not on a gritting route."
topic: roads
owner: Highways team
review_by: 2026-10-01
"""
FRESH_ADVISORY = """
title: Footpath repairs on Hill Top
date: 2026-11-20 09:00
summary: The footpath on Hill Top is being repaired; use the other side of the road.
notice_type: road_closure
severity: advisory
starts: 2026-11-20 09:00
areas: [northgate]
"""


def test_report_lists_overdue_faq_by_owner_and_stale_notices(content_copy, site_builder, tmp_path, publisher,
                                                              write_entry):
    write_entry(content_copy, "faq/grit-bins.md", OVERDUE_FAQ, "Yes, on a steep road. Ask the Highways team.")
    write_entry(content_copy, "notices/hill-top-footpath.md", FRESH_ADVISORY)
    assert site_builder(content_copy) == 0
    site = tmp_path / "output"
    assert publisher.run(site).returncode == 0
    summary = tmp_path / "summary.md"

    result = publisher.module("publish.content_report", site, {"NOTICEBOARD_NOW": NOW,
                                                                "GITHUB_STEP_SUMMARY": str(summary)})

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "  Highways team:\n    55 days overdue (review by 2026-10-01): Can I put a grit bin on my street?" in out
    assert "  Communities team:\n    24 days overdue (review by 2026-11-01): Where can I keep warm this winter?" in out
    assert out.index("Highways team") < out.index("Communities team")  # the most overdue first
    assert "warning: no update for 26 hours (limit 12 hours): Quay Street closed because of flooding" in out
    assert "Footpath repairs on Hill Top" not in out  # 5 days, within NOTICE_STALE_DAYS
    assert "Flood warning for the River Ford" not in out  # updated within URGENT_STALE_HOURS
    assert "Days since the last post:\n  outbox: " in out

    page = lxml.html.fromstring((site / "_reports" / "content.html").read_bytes())
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]
    assert page.xpath("//h3/text()") == ["Highways team", "Communities team"]
    assert "Quay Street closed because of flooding" in page.text_content()
    assert "### Content report" in summary.read_text()
    assert "_reports" not in (site / "sitemap.xml").read_text()


def test_stale_limits_are_settings(sample_site, tmp_path, publisher):
    site = tmp_path / "output"
    shutil.copytree(sample_site, site)
    result = publisher.module("publish.content_report", site, {"NOTICEBOARD_NOW": NOW},
                              NOTICE_STALE_DAYS=30, URGENT_STALE_HOURS=48)
    assert result.returncode == 0, result.stderr
    assert "Notices with no recent update: none" in result.stdout
    assert "Days since the last post: nothing posted yet" in result.stdout
