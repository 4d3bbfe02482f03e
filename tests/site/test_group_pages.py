"""/groups/ and its plain-link filters, and each area's and topic's own groups, in the built sample site."""

from __future__ import annotations

from pathlib import Path

import feedparser
import lxml.html
from ruamel.yaml import YAML

from conftest import SAMPLE_CONTENT, SITEURL

SAMPLE_GROUPS = YAML(typ="safe").load((SAMPLE_CONTENT / "groups.yaml").read_text())


def names(site: Path, path: str) -> list[str]:
    tree = lxml.html.fromstring((site / path).read_bytes())
    return [" ".join(h.text_content().split()) for h in tree.cssselect("main .group h2, main .group h3")]


def test_groups_page_lists_every_sample_group_and_filters_with_plain_links(sample_site):
    assert len(SAMPLE_GROUPS) >= 6
    assert sorted(names(sample_site, "groups/index.html")) == sorted(g["name"] for g in SAMPLE_GROUPS.values())
    tree = lxml.html.fromstring((sample_site / "groups/index.html").read_bytes())
    filters = tree.cssselect("nav.filters a")
    hrefs = [a.get("href") for a in filters]
    assert f"{SITEURL}/groups/area/riverside/" in hrefs and f"{SITEURL}/groups/topic/flooding/" in hrefs
    assert not tree.cssselect("main script")
    for href in hrefs:
        assert (sample_site / href.removeprefix(SITEURL + "/") / "index.html").is_file(), href
    assert f"{SITEURL}/groups/" in [a.get("href") for a in tree.cssselect("header nav a")]


def test_each_filter_page_and_area_page_lists_its_own_groups(sample_site):
    for slug in ("riverside", "old-town", "millbrook", "northgate", "eastfield", "district-wide"):
        own = sorted(g["name"] for g in SAMPLE_GROUPS.values() if slug in g["areas"])
        assert own, slug
        assert sorted(names(sample_site, f"groups/area/{slug}/index.html")) == own
        assert sorted(names(sample_site, f"areas/{slug}/index.html")) == own
    flooding = sorted(g["name"] for g in SAMPLE_GROUPS.values() if "flooding" in g.get("topics", []))
    assert sorted(names(sample_site, "topics/flooding/index.html")) == flooding
    assert sorted(names(sample_site, "groups/topic/flooding/index.html")) == flooding
    current = lxml.html.fromstring((sample_site / "groups/area/riverside/index.html").read_bytes())
    assert [a.text_content().strip() for a in current.cssselect("nav.filters [aria-current=page]")] == ["Groups in Riverside"]


def test_a_group_shows_when_it_meets_and_how_to_reach_it(sample_site):
    tree = lxml.html.fromstring((sample_site / "groups/index.html").read_bytes())
    wardens = tree.get_element_by_id("riverside-flood-wardens")
    text = " ".join(wardens.text_content().split())
    assert "First Tuesday of the month, 7pm, Quay Street Community Room" in text
    assert "wardens@riversidefloodwardens.example" in text
    assert wardens.cssselect("h2 a")[0].get("href") == "https://riversidefloodwardens.example"


def test_area_feeds_name_the_areas_groups(sample_site):
    riverside = feedparser.parse((sample_site / "feeds/area/riverside.atom.xml").read_bytes())
    assert riverside.feed.subtitle == "Notices for Riverside. Community groups: Riverside Flood Wardens"
    for slug in ("old-town", "northgate"):
        feed = feedparser.parse((sample_site / f"feeds/area/{slug}.rss.xml").read_bytes())
        assert "Riverford Warm Spaces Network" in feed.feed.description
