"""The directory of every feed the site offers: what each one follows, where it lives, which pages
announce it. The subscribe page, the OPML file and the <link rel="alternate"> tags all read it, so
they can never list different feeds.

Addresses (documented in docs/feeds.md; never change them once the site is live):
feeds/<key>.atom.xml and .rss.xml, feeds/all.json, calendar/<key>.ics, alerts/<slug>.xml,
alerts/index.atom.xml, feeds/feeds.opml, <notice folder>/notice.ics, subscribe/.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from languages.site import translation_in

from feeds.settings import FeedSettings
from frontmatter.display import N_, label
from frontmatter.model import BANNER_SEVERITIES

MIME = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
    "ics": "text/calendar",
    "cap": "application/cap+xml",
    "opml": "text/x-opml",
}
FORMAT_NAMES = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed", "ics": "calendar", "cap": "CAP alert",
                "opml": "OPML"}
ALERTS_INDEX = "alerts/index.atom.xml"
OPML = "feeds/feeds.opml"
SUBSCRIBE = "subscribe/"
JSON_FEED = "feeds/all.json"


@dataclass(frozen=True)
class Link:
    """One <link rel="alternate">: a feed a page announces."""

    title: str
    href: str
    format: str

    @property
    def mime(self) -> str:
        return MIME[self.format]

    @property
    def format_name(self) -> str:
        return FORMAT_NAMES[self.format]


@dataclass
class Calendar:
    """An iCalendar file of dated notices (events, road closures, bin changes)."""

    key: str
    title: str
    notices: list = field(default_factory=list)
    root: str = ""

    @property
    def path(self) -> str:
        return f"{self.root}calendar/{self.key}.ics"


@dataclass
class Channel:
    """One slice of the site, offered as Atom and RSS (and JSON Feed for the whole site)."""

    key: str
    family: str
    title: str
    description: str
    page: str
    items: list = field(default_factory=list)
    calendar: Calendar | None = None
    root: str = ""

    @property
    def formats(self) -> tuple[str, ...]:
        return ("atom", "rss", "json") if self.key == "all" else ("atom", "rss")

    def path(self, fmt: str) -> str:
        return self.root + (JSON_FEED if fmt == "json" else f"feeds/{self.key}.{fmt}.xml")


def notice_calendar_path(notice) -> str:
    """The .ics beside the notice's own page: notices/<slug>/notice.ics."""
    return posixpath.join(posixpath.dirname(notice.save_as), "notice.ics")


def alert_path(notice) -> str:
    return f"alerts/{notice.slug}.xml"


def has_alert(notice) -> bool:
    """Warning and emergency notices get a CAP alert, for as long as their page exists."""
    return notice.record.severity in BANNER_SEVERITIES


@dataclass
class FeedDirectory:
    settings: FeedSettings
    channels: dict[str, Channel]
    calendars: dict[str, Calendar]
    notices: list
    alerts: list

    def __page_state__(self) -> dict[str, Any]:
        """What a page can show of the directory (see changed_files/memo.py): the feeds' names and
        addresses, not the entries in them, so one notice edited does not render every page's feed links."""
        return {
            "settings": self.settings,
            "channels": [(c.key, c.family, c.title, c.description, c.page, c.root,
                          c.calendar and (c.calendar.key, c.calendar.title, c.calendar.root))
                         for c in self.channels.values()],
            "calendars": [(c.key, c.title, c.root) for c in self.calendars.values()],
        }

    def groups(self) -> list[tuple[str, list[Channel]]]:
        """Channels as the subscribe page and the OPML file group them."""
        names = {"all": N_("Everything"), "news": N_("News and notices"), "notices": N_("News and notices"),
                 "type": N_("Notices by type"), "area": N_("Notices by area"), "topic": N_("News and questions by topic")}
        grouped: dict[str, list[Channel]] = {}
        for channel in self.channels.values():
            grouped.setdefault(self.settings.translate(names[channel.family]), []).append(channel)
        return list(grouped.items())

    def channel_links(self, channel: Channel) -> list[Link]:
        return [Link(f"{self.settings.sitename}: {channel.title} ({FORMAT_NAMES[fmt]})",
                     self.settings.url(channel.path(fmt)), fmt) for fmt in channel.formats]

    def calendar_link(self, calendar: Calendar) -> Link:
        return Link(f"{self.settings.sitename}: {calendar.title}", self.settings.url(calendar.path), "ics")

    def alerts_link(self) -> Link:
        words = self.settings.translate(N_("current alerts (Atom)"))
        return Link(f"{self.settings.sitename}: {words}", self.settings.url(ALERTS_INDEX), "atom")

    def opml_link(self) -> Link:
        words = self.settings.translate(N_("every feed (OPML)"))
        return Link(f"{self.settings.sitename}: {words}", self.settings.url(self.opml_path), "opml")

    @property
    def opml_path(self) -> str:
        return self.settings.root + OPML

    def files(self) -> list[str]:
        """Every subscribable file, as the subscribe page lists them (output-relative paths)."""
        paths = [channel.path(fmt) for channel in self.channels.values() for fmt in channel.formats]
        paths += [calendar.path for calendar in self.calendars.values()]
        return [*paths, ALERTS_INDEX, self.opml_path]

    def links_for(self, output_file: str = "", notice: Any = None, area: Any = None, notice_type: Any = None,
                  topic: Any = None, article: Any = None, faq: Any = None) -> list[Link]:
        """The feeds a page announces: the whole site's, then those of its section and subject."""
        links = self.channel_links(self.channels["all"])
        output_file = output_file.removeprefix(self.settings.root)
        section = output_file.split("/", 1)[0] if "/" in output_file else ""
        if output_file == "index.html":
            links += self.channel_links(self.channels["news"]) + self.channel_links(self.channels["notices"])
            links += [self.alerts_link(), self.calendar_link(self.calendars["all"])]
        elif section == "news":
            links += self.channel_links(self.channels["news"])
        elif section == "notices":
            links += self.channel_links(self.channels["notices"]) + [self.alerts_link()]
        elif section == "subscribe":
            links.append(self.opml_link())
        if notice is not None:
            record = notice.record
            links += self.channel_links(self.channels[f"type/{record.notice_type}"])
            for slug in record.areas:
                links += self.channel_links(self.channels[f"area/{slug}"])
            word = self.settings.word
            links.append(Link(f"{notice.title} ({word('calendar')})", self.settings.url(notice_calendar_path(notice)),
                              "ics"))
            if has_alert(notice):
                links.append(Link(f"{notice.title} ({word('cap_alert')})", self.settings.url(alert_path(notice)),
                                  "cap"))
        if notice_type is not None and f"type/{notice_type}" in self.channels:
            links += self.channel_links(self.channels[f"type/{notice_type}"])
        if area is not None:
            links += self.channel_links(self.channels[f"area/{area.slug}"])
            links.append(self.calendar_link(self.calendars[f"area/{area.slug}"]))
        topics = [topic.slug] if topic is not None else []
        topics += list(article.record.topics) if article is not None else []
        topics += [faq.record.topic] if faq is not None else []
        links += [link for slug in topics for link in self.channel_links(self.channels[f"topic/{slug}"])]
        return list(dict.fromkeys(links))


