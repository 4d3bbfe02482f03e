"""Rewrite a written page's links to the site itself as paths relative to that page.

Templates write every address from ``SITEURL``; this turns ``https://www.example.gov.uk/news/`` in an
``href`` into ``../news/index.html`` on ``/faq/bins/``, so ``public/index.html`` opened as a file, or
the folder served under any path, shows the styled site and links that stay inside it. Pelican's own
RELATIVE_URLS would also change SITEURL where an absolute address is required (canonical links,
OpenGraph, JSON-LD, feeds, the sitemap, CAP, the manifest, social posts): those keep the public address.
"""

from __future__ import annotations

import os
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

#: Attributes that hold an address a browser follows or loads.
LINK_ATTRIBUTES = ("href", "src", "action", "data-site-url", "poster")
#: The attribute that names the site's root folder for scripts (search), never a page.
FOLDER_ATTRIBUTE = "data-site-url"
#: <link rel> values that must keep the public address: search engines and feed readers read them.
ABSOLUTE_RELS = {"canonical", "alternate"}
REL = re.compile(r'\srel="([^"]*)"')
LINK_TAG = re.compile(r"<link[\s/>]", re.IGNORECASE)


def site_path(address: str, siteurl: str) -> str | None:
    """The path inside the site that ``address`` points to ("news/x/", "" for home), or None when external."""
    if siteurl and (address == siteurl or address.startswith(siteurl + "/")):
        return address[len(siteurl):].lstrip("/")
    if address.startswith("/") and not address.startswith("//"):
        prefix = urlsplit(siteurl).path.rstrip("/")
        path = address[len(prefix):] if prefix and address.startswith(prefix + "/") else address
        return path.lstrip("/")
    return None


def relative_address(target: str, page: str, index_files: bool) -> str:
    """``target`` (a site path with any ?query or #fragment) as seen from the page saved at ``page``."""
    return _relative_to(target, _segments(posixpath.dirname(page)), index_files)


def _relative_to(target: str, folder: list[str], index_files: bool) -> str:
    """``target`` as seen from a page in ``folder`` (its path's segments), worked out once per page."""
    end = len(target)
    for mark in "?#":
        found = target.find(mark, 0, end)
        if found >= 0:
            end = found
    path, rest = target[:end], target[end:]
    if index_files and (path == "" or path.endswith("/")):
        path += "index.html"
    if path == "" and rest:
        return rest
    relative = _relative_path(path or ".", folder)
    if path.endswith("/") or path == "":
        relative = relative.rstrip("/") + "/" if relative != "." else "./"
    return relative + rest


def _relative_path(path: str, folder: list[str]) -> str:
    """posixpath.relpath for two paths inside the site, without its calls to the file system
    (os.getcwd for each link made a third of a build's link work)."""
    parts = _segments(path)
    if ".." in parts or ".." in folder:
        return posixpath.relpath(path, "/".join(folder) or ".")
    common, most = 0, min(len(parts), len(folder))
    while common < most and parts[common] == folder[common]:
        common += 1
    return "/".join([".."] * (len(folder) - common) + parts[common:]) or "."


def _segments(path: str) -> list[str]:
    return [part for part in path.split("/") if part and part != "."]


def relativise(html: str, page: str, siteurl: str, index_files: bool = True) -> str:
    """Every link in ``html`` (the page saved at output path ``page``) to the site, made relative.

    It looks only where an attribute's value starts with the site's address or a /, a literal search
    the regular expression engine does quickly (a page has some 70 such links in 16 KB), then checks
    that the attribute is one of LINK_ATTRIBUTES inside a tag, not text that looks like one.
    """
    siteurl = siteurl.rstrip("/")
    folder = _segments(posixpath.dirname(page))
    pieces, copied, made = [], 0, {}
    for match in _address_start(siteurl).finditer(html):
        equals = match.start()
        name = _link_attribute_before(html, equals)
        tag_start = html.rfind("<", 0, equals) if name else -1
        if (tag_start < 0 or not html[tag_start + 1:tag_start + 2].isalpha()
                or html.find(">", tag_start, equals) >= 0):
            continue  # another attribute, or text that is not in a tag
        value_start, value_end = equals + 2, html.find('"', equals + 2)
        if value_end < 0:
            break
        if LINK_TAG.match(html, tag_start):
            rel = REL.search(html, tag_start, html.find(">", value_end) + 1)
            if rel and ABSOLUTE_RELS & set(rel.group(1).lower().split()):
                continue  # <link rel="canonical">, feeds: the public address
        value, to_index = html[value_start:value_end], index_files and name != FOLDER_ATTRIBUTE
        if (value, to_index) not in made:
            target = site_path(value, siteurl)
            made[value, to_index] = value if target is None else _relative_to(target, folder, to_index)
        pieces += (html[copied:value_start], made[value, to_index])
        copied = value_end
    pieces.append(html[copied:])
    return "".join(pieces)


@lru_cache(maxsize=8)
def _address_start(siteurl: str) -> re.Pattern[str]:
    """Where an attribute's value that may be the site's starts: its address or a path (not //host)."""
    site = re.escape(siteurl) + '(?=[/"?#])|' if siteurl else ""
    return re.compile(f'="(?:{site}/(?!/))')


def _link_attribute_before(html: str, equals: int) -> str | None:
    """The name of LINK_ATTRIBUTES that ends at ``equals`` after a space (not ``data-href``), if any."""
    for name in LINK_ATTRIBUTES:
        start = equals - len(name)
        if html.startswith(name, start) and start > 0 and html[start - 1].isspace():
            return name
    return None


def relativise_page(html: str, path: str, settings: dict[str, Any]) -> str:
    """A page filter (plugins/changed_files): the links of the page about to be written at ``path``,
    made relative. The 404 page (each language's, such as cy/404.html) keeps absolute links: a host serves
    it at whatever address was not found.
    """
    output, written = os.path.abspath(settings["OUTPUT_PATH"]), os.path.abspath(path)
    if written.startswith(output + os.sep):  # as the writer names its pages: no trip to the file system
        page = written[len(output) + 1:].replace(os.sep, "/")
    else:
        page = Path(path).resolve().relative_to(Path(output).resolve()).as_posix()
    not_found = settings.get("NOT_FOUND_SAVE_AS")
    if not_found and (page == not_found or page.endswith(f"/{not_found}")):
        return html
    return relativise(html, page, settings["SITEURL"], settings.get("LINK_INDEX_FILES", True))
