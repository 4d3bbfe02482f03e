"""One feed entry per published post, notice or FAQ, shared by the Atom, RSS and JSON feeds.

A notice's entry carries its status, correction and updates in its text, so a reader sees what
changed; its id never changes and its ``updated`` time is the notice's latest update or correction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial

from lxml import html
from lxml.html import builder as E

from feeds.settings import FeedSettings
from frontmatter.display import N_, filters, label
from frontmatter.model import Area, Entry, Faq, Notice, Post

UPDATES = N_("Updates")
STATUS_WORDS = {"cancelled": N_("Cancelled."), "resolved": N_("Resolved: this notice no longer applies.")}


@dataclass(frozen=True)
class FeedEntry:
    record: Entry
    id: str
    url: str
    title: str
    author: str
    published: datetime
    updated: datetime
    summary: str
    summary_html: str
    full_html: str
    categories: tuple[tuple[str, str], ...]
    image: str | None



def changed_at(record: Entry) -> datetime:
    """When an entry last changed, as its feed entry says: a notice's latest update or correction."""
    return record.updated if isinstance(record, Notice) else record.date


def newest_first(record: Entry) -> tuple:
    """Sort key: the most recently changed first; the id breaks ties so the order never depends on reading order."""
    return (-changed_at(record).timestamp(), record.id)


def absolute_links(fragment: str, base_url: str) -> str:
    """Rewrite every relative href and src in an HTML fragment against the entry's own address."""
    if not fragment.strip():
        return ""
    wrapper = html.fragment_fromstring(fragment, create_parent="div")
    wrapper.make_links_absolute(base_url, resolve_base_href=True)
    return (wrapper.text or "") + "".join(html.tostring(child, encoding="unicode") for child in wrapper)


def _serialise(*elements) -> str:
    return "".join(html.tostring(element, encoding="unicode") for element in elements)


def notice_details(notice: Notice, areas: dict[str, Area], when, settings: FeedSettings) -> list:
    """Status, correction, summary, updates (newest first) and the facts: what a reader needs first.

    ``when`` writes a time and ``settings`` gives the feed's own words, both in the feed's language.
    """
    words, word = settings.translate, settings.word
    parts = []
    if notice.status in STATUS_WORDS:
        parts.append(E.P(E.STRONG(words(STATUS_WORDS[notice.status]))))
    if notice.correction:
        parts.append(E.P(E.STRONG(f"{word('correction')} ({when(notice.correction.at)}): "), notice.correction.text))
    parts.append(E.P(notice.summary))
    if notice.updates:
        parts.append(E.H3(words(UPDATES)))
        parts.append(E.UL(*(E.LI(E.STRONG(f"{when(u.at)}: "), u.text) for u in notice.updates_newest_first)))
    facts = []
    if notice.starts:
        until = f" {word('to')} {when(notice.ends)}" if notice.ends else f", {word('until_further_notice')}"
        facts.append(E.LI(f"{word('when')}: {when(notice.starts)}{until}"))
    if notice.location:
        facts.append(E.LI(f"{word('where')}: {notice.location}"))
    if notice.areas:
        facts.append(E.LI(f"{word('areas')}: " + ", ".join(areas[a].name_in(notice.lang) if a in areas else a
                                                                 for a in notice.areas)))
    if notice.contact:
        facts.append(E.LI(f"{word('contact')}: {notice.contact}"))
    if facts:
        parts.append(E.UL(*facts))
    return parts


def feed_entry(item, settings: FeedSettings, areas: dict[str, Area], topic_names: dict[str, str]) -> FeedEntry:
    """The feed entry for a Pelican content object (post, notice or FAQ) whose checked record is ``item.record``."""
    record: Entry = item.record
    when = partial(filters(settings.timezone)["when"], lang=settings.language)
    url = settings.url(item.url)
    body = absolute_links(item.content, url)
    image = settings.url(record.image) if isinstance(record, Post) and record.image else None
    if isinstance(record, Notice):
        words = settings.translate
        summary_html = _serialise(*notice_details(record, areas, when, settings))
        categories = ((record.notice_type, words(label(record.notice_type))),
                      *(((record.severity, words(label(record.severity))),) if record.severity != record.notice_type
                        else ()),
                      *((a, areas[a].name_in(settings.language)) for a in record.areas if a in areas))
    else:
        summary_html = _serialise(E.P(record.summary))
        topics = record.topics if isinstance(record, Post) else (record.topic,) if isinstance(record, Faq) else ()
        categories = tuple((t, topic_names.get(t, t)) for t in topics)
    lead = _serialise(E.P(E.IMG(src=image, alt=record.image_alt or ""))) if image else ""
    return FeedEntry(
        record=record,
        id=settings.permanent_id(record.id),
        url=url,
        title=record.title,
        author=(record.author if isinstance(record, Post) and record.author else settings.sitename),
        published=record.date,
        updated=changed_at(record),
        summary=record.summary,
        summary_html=summary_html,
        full_html=summary_html + lead + body,
        categories=categories,
        image=image,
    )
