"""Every feed the sample site writes is valid in its own format, with absolute links only."""

from __future__ import annotations

import json

from feed_validation import (
    A,
    atom_entries,
    atom_problems,
    cap_problems,
    feed_files,
    is_absolute,
    json_feed_problems,
    links_in,
    parse_feed,
    read_calendar,
)
from lxml import etree

from conftest import SITEURL


def test_the_sample_site_has_every_kind_of_feed(sample_site):
    files = feed_files(sample_site)
    names = {path.relative_to(sample_site).as_posix() for paths in files.values() for path in paths}
    expected = {
        "feeds/all.atom.xml", "feeds/all.rss.xml", "feeds/all.json", "feeds/news.atom.xml", "feeds/notices.rss.xml",
        "feeds/type/road_closure.atom.xml", "feeds/type/emergency.rss.xml", "feeds/topic/waste.atom.xml",
        "feeds/area/riverside.atom.xml", "feeds/area/millbrook.rss.xml", "calendar/all.ics",
        "calendar/area/riverside.ics", "notices/flood-warning-river-ford/notice.ics",
        "alerts/flood-warning-river-ford.xml", "alerts/quay-street-closure.xml", "alerts/storm-damage-clear-up.xml",
        "alerts/index.atom.xml", "feeds/feeds.opml",
    }
    assert expected <= names
    # Only warning and emergency notices have CAP alerts.
    assert {p.stem for p in files["cap"]} == {"flood-warning-river-ford", "quay-street-closure", "storm-damage-clear-up"}


def test_every_atom_feed_is_valid_rfc_4287(sample_site):
    atom = feed_files(sample_site)["atom"]
    assert len(atom) > 20
    for path in atom:
        assert atom_problems(path) == [], path
        assert parse_feed(path).version == "atom10", path


def test_every_rss_feed_parses_without_error(sample_site):
    for path in feed_files(sample_site)["rss"]:
        parsed = parse_feed(path)
        assert parsed.version == "rss20", path
        assert all(entry.id.startswith("tag:riverford.example,2026:") for entry in parsed.entries), path


def test_the_json_feed_follows_json_feed_1_1(sample_site):
    (path,) = feed_files(sample_site)["json"]
    # feedparser 6.0 does not read JSON Feed, so the JSON Schema written from the spec is the check.
    assert json_feed_problems(path) == []
    document = json.loads(path.read_bytes())
    atom_ids = list(atom_entries(sample_site / "feeds" / "all.atom.xml"))
    assert [item["id"] for item in document["items"]] == atom_ids
    assert all(is_absolute(item["url"]) for item in document["items"])


def test_every_cap_alert_is_valid_cap_1_2(sample_site):
    for path in feed_files(sample_site)["cap"]:
        assert cap_problems(path) == [], path


def test_every_calendar_round_trips_through_icalendar(sample_site):
    calendars = feed_files(sample_site)["ics"]
    assert len(calendars) >= 16
    for path in calendars:
        calendar = read_calendar(path)
        for event in calendar.walk("VEVENT"):
            assert str(event["UID"]).startswith("tag:riverford.example,2026:notices/"), path
            assert event["DTSTART"].dt.tzinfo is not None, path
        if calendar.walk("VEVENT"):
            assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"], path


def test_the_opml_file_lists_every_atom_feed(sample_site):
    (path,) = feed_files(sample_site)["opml"]
    outlines = etree.parse(str(path)).getroot().iter("outline")
    listed = {outline.get("xmlUrl") for outline in outlines if outline.get("xmlUrl")}
    atom = {f"{SITEURL}/{p.relative_to(sample_site).as_posix()}" for p in feed_files(sample_site)["atom"]}
    assert listed == atom


def test_feed_content_has_no_relative_links(sample_site):
    checked = 0
    for path in feed_files(sample_site)["atom"]:
        for entry in atom_entries(path).values():
            for element in (entry.find(f"{A}content"), entry.find(f"{A}summary")):
                if element is not None and element.get("type") == "html":
                    links = links_in(element.text or "")
                    checked += len(links)
                    assert all(is_absolute(link) for link in links), (path, links)
            assert all(is_absolute(link.get("href")) for link in entry.findall(f"{A}link")), path
    assert checked > 0


def test_relative_links_in_a_post_become_absolute(content_copy, site_builder, tmp_path):
    post = content_copy / "posts" / "new-recycling-bins.md"
    post.write_text(post.read_text() + "\n[What goes in which bin](../../faq/what-goes-in-recycling/) and "
                                       "![A bin](/images/recycling-bins.png)\n")
    assert site_builder(content_copy) == 0
    entry = atom_entries(tmp_path / "output" / "feeds" / "all.atom.xml")[
        "tag:riverford.example,2026:posts/new-recycling-bins"]
    links = links_in(entry.find(f"{A}content").text)
    assert f"{SITEURL}/faq/what-goes-in-recycling/" in links
    assert f"{SITEURL}/images/recycling-bins.png" in links
    assert all(is_absolute(link) for link in links)
