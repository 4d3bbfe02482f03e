"""Write each event as a social post that fits a platform's real limits, counted the platform's way.

Never cut inside a URL, a character (grapheme) or a hashtag: hashtags go first, then the summary is
shortened at a word boundary (or a character boundary for text without spaces, such as Chinese).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import regex
from babel.dates import format_datetime
from twitter_text import parse_tweet

from publish.events import Event

URL = re.compile(r"https?://\S+")
ELLIPSIS = "…"
#: The words before a reply or a severe title when the manifest has none for the entry's language.
DEFAULT_WORDS = {"update": "Update", "correction": "Correction", "resolved": "Resolved", "cancelled": "Cancelled",
                 "emergency": "EMERGENCY", "warning": "Warning"}


def graphemes(text: str) -> list[str]:
    return regex.findall(r"\X", text)


def mastodon_length(text: str) -> int:
    """Mastodon counts characters, with every URL as 23."""
    return len(graphemes(URL.sub("x" * 23, text)))


def bluesky_length(text: str) -> int:
    return len(graphemes(text))


def x_length(text: str) -> int:
    return parse_tweet(text).weightedLength


@dataclass(frozen=True)
class Rules:
    name: str
    limit: int
    length: Callable[[str], int]

    def fits(self, text: str) -> bool:
        return self.length(text) <= self.limit


MASTODON = Rules("Mastodon: 500 characters, links count 23", 500, mastodon_length)
BLUESKY = Rules("Bluesky: 300 graphemes", 300, bluesky_length)
X = Rules("X: 280 weighted characters", 280, x_length)


@dataclass(frozen=True)
class Message:
    """One post for one platform, exactly as it will be sent."""

    key: str
    entry_id: str
    at: datetime
    text: str
    url: str
    title: str
    summary: str
    image_url: str | None
    image_alt: str | None
    length: int
    limit: int


def shorten(text: str, fits: Callable[[str], bool]) -> str:
    """The longest start of ``text`` that fits once an ellipsis is added, cut between words if possible."""
    chars = graphemes(text)
    cuts = [i for i in range(len(chars), 0, -1) if chars[i - 1].isspace() or i == len(chars)]
    for candidate in ([i for i in cuts if i < len(chars)] + list(range(len(chars) - 1, 0, -1))):
        shortened = "".join(chars[:candidate]).rstrip() + ELLIPSIS
        if fits(shortened):
            return shortened
    return ELLIPSIS


def fit(head: str, body: str, tail: str, hashtags: str, rules: Rules) -> str:
    """head + body + tail (+ hashtags) within the limit: drop hashtags first, then shorten body, then head."""
    def join(*parts: str) -> str:
        return "\n\n".join(part for part in parts if part)

    for text in (join(head, body, tail, hashtags), join(head, body, tail)):
        if rules.fits(text):
            return text
    if body:
        body = shorten(body, lambda b: rules.fits(join(head, b, tail)))
        if rules.fits(join(head, body, tail)):
            return join(head, body, tail)
    return join(shorten(head, lambda h: rules.fits(join(h, tail))), tail)


def compose(event: Event, rules: Rules, platform: str, timezone: str, has_parent: bool,
            words: Mapping[str, Mapping[str, str]] | None = None) -> Message:
    """The message for ``event`` on ``platform``; a reply without a thread to go in names its entry.

    ``words`` holds the manifest's words per language. An entry with ``bilingual`` versions (the
    CROSSPOST_BILINGUAL setting) becomes one post with a part per language, each within its share of
    the limit, then the link to the first language's page.
    """
    entry = event.entry
    versions = sorted([entry, *entry.get("bilingual", [])], key=lambda v: v.get("lang") != entry.get("first"))
    hashtags = " ".join(f"#{tag}" for tag in entry["hashtags"])
    url = versions[0]["url"]
    if len(versions) == 1:
        text = _text(event, entry, rules, platform, timezone, has_parent, words, url, hashtags)
    else:
        share = (rules.limit - rules.length(url) - 2 * len(versions)) // len(versions)
        part_rules = Rules(rules.name, share, rules.length)
        parts = [_text(event, version, part_rules, platform, timezone, has_parent, words, "", "")
                 for version in versions]
        parts = [part for part in parts if part]
        text = "\n\n".join([*parts, url])
        if event.kind == "entry" and hashtags and rules.fits(f"{text}\n\n{hashtags}"):
            text = f"{text}\n\n{hashtags}"
    image = entry.get("image") or {}
    return Message(
        key=event.key, entry_id=entry["id"], at=event.at, text=text, url=url, title=entry["title"], summary=entry["summary"],
        image_url=image.get("url") if event.kind == "entry" else None,
        image_alt=image.get("alt") if event.kind == "entry" else None,
        length=rules.length(text), limit=rules.limit,
    )


def _said(event: Event, version: Mapping[str, Any]) -> str | None:
    """What ``event`` says in ``version``'s language: the update or correction at the same time; None if untranslated."""
    if event.kind == "update":
        return next((u["text"] for u in version["updates"] if datetime.fromisoformat(u["at"]) == event.at), None)
    if event.kind == "correction":
        correction = version.get("correction")
        return correction["text"] if correction and datetime.fromisoformat(correction["at"]) == event.at else None
    return ""


def _text(event: Event, version: Mapping[str, Any], rules: Rules, platform: str, timezone: str, has_parent: bool,
          words_by_language: Mapping[str, Mapping[str, str]] | None, url: str, hashtags: str) -> str:
    """The text of ``event`` in ``version``'s language, ``url`` and ``hashtags`` included when given."""
    lang = version.get("lang") or "en-GB"
    words = (words_by_language or {}).get(lang, DEFAULT_WORDS)
    label = words.get(version["severity"] or "") if version["severity"] in ("emergency", "warning") else None
    title = f"{label}: {version['title']}" if label else version["title"]
    if event.kind == "entry":
        override = version["social"]["text"].get(platform) or version["social"]["text"].get("default")
        if override:
            return fit(override, "", "" if url in override else url, hashtags, rules)
        return fit(title, version["summary"], url, hashtags, rules)
    said = _said(event, version)
    if said is None:
        return ""
    moment = event.at.astimezone(ZoneInfo(timezone))
    lead = {
        "update": f"{words['update']} {format_datetime(moment, 'd MMM HH:mm', locale=lang.replace('-', '_'))}",
        "correction": words["correction"],
        "closing": words["resolved"] if version["status"] == "resolved" else words["cancelled"],
    }[event.kind]
    about = "" if has_parent else f" ({version['title']})"
    return fit(f"{lead}{about}:", said or version["title"], url, "", rules).replace(":\n\n", ": ", 1)
