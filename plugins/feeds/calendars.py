"""iCalendar files: one per area and one for the whole site, and one per notice, with icalendar.

UIDs are the notices' permanent ids; SEQUENCE counts the changes (updates, correction, a status
other than active), so calendar apps replace the event rather than add a second one. DTSTAMP is the
notice's last change, not the build time, so the same content gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from feeds.settings import FeedSettings
from frontmatter.display import filters, label
from frontmatter.model import Notice

REFRESH = timedelta(hours=1)


def sequence(notice: Notice) -> int:
    """How many times the notice changed after it was first published."""
    return len(notice.updates) + (1 if notice.correction else 0) + (0 if notice.status == "active" else 1)


def in_window(notice: Notice, settings: FeedSettings, clock: datetime) -> bool:
    """Calendar types only; current, future, or finished within the last FEEDS_CALENDAR_PAST_DAYS."""
    last = notice.ends or notice.starts or notice.date
    return notice.notice_type in settings.calendar_types and last >= clock - timedelta(days=settings.calendar_past_days)


def description(notice: Notice, url: str, when, settings: FeedSettings) -> str:
    """The event's text: status, correction, summary, updates, contact, link (in the calendar's language)."""
    words, word = settings.translate, settings.word
    lines = []
    if notice.status != "active":
        lines.append(f"{words(label(notice.status))}.")
    if notice.correction:
        lines.append(f"{word('correction')} ({when(notice.correction.at)}): {notice.correction.text}")
    lines.append(notice.summary)
    lines += [f"{word('update')} ({when(update.at)}): {update.text}" for update in notice.updates_newest_first]
    if notice.contact:
        lines.append(f"{word('contact')}: {notice.contact}")
    lines.append(url)
    return "\n\n".join(lines)


def notice_event(notice: Notice, url: str, settings: FeedSettings) -> Event:
    zone = ZoneInfo(settings.timezone)
    start = (notice.starts or notice.date).astimezone(zone)
    event = Event()
    event.add("uid", settings.permanent_id(notice.id))
    event.add("dtstamp", notice.updated.astimezone(ZoneInfo("UTC")))
    event.add("created", notice.date.astimezone(ZoneInfo("UTC")))
    event.add("last-modified", notice.updated.astimezone(ZoneInfo("UTC")))
    event.add("sequence", sequence(notice))
    words = settings.translate
    event.add("summary", f"{words(label('cancelled'))}: {notice.title}" if notice.status == "cancelled" else notice.title)
    event.add("dtstart", start)
    if notice.ends and notice.ends > start:
        event.add("dtend", notice.ends.astimezone(zone))
    event.add("status", "CANCELLED" if notice.status == "cancelled" else "CONFIRMED")
    when = filters(settings.timezone)["when"]
    event.add("description", description(notice, url, lambda moment: when(moment, settings.language), settings))
    if notice.location:
        event.add("location", notice.location)
    event.add("url", url)
    event.add("categories", [words(label(notice.notice_type))])
    return event


def calendar(settings: FeedSettings, *, name: str, url: str, events: Sequence[tuple[Notice, str]]) -> bytes:
    """An iCalendar document of ``(notice, page url)`` pairs, soonest first, with its VTIMEZONE."""
    cal = Calendar()
    cal.add("prodid", f"-//{settings.sitename}//Noticeboard//{settings.language.split('-')[0].upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", f"{settings.sitename}: {name}")
    cal.add("x-wr-calname", f"{settings.sitename}: {name}")
    cal.add("x-wr-timezone", settings.timezone)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    cal.add("source", url, parameters={"VALUE": "URI"})
    ordered = sorted(events, key=lambda pair: ((pair[0].starts or pair[0].date), pair[0].id))
    for notice, page_url in ordered:
        cal.add_component(notice_event(notice, page_url, settings))
    text = cal.to_ical()
    if not ordered:
        return text
    first = min(notice.starts or notice.date for notice, _ in ordered)
    last = max(notice.ends or notice.starts or notice.date for notice, _ in ordered)
    # The zone's rules for the years the events span, not 1970-2038: the same for the same content. Put
    # before the events, as add_missing_timezones() puts them, as the text icalendar would write for them.
    zones = b"".join(zone_text(tzid, first.year, last.year + 2) for tzid in sorted(cal.get_missing_tzids()))
    events_start = text.index(b"\r\nBEGIN:VEVENT\r\n") + 2
    return text[:events_start] + zones + text[events_start:]


@lru_cache(maxsize=16)
def zone_text(tzid: str, first_year: int, last_year: int) -> bytes:
    """A time zone's VTIMEZONE for those years, made and written once for every calendar that needs it
    (a build makes thousands: the zone's text was a third of the time a notice's own calendar took)."""
    return Timezone.from_tzid(tzid, first_date=date(first_year, 1, 1), last_date=date(last_year, 1, 1)).to_ical()
