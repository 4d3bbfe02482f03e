"""The theme's pages read as a citizen would: filters as plain links, archive by month, questions that open
in place, the social media page, pagination, one h1, dates in <time>, links that make sense alone."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import lxml.html
import pytest

from conftest import SAMPLE_CONTENT, SITEURL, build
from frontmatter.schema import NOTICE_TYPES
from pelicanconf import SOCIAL_ACCOUNTS, SOCIAL_MODERATION_RULES, SOCIAL_REPLY_HOURS


def doc(site: Path, path: str):
    return lxml.html.fromstring((site / path).read_bytes())


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


@pytest.mark.parametrize("path, current", [
    ("notices/index.html", "notices/"),
    ("notices/archive/index.html", "notices/archive/"),
    ("notices/type/road_closure/index.html", "notices/type/road_closure/"),
    ("areas/riverside/index.html", "areas/riverside/"),
])
def test_notice_lists_filter_by_status_type_and_area_with_plain_links(sample_site, path, current):
    nav = doc(sample_site, path).cssselect('nav[aria-label="Filter notices"]')[0]
    hrefs = [a.get("href") for a in nav.cssselect("a")]
    expected = ["notices/", "notices/archive/", *(f"notices/type/{t}/" for t in NOTICE_TYPES)]
    assert [f"{SITEURL}/{e}" for e in expected] == hrefs[:len(expected)]
    assert f"{SITEURL}/areas/riverside/" in hrefs and f"{SITEURL}/areas/district-wide/" in hrefs
    for href in hrefs:
        assert (sample_site / href.removeprefix(SITEURL + "/") / "index.html").is_file(), href
    assert [a.get("href") for a in nav.cssselect('a[aria-current="page"]')] == [f"{SITEURL}/{current}"]


def test_archive_is_grouped_by_month_newest_first(sample_site):
    page = doc(sample_site, "notices/archive/index.html")
    months = [t.get("datetime") for t in page.cssselect("main h2.month time")]
    assert months == sorted(set(months), reverse=True) and len(months) >= 2
    first_month = page.cssselect("main h2.month")[0]
    card = first_month.getnext()
    assert "notice-card" in card.get("class") and card.cssselect("h3 a")


def test_lists_are_paginated_with_numbered_pages(sample_site):
    first, second = doc(sample_site, "notices/index.html"), doc(sample_site, "notices/page/2/index.html")
    pages = first.cssselect("nav.pagination a")
    assert [text_of(a) for a in pages] == ["Page 1 of 2", "Page 2 of 2", "Next page"]
    assert pages[0].get("aria-current") == "page"
    assert second.cssselect("nav.pagination a[rel=prev]")[0].get("href") == f"{SITEURL}/notices/"
    titles = [a.get("href") for page in (first, second) for a in page.cssselect(".notice-card h2 a")]
    assert len(titles) == len(set(titles)) == 11


def test_a_long_list_links_its_ends_and_neighbours_not_every_page(tmp_path):
    """At one notice a page the archive runs to many pages; each links the first, the last and its
    neighbours, with the gaps shown, so a screen reader does not tab through hundreds of links."""
    output = tmp_path / "output"
    assert build(SAMPLE_CONTENT, output, DEFAULT_PAGINATION=1) == 0
    last = len(list((output / "notices" / "page").iterdir())) + 1
    assert last >= 7
    middle = doc(output, "notices/page/4/index.html").cssselect("nav.pagination")[0]
    assert [text_of(a) for a in middle.cssselect("a")] == [
        "Previous page", f"Page 1 of {last}", f"Page 3 of {last}", f"Page 4 of {last}", f"Page 5 of {last}",
        f"Page {last} of {last}", "Next page"]
    assert [text_of(li) for li in middle.cssselect("li.pagination-gap")] == ["…", "…"]
    assert middle.cssselect("a[aria-current=page]")[0].get("href") == f"{SITEURL}/notices/page/4/"
    first = doc(output, "notices/index.html").cssselect("nav.pagination")[0]
    assert [text_of(a) for a in first.cssselect("a")] == [
        f"Page 1 of {last}", f"Page 2 of {last}", f"Page {last} of {last}", "Next page"]


def test_faq_index_questions_open_in_place_and_link_to_the_full_answer(sample_site):
    page = doc(sample_site, "faq/index.html")
    questions = page.cssselect("main section details")
    assert len(questions) == 16
    for question in questions:
        title = text_of(question.cssselect("summary")[0])
        link = question.cssselect("a")[-1]
        assert text_of(link) == f"Full answer: {title}"
        assert (sample_site / link.get("href").removeprefix(SITEURL + "/") / "index.html").is_file()


def test_home_page_has_banner_current_notices_news_faq_topics_and_subscribe(sample_site):
    page = doc(sample_site, "index.html")
    assert page.cssselect(".alert-banner .alert-emergency a")
    severities = [b.get("class").split("badge-")[1] for b in page.cssselect("#current-title ~ .notice-card .badge")]
    order = ["emergency", "warning", "advisory", "info"]
    assert severities == sorted(severities, key=order.index) and severities[0] == "emergency"
    assert len(page.cssselect("#news-title ~ article.card")) == 4
    assert f"{SITEURL}/faq/#topic-flooding" in page.xpath("//section[@aria-labelledby='faq-title']//a/@href")
    subscribe = page.cssselect(".subscribe-box a.button")[0]
    assert subscribe.get("href") == f"{SITEURL}/subscribe/" and "Subscribe" in text_of(subscribe)


def test_social_media_page_lists_accounts_and_rules_from_the_settings(sample_site):
    page = doc(sample_site, "social-media/index.html")
    main = text_of(page.cssselect("main")[0])
    for account in SOCIAL_ACCOUNTS:
        assert account["url"] in page.xpath("//main//a/@href") and account["handle"] in main
    for rule in SOCIAL_MODERATION_RULES:
        assert rule in main
    assert SOCIAL_REPLY_HOURS in main
    assert "During emergencies we post updates as replies" in main, "the Markdown page's own words"
    headings = [text_of(h) for h in page.cssselect("main h2")]
    assert {"Our accounts", "How to ask a question", "Moderation", "Corrections"} <= set(headings)
    footer_links = page.xpath("//footer//a/@href")
    assert f"{SITEURL}/social-media/" in footer_links


def test_every_page_has_one_h1_a_language_and_a_main_landmark(sample_site):
    for path in html_pages(sample_site):
        page = lxml.html.fromstring(path.read_bytes())
        assert len(page.cssselect("h1")) == 1, path
        welsh = path.relative_to(sample_site).parts[0] == "cy"
        assert page.get("lang") == ("cy" if welsh else "en-GB"), path
        assert len(page.cssselect("main#main")) == 1 and page.cssselect("a.skip-link[href='#main']"), path


def test_every_time_element_has_a_machine_readable_datetime(sample_site):
    times = [t for path in html_pages(sample_site) for t in lxml.html.fromstring(path.read_bytes()).iter("time")]
    assert len(times) > 100
    for time in times:
        value = time.get("datetime")
        if len(value) == 7:
            date.fromisoformat(value + "-01")
        else:
            datetime.fromisoformat(value)


VAGUE_LINK_TEXT = {"here", "click here", "more", "read more", "link", "this page", "page"}


def test_link_text_makes_sense_alone(sample_site):
    for path in html_pages(sample_site):
        targets: dict[str, str] = {}
        for link in lxml.html.fromstring(path.read_bytes()).iter("a"):
            text = text_of(link).lower()
            assert text and text not in VAGUE_LINK_TEXT, (path, text)
            href = link.get("href").split("#")[0]
            assert targets.setdefault(text, href) == href, f"{path}: '{text}' leads to two places"
