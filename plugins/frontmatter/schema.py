"""The one schema of every content type: which fields exist, which are required, what each accepts.

Used by the reader, by ``invoke check`` and to write the editors' field reference
(``python -m frontmatter.schema`` prints it as Markdown), so the three never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from frontmatter.problems import did_you_mean

NOTICE_TYPES = ("event", "road_closure", "waste_collection", "service_change", "emergency", "consultation")
SEVERITIES = ("info", "advisory", "warning", "emergency")
STATUSES = ("active", "resolved", "cancelled")
SOCIAL_PLATFORMS = ("outbox", "mastodon", "bluesky", "x", "facebook", "threads", "linkedin", "telegram")
SUMMARY_MAX = 280
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Invalid(ValueError):
    """A value that does not fit its field; the message says what was expected."""


@dataclass(frozen=True)
class Field:
    name: str
    parse: Callable[[Any, ZoneInfo], Any]
    required: bool = False
    help: str = ""
    example: str = ""


def text(value: Any, tz: ZoneInfo) -> str:
    if value is None:
        raise Invalid("is empty; write a few words")
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise Invalid("expected text on one line")
    value = str(value).strip()
    if not value:
        raise Invalid("is empty; write a few words")
    return value


def summary(value: Any, tz: ZoneInfo) -> str:
    value = text(value, tz)
    if len(value) > SUMMARY_MAX:
        raise Invalid(
            f"is {len(value)} characters long; keep it to {SUMMARY_MAX} or fewer "
            "(it is what social posts and feed readers show) and put the rest in the text below"
        )
    return value


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(.*)$")


def moment(value: Any, tz: ZoneInfo) -> datetime:
    """A date and time; a bare date means its start, a time without offset is the site's time."""
    raw = str(value).strip()
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        hint = ""
        day_first = _DAY_FIRST.match(raw)
        if day_first:
            day, month, year, rest = day_first.groups()
            hint = f' Did you mean "{year}-{int(month):02d}-{int(day):02d}{rest}"?'
        raise Invalid(f'"{raw}" is not a date; expected a date and time such as "2026-11-24 09:30".{hint}') from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def end_moment(value: Any, tz: ZoneInfo) -> datetime:
    """Like :func:`moment`, but a bare date means the end of that day: "until 1 December"."""
    parsed = moment(value, tz)
    if len(str(value).strip()) == 10:
        parsed = datetime.combine(parsed.date(), time(23, 59, 59), tzinfo=parsed.tzinfo)
    return parsed


def day(value: Any, tz: ZoneInfo) -> date:
    try:
        return moment(value, tz).date()
    except Invalid:
        raise Invalid(f'"{value}" is not a date; expected a date such as "2027-03-31"') from None


def choice(options: tuple[str, ...]) -> Callable[[Any, ZoneInfo], str]:
    def parse(value: Any, tz: ZoneInfo) -> str:
        if value not in options:
            raise Invalid(f'"{value}" is not one of {", ".join(options)}.{did_you_mean(value, options)}')
        return value

    parse.options = options  # the web editor's select lists them (plugins/cms)
    return parse


