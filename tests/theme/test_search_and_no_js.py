"""Search works with JavaScript and only from the site itself (no request leaves it); without JavaScript
every list, filter and question still works, and printing a notice drops the page furniture."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def index_parts(site: Path) -> dict[str, dict[str, str]]:
    """The parts of the site's search index by path, each with the pages it holds (from Pagefind's
    fragments): their addresses and languages."""
    bundle = site / "pagefind"
    parts = json.loads((bundle / "parts.json").read_text())["parts"]
    held = {}
    for part in parts:
        fragments = (bundle / part["path"] / "fragment").iterdir()  # named <language>_<digest>.pf_fragment
        held[part["path"]] = {
            json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]: path.name.split("_")[0]
            for path in fragments}
    return held


def test_the_build_indexes_the_site_for_search_in_parts(served_site):
    bundle = served_site.output / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    parts = index_parts(served_site.output)
    assert len(parts) > 3, "parts of ten pages"
    searchable = [page for page in served_site.output.rglob("*.html") if "data-pagefind-body" in page.read_text()]
    addresses = [url for part in parts.values() for url in part]
    assert len(addresses) == len(set(addresses)) == len(searchable) > 20, "each page in one part"
    assert set(parts[""].values()) == {"en-gb", "cy"}, "the first part holds every language"


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


def search_results(page, address: str) -> list[str]:
    page.goto(address)
    page.locator("#search-results a").first.wait_for(timeout=15_000)
    return [link.evaluate("a => new URL(a.href).pathname") for link in page.locator("#search-results a").all()]


def test_search_finds_pages_in_every_part_of_the_index(page, served_site):
    parts = index_parts(served_site.output)
    found = search_results(page, served_site.at("search/?q=flood"))
    holding = {path for path, pages in parts.items() for url in found if url in pages}
    assert len(holding) > 1, f"results from one part only: {found}"
    assert all(parts_of_url(parts, url) == ["en-gb"] for url in found), "English pages for an English search"
    count = int(page.get_by_role("status").inner_text().split()[0])
    assert count >= len(found) > 5


def parts_of_url(parts: dict[str, dict[str, str]], url: str) -> list[str]:
    return [language for pages in parts.values() for address, language in pages.items() if address == url]


def test_welsh_search_merges_only_the_parts_in_welsh(page, served_site):
    parts = index_parts(served_site.output)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    found = search_results(page, served_site.at("cy/search/?q=llifogydd"))
    assert found and all(url.startswith("/cy/") for url in found), found
    welsh = {path for path, pages in parts.items() if "cy" in pages.values()}
    loaded = {path for path in parts if any(r == f"/pagefind/{path}pagefind-entry.json" for r in requests)}
    assert loaded == welsh != set(parts), "the search page loads the parts with Welsh pages, and only those"


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
