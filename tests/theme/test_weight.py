"""A phone on a slow connection: the published home page is small, uses no web fonts, and images don't jump."""

from __future__ import annotations

import gzip
import re

import lxml.html

from conftest import ROOT, SITEURL

#: The budget for the home page's HTML plus its CSS, gzipped (issue 5).
HOME_BUDGET_BYTES = 30 * 1024


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def test_published_home_page_html_and_css_fit_in_30_kb_gzipped(served_site):
    home = (served_site.output / "index.html").read_bytes()
    sheets = lxml.html.fromstring(home).xpath('//link[@rel="stylesheet"]/@href')
    assert sheets, "the home page has its stylesheet"
    css = b"".join((served_site.output / href.removeprefix(served_site.url + "/")).read_bytes() for href in sheets)
    assert gzipped_size(home) + gzipped_size(css) <= HOME_BUDGET_BYTES


def test_publishing_minifies_html_and_css(sample_site, served_site):
    for path in ("index.html", "notices/flood-warning-river-ford/index.html", "theme/css/site.css"):
        built = (sample_site / path).read_bytes().replace(SITEURL.encode(), served_site.url.encode())
        published = (served_site.output / path).read_bytes()
        assert len(published) < len(built) and b">\n" not in published, path
    source_css = (ROOT / "theme" / "static" / "css" / "site.css").stat().st_size
    assert (served_site.output / "theme" / "css" / "site.css").stat().st_size < 0.8 * source_css


def test_no_web_fonts(served_site):
    css = (served_site.output / "theme" / "css" / "site.css").read_text()
    assert "@font-face" not in css and "url(" not in css
    assert not [p for p in served_site.output.rglob("*") if p.suffix in (".woff", ".woff2", ".ttf", ".otf")]


def test_every_image_has_its_size_and_loads_lazily(sample_site):
    images = [(page, img) for page in sample_site.rglob("*.html") if "pagefind" not in page.parts
              for img in lxml.html.fromstring(page.read_bytes()).iter("img")]
    assert images, "the sample site has pictures"
    for page, img in images:
        assert re.fullmatch(r"[1-9]\d*", img.get("width", "")) and re.fullmatch(r"[1-9]\d*", img.get("height", "")), page
        assert img.get("loading") == "lazy" and img.get("alt"), page
