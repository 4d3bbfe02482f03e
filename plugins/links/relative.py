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
#: The characters of an attribute's name.
NAME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:.")
REL = re.compile(r'\srel="([^"]*)"')


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
    split = re.match(r"([^?#]*)(.*)", target)
    path, rest = split.group(1), split.group(2)
    if index_files and (path == "" or path.endswith("/")):
        path += "index.html"
    if path == "" and rest:
        return rest
    relative = _relative_path(path or ".", posixpath.dirname(page))
    if path.endswith("/") or path == "":
        relative = relative.rstrip("/") + "/" if relative != "." else "./"
    return relative + rest


def _relative_path(path: str, start: str) -> str:
    """posixpath.relpath for two paths inside the site, without its calls to the file system
    (os.getcwd for each link made a third of a build's link work)."""
    parts, start_parts = _segments(path), _segments(start)
    if ".." in parts or ".." in start_parts:
        return posixpath.relpath(path, start or ".")
    common = 0
    while common < min(len(parts), len(start_parts)) and parts[common] == start_parts[common]:
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + parts[common:]) or "."


def _segments(path: str) -> list[str]:
    return [part for part in path.split("/") if part and part != "."]


def relativise(html: str, page: str, siteurl: str, index_files: bool = True) -> str:
    """Every link in ``html`` (the page saved at output path ``page``) to the site, made relative.

    It looks only where an attribute's value starts with the site's address or a /, a literal search
    the regular expression engine does quickly (a page has some 70 such links in 16 KB), then checks
    that the attribute is one of LINK_ATTRIBUTES inside a tag, not text that looks like one.
    """
    siteurl = siteurl.rstrip("/")
    pieces, copied, made = [], 0, {}
    for match in _address_start(siteurl).finditer(html):
        equals = match.start()
        name_start = equals
        while name_start > 0 and html[name_start - 1] in NAME_CHARACTERS:
            name_start -= 1
        name, tag_start = html[name_start:equals], html.rfind("<", 0, name_start)
        if (name not in LINK_ATTRIBUTES or not html[name_start - 1].isspace() or tag_start < 0
                or not html[tag_start + 1:tag_start + 2].isalpha() or html.find(">", tag_start, name_start) >= 0):
            continue  # another attribute, or text that is not in a tag
        value_start, value_end = equals + 2, html.find('"', equals + 2)
        if value_end < 0:
            break
        if _tag_name(html, tag_start) == "link":
            rel = REL.search(html, tag_start, html.find(">", value_end) + 1)
            if rel and ABSOLUTE_RELS & set(rel.group(1).lower().split()):
                continue  # <link rel="canonical">, feeds: the public address
        value, to_index = html[value_start:value_end], index_files and name != FOLDER_ATTRIBUTE
        if (value, to_index) not in made:
            target = site_path(value, siteurl)
            made[value, to_index] = value if target is None else relative_address(target, page, to_index)
        pieces += (html[copied:value_start], made[value, to_index])
        copied = value_end
    pieces.append(html[copied:])
    return "".join(pieces)


@lru_cache(maxsize=8)
def _address_start(siteurl: str) -> re.Pattern[str]:
    """Where an attribute's value that may be the site's starts: its address or a path (not //host)."""
    site = re.escape(siteurl) + '(?=[/"?#])|' if siteurl else ""
    return re.compile(f'="(?:{site}/(?!/))')


def _tag_name(html: str, start: int) -> str:
    end = start + 1
    while end < len(html) and (html[end].isalnum() or html[end] == "-"):
        end += 1
    return html[start + 1:end].lower()


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
