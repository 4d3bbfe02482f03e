"""Slots: parts of every page that change on their own, such as the banner of urgent notices.

A new emergency notice changes the banner on all 10,000 pages, and nothing else on most of them.
A page's template writes ``<!--slot:NAME-->`` where the part goes; the part is rendered from the
template PAGE_SLOTS names (one element with the id NAME), once per language per build, and put in its
place. A page the memo keeps (nothing else on it changed) gets the new part by replacing that element
in the file as written, filtered as the page was (links made relative, minified); when the element
cannot be found exactly once, the page is rendered whole instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from frontmatter.display import page_language

#: A function (html, page's path in the output folder) -> html, run on every page before it is written.
#: One whose result does not depend on the path says so with ``ignores_path = True`` (minify does):
#: a slot's part is then filtered by it once per build for each form the part takes, not once per page.
PageFilter = Callable[[str, str], str]


def placeholder(name: str) -> str:
    return f"<!--slot:{name}-->"


class Slots:
    """The parts PAGE_SLOTS names ({name: template}), rendered once per language in a build."""

    def __init__(self, templates: Mapping[str, str]) -> None:
        self.templates = dict(templates)
        self._rendered: dict[str, dict[str, str]] = {}

    def for_page(self, context: Mapping[str, Any], environment: Any) -> dict[str, str]:
        """Each slot's HTML for the page whose template context is ``context``: one dict per language."""
        lang = page_language(context)
        if lang not in self._rendered:
            self._rendered[lang] = {name: environment.get_template(template).render(context)
                                    for name, template in self.templates.items()}
        return self._rendered[lang]


def fill(text: str, parts: Mapping[str, str]) -> str:
    """A rendered page with each slot's placeholder replaced by its part."""
    for name, part in parts.items():
        text = text.replace(placeholder(name), part)
    return text


def replace_parts(written: str, old: Mapping[str, str], new: Mapping[str, str], path: str,
                  filters: list[PageFilter]) -> str | None:
    """The page as written at ``path`` with each changed part replaced by the new one, filtered as the page
    was; None when a part cannot be found in the page (the page is then rendered whole).

    A part is one element whose ``id`` is the slot's name (``<div id="urgent-notices">``), found in the page
    as written by that id and the element's own closing tag: the old part need not be filtered again.
    """
    for name, part in new.items():
        if old.get(name) == part:
            continue
        region = _element(written, name)
        if region is None:
            return None
        for page_filter in filters:
            part = _filtered_alike(page_filter, part) if getattr(page_filter, "ignores_path", False) else (
                page_filter(part, path))
        written = written[:region[0]] + part.strip() + written[region[1]:]
    return written


def without_parts(html: str, names: tuple[str, ...]) -> str:
    """The page without the slots' parts, where each is found: what is left when the banner changes."""
    for name in names:
        region = _element(html, name)
        if region is not None:
            html = html[:region[0]] + html[region[1]:]
    return html


@lru_cache(maxsize=256)
def _filtered_alike(page_filter: PageFilter, part: str) -> str:
    """A part filtered by a filter that gives every page the same result: the banner as relativised for
    one folder depth is the same on thousands of pages."""
    return page_filter(part, "")


def _element(html: str, element_id: str) -> tuple[int, int] | None:
    """Where the element with ``element_id`` starts and ends in ``html``, when its id is in the page exactly
    once, written with or without quotes (a minifier drops them). String searches, not a regular
    expression over the page: this runs for every page of the site when the banner changes."""
    found = [at for form in (f'id="{element_id}"', f"id='{element_id}'", f"id={element_id}")
             for at in _occurrences(html, form) if html[at - 1].isspace()
             and html[at + len(form)] in " \t\n\r/>"]
    if len(found) != 1:
        return None
    start = html.rfind("<", 0, found[0])
    tag = re.match(r"<([a-zA-Z][a-zA-Z0-9]*)", html[start:start + 32])
    if tag is None:
        return None
    opening, closing = f"<{tag.group(1)}", f"</{tag.group(1)}>"
    depth, position = 1, html.index(">", found[0]) + 1
    while depth:
        next_open, next_close = html.find(opening, position), html.find(closing, position)
        if next_close < 0:
            return None
        if 0 <= next_open < next_close and html[next_open + len(opening)] in " \t\n\r/>":
            depth, position = depth + 1, next_open + len(opening)
        else:
            depth, position = depth - 1, next_close + len(closing)
    return start, position


def _occurrences(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found
