"""The feed settings from pelicanconf.py, each with a default that works (docs/feeds.md lists them)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from frontmatter.display import N_

#: CAP category for each notice type (OASIS CAP 1.2, section 3.2.2: Geo, Met, Safety, Security, Rescue,
#: Fire, Health, Env, Transport, Infra, CBRNE, Other).
CAP_CATEGORIES = {
    "emergency": "Safety",
    "road_closure": "Transport",
    "event": "Safety",
    "waste_collection": "Infra",
    "service_change": "Other",
    "consultation": "Other",
}

#: The feeds' own words, in each feed's language through the theme's catalogues (theme/translations).
WORDS = {
    "correction": N_("Correction"),
    "update": N_("Update"),
    "contact": N_("Contact"),
    "calendar": N_("calendar"),
    "cap_alert": N_("CAP alert"),
    "to": N_("to"),
    "until_further_notice": N_("until further notice"),
    "when": N_("When"),
    "where": N_("Where"),
    "areas": N_("Areas"),
    "every_feed": N_("every feed"),
}


@dataclass(frozen=True)
class FeedSettings:
    siteurl: str
    sitename: str
    timezone: str
    language: str
    contact_email: str | None
    max_entries: int
    full_content: frozenset[str]
    calendar_types: tuple[str, ...]
    calendar_past_days: int
    id_prefix: str
    cap_sender: str
    cap_categories: dict[str, str]
    alerts_keep_ended_days: int
    #: The address prefix of the language the feeds are written in ("" for the default, "cy/" for Welsh).
    root: str = ""
    #: The theme's catalogue for that language: the feeds' own words (Updates, When...) in it.
    translate: Callable[[str], str] = str

    def url(self, path: str) -> str:
        """The absolute address of an output path such as ``feeds/all.atom.xml``."""
        return f"{self.siteurl}/{path}"

    def permanent_id(self, entry_id: str) -> str:
        """The id feeds and calendars give an entry, from the manifest's permanent id (per language)."""
        return f"{self.id_prefix}{self.root}{entry_id}"

    def word(self, key: str) -> str:
        """One of WORDS in the feeds' language."""
        return self.translate(WORDS[key])

    def in_language(self, language: str, root: str, translate: Callable[[str], str]) -> FeedSettings:
        """The same settings for the feeds of another language, under ``root``."""
        return dataclasses.replace(self, language=language, root=root, translate=translate)

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> FeedSettings:
        siteurl = settings["SITEURL"].rstrip("/")
        host = urlsplit(siteurl).hostname or "localhost"
        return cls(
            siteurl=siteurl,
            sitename=settings["SITENAME"],
            timezone=settings["TIMEZONE"],
            language=(settings.get("LANGUAGES") or [settings.get("DEFAULT_LANG", "en")])[0],
            contact_email=settings.get("CONTACT_EMAIL"),
            max_entries=int(settings.get("FEEDS_MAX_ENTRIES", 50)),
            full_content=frozenset(settings.get("FEEDS_FULL_CONTENT", ("all", "notices"))),
            calendar_types=tuple(settings.get("FEEDS_CALENDAR_TYPES", ("event", "road_closure", "waste_collection"))),
            calendar_past_days=int(settings.get("FEEDS_CALENDAR_PAST_DAYS", 90)),
            id_prefix=settings.get("FEEDS_ID_PREFIX") or f"{siteurl}/",
            cap_sender=settings.get("FEEDS_CAP_SENDER") or settings.get("CONTACT_EMAIL") or host,
            cap_categories={**CAP_CATEGORIES, **settings.get("FEEDS_CAP_CATEGORIES", {})},
            alerts_keep_ended_days=int(settings.get("FEEDS_ALERTS_KEEP_ENDED_DAYS", 7)),
        )
