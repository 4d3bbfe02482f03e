"""Clean the HTML rendered from a Markdown body, so an entry can never run code on the council's site.

Markdown lets editors write raw HTML, and a pasted ``<script>``, ``<iframe>`` or ``javascript:`` link
would run in every reader's browser. After rendering, the HTML goes through nh3 (the ammonia
sanitiser) with an allow-list of what a council page needs; everything else is removed. The
``SANITISER_EXTRA_TAGS`` setting allows named extra tags (with their attributes) for a council that
needs an embed, and :func:`lost_markup` tells ``invoke check`` what an entry would lose.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

import nh3

if TYPE_CHECKING:
    from frontmatter.cache import ContentCache

#: The setting naming extra tags and their attributes, such as {"iframe": ["src", "title"]}.
EXTRA_TAGS_SETTING = "SANITISER_EXTRA_TAGS"
#: What decides what the sanitiser keeps besides its input: a cache of what it removed is keyed on this.
SANITISER_CODE = hashlib.sha256(Path(__file__).read_bytes() + version("nh3").encode()).hexdigest()
#: Tags a council page needs: text, headings, lists, tables, links, pictures, quotes, code, details.
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
#: Attributes allowed on every tag ("*") and per tag; no event handlers (on*), no style but table alignment.
ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "class", "title", "lang", "dir"}),
    "a": frozenset({"href", "hreflang"}),
    "abbr": frozenset({"title"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "td": frozenset({"colspan", "rowspan", "style"}),
    "th": frozenset({"colspan", "rowspan", "scope", "style"}),
    "col": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "time": frozenset({"datetime"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "details": frozenset({"open"}),
}
#: The only link and picture addresses kept (relative addresses are kept too).
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: The one style property kept: Markdown tables write their column alignment as a style.
STYLE_PROPERTIES = frozenset({"text-align"})
#: Removed with everything inside them, not just their tags: their content is code or a form, not text.
CONTENT_TAGS = frozenset({"script", "style", "template", "noscript", "textarea", "select", "option"})


def sanitise(html: str, extra_tags: Mapping[str, Iterable[str]] | None = None) -> str:
    """``html`` with only allowed tags, attributes and link schemes; ``extra_tags`` maps tag -> attributes."""
    extra = {tag.lower(): frozenset(a.lower() for a in attrs) for tag, attrs in (extra_tags or {}).items()}
    attributes = {tag: set(names) for tag, names in ATTRIBUTES.items()}
    for tag, names in extra.items():
        attributes.setdefault(tag, set()).update(names)
    return nh3.clean(html, tags=set(TAGS | extra.keys()), clean_content_tags=set(CONTENT_TAGS - extra.keys()),
                     attributes=attributes, url_schemes=set(URL_SCHEMES),
                     filter_style_properties=set(STYLE_PROPERTIES), link_rel=None)


def lost_markup(html: str, extra_tags: Mapping[str, Iterable[str]] | None = None) -> list[str]:
    """What :func:`sanitise` removes from ``html``, such as ``<script>`` or ``href="javascript:..." on <a>``."""
    return _sanitised(html, extra_tags)[1]


def sanitised(html: str, extra_tags: Mapping[str, Iterable[str]] | None, cache: ContentCache) -> tuple[str, list[str]]:
    """``html`` as published, and what the sanitiser removed from it (:func:`lost_markup`), kept in the
    content cache under the HTML: the check needs the second and the reader the first, and sanitising
    and comparing 10,000 bodies takes seconds."""
    key = hashlib.sha256(f"{SANITISER_CODE}\0{sorted((extra_tags or {}).items())!r}\0{html}".encode()).hexdigest()
    return cache.made("sanitised", key, lambda: _sanitised(html, extra_tags))


def _sanitised(html: str, extra_tags: Mapping[str, Iterable[str]] | None) -> tuple[str, list[str]]:
    clean = sanitise(html, extra_tags)
    if clean == html:  # nothing removed, as for most bodies: reading both again was 80 % of the work
        return clean, []
    before, after = _markup(html), _markup(clean)
    return clean, [what for what, count in before.items() if count > after[what]]


def _markup(html: str) -> Counter[str]:
    """Each tag (``<tag>``) and attribute (``name on <tag>``; addresses with their value) in ``html``."""
    found: Counter[str] = Counter()

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found[f"<{tag}>"] += 1
            for name, value in attrs:
                if name in ("href", "src") and value is not None:
                    found[f'{name}="{value}" on <{tag}>'] += 1
                else:
                    found[f"{name} on <{tag}>"] += 1

    collector = Collector(convert_charrefs=True)
    collector.feed(html)
    collector.close()
    return found
