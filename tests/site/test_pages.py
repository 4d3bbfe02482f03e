"""The built sample site, read as a citizen would: pages, lists, the banner, the archive."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from conftest import SAMPLE_CONTENT, SITEURL


def page(site: Path, path: str):
    return lxml.html.fromstring((site / path).read_bytes())


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def test_every_published_sample_entry_has_its_own_page(sample_site):
    manifest = json.loads((sample_site / "entries.json").read_text())
    urls = {entry["url"] for entry in manifest["entries"]}
    assert len(urls) == len(manifest["entries"]) >= 8 + 14 + 15
    for url in urls:
        path = url.removeprefix(SITEURL + "/") + "index.html"
        assert (sample_site / path).is_file(), path
    for folder, prefix in (("posts", "news"), ("notices", "notices"), ("faq", "faq")):
        for source in (SAMPLE_CONTENT / folder).glob("*.md"):
            if len(source.suffixes) == 1 and source.stem not in ("new-website-notices", "council-tax-system-upgrade"):
                assert f"{SITEURL}/{prefix}/{source.stem}/" in urls


def test_future_dated_entries_wait_for_their_date(sample_site, content_copy, site_builder, tmp_path):
    assert not (sample_site / "news" / "new-website-notices").exists()
    assert not (sample_site / "notices" / "council-tax-system-upgrade").exists()
    assert "new-website-notices" not in (sample_site / "news" / "index.html").read_text()
    assert site_builder(content_copy, now="2027-02-01T09:00:00+00:00") == 0
    later = tmp_path / "output"
    assert (later / "news" / "new-website-notices" / "index.html").is_file()
    assert (later / "notices" / "council-tax-system-upgrade" / "index.html").is_file()


def notice_links(site: Path, path: str) -> list[str]:
    return [a.get("href") for a in page(site, path).cssselect("main .notice-card h2 a, main .notice-card h3 a")]


def all_list_pages(site: Path, first: str) -> list[str]:
    """The first list page and its /page/N/ followers."""
    pages, number = [first], 2
    while (site / first.replace("index.html", f"page/{number}/index.html")).exists():
        pages.append(first.replace("index.html", f"page/{number}/index.html"))
        number += 1
    return pages


def test_ended_resolved_and_cancelled_notices_move_to_the_archive_and_keep_their_page(sample_site):
    current = [link for p in all_list_pages(sample_site, "notices/index.html") for link in notice_links(sample_site, p)]
    archived = [link for p in all_list_pages(sample_site, "notices/archive/index.html")
                for link in notice_links(sample_site, p)]
    for slug in ("storm-damage-clear-up", "winter-fair-cancelled", "eastfield-park-fireworks", "bank-holiday-bin-changes"):
        url = f"{SITEURL}/notices/{slug}/"
        assert url in archived and url not in current, slug
        assert (sample_site / "notices" / slug / "index.html").is_file()
    assert f"{SITEURL}/notices/flood-warning-river-ford/" in current


@pytest.mark.parametrize("path", ["index.html", "news/new-recycling-bins/index.html", "faq/index.html",
                                  "faq/sandbags/index.html", "areas/eastfield/index.html", "404.html"])
def test_every_page_shows_the_banner_most_severe_first(sample_site, path):
    items = page(sample_site, path).cssselect(".alert-banner li")
    assert [text_of(item).split(":")[0] for item in items] == ["Emergency", "Warning"]
    assert all(item.cssselect(".severity-label svg.icon") for item in items), "a shape as well as a word"
    assert items[0].cssselect("a")[0].get("href") == f"{SITEURL}/notices/flood-warning-river-ford/"
    assert items[1].cssselect("a")[0].get("href") == f"{SITEURL}/notices/quay-street-closure/"


def test_the_banner_goes_when_the_emergency_is_resolved(content_copy, site_builder, tmp_path):
    for name in ("flood-warning-river-ford", "quay-street-closure"):
        notice = content_copy / "notices" / f"{name}.md"
        notice.write_text(notice.read_text().replace("areas:", "status: resolved\nareas:", 1))
    assert site_builder(content_copy) == 0
    assert page(tmp_path / "output", "index.html").cssselect(".alert-banner") == []


def test_a_notice_page_says_what_where_when_and_what_changed(sample_site):
    doc = page(sample_site, "notices/flood-warning-river-ford/index.html")
    facts = dict(zip((text_of(dt) for dt in doc.cssselect("dl.facts dt")),
                     (text_of(dd) for dd in doc.cssselect("dl.facts dd")), strict=True))
    assert facts["Type"] == "Emergency"
    assert facts["Severity"] == "Emergency"
    assert facts["Status"] == "Active"
    assert facts["When"] == "From Monday 23 November 2026, 4pm until further notice"
    assert facts["Where"].startswith("Quay Street")
    assert facts["Areas"] == "Riverside, Millbrook"
    times = [t.get("datetime") for t in doc.cssselect(".updates li time")]
    assert times == sorted(times, reverse=True) and len(times) == 4
    assert "Emergency line 01632 960999" in text_of(doc.cssselect("main")[0])


def test_a_correction_is_shown_prominently(sample_site):
    doc = page(sample_site, "notices/mill-lane-resurfacing/index.html")
    box = doc.cssselect("main .correction")
    assert box and "The closure ends on 4 December, not 14 December" in text_of(box[0])
    assert doc.cssselect("main h1")[0].getnext() is box[0]


def test_faq_index_groups_questions_by_topic(sample_site):
    doc = page(sample_site, "faq/index.html")
    groups = {text_of(s.cssselect("h2")[0]): [text_of(q) for q in s.cssselect("details summary")]
              for s in doc.cssselect("main section")}
    assert len(groups) >= 4
    assert "How do I report a problem?" in groups["Council"]
    assert "Where can I get sandbags?" in groups["Flooding"]


@pytest.mark.parametrize("path", [
    "notices/type/road_closure/index.html", "areas/riverside/index.html", "topics/waste/index.html",
    "news/index.html", "notices/archive/index.html", "faq/social-media-accounts/index.html", "contact-us/index.html",
])
def test_section_pages_exist_with_one_heading(sample_site, path):
    assert len(page(sample_site, path).cssselect("h1")) == 1


def test_area_page_lists_only_that_areas_notices(sample_site):
    links = notice_links(sample_site, "areas/northgate/index.html")
    assert f"{SITEURL}/notices/northgate-water-main/" in links
    assert f"{SITEURL}/notices/flood-warning-river-ford/" not in links
