"""Search works with JavaScript and only from the site itself (no request leaves it); without JavaScript
every list, filter and question still works, and printing a notice drops the page furniture."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_the_build_indexes_the_site_for_search(served_site):
    bundle = served_site.output / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert list((bundle / "fragment").iterdir())
    languages = json.loads((bundle / "pagefind-entry.json").read_text())["languages"]
    searchable = [page for page in served_site.output.rglob("*.html") if "data-pagefind-body" in page.read_text()]
    assert sum(language["page_count"] for language in languages.values()) == len(searchable) > 20


def test_search_from_the_header_finds_a_question_without_leaving_the_site(page, served_site):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served_site.at("news/"))
    page.get_by_label("Search this site").fill("sandbags")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=sandbags")
    result = page.locator("#search-results a", has_text="Where can I get sandbags?")
    result.first.wait_for(timeout=15_000)
    assert result.first.evaluate("a => a.href") == served_site.at("faq/sandbags/")
    assert page.get_by_role("status").inner_text().endswith("for “sandbags”.")
    assert not page.get_by_text("Search needs JavaScript").is_visible()
    outside = {urlsplit(url).netloc for url in requests} - {urlsplit(served_site.url).netloc}
    assert not outside, f"search reached beyond the site: {outside}"


def test_without_javascript_the_search_page_offers_the_lists(no_js_page, served_site):
    no_js_page.goto(served_site.at("search/?q=sandbags"))
    assert no_js_page.get_by_text("Search needs JavaScript").is_visible()
    no_js_page.get_by_role("link", name="Questions and answers by topic").click()
    assert no_js_page.url == served_site.at("faq/")


def test_without_javascript_filters_are_links_and_questions_open(no_js_page, served_site):
    no_js_page.goto(served_site.at("notices/"))
    filters = no_js_page.get_by_role("navigation", name="Filter notices")
    filters.get_by_role("link", name="Road closure notices").click()
    assert no_js_page.url == served_site.at("notices/type/road_closure/")
    assert no_js_page.locator("h1").inner_text() == "Road closure notices"
    current = no_js_page.get_by_role("navigation", name="Filter notices").locator("[aria-current=page]")
    assert current.inner_text().startswith("Road closure")
    no_js_page.goto(served_site.at("faq/"))
    answer = no_js_page.get_by_role("link", name="Full answer: Where can I get sandbags?")
    assert not answer.is_visible()
    no_js_page.get_by_text("Where can I get sandbags?", exact=True).click()
    assert answer.is_visible()


def test_printing_a_notice_keeps_the_notice_and_drops_navigation(page, served_site):
    page.goto(served_site.at("notices/flood-warning-river-ford/"))
    assert not page.locator(".printed-from").is_visible()
    page.emulate_media(media="print")
    try:
        for hidden in (".site-header nav", ".site-search", ".alert-banner", ".breadcrumbs", ".footer-links"):
            assert not page.locator(hidden).first.is_visible(), hidden
        for shown in ("h1", ".facts", ".updates", ".printed-from"):
            assert page.locator(shown).first.is_visible(), shown
        assert served_site.at("notices/flood-warning-river-ford/") in page.locator(".printed-from").inner_text()
    finally:
        page.emulate_media(media="screen")
