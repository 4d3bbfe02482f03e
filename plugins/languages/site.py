"""A page's place among the site's languages: its address root, its other-language versions, its lists.

The default language lives at the site's root and every other language under ``/<lang>/``, so the same
page in another language is the same path under that language's root.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from pelican.contents import Content

from frontmatter.display import PAGE_SUBJECTS, locale_of, page_language


def root_of(lang: str, languages: list[str]) -> str:
    """The address prefix of ``lang``: "" for the default language, "cy/" for Welsh."""
    return "" if lang.lower() == languages[0].lower() else f"{lang.lower()}/"


def lang_root(context: Mapping[str, Any]) -> str:
    """The address prefix of the page being written, for links to the site's own sections."""
    return root_of(page_language(context), context["LANGUAGES"])


def language_name(lang: str) -> str:
    """The language's name in itself ("Cymraeg", "English"), as a language switcher shows it."""
    name = locale_of(lang).get_language_name()
    return name[:1].upper() + name[1:]


def translation_in(item: Any, lang: str) -> Any:
    """The item's version in ``lang`` when there is one, else the item itself."""
    if not isinstance(item, Content) or item.lang == lang.lower():
        return item
    return next((other for other in getattr(item, "translations", []) if other.lang == lang.lower()), item)


@pass_context
def localised(context: Context, items: Any) -> Any:
    """A list of entries (or (key, entries) groups) with each entry in the page's language where translated."""
    lang = page_language(context)
    if isinstance(items, tuple):
        return tuple(localised(context, item) for item in items)
    if isinstance(items, list):
        return [localised(context, item) for item in items]
    return translation_in(items, lang)


@pass_context
def under_language_root(context: Context, crumbs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(name, path) pairs with each site path under the page's language root (/cy/notices/ on a Welsh page)."""
    root = lang_root(context)
    return [(name, path if path.startswith("http") else root + path) for name, path in crumbs]


def alternates(context: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(language, address) of every version of this page, the current one included, in LANGUAGES order.

    An entry has the versions it was translated into; a list page exists in every language.
    """
    languages = context["LANGUAGES"]
    siteurl = context["SITEURL"]
    subject = next((context[name] for name in PAGE_SUBJECTS if isinstance(context.get(name), Content)), None)
    if subject is not None:
        versions = {item.lang: item.url for item in [subject, *getattr(subject, "translations", [])]}
        found = [(lang, f"{siteurl}/{versions[lang.lower()]}") for lang in languages if lang.lower() in versions]
        return found if len(found) > 1 else []
    path = context.get("output_file", "").removesuffix("index.html")
    root = lang_root(context)
    path = path.removeprefix(root) if root else path
    return [(lang, f"{siteurl}/{root_of(lang, languages)}{path}") for lang in languages] if len(languages) > 1 else []
