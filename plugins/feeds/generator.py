"""Write every feed after the other generators have read the content (run after ``topics``).

generate_context files the entries into the directory of feeds (so every page can announce its
own); generate_output renders each feed once the entries' HTML is final.
"""

from __future__ import annotations

import dataclasses
import hashlib
import heapq
from collections.abc import Callable
from datetime import datetime, timedelta
from importlib.metadata import version
from pathlib import Path

from languages.plugin import CATALOGUES_SETTING
from languages.site import root_of, translation_in
from pelican.generators import Generator

from changed_files.memo import file_digest
from changed_files.writer import KEPT_SETTING, keep_if_holds, write_if_changed
from feeds.calendars import calendar, in_window
from feeds.cap import alert_document, alert_index, in_alert_index
from feeds.directory import (
    ALERTS_INDEX,
    SUBSCRIBE,
    Channel,
    FeedDirectory,
    alert_path,
    build_directory,
    notice_calendar_path,
)
from feeds.entries import FeedEntry, changed_at, feed_entry, newest_first
from feeds.jsonfeed import json_feed
from feeds.opml import opml_document
from feeds.settings import FeedSettings
from feeds.syndication import atom_and_rss
from frontmatter import display
from frontmatter.reader import CATALOGUE_SETTING, CLOCK_SETTING
from frontmatter.schema import NOTICE_TYPES

DIRECTORY_CONTEXT = "feed_directory"
#: What a feed or a notice's own calendar is made by besides the content: each is cached under a digest
#: of both (this package, the date formats, and the libraries that write the documents).
FEEDS_CODE = hashlib.sha256(b"".join(
    code.read_bytes() for code in (*sorted(Path(__file__).parent.glob("*.py")), Path(display.__file__))
) + "".join(version(library) for library in ("feedgen", "icalendar", "lxml")).encode()).hexdigest()
#: The directory of each language's feeds, by language code in lower case (templates pick the page's).
DIRECTORIES_CONTEXT = "feed_directories"