def build_directory(context: dict[str, Any], settings: FeedSettings, notice_types: tuple[str, ...]) -> FeedDirectory:
    """Sort the published entries in Pelican's ``context`` into channels and calendars, in ``settings.language``.

    Each entry is in that language where it is translated, in its original's words where it is not yet.
    """
    lang, root, _ = settings.language, settings.root, settings.translate

    def localised(items) -> list:
        return [translation_in(item, lang) for item in items]

    posts, notices, faqs = (localised(context.get(name, [])) for name in ("articles", "notices", "faqs"))
    areas = context.get("areas", {})
    site = settings.sitename
    channels = [
        Channel("all", "all", _(N_("News, notices and questions")), _(N_("Everything new from %(site)s")) % {"site": site},
                root, [*posts, *notices, *faqs], root=root),
        Channel("news", "news", _(N_("News")), _(N_("News from %(site)s")) % {"site": site}, f"{root}news/", posts,
                root=root),
        Channel("notices", "notices", _(N_("All notices")),
                _(N_("Road closures, bin changes, events, service changes, consultations and emergencies")),
                f"{root}notices/", notices, root=root),
    ]
    for kind in notice_types:
        name = _(label(kind))
        channels.append(Channel(f"type/{kind}", "type", name, _(N_("%(type)s notices")) % {"type": name},
                                f"{root}notices/type/{kind}/", [n for n in notices if n.record.notice_type == kind],
                                root=root))
    calendars = [Calendar("all", _(N_("Events, road closures and bin changes")), notices, root=root)]
    for slug, area in areas.items():
        name = area.name_in(lang)
        in_area = [n for n in notices if slug in n.record.areas]
        area_calendar = Calendar(f"area/{slug}", _(N_("%(area)s: events, road closures and bin changes")) % {"area": name},
                                 in_area, root=root)
        calendars.append(area_calendar)
        groups = context.get("groups_by_area", {}).get(slug, [])
        about = _(N_("Notices for %(area)s")) % {"area": name}
        if groups:
            about += ". " + _(N_("Community groups: %(groups)s")) % {"groups": ", ".join(g.name for g in groups)}
        channels.append(Channel(f"area/{slug}", "area", name, about, f"{root}areas/{slug}/", in_area, area_calendar,
                                root=root))
    for topic in context.get("topics", []):
        name = topic.name_in(lang)
        channels.append(Channel(f"topic/{topic.slug}", "topic", name,
                                _(N_("News and questions about %(topic)s")) % {"topic": name.lower()},
                                f"{root}{topic.url}", localised([*topic.posts, *topic.faqs]), root=root))
    return FeedDirectory(
        settings=settings,
        channels={channel.key: channel for channel in channels},
        calendars={calendar.key: calendar for calendar in calendars},
        notices=notices,
        alerts=[n for n in notices if has_alert(n)],
    )
