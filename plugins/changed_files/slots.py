"""Slots: parts of every page that change on their own, such as the banner of urgent notices.

A new emergency notice changes the banner on all 10,000 pages, and nothing else on most of them.
A page's template writes ``<!--slot:NAME-->`` where the part goes; the part is rendered from the
template PAGE_SLOTS names, once per language per build, and put in its place. A page the memo keeps
(nothing else on it changed) gets the new part by replacing the old one in the file as written,
filtered as the page was (links made relative, minified); when the old part cannot be found exactly
once, the page is rendered whole instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from frontmatter.display import page_language

#: A function (html, page's path in the output folder) -> html, run on every page before it is written.
PageFilter = Callable[[str, str], str]


def placeholder(name: str) -> str:
    return f"<!--slot:{name}-->"


class Slots:
    """The parts PAGE_SLOTS names ({name: template}), rendered once per language in a build."""

    def __init__(self, templates: Mapping[str, str]) -> None:
        self.templates = dict(templates)
        self._rendered: dict[tuple[str, str], str] = {}

    def for_page(self, context: Mapping[str, Any], environment: Any) -> dict[str, str]:
        """Each slot's HTML for the page whose template context is ``context``."""
        lang = page_language(context)
        parts = {}
        for name, template in self.templates.items():
            if (name, lang) not in self._rendered:
                self._rendered[name, lang] = environment.get_template(template).render(context)
            parts[name] = self._rendered[name, lang]
        return parts


def fill(text: str, parts: Mapping[str, str]) -> str:
    """A rendered page with each slot's placeholder replaced by its part."""
    for name, part in parts.items():
        text = text.replace(placeholder(name), part)
    return text


def replace_parts(written: str, old: Mapping[str, str], new: Mapping[str, str], path: str,
                  filters: list[PageFilter]) -> str | None:
    """The page as written at ``path`` with each changed part replaced, filtered as the page was; None when
    an old part is not in the page exactly once (the page is then rendered whole)."""
    for name, part in new.items():
        if old.get(name) == part:
            continue
        if name not in old:
            return None
        before, after = old[name], part
        for page_filter in filters:
            before, after = page_filter(before, path), page_filter(after, path)
        if not before or written.count(before) != 1:
            return None
        written = written.replace(before, after)
    return written
