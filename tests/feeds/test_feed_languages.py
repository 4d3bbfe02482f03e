"""Feeds per language: the Welsh feeds under /cy/, each valid, in Welsh, with ids of their own."""

from __future__ import annotations

import json

from feed_validation import A, atom_entries, atom_problems, json_feed_problems, parse_feed, read_calendar

from conftest import SITEURL

FLOOD_ID = "tag:riverford.example,2026:notices/flood-warning-river-ford"


def test_the_welsh_feeds_are_valid_and_say_they_are_welsh(sample_site):
    welsh = sample_site / "cy"
    atom = sorted(welsh.glob("feeds/**/*.atom.xml"))
    rss = sorted(welsh.glob("feeds/**/*.rss.xml"))
    assert len(atom) == len(list(sample_site.glob("feeds/**/*.atom.xml"))) > 20
    for path in atom:
        assert atom_problems(path) == [], path
        assert parse_feed(path).feed.language == "cy", path
    for path in rss:
        parsed = parse_feed(path)
        assert (parsed.version, parsed.feed.language) == ("rss20", "cy"), path
    document = json.loads((welsh / "feeds/all.json").read_bytes())
    assert json_feed_problems(welsh / "feeds/all.json") == []
    assert document["language"] == "cy" and document["feed_url"] == f"{SITEURL}/cy/feeds/all.json"
    assert json.loads((sample_site / "feeds/all.json").read_bytes())["language"] == "en-GB"


def test_a_welsh_feed_carries_the_welsh_words_with_ids_of_their_own(sample_site):
    welsh = atom_entries(sample_site / "cy/feeds/notices.atom.xml")
    english = atom_entries(sample_site / "feeds/notices.atom.xml")
    assert FLOOD_ID in english and FLOOD_ID not in welsh
    flood = welsh["tag:riverford.example,2026:cy/notices/flood-warning-river-ford"]
    assert flood.findtext(f"{A}title").startswith("Rhybudd llifogydd")
    assert flood.find(f"{A}link").get("href") == f"{SITEURL}/cy/notices/flood-warning-river-ford/"
    content = flood.findtext(f"{A}content")
    assert "<h3>Diweddariadau</h3>" in content and "Ardaloedd: Glan yr Afon, Millbrook" in content
    untranslated = welsh["tag:riverford.example,2026:cy/notices/mill-lane-resurfacing"]
    assert untranslated.find(f"{A}link").get("href") == f"{SITEURL}/notices/mill-lane-resurfacing/"
    assert atom_entries(sample_site / "cy/feeds/all.atom.xml")  # the whole site, too


def test_welsh_calendars_have_welsh_text_and_their_own_uids(sample_site):
    welsh = read_calendar(sample_site / "cy/calendar/all.ics")
    english = read_calendar(sample_site / "calendar/all.ics")
    welsh_uids = {str(event["UID"]) for event in welsh.walk("VEVENT")}
    english_uids = {str(event["UID"]) for event in english.walk("VEVENT")}
    assert len(welsh_uids) == len(english_uids) and not welsh_uids & english_uids
    bins = next(e for e in welsh.walk("VEVENT") if str(e["UID"]).endswith("cy/notices/christmas-bin-collections"))
    assert str(bins["SUMMARY"]) == "Casgliadau biniau dros y Nadolig a’r Flwyddyn Newydd"
    assert read_calendar(sample_site / "cy/notices/christmas-bin-collections/notice.ics").walk("VEVENT")
    assert not (sample_site / "cy/notices/mill-lane-resurfacing").exists()


def test_welsh_pages_announce_the_welsh_feeds_and_the_subscribe_page_is_welsh(sample_site):
    page = (sample_site / "cy/notices/flood-warning-river-ford/index.html").read_text(encoding="utf-8")
    assert f'href="{SITEURL}/cy/feeds/all.atom.xml"' in page
    assert f'href="{SITEURL}/cy/notices/flood-warning-river-ford/notice.ics"' in page
    assert f'href="{SITEURL}/alerts/flood-warning-river-ford.xml"' in page
    subscribe = (sample_site / "cy/subscribe/index.html").read_text(encoding="utf-8")
    assert "<h1>Tanysgrifio</h1>" in subscribe and f"{SITEURL}/cy/feeds/area/riverside.atom.xml" in subscribe
    assert (sample_site / "cy/feeds/feeds.opml").is_file()
