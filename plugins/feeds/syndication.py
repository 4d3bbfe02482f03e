"""Atom 1.0 and RSS 2.0 for one channel, with feedgen.

Every date comes from the content (the newest entry's change), never from the wall clock, so the
same content gives the same bytes.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from feedgen.entry import FeedEntry as FeedgenEntry
from feedgen.feed import FeedGenerator

from feeds.entries import FeedEntry
from feeds.settings import FeedSettings

GENERATOR = "Noticeboard"


class LinkedEntry(FeedgenEntry):
    """A feedgen entry that keeps its links' rel and type in Atom: feedgen 1.0.0 drops them (the loop
    that writes entry links reads the attributes from the new element instead of the link's data)."""

    def atom_entry(self, extensions: bool = True):
        entry = super().atom_entry(extensions)
        for element, link in zip(entry.findall("link"), self.link() or [], strict=True):
            for name in ("rel", "type", "hreflang", "title", "length"):
                if link.get(name):
                    element.set(name, str(link[name]))
        return entry


def new_entry(fg: FeedGenerator) -> LinkedEntry:
    """Append an entry: feedgen prepends by default, which would reverse the feed's order."""
    return fg.add_entry(LinkedEntry(), order="append")


def newest(entries: Sequence[FeedEntry], fallback: datetime) -> datetime:
    """When the feed last changed: its newest entry's change (``fallback`` for an empty feed)."""
    return max((entry.updated for entry in entries), default=fallback)


def feed_generator(settings: FeedSettings, *, feed_id: str, title: str, subtitle: str, page_url: str,
                   self_url: str, self_type: str, updated: datetime) -> FeedGenerator:
    """A feedgen feed with the site's fixed fields filled in."""
    fg = FeedGenerator()
    fg.id(feed_id)
    fg.title(f"{settings.sitename}: {title}")
    fg.subtitle(subtitle)
    fg.link(href=self_url, rel="self", type=self_type)
    fg.link(href=page_url, rel="alternate", type="text/html")  # last, so it is also RSS's <link>
    fg.author({"name": settings.sitename, **({"email": settings.contact_email} if settings.contact_email else {})})
    fg.language(settings.language)
    fg.generator(GENERATOR)
    fg.updated(updated)
    fg.lastBuildDate(updated)
    return fg


def add_entries(fg: FeedGenerator, entries: Sequence[FeedEntry], full_content: bool) -> None:
    """Full text as content (and the summary, escaped), or the summary alone (HTML, so updates show)."""
    for entry in entries:
        fe = new_entry(fg)
        fe.id(entry.id)
        fe.guid(entry.id, permalink=False)
        fe.title(entry.title)
        fe.link(href=entry.url, rel="alternate", type="text/html")
        fe.author(name=entry.author)
        fe.published(entry.published)
        fe.updated(entry.updated)
        for term, name in entry.categories:
            fe.category(term=term, label=name)
        if full_content:
            # As HTML: RSS readers take a description to be HTML, so a summary's "<" must arrive as text.
            fe.summary(html.escape(entry.summary, quote=False), type="html")
            fe.content(entry.full_html, type="html")
        else:
            fe.summary(entry.summary_html, type="html")


def atom_and_rss(settings: FeedSettings, *, key: str, title: str, subtitle: str, page_url: str,
                 atom_url: str, rss_url: str, entries: Sequence[FeedEntry], full_content: bool,
                 fallback: datetime) -> tuple[bytes, bytes]:
    """The Atom and the RSS document of one channel."""
    updated = newest(entries, fallback)
    documents = []
    for self_url, self_type, render in ((atom_url, "application/atom+xml", "atom_str"),
                                        (rss_url, "application/rss+xml", "rss_str")):
        fg = feed_generator(settings, feed_id=settings.permanent_id(f"feeds/{key}"), title=title,
                            subtitle=subtitle, page_url=page_url, self_url=self_url, self_type=self_type,
                            updated=updated)
        add_entries(fg, entries, full_content)
        documents.append(getattr(fg, render)(pretty=True))
    return documents[0], documents[1]
