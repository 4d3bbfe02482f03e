"""sitemap.xml (every public page, with its last change where the manifest knows it) and robots.txt."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: Folders of the built site that hold no pages (the search index, the theme's files).
SKIPPED_FOLDERS = ("pagefind", "theme", "admin")
#: Settings naming pages that are not landing pages (they also say noindex).
UNLISTED_PAGE_SETTINGS = ("NOT_FOUND_SAVE_AS", "SEARCH_SAVE_AS")


def page_urls(output: Path, siteurl: str, unlisted: set[str]) -> list[tuple[str, str]]:
    """(address, path) for every HTML page in the built site, sorted, index.html written as its folder."""
    pages = []
    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output).as_posix()
        if relative in unlisted or relative.split("/")[0] in SKIPPED_FOLDERS:
            continue
        address = relative.removesuffix("index.html")
        pages.append((f"{siteurl}/{address}", relative))
    return pages


def last_changes(output: Path) -> dict[str, str]:
    """Address -> last change (ISO date-time) for every entry in the manifest, if there is one."""
    manifest = output / "entries.json"
    if not manifest.is_file():
        return {}
    entries = json.loads(manifest.read_text(encoding="utf-8"))["entries"]
    return {entry["url"]: entry.get("updated") or entry["date"] for entry in entries}


def sitemap_xml(pages: list[tuple[str, str]], changes: dict[str, str]) -> bytes:
    urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    for address, _ in pages:
        url = etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = address
        if address in changes:
            etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = changes[address]
    return etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def robots_txt(siteurl: str, disallow: list[str]) -> str:
    rules = "".join(f"Disallow: {path}\n" for path in disallow) or "Disallow:\n"
    return f"User-agent: *\n{rules}\nSitemap: {siteurl}/sitemap.xml\n"


def write_sitemap_and_robots(pelican) -> None:
    settings = pelican.settings
    output = Path(settings["OUTPUT_PATH"])
    siteurl = settings["SITEURL"].rstrip("/")
    unlisted = {settings[name] for name in UNLISTED_PAGE_SETTINGS if settings.get(name)}
    (output / "sitemap.xml").write_bytes(sitemap_xml(page_urls(output, siteurl, unlisted), last_changes(output)))
    (output / "robots.txt").write_text(robots_txt(siteurl, settings.get("ROBOTS_DISALLOW", [])), encoding="utf-8")
