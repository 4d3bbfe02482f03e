"""What search engines and link previews read: JSON-LD per kind of page, OpenGraph and Twitter cards,
canonical addresses, sitemap.xml and robots.txt."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from conftest import SITEURL


def doc(site: Path, path: str):
    return lxml.html.fromstring((site / path).read_bytes())


def graph(site: Path, path: str) -> dict[str, list[dict]]:
    """The page's JSON-LD objects by @type (each script must parse as JSON)."""
    found: dict[str, list[dict]] = {}
    for script in doc(site, path).cssselect('script[type="application/ld+json"]'):
        data = json.loads(script.text)
        assert data["@context"] == "https://schema.org"
        for item in data["@graph"]:
            found.setdefault(item["@type"], []).append(item)
    return found


@pytest.mark.parametrize("path, types", [
    ("index.html", {"WebSite"}),
    ("news/new-recycling-bins/index.html", {"NewsArticle", "BreadcrumbList"}),
    ("notices/flood-warning-river-ford/index.html", {"SpecialAnnouncement", "BreadcrumbList"}),
    ("notices/winter-fair-cancelled/index.html", {"Event", "BreadcrumbList"}),
    ("faq/sandbags/index.html", {"FAQPage", "BreadcrumbList"}),
    ("faq/index.html", {"FAQPage", "BreadcrumbList"}),
    ("notices/index.html", {"BreadcrumbList"}),
    ("areas/riverside/index.html", {"BreadcrumbList"}),
])
def test_json_ld_parses_and_says_what_the_page_is(sample_site, path, types):
    assert set(graph(sample_site, path)) == types


def test_news_article_names_its_headline_date_image_and_publisher(sample_site):
    article = graph(sample_site, "news/new-recycling-bins/index.html")["NewsArticle"][0]
    assert article["headline"] == "Bigger recycling bins for every home from spring"
    assert article["datePublished"].startswith("2026-11-19T10:00")
    assert article["image"] == [f"{SITEURL}/images/recycling-bins.png"]
    assert article["publisher"]["name"] == "Riverford District Council"


def test_notices_say_where_and_until_when(sample_site):
    flood = graph(sample_site, "notices/flood-warning-river-ford/index.html")["SpecialAnnouncement"][0]
    assert [place["name"] for place in flood["spatialCoverage"]] == ["Riverside", "Millbrook"]
    fair = graph(sample_site, "notices/winter-fair-cancelled/index.html")["Event"][0]
    assert fair["eventStatus"] == "https://schema.org/EventCancelled"
    assert fair["startDate"] < fair["endDate"]


def test_faq_index_answers_every_question(sample_site):
    questions = graph(sample_site, "faq/index.html")["FAQPage"][0]["mainEntity"]
    assert len(questions) == len(list((sample_site / "faq").glob("*/index.html")))
    assert all(q["acceptedAnswer"]["text"] for q in questions)


def test_breadcrumbs_lead_from_home_to_the_page(sample_site):
    crumbs = graph(sample_site, "notices/flood-warning-river-ford/index.html")["BreadcrumbList"][0]["itemListElement"]
    assert [c["item"] for c in crumbs] == [f"{SITEURL}/", f"{SITEURL}/notices/", f"{SITEURL}/notices/type/emergency/",
                                           f"{SITEURL}/notices/flood-warning-river-ford/"]
    visible = doc(sample_site, "notices/flood-warning-river-ford/index.html").cssselect("nav.breadcrumbs a")
    assert [a.get("href") for a in visible] == [c["item"] for c in crumbs]


def meta(page, key: str) -> str:
    found = page.xpath(f'//meta[@property="{key}" or @name="{key}"]/@content')
    assert len(found) == 1, key
    return found[0]


@pytest.mark.parametrize("path", ["index.html", "notices/flood-warning-river-ford/index.html",
                                  "news/new-recycling-bins/index.html", "faq/index.html", "notices/page/2/index.html"])
def test_every_page_has_a_canonical_address_and_a_link_preview(sample_site, path):
    page = doc(sample_site, path)
    address = f"{SITEURL}/{path.removesuffix('index.html')}"
    assert page.xpath('//link[@rel="canonical"]/@href') == [address]
    assert meta(page, "og:url") == address
    assert meta(page, "og:title") and meta(page, "og:description") and meta(page, "twitter:title")
    assert meta(page, "twitter:card") == "summary_large_image"
    image = meta(page, "og:image")
    assert image == meta(page, "twitter:image") and image.startswith(SITEURL + "/")
    assert (sample_site / image.removeprefix(SITEURL + "/")).is_file(), image
    assert meta(page, "og:image:alt") == meta(page, "twitter:image:alt") != ""


def test_a_story_with_a_picture_shares_that_picture_with_its_alt_text(sample_site):
    page = doc(sample_site, "news/new-recycling-bins/index.html")
    assert meta(page, "og:image") == f"{SITEURL}/images/recycling-bins.png"
    assert meta(page, "og:image:alt").startswith("A row of blue recycling bins")
    assert meta(page, "og:type") == "article"


def test_404_and_search_ask_not_to_be_indexed(sample_site):
    for path in ("404.html", "search/index.html"):
        page = doc(sample_site, path)
        assert meta(page, "robots") == "noindex" and not page.xpath('//link[@rel="canonical"]')


def test_sitemap_lists_every_page_and_robots_points_to_it(sample_site):
    tree = lxml.etree.parse(str(sample_site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
              for url in tree.getroot().findall("s:url", ns)}
    manifest = json.loads((sample_site / "entries.json").read_text())["entries"]
    for entry in manifest:
        assert listed[entry["url"]] == entry["updated"]
    for page in ("", "notices/", "notices/archive/", "faq/", "areas/riverside/", "social-media/", "notices/page/2/"):
        assert f"{SITEURL}/{page}" in listed
    assert f"{SITEURL}/404.html" not in listed and f"{SITEURL}/search/" not in listed and not any("/pagefind/" in url for url in listed)
    robots = (sample_site / "robots.txt").read_text()
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots.splitlines()
    assert "User-agent: *" in robots
