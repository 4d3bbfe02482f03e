"""Pelican signal handlers: gettext for every template, and the globals a page needs to name its language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

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
    """Jinja's i18n extension, with gettext choosing the catalogue of the page being written.

    The callables follow Jinja's "newstyle" gettext (the text escaped where the template escapes, then
    %-formatted with the call's variables), without its layers: ``_()`` is called some eighty times a
    page, and Jinja's alias and wrapper made three context calls for each, 6 % of a cold build. A text
    without variables is translated and escaped once per language.
    """
    catalogues = generator.settings[CATALOGUES_SETTING]
    if "jinja2.ext.i18n" not in generator.env.extensions:
        generator.env.add_extension("jinja2.ext.i18n")
    translated: dict[tuple[str, str, bool], str] = {}

    def formatted(context: Context, text: str, variables: dict[str, Any]) -> str:
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables

    @pass_context
    def gettext(context: Context, message: str, **variables: Any) -> str:
        language = page_language(context).lower()
        if variables:
            return formatted(context, catalogues[language].gettext(message), variables)
        key = (language, message, context.eval_ctx.autoescape)
        if key not in translated:
            translated[key] = formatted(context, catalogues[language].gettext(message), variables)
        return translated[key]

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, number: int, **variables: Any) -> str:
        variables.setdefault("num", number)
        text = catalogues[page_language(context).lower()].ngettext(singular, plural, number)
        return formatted(context, text, variables)

    generator.env.newstyle_gettext = True  # {% trans %} passes its variables to the callables
    generator.env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)
