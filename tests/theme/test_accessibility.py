"""WCAG 2.2 AA as a person meets it: axe-core finds nothing, the keyboard works, text reflows at 320 px."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

#: axe-core rule sets: WCAG 2.0-2.2 A and AA, and axe's own best practices.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                                     "best-practice"]},
               "resultTypes": ["violations"]}

PAGES = {
    "home": "",
    "notice": "notices/flood-warning-river-ford/",
    "notice with correction": "notices/mill-lane-resurfacing/",
    "notice list": "notices/",
    "archive": "notices/archive/",
    "news article": "news/new-recycling-bins/",
    "FAQ index": "faq/",
    "FAQ page": "faq/sandbags/",
    "area": "areas/riverside/",
    "social media": "social-media/",
    "404": "404.html",
    "search results": "search/?q=flood",
    "Welsh home": "cy/",
    "Welsh notice": "cy/notices/flood-warning-river-ford/",
    "Welsh notice list": "cy/notices/",
    "Welsh FAQ page": "cy/faq/sandbags/",
    "Welsh search results": "cy/search/?q=llifogydd",
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_axe_finds_no_violations(page, served_site, axe, path):
    page.goto(served_site.at(path))
    if path.startswith("search/"):
        page.locator("#search-results a").first.wait_for()
    results = axe.run(page, options=AXE_OPTIONS)
    problems = [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}" for v in results.response["violations"]]
    assert results.violations_count == 0, "\n".join(problems)


def test_the_first_tab_reaches_the_skip_link_and_enter_moves_focus_to_main(page, served_site):
    page.goto(served_site.at("notices/flood-warning-river-ford/"))
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.textContent]")
    assert focused == ["skip-link", "Skip to main content"]
    assert page.locator(".skip-link").bounding_box()["x"] >= 0, "the skip link is on screen when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null"), "the next Tab stays in the content"


def test_focus_is_visible_on_links(page, served_site):
    page.goto(served_site.at(""))
    link = page.locator("main a").first
    before = link.evaluate("a => getComputedStyle(a).backgroundColor")
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert link.evaluate("a => a === document.activeElement")
    assert link.evaluate("a => getComputedStyle(a).backgroundColor") != before


@pytest.mark.parametrize("path", ["", "notices/flood-warning-river-ford/", "notices/", "cy/notices/flood-warning-river-ford/"])
def test_pages_reflow_at_320_px_and_with_text_at_200_percent(browser, served_site, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        tab = context.new_page()
        tab.goto(served_site.at(path))
        assert tab.evaluate("document.documentElement.scrollWidth") <= 320, "no sideways scrolling at 320 px"
        tab.set_viewport_size({"width": 640, "height": 640})
        tab.evaluate("document.documentElement.style.fontSize = '200%'")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 640, "no sideways scrolling at 200% text"
        clipped = tab.evaluate("""[...document.querySelectorAll('main h1, main p, main a, .alert a')]
            .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow === 'hidden').length""")
        assert clipped == 0
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("name, path", [("home", ""), ("notice", "notices/flood-warning-river-ford/")])
def test_screenshots_for_review(browser, served_site, width, name, path):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(served_site.at(path))
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"{name}-{width}.png"
        tab.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        assert tab.locator("h1").is_visible()
    finally:
        context.close()
