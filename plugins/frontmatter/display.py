"""How values read on the page: dates in the site's time and the page's language, and words for values.

Registered as Jinja filters, so every template says a date or a severity the same way; the filters
read the page's language from the page being written (see :func:`page_language`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date
from jinja2 import pass_context
from jinja2.runtime import Context


def N_(text: str) -> str:  # noqa: N802 - the name gettext tools look for
    """Mark text for the theme's catalogues; it is translated where it is shown."""
    return text


LABELS = {
    "info": N_("Information"),
    "advisory": N_("Advisory"),
    "warning": N_("Warning"),
    "emergency": N_("Emergency"),
    "event": N_("Event"),
    "road_closure": N_("Road closure"),
    "waste_collection": N_("Bin collections"),
    "service_change": N_("Service change"),
    "consultation": N_("Consultation"),
    "active": N_("Active"),
    "resolved": N_("Resolved"),
    "cancelled": N_("Cancelled"),
}
#: How a 12-hour clock says morning and afternoon where the CLDR's words are not what people write
#: (Welsh writes 9:30yb, y bore, and 5yh, yr hwyr); other languages use the CLDR's, through Babel.
CLOCK_MARKERS = {"cy": {"am": "yb", "pm": "yh"}}
#: The objects a page is about, in the order their language decides the page's.
PAGE_SUBJECTS = ("article", "notice", "faq", "page")


def label(value: str) -> str:
    """The words a citizen reads for a value such as ``road_closure``."""
    return LABELS.get(value, value.replace("_", " ").capitalize())


@cache
def locale_of(lang: str) -> Locale:
    return Locale.parse(lang.replace("-", "_"))


@lru_cache(maxsize=8192)  # the same dates on an entry's page and each list it is in
def when(moment: datetime | date, zone: ZoneInfo, lang: str = "en-GB") -> str:
    """"Tuesday 24 November 2026, 9:30am" in the site's time; a date alone without the time."""
    locale = locale_of(lang)
    if not isinstance(moment, datetime):
        return format_date(moment, "EEEE d MMMM y", locale=locale)
    moment = moment.astimezone(zone)
    period = "am" if moment.hour < 12 else "pm"
    marker = CLOCK_MARKERS.get(locale.language, {}).get(period) or locale.day_periods["format"]["abbreviated"][period]
    clock = f"{moment.hour % 12 or 12}:{moment:%M}".removesuffix(":00") + marker.lower().replace(" ", "")
    return f"{format_date(moment, 'EEEE d MMMM y', locale=locale)}, {clock}"


@lru_cache(maxsize=8192)  # the same dates on an entry's page and each list it is in
def day(moment: datetime | date, zone: ZoneInfo, lang: str = "en-GB") -> str:
    moment = moment.astimezone(zone) if isinstance(moment, datetime) else moment
    return format_date(moment, "d MMMM y", locale=locale_of(lang))


@lru_cache(maxsize=8192)  # the same dates on an entry's page and each list it is in
def month(moment: datetime | date, zone: ZoneInfo, lang: str = "en-GB") -> str:
    """"November 2026", for headings that group a list by month."""
    moment = moment.astimezone(zone) if isinstance(moment, datetime) else moment
    return format_date(moment, "LLLL y", locale=locale_of(lang))


def page_language(context: Mapping[str, Any]) -> str:
    """The language of the page being written, spelled as in LANGUAGES (``page_lang``, else its subject's)."""
    languages = context.get("LANGUAGES") or [context.get("DEFAULT_LANG", "en-GB")]
    lang = context.get("page_lang")
    if lang is None:
        subject = next((context[name] for name in PAGE_SUBJECTS if hasattr(context.get(name), "lang")), None)
        lang = subject.lang if subject is not None else context.get("DEFAULT_LANG", languages[0])
    if lang in languages:  # as listed already: most calls, a dozen for each page (gettext, dates)
        return lang
    return next((code for code in languages if code.lower() == lang.lower()), lang)


def filters(timezone: str) -> dict:
    """Filters for text outside a page (feeds, calendars, alerts): in the site's default language."""
    zone = ZoneInfo(timezone)
    return {
        "label": label,
        "when": lambda moment, lang="en-GB": when(moment, zone, lang),
        "day": lambda moment, lang="en-GB": day(moment, zone, lang),
        "month": lambda moment, lang="en-GB": month(moment, zone, lang),
        "isotime": lambda moment: moment.isoformat(),
        "local": lambda moment: moment.astimezone(zone),
    }


def page_filters(timezone: str) -> dict:
    """The Jinja filters: dates and labels in the language of the page being written."""
    plain = filters(timezone)

    @pass_context
    def page_when(context: Context, moment: datetime | date) -> str:
        return plain["when"](moment, page_language(context))

    @pass_context
    def page_day(context: Context, moment: datetime | date) -> str:
        return plain["day"](moment, page_language(context))

    @pass_context
    def page_month(context: Context, moment: datetime | date) -> str:
        return plain["month"](moment, page_language(context))

    @pass_context
    def page_name(context: Context, thing: Any) -> str:
        """An area's or a topic's name in the page's language."""
        return thing.name_in(page_language(context))

    @pass_context
    def page_description(context: Context, thing: Any) -> str:
        return thing.description_in(page_language(context))

    @pass_context
    def page_label(context: Context, value: str) -> str:
        gettext = context.resolve_or_missing("gettext")
        return context.call(gettext, label(value)) if callable(gettext) else label(value)

    return {**plain, "when": page_when, "day": page_day, "month": page_month, "label": page_label, "name": page_name,
            "description": page_description}