def slugs(value: Any, tz: ZoneInfo) -> tuple[str, ...]:
    """One or more lowercase slugs; a single one may be written without brackets."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise Invalid("expected a list such as [roads, parking]")
    for item in items:
        if not isinstance(item, str) or not SLUG.match(item):
            raise Invalid(f'"{item}" is not a slug; use lowercase words joined by hyphens, such as "road-safety"')
    return tuple(items)


def slug(value: Any, tz: ZoneInfo) -> str:
    (one,) = slugs(str(value), tz)
    return one


def flag(value: Any, tz: ZoneInfo) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f'"{value}" is not true or false')
    return value


def timed_text(value: Any, tz: ZoneInfo) -> tuple[datetime, str]:
    if not isinstance(value, dict) or set(value) != {"at", "text"}:
        raise Invalid('expected "at" and "text", such as {at: 2026-11-24 14:30, text: "The road has reopened."}')
    return moment(value["at"], tz), text(value["text"], tz)


def timed_texts(value: Any, tz: ZoneInfo) -> list[tuple[datetime, str]]:
    if not isinstance(value, list):
        raise Invalid('expected a list of updates, each "- at: 2026-11-24 14:30" and "text: ..."')
    return [timed_text(item, tz) for item in value]


def social_text(value: Any, tz: ZoneInfo) -> dict[str, str]:
    """One text for every platform, or a text per platform (``default`` for the rest)."""
    if isinstance(value, str):
        return {"default": text(value, tz)}
    if isinstance(value, dict) and value:
        unknown = [name for name in value if name != "default" and name not in SOCIAL_PLATFORMS]
        if unknown:
            raise Invalid(f'"{unknown[0]}" is not a platform; expected default or one of {", ".join(SOCIAL_PLATFORMS)}')
        return {name: text(item, tz) for name, item in value.items()}
    raise Invalid("expected the text to post, or one text per platform such as {mastodon: ..., bluesky: ...}")


def platforms(value: Any, tz: ZoneInfo) -> tuple[str, ...]:
    names = slugs(value, tz)
    parse = choice(SOCIAL_PLATFORMS)
    return tuple(parse(name, tz) for name in names)


COMMON = (
    Field("title", text, required=True, help="The headline, in plain words.", example="Mill Lane closed for resurfacing"),
    Field("date", moment, required=True,
          help="When it is published; a future date waits for the first publish after it.", example="2026-11-24 09:30"),
    Field("summary", summary, required=True,
          help=f"One or two sentences, at most {SUMMARY_MAX} characters: used in lists, feeds and social posts.",
          example="Mill Lane will be closed between the bridge and Station Road from 1 to 5 December."),
    Field("slug", slug, help="The web address; the file name is used when absent. Never change it once published.",
          example="mill-lane-closure"),
    Field("social", flag, help="false: do not post this to social media (FAQ pages: true to post).", example="false"),
    Field("social_text", social_text, help="Post this text instead of the title and summary (the link is added).",
          example='"Mill Lane is closed from Monday: plan another route."'),
    Field("social_platforms", platforms, help="Post only to these platforms.", example="[mastodon]"),
)

SCHEMAS: dict[str, tuple[Field, ...]] = {
    "post": COMMON + (
        Field("topics", slugs, help="Topics this news is about; each has a page and a feed.", example="[roads, transport]"),
        Field("author", text, help="Who wrote it (a team is fine).", example="Communications team"),
        Field("image", text, help="An image file under content/images/.", example="images/mill-lane.jpg"),
        Field("image_alt", text, help="What the image shows, for people who cannot see it. Required with image.",
              example="Resurfacing machines on Mill Lane"),
    ),
    "notice": COMMON + (
        Field("notice_type", choice(NOTICE_TYPES), required=True, help=f"One of {', '.join(NOTICE_TYPES)}.",
              example="road_closure"),
        Field("severity", choice(SEVERITIES), required=True,
              help=f"One of {', '.join(SEVERITIES)}; warning and emergency show the banner on every page.",
              example="advisory"),
        Field("status", choice(STATUSES), help=f"One of {', '.join(STATUSES)} (default active).", example="active"),
        Field("starts", moment, help="When it begins (required for events, road closures and bin changes).",
              example="2026-12-01 07:00"),
        Field("ends", end_moment, help="When it ends; leave out while unknown. A date alone means the end of that day.",
              example="2026-12-05 18:00"),
        Field("areas", slugs, required=True, help="Areas affected: keys of content/areas.yaml.", example="[riverside]"),
        Field("location", text, help="Where exactly, for events and closures.", example="Mill Lane, from the bridge to Station Road"),
        Field("updates", timed_texts, help="News as it happens: each with its time; shown newest first and posted as replies.",
              example='[{at: 2026-12-02 08:00, text: "Work is on schedule."}]'),
        Field("correction", timed_text, help="A correction to what was said, shown prominently and posted as a reply.",
              example='{at: 2026-12-01 10:00, text: "The closure ends on 5 December, not 15 December."}'),
        Field("contact", text, help="Who to contact about this notice.", example="Highways team, 01632 960123"),
    ),
    "faq": tuple(f for f in COMMON if f.name != "title") + (
        Field("question", text, required=True, help="The question, as a citizen would ask it.",
              example="When is my bin collected?"),
        Field("topic", slug, required=True, help="The topic it is listed under on the FAQ page.", example="waste"),
        Field("owner", text, required=True, help="The team that keeps the answer right.", example="Waste services"),
        Field("review_by", day, required=True, help="When the answer must be checked again.", example="2027-03-31"),
        Field("related", slugs, help="Other FAQ pages (their slugs) to suggest.", example="[missed-bin]"),
    ),
    "page": COMMON,
}

#: The field that holds an entry's title, per kind.
TITLE_FIELD = {"post": "title", "notice": "title", "faq": "question", "page": "title"}
#: Notice types that happen at a time, so need ``starts``.
SCHEDULED_TYPES = ("event", "road_closure", "waste_collection")


def field_reference() -> str:
    """The editors' field reference, as Markdown tables."""
    parts = []
    for kind, fields in SCHEMAS.items():
        parts.append(f"### {kind}\n\n| field | required | what it is | example |\n|---|---|---|---|")
        parts.extend(
            f"| `{f.name}` | {'yes' if f.required else ''} | {f.help} | `{f.example}` |" for f in fields
        )
        parts.append("")
    return "\n".join(parts)


if __name__ == "__main__":
    print(field_reference())
