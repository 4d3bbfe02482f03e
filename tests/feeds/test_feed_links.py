"""Pages announce their feeds, and /subscribe/ lists every feed the site writes."""

from __future__ import annotations

from pathlib import Path

from feed_validation import feed_files
from lxml import html

from conftest import SITEURL


def alternates(page: Path) -> dict[str, str]:
    """href -> type of every feed <link rel="alternate"> in a page's head (not the page in other languages)."""
    return {link.get("href"): link.get("type") for link in html.parse(str(page)).getroot().head.iter("link")
            if link.get("rel") == "alternate" and link.get("hreflang") is None}


def output_file(site: Path, url: str) -> Path:
    assert url.startswith(f"{SITEURL}/"), url
    return site / url.removeprefix(f"{SITEURL}/")


def test_a_notice_page_announces_its_feeds_calendar_and_alert(sample_site):
    links = alternates(sample_site / "notices/flood-warning-river-ford/index.html")
    expected = {
        "feeds/all.atom.xml": "application/atom+xml", "feeds/notices.rss.xml": "application/rss+xml",
        "feeds/type/emergency.atom.xml": "application/atom+xml", "feeds/area/riverside.atom.xml": "application/atom+xml",
        "feeds/area/millbrook.rss.xml": "application/rss+xml",
        "notices/flood-warning-river-ford/notice.ics": "text/calendar",
        "alerts/flood-warning-river-ford.xml": "application/cap+xml",
    }
    assert {f"{SITEURL}/{path}": kind for path, kind in expected.items()}.items() <= links.items()
    assert f"{SITEURL}/feeds/area/northgate.atom.xml" not in links


def test_an_area_page_announces_the_area_feeds_and_calendar(sample_site):
    links = alternates(sample_site / "areas/riverside/index.html")
    assert links[f"{SITEURL}/feeds/area/riverside.atom.xml"] == "application/atom+xml"
    assert links[f"{SITEURL}/feeds/area/riverside.rss.xml"] == "application/rss+xml"
    assert links[f"{SITEURL}/calendar/area/riverside.ics"] == "text/calendar"
    assert f"{SITEURL}/feeds/area/millbrook.atom.xml" not in links


def test_every_page_announces_the_site_feed_and_only_files_that_exist(sample_site):
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        links = alternates(page)
        root = "cy/" if page.relative_to(sample_site).parts[0] == "cy" else ""
        assert f"{SITEURL}/{root}feeds/all.atom.xml" in links, page
        assert all(output_file(sample_site, href).is_file() for href in links), page
    topic = alternates(sample_site / "news/new-recycling-bins/index.html")
    assert f"{SITEURL}/feeds/topic/recycling.atom.xml" in topic and f"{SITEURL}/feeds/news.atom.xml" in topic


def test_the_subscribe_page_lists_every_feed_file(sample_site):
    page = html.parse(str(sample_site / "subscribe/index.html")).getroot()
    listed = {a.get("href") for a in page.iter("a") if a.get("href", "").startswith(f"{SITEURL}/")}
    files = feed_files(sample_site)
    subscribable = [*files["atom"], *files["rss"], *files["json"], *files["opml"],
                    *(p for p in files["ics"] if p.name != "notice.ics")]
    assert len(subscribable) > 50
    missing = {p.relative_to(sample_site).as_posix() for p in subscribable} - {
        href.removeprefix(f"{SITEURL}/") for href in listed}
    assert missing == set()
    feedish = [href for href in listed if href.endswith((".xml", ".json", ".ics", ".opml"))]
    assert all(output_file(sample_site, href).is_file() for href in feedish)
    assert page.xpath("//h2[@id='what-is-a-feed']")[0].text_content() == "What is a feed?"
