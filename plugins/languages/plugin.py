"""Pelican signal handlers: gettext for every template, and the globals a page needs to name its language."""

from __future__ import annotations

from pathlib import Path

from jinja2 import pass_context
from jinja2.runtime import Context

from frontmatter.check import site_languages
from frontmatter.display import page_language
from languages.catalogues import load_catalogues
from languages.site import alternates, lang_root, language_name, localised, under_language_root

CATALOGUES_SETTING = "NOTICEBOARD_CATALOGUES"


def add_globals(pelican) -> None:
    """Compile the catalogues once per build; give templates the page's language and its alternates."""
    settings = pelican.settings
    languages = site_languages(settings)
    settings["LANGUAGES"] = list(languages)
    settings[CATALOGUES_SETTING] = load_catalogues(Path(settings["THEME"]), languages)
    settings.setdefault("JINJA_GLOBALS", {}).update(
        page_language=pass_context(page_language),
        lang_root=pass_context(lang_root),
        alternates=pass_context(alternates),
        language_name=language_name,
    )
    settings.setdefault("JINJA_FILTERS", {}).update(localised=localised, under_language_root=under_language_root)


def install_translations(generator) -> None:
    """Jinja's i18n extension, with gettext choosing the catalogue of the page being written."""
    catalogues = generator.settings[CATALOGUES_SETTING]
    if "jinja2.ext.i18n" not in generator.env.extensions:
        generator.env.add_extension("jinja2.ext.i18n")

    @pass_context
    def gettext(context: Context, message: str) -> str:
        return catalogues[page_language(context).lower()].gettext(message)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, number: int) -> str:
        return catalogues[page_language(context).lower()].ngettext(singular, plural, number)

    generator.env.install_gettext_callables(gettext, ngettext, newstyle=True)