class FeedsGenerator(Generator):
    """Every feed once per language (the others under /<lang>/), and one CAP alert per notice in all of them."""

    def generate_context(self) -> None:
        default = FeedSettings.from_pelican(self.settings)
        languages = self.settings.get("LANGUAGES") or [default.language]
        catalogues = self.settings.get(CATALOGUES_SETTING, {})
        self.directories = {}
        for lang in languages:
            translate = catalogues[lang.lower()].gettext if lang.lower() in catalogues else str
            settings = default.in_language(lang, root_of(lang, languages), translate)
            self.directories[lang.lower()] = build_directory(self.context, settings, NOTICE_TYPES)
        self.directory = self.directories[languages[0].lower()]
        self.context[DIRECTORY_CONTEXT] = self.directory
        self.context[DIRECTORIES_CONTEXT] = self.directories

    def generate_output(self, writer) -> None:
        """Feeds, calendars and alerts are made while the pages are written (in other processes)."""
        writer.alongside(lambda: self.write_all(writer))

    def write_all(self, writer) -> None:
        fallbacks = [self.write_feeds(writer, directory) for directory in self.directories.values()]
        self.write_alerts(fallbacks[0])

    def write_feeds(self, writer, directory: FeedDirectory) -> datetime:
        """One language's feeds, calendars, OPML file and subscribe page; when its newest entry changed.

        Each channel's documents are made again only when what they are made from changed (see
        :meth:`write_unless_kept`): making them all was more than a second of a one-notice rebuild, at
        1,000 entries as at 10,000."""
        settings = directory.settings
        clock = self.settings[CLOCK_SETTING]
        areas = self.settings[CATALOGUE_SETTING].areas
        topic_names = {topic.slug: topic.name_in(settings.language) for topic in self.context.get("topics", [])}
        # The feeds' and calendars' words come from the language's catalogue: its messages, not the function's
        # address, go in the keys.
        catalogue = self.settings.get(CATALOGUES_SETTING, {}).get(settings.language.lower())
        words = sorted(getattr(catalogue, "_catalog", {}).items(), key=repr)
        # Sorted, as a set's order changes from one run of Python to the next (the calendars were never reused).
        steady = dataclasses.replace(settings, translate=str, full_content=tuple(sorted(settings.full_content)))
        stable = _digest(FEEDS_CODE, repr(steady), repr(words))
        language = _digest(stable, repr(sorted(areas.items())), repr(sorted(topic_names.items())))
        entries: dict[str, FeedEntry] = {}
        entry_keys: dict[str, str] = {}

        def entry(item) -> FeedEntry:
            """Each entry made once, and only when a feed carries it (the newest FEEDS_MAX_ENTRIES of each)."""
            if item.record.id not in entries:
                entries[item.record.id] = feed_entry(item, settings, areas, topic_names)
            return entries[item.record.id]

        def entry_key(item) -> str:
            """A digest of what an entry's part of a feed is made from: its record, address and HTML."""
            if item.record.id not in entry_keys:
                entry_keys[item.record.id] = _digest(repr(item.record), item.url, item.content)
            return entry_keys[item.record.id]

        fallback = max((changed_at(item.record) for item in directory.channels["all"].items), default=clock)
        for channel in directory.channels.values():
            items = latest(channel.items, settings.max_entries)
            fields = (channel.key, channel.family, channel.title, channel.description, channel.page, channel.root)
            key = _digest(language, repr(fields), fallback.isoformat(), *map(entry_key, items))
            self.write_unless_kept(key, lambda channel=channel, items=items: self.channel_documents(
                settings, channel, [entry(item) for item in items], fallback))

        calendars = [(cal.path, cal.title, [(n.record, settings.url(n.url)) for n in cal.notices
                                            if in_window(n.record, settings, clock)])
                     for cal in directory.calendars.values()]
        calendars += [(notice_calendar_path(notice), notice.title, [(notice.record, settings.url(notice.url))])
                      for notice in directory.notices
                      # not yet translated: its calendar is the original's, written in its own language
                      if notice.lang == settings.language.lower()]
        for path, title, events in calendars:
            key = _digest(stable, path, title, *(f"{record!r}\0{url}" for record, url in events))
            self.write_unless_kept(key, lambda path=path, title=title, events=events: {
                path: calendar(settings, name=title, url=settings.url(path), events=events)})

        self.write_output(directory.opml_path, opml_document(directory))
        self.write_subscribe_page(writer, directory)
        return fallback

    @staticmethod
    def channel_documents(settings: FeedSettings, channel: Channel, entries: list[FeedEntry],
                          fallback: datetime) -> dict[str, bytes]:
        """A channel's Atom and RSS documents (and its JSON Feed), by path."""
        full = channel.family in settings.full_content
        common = {"title": channel.title, "page_url": settings.url(channel.page), "entries": entries, "full_content": full}
        atom, rss = atom_and_rss(settings, key=channel.key, subtitle=channel.description,
                                 atom_url=settings.url(channel.path("atom")),
                                 rss_url=settings.url(channel.path("rss")), fallback=fallback, **common)
        documents = {channel.path("atom"): atom, channel.path("rss"): rss}
        if "json" in channel.formats:
            documents[channel.path("json")] = json_feed(
                settings, description=channel.description, feed_url=settings.url(channel.path("json")), **common)
        return documents

    def write_alerts(self, fallback: datetime) -> None:
        """A CAP alert per warning or emergency, with an <info> per language; the Atom index of them."""
        directory = self.directory
        settings, others = directory.settings, list(self.directories.values())[1:]
        clock = self.settings[CLOCK_SETTING]
        areas = self.settings[CATALOGUE_SETTING].areas
        keep_ended = timedelta(days=settings.alerts_keep_ended_days)
        for notice in directory.alerts:
            versions = [(translation_in(notice, other.settings.language), other.settings) for other in others]
            translations = tuple((version.record, other.url(version.url), other) for version, other in versions
                                 if version is not notice)
            self.write_output(alert_path(notice),
                         alert_document(notice.record, settings.url(notice.url), areas, settings, translations))
        current = [(n.record, settings.url(alert_path(n)), settings.url(n.url))
                   for n in directory.alerts if in_alert_index(n.record, clock, keep_ended)]
        self.write_output(ALERTS_INDEX,
                     alert_index(settings, url=settings.url(ALERTS_INDEX), alerts=current, fallback=fallback))

    def write_unless_kept(self, key: str, make: Callable[[], dict[str, bytes]]) -> None:
        """Write the feed documents ``make`` makes (by path), unless the output folder still holds the bytes
        they had when last made under ``key``. The content cache keeps their digests, not their bytes: the
        feeds are about 7 MB (at 1,000 entries as at 10,000), which kept whole took 10 MB more memory."""
        sources, kept = self.settings[CATALOGUE_SETTING].sources, self.settings[KEPT_SETTING]
        if sources.has_made("feed", key) and all(keep_if_holds(str(Path(self.output_path) / path), digest, kept)
                                                 for path, digest in sources.made("feed", key, dict).items()):
            return
        documents = make()
        for path, data in documents.items():
            self.write_output(path, data)
        sources.made("feed", key, lambda: {path: file_digest(data) for path, data in documents.items()})

    def write_output(self, path: str, data: bytes) -> None:
        """Write a feed, calendar or alert unless the file already holds these bytes (see changed_files)."""
        target = Path(self.output_path) / path
        try:
            write_if_changed(str(target), data, self.settings[KEPT_SETTING])
        except FileNotFoundError:  # its folder is not there yet (asking first took 0.5 s for 4,000 calendars)
            target.parent.mkdir(parents=True, exist_ok=True)
            write_if_changed(str(target), data, self.settings[KEPT_SETTING])

    def write_subscribe_page(self, writer, directory: FeedDirectory) -> None:
        path = directory.settings.root + SUBSCRIBE
        writer.write_file(f"{path}index.html", self.get_template("subscribe"), self.context, url=path,
                          relative_urls=self.settings["RELATIVE_URLS"], page_lang=directory.settings.language,
                          feed_directory=directory)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def latest(items: list, limit: int) -> list:
    """The ``limit`` most recently changed content items, newest first (of thousands, for each of hundreds
    of feeds: a heap keeps only the newest, where sorting them all took a third of a second)."""
    return heapq.nsmallest(limit, items, key=lambda item: newest_first(item.record))
