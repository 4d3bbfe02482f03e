"""The site as `make publish` builds it works opened as files or served from any folder (relative links),
while every address a search engine, feed reader or social platform keeps is the public one."""

from __future__ import annotations

import json
import posixpath
import threading
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree, html

from conftest import NOW, ROOT, SAMPLE_CONTENT, SITEURL
from frontmatter.build import build_site
from links.relative import relative_address, relativise

from .conftest import QuietHandler

LINKS = "//a/@href | //link[@rel='stylesheet']/@href | //img/@src | //script/@src | //form/@action"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The sample site built with publishconf.py and its own link settings, as `make publish` does."""
    output = tmp_path_factory.mktemp("published") / "public"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NOTICEBOARD_NOW", NOW)
        assert build_site(ROOT / "publishconf.py", override={"PATH": str(SAMPLE_CONTENT), "OUTPUT_PATH": str(output),
                                                             "SITEURL": SITEURL}) == 0
    return output


def pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if p.relative_to(site).parts[0] != "pagefind"]


def test_every_link_of_every_page_opens_a_file_inside_the_folder(published):
    checked = 0
    for page in pages(published):
        if page.name == "404.html":
            continue
        base = page.as_uri()
        for link in html.parse(str(page)).xpath(LINKS):
            address = urljoin(base, link)
            if urlsplit(address).scheme != "file":
                assert not address.startswith(SITEURL), f"{page}: {link} leaves the folder for the public site"
                continue
            target = Path(unquote(urlsplit(address).path))
            assert target.is_relative_to(published), f"{page}: {link} leads outside the folder"
            assert target.is_file(), f"{page}: {link} is not a file of the built site"
            checked += 1
    assert checked > 1000


def test_canonical_opengraph_structured_data_feeds_sitemap_and_manifest_keep_the_public_address(published):
    notice = html.parse(str(published / "notices" / "quay-street-closure" / "index.html"))
    absolute = [
        *notice.xpath("//link[@rel='canonical']/@href"),
        *notice.xpath("//link[@rel='alternate']/@href"),
        *notice.xpath("//meta[starts-with(@property, 'og:url') or @property='og:image']/@content"),
    ]
    structured = json.loads(notice.xpath("//script[@type='application/ld+json']/text()")[0])
    absolute += [item["url"] for item in structured if "url" in item]
    sitemap = etree.parse(str(published / "sitemap.xml"))
    absolute += sitemap.xpath("//*[local-name()='loc']/text()")
    atom = etree.parse(str(published / "feeds" / "all.atom.xml"))
    absolute += atom.xpath("//*[local-name()='link']/@href")
    manifest = json.loads((published / "entries.json").read_text())
    absolute += [entry["url"] for entry in manifest["entries"]] + [manifest["site"]["url"]]
    assert len(absolute) > 50
    assert all(address.startswith(SITEURL) for address in absolute), [a for a in absolute if not a.startswith(SITEURL)]
    assert (published / "404.html").read_text().count(f"{SITEURL}/notices/") >= 1


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_index_html_opened_as_a_file_shows_the_styled_site_and_its_links_stay_in_the_folder(browser, published):
    tab = browser.new_page()
    tab.goto((published / "index.html").as_uri())
    background = tab.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    hidden_width = tab.evaluate("document.querySelector('.visually-hidden').getBoundingClientRect().width")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent") and hidden_width <= 1
    tab.get_by_role("link", name="Questions", exact=True).first.click()
    assert tab.url == (published / "faq" / "index.html").as_uri()
    assert tab.locator("h1").inner_text()
    tab.close()


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_served_from_a_sub_folder_search_finds_a_page_under_that_folder(browser, published):
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(published.parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    folder = f"http://127.0.0.1:{server.server_port}/{published.name}/"
    try:
        tab = browser.new_page()
        tab.goto(folder + "search/index.html?q=sandbags")
        result = tab.locator("#search-results a", has_text="Where can I get sandbags?")
        result.first.wait_for(timeout=15_000)
        assert result.first.evaluate("a => a.href").startswith(folder + "faq/sandbags/")
        tab.close()
    finally:
        server.shutdown()
        server.server_close()


SEGMENTS = st.lists(st.sampled_from(["news", "notices", "cy", "a", "b", "page", "2"]), max_size=4)


@given(SEGMENTS, SEGMENTS)
def test_a_link_between_any_two_pages_is_the_path_between_their_folders(target, page):
    """The link arithmetic done by hand (for speed) agrees with posixpath's."""
    target_path, page_path = "/".join([*target, "index.html"]), "/".join([*page, "index.html"])
    assert relative_address(target_path, page_path, index_files=False) == \
        posixpath.relpath(target_path, posixpath.dirname(page_path) or ".")


def test_only_link_attributes_inside_tags_change_and_canonical_links_keep_the_public_address():
    """What the fast scan for links must tell apart: the attribute's name, being inside a tag, <link rel>."""
    page = (f'<LINK rel="canonical" href="{SITEURL}/news/"><link rel="stylesheet" href="{SITEURL}/theme/a.css">'
            f'<a data-href="/news/" href="/news/?page=2#top" title="/faq/">x</a><p>href="/faq/" in text</p>'
            f'<form action="{SITEURL}/search/"><img src="//cdn.example/a.png"><a href="{SITEURL}">home</a>')
    assert relativise(page, "faq/bins/index.html", SITEURL) == (
        f'<LINK rel="canonical" href="{SITEURL}/news/"><link rel="stylesheet" href="../../theme/a.css">'
        f'<a data-href="/news/" href="../../news/index.html?page=2#top" title="/faq/">x</a>'
        f'<p>href="/faq/" in text</p><form action="../../search/index.html"><img src="//cdn.example/a.png">'
        f'<a href="../../index.html">home</a>')
