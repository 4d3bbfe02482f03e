"""sitemap.xml (every public page, with its last change where the manifest knows it) and robots.txt."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from changed_files.writer import SITE_PAGES_SETTING
from manifest.generator import LAST_CHANGES_SETTING, MANIFEST_NAME, last_changes

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
#: Folders of the built site that hold no pages (the search index, the theme's files).
SKIPPED_FOLDERS = ("pagefind", "theme", "admin")
#: Settings naming pages that are not landing pages (they also say noindex).
UNLISTED_PAGE_SETTINGS = ("NOT_FOUND_SAVE_AS", "SEARCH_SAVE_AS")


def page_urls(html_files: Iterable[str], siteurl: str, unlisted: set[str],
              roots: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(address, path) for every page of ``html_files`` (paths in the built site), sorted, index.html
    written as its folder.

    ``roots`` are the other languages' folders ("cy/"): their unlisted pages are unlisted too.
    """
    unlisted = unlisted | {root + path for root in roots for path in unlisted}
    pages = []
    for relative in sorted(html_files, key=lambda relative: relative.split("/")):
        if relative in unlisted or relative.split("/")[0] in SKIPPED_FOLDERS:
            continue
        address = relative.removesuffix("index.html")
        pages.append((f"{siteurl}/{address}", relative))
    return pages


def manifest_changes(output: Path) -> dict[str, str]:
    """Address -> last change (ISO date-time) for every entry in the manifest, if there is one."""
    manifest = output / MANIFEST_NAME
    if not manifest.is_file():
        return {}
    return last_changes(json.loads(manifest.read_text(encoding="utf-8"))["entries"])


def language_versions(pages: list[tuple[str, str]], siteurl: str, languages: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Address -> (language, address) of each version of a page that exists in more than one language.

    The default language is at the root and each other language under /<lang>/, as the pages' own
    hreflang links say.
    """
    roots = {lang: "" if index == 0 else f"{lang.lower()}/" for index, lang in enumerate(languages)}
    present = {path for _, path in pages}
    versions: dict[str, list[tuple[str, str]]] = {}
    for _, path in pages:
        if any(root and path.startswith(root) for root in roots.values()):
            continue
        found = [(lang, f"{siteurl}/{(root + path).removesuffix('index.html')}") for lang, root in roots.items()
                 if root + path in present]
        if len(found) > 1:
            for _, address in found:
                versions[address] = found
    return versions


def sitemap_xml(pages: list[tuple[str, str]], changes: dict[str, str],
                versions: dict[str, list[tuple[str, str]]] | None = None) -> bytes:
    """The sitemap; a page in several languages lists each version (xhtml:link hreflang), itself included."""
    versions = versions or {}
    nsmap = {None: SITEMAP_NS, "xhtml": XHTML_NS} if versions else {None: SITEMAP_NS}
    urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap=nsmap)
    for address, _ in pages:
        url = etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = address
        if address in changes:
            etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = changes[address]
        for lang, other in versions.get(address, ()):
            etree.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=lang, href=other)
    return etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def robots_txt(siteurl: str, disallow: list[str]) -> str:
    rules = "".join(f"Disallow: {path}\n" for path in disallow) or "Disallow:\n"
    return f"User-agent: *\n{rules}\nSitemap: {siteurl}/sitemap.xml\n"


def write_sitemap_and_robots(pelican) -> None:
    settings = pelican.settings
    output = Path(settings["OUTPUT_PATH"])
    siteurl = settings["SITEURL"].rstrip("/")
    unlisted = {settings[name] for name in UNLISTED_PAGE_SETTINGS if settings.get(name)}
    languages = list(settings.get("LANGUAGES") or [settings["DEFAULT_LANG"]])
    pages = page_urls(settings[SITE_PAGES_SETTING], siteurl, unlisted, tuple(f"{lang.lower()}/" for lang in languages[1:]))
    changes = settings.get(LAST_CHANGES_SETTING)  # the manifest's, made in this build
    (output / "sitemap.xml").write_bytes(sitemap_xml(pages, manifest_changes(output) if changes is None else changes,
                                                     language_versions(pages, siteurl, languages)))
    (output / "robots.txt").write_text(robots_txt(siteurl, settings.get("ROBOTS_DISALLOW", [])), encoding="utf-8")
