"""The sample site in English and Welsh: /cy/ pages, their language, the way between them, Welsh words and dates."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.etree
import lxml.html

from conftest import SITEURL

FLOOD = "notices/flood-warning-river-ford/"


def page(site: Path, path: str):
    return lxml.html.fromstring((site / path / "index.html" if not path.endswith(".html") else site / path).read_bytes())


def hreflangs(doc) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in doc.xpath("//head/link[@rel='alternate'][@hreflang]")}


def test_a_translated_notice_has_a_welsh_page_and_each_page_points_to_the_other(sample_site):
    welsh, english = page(sample_site, f"cy/{FLOOD}"), page(sample_site, FLOOD)
    assert (welsh.get("lang"), english.get("lang")) == ("cy", "en-GB")
    both = {"en-GB": f"{SITEURL}/{FLOOD}", "cy": f"{SITEURL}/cy/{FLOOD}", "x-default": f"{SITEURL}/{FLOOD}"}
    assert hreflangs(welsh) == hreflangs(english) == both
    assert welsh.cssselect("h1")[0].text_content().startswith("Rhybudd llifogydd")
    switch = welsh.cssselect("nav.language-switcher a")[0]
    assert (switch.get("href"), switch.text_content(), switch.get("lang")) == (f"{SITEURL}/{FLOOD}", "English", "en-GB")
    assert english.cssselect("nav.language-switcher a")[0].get("href") == f"{SITEURL}/cy/{FLOOD}"


def test_welsh_pages_have_welsh_navigation_labels_and_dates(sample_site):
    doc = page(sample_site, f"cy/{FLOOD}")
    nav = [a.text_content() for a in doc.xpath("//nav[@aria-label='Prif ddewislen']//a")]
    assert nav[:5] == ["Hysbysiadau", "Newyddion", "Cwestiynau", "Ardaloedd", "Pynciau"]
    assert all(href.startswith(f"{SITEURL}/cy/") for href in doc.xpath("//nav[@aria-label='Prif ddewislen']//a/@href")[:5])
    facts = {dt.text_content(): dt.getnext().text_content() for dt in doc.cssselect("dl.facts dt")}
    assert facts["Cyhoeddwyd"] == "Dydd Llun 23 Tachwedd 2026, 4yh"
    assert facts["Ardaloedd"] == "Glan yr Afon, Millbrook"
    assert doc.cssselect("a.skip-link")[0].text_content() == "Neidio i’r prif gynnwys"


def test_an_untranslated_entry_switches_to_the_welsh_home_page_and_shows_in_english_in_welsh_lists(sample_site):
    english = page(sample_site, "notices/mill-lane-resurfacing/")
    assert not (sample_site / "cy/notices/mill-lane-resurfacing").exists()
    assert hreflangs(english) == {}
    assert english.cssselect("nav.language-switcher a")[0].get("href") == f"{SITEURL}/cy/"
    welsh_list = page(sample_site, "cy/notices/")
    card = next(a for a in welsh_list.cssselect("article.notice-card")
                if "mill-lane-resurfacing" in a.cssselect("a")[0].get("href"))
    assert card.get("lang") == "en-GB"
    assert card.cssselect("a")[0].get("href") == f"{SITEURL}/notices/mill-lane-resurfacing/"


def test_every_list_page_exists_in_welsh_with_its_alternates(sample_site):
    for path in ("", "news/", "notices/", "notices/archive/", "notices/type/emergency/", "areas/", "areas/riverside/",
                 "faq/", "topics/", "topics/flooding/", "search/"):
        doc = page(sample_site, f"cy/{path}")
        assert doc.get("lang") == "cy", path
        assert hreflangs(doc) == {"en-GB": f"{SITEURL}/{path}", "cy": f"{SITEURL}/cy/{path}",
                                  "x-default": f"{SITEURL}/{path}"}, path
    assert page(sample_site, "cy/areas/riverside/").cssselect("h1")[0].text_content() == "Glan yr Afon"
    assert page(sample_site, "cy/topics/flooding/").cssselect("h1")[0].text_content() == "Llifogydd"
    news = [a.text_content() for a in page(sample_site, "cy/news/").cssselect("article.card h2 a")]
    assert "Grantiau adfer ar ôl llifogydd ar agor i gartrefi a busnesau" in news


def test_the_banner_shows_each_urgent_notice_in_both_languages(sample_site):
    for path, first_lang, other_lang in (("", "en-GB", "cy"), ("cy/", "cy", "en-GB")):
        alert = page(sample_site, path).cssselect(".alert-banner li.alert-emergency")[0]
        links = alert.cssselect("a")
        assert [link.get("href") for link in links] == [
            f"{SITEURL}/{'cy/' if first_lang == 'cy' else ''}{FLOOD}", f"{SITEURL}/{'cy/' if other_lang == 'cy' else ''}{FLOOD}"]
        assert links[1].get("lang") == other_lang


def test_a_site_in_one_language_has_no_welsh_pages_switcher_or_alternates(content_copy, site_builder, tmp_path):
    for translation in content_copy.rglob("*.cy.md"):
        translation.unlink()
    assert site_builder(content_copy, LANGUAGES=["en-GB"]) == 0
    output = tmp_path / "output"
    assert not (output / "cy").exists()
    doc = page(output, FLOOD)
    assert doc.get("lang") == "en-GB"
    assert hreflangs(doc) == {} and doc.cssselect("nav.language-switcher") == []
    assert "Tuesday 24 November 2026, 7:30am" in doc.text_content()


def test_the_sitemap_lists_each_language_version_of_a_page(sample_site):
    tree = lxml.etree.parse(str(sample_site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}

    def versions(address: str) -> dict[str, str]:
        (url,) = tree.xpath(f"//s:url[s:loc='{address}']", namespaces=ns)
        return {link.get("hreflang"): link.get("href") for link in url.xpath("x:link", namespaces=ns)}

    both = {"en-GB": f"{SITEURL}/{FLOOD}", "cy": f"{SITEURL}/cy/{FLOOD}"}
    assert versions(f"{SITEURL}/{FLOOD}") == versions(f"{SITEURL}/cy/{FLOOD}") == both
    assert versions(f"{SITEURL}/cy/") == {"en-GB": f"{SITEURL}/", "cy": f"{SITEURL}/cy/"}
    assert versions(f"{SITEURL}/notices/mill-lane-resurfacing/") == {}
    assert not tree.xpath(f"//s:loc[.='{SITEURL}/cy/search/']", namespaces=ns)
    (welsh,) = tree.xpath(f"//s:url[s:loc='{SITEURL}/cy/{FLOOD}']/s:lastmod", namespaces=ns)
    assert welsh.text == "2026-11-25T01:30:00+00:00"


def test_search_indexes_each_language_apart(sample_site):
    indexes = json.loads((sample_site / "pagefind" / "pagefind-entry.json").read_text())["languages"]
    assert set(indexes) == {"en-gb", "cy"}
    welsh_entries = [p for folder in ("notices", "news", "faq") for p in (sample_site / "cy" / folder).glob("*/index.html")
                     if p.parent.name not in ("archive", "page", "type")]
    assert indexes["cy"]["page_count"] == len(welsh_entries) == 8


def structured(doc) -> list[dict]:
    return json.loads(doc.xpath("//script[@type='application/ld+json']")[0].text)["@graph"]


def test_structured_data_on_welsh_pages_is_in_welsh_and_points_to_welsh_pages(sample_site):
    site = next(item for item in structured(page(sample_site, "cy/")) if item["@type"] == "WebSite")
    assert (site["inLanguage"], site["url"]) == ("cy", f"{SITEURL}/cy/")
    notice = structured(page(sample_site, f"cy/{FLOOD}"))
    announcement = next(item for item in notice if item["@type"] == "SpecialAnnouncement")
    assert [area["name"] for area in announcement["spatialCoverage"]] == ["Glan yr Afon", "Millbrook"]
    crumbs = next(item for item in notice if item["@type"] == "BreadcrumbList")["itemListElement"]
    assert [crumb["item"] for crumb in crumbs[:2]] == [f"{SITEURL}/cy/", f"{SITEURL}/cy/notices/"]
    assert crumbs[0]["name"] == "Hafan"
