"""Calendars hold events, road closures and bin changes: current, future and the last 90 days."""

from __future__ import annotations

from feed_validation import read_calendar

PREFIX = "tag:riverford.example,2026:notices/"


def slugs(path) -> list[str]:
    return [str(event["UID"]).removeprefix(PREFIX) for event in read_calendar(path).walk("VEVENT")]


def test_the_site_calendar_holds_dated_notices_soonest_first(sample_site):
    assert slugs(sample_site / "calendar/all.ics") == [
        "bank-holiday-bin-changes", "eastfield-park-fireworks", "northgate-water-main", "quay-street-closure",
        "millbrook-weir-footpath", "winter-fair-cancelled", "mill-lane-resurfacing", "riverside-play-area-reopens",
        "garden-waste-renewals", "christmas-bin-collections",
    ]


def test_an_area_calendar_holds_that_area_only(sample_site):
    assert slugs(sample_site / "calendar/area/riverside.ics") == [
        "quay-street-closure", "millbrook-weir-footpath", "riverside-play-area-reopens"]
    assert slugs(sample_site / "calendar/area/eastfield.ics") == ["eastfield-park-fireworks"]


def test_every_notice_has_its_own_calendar_file(sample_site):
    assert slugs(sample_site / "notices/library-hours-change/notice.ics") == ["library-hours-change"]
    event = read_calendar(sample_site / "notices/eastfield-park-fireworks/notice.ics").walk("VEVENT")[0]
    assert event["DTSTART"].to_ical() == b"20261105T173000"
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert str(event["LOCATION"]) == "Eastfield Park, main gate on Park Road"
    assert str(event["URL"]) == "https://www.riverford.example/notices/eastfield-park-fireworks/"


def test_notices_older_than_90_days_leave_the_calendars(content_copy, site_builder, tmp_path):
    assert site_builder(content_copy, now="2027-01-02T09:00:00+00:00") == 0
    later = slugs(tmp_path / "output/calendar/all.ics")
    assert "bank-holiday-bin-changes" not in later  # ended 5 September, 119 days before
    assert "eastfield-park-fireworks" in later  # 5 November, 58 days before
