"""Write each event as a social post that fits a platform's real limits, counted the platform's way.

Never cut inside a URL, a character (grapheme) or a hashtag: hashtags go first, then the summary is
shortened at a word boundary (or a character boundary for text without spaces, such as Chinese).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import regex
from babel.dates import format_datetime

from publish.events import Event

URL = re.compile(r"https?://\S+")
#: Where a top-level domain may start: every link twitter-text finds has one.
DOT_BEFORE_LETTER = re.compile(r"\.[A-Za-z]")
ELLIPSIS = "…"
#: The words before a reply or a severe title when the manifest has none for the entry's language.
DEFAULT_WORDS = {"update": "Update", "correction": "Correction", "resolved": "Resolved", "cancelled": "Cancelled",
                 "emergency": "EMERGENCY", "warning": "Warning"}


EMOJI = regex.compile(r"\p{Extended_Pictographic}")


def graphemes(text: str) -> list[str]:
    return regex.findall(r"\X", text)


def grapheme_count(text: str) -> int:
    """How many characters a reader sees. ASCII text is one grapheme per character (but CR LF is one),
    which spares the Unicode segmentation on most posts: ``invoke check`` counts every entry."""
    if text.isascii():
        return len(text) - text.count("\r\n")
    return len(graphemes(text))


def mastodon_length(text: str) -> int:
    """Mastodon counts characters, with every URL as 23."""
    return grapheme_count(URL.sub("x" * 23, text))


def bluesky_length(text: str) -> int:
    return grapheme_count(text)


def x_length(text: str) -> int:
    """X's weighted length. In ASCII text every character weighs 1 and every link 23, as twitter-text
    counts them; its emoji scan (most of its time) is needed only for other text. Imported here, as it
    takes a quarter of a second: a publish that posts nowhere never pays for it."""
    from twitter_text import extract_urls_with_indices, parse_tweet

    if text.isascii():  # CR LF counts once, as it is one character on screen
        return grapheme_count(text) + sum(23 - (end - start) for start, end in
                                          (url["indices"] for url in extract_urls_with_indices(text)))
    return parse_tweet(text).weightedLength


def x_length_at_most(text: str) -> int:
    """No less than :func:`x_length`, without twitter-text: in ASCII text each link it finds holds a "."
    before its top-level domain's first letter and is at least 4 characters ("t.co"), so it adds at most
    19 to the text's length. Most posts fit by this alone, and the check (every entry of a cold build, the
    changed one of a rebuild) then neither imports twitter-text nor runs its link finder over the text."""
    if not text.isascii():
        return x_length(text)
    return grapheme_count(text) + 19 * len(DOT_BEFORE_LETTER.findall(text))


def threads_length(text: str) -> int:
    """Threads counts characters, but an emoji as the number of its UTF-8 bytes."""
    if text.isascii():
        return grapheme_count(text)
    return sum(len(g.encode()) if EMOJI.search(g) else len(g) for g in graphemes(text))


def utf16_length(text: str) -> int:
    """Telegram (and LinkedIn's counter) count UTF-16 code units: an emoji is 2."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Rules:
    name: str
    limit: int
    length: Callable[[str], int]
    #: False where the link travels beside the text (Facebook's link preview), not in it.
    link_in_text: bool = True
    #: A lower limit for a post that carries the entry's image (Telegram's photo caption).
    caption_limit: int | None = None
    #: How many hashtags a post may carry (Threads takes one topic tag), None for any number.
    hashtags: int | None = None
    #: A quicker count that is never less than ``length``: when it fits, so does the text.
    length_at_most: Callable[[str], int] | None = None

    def fits(self, text: str) -> bool:
        if self.length_at_most is not None and self.length_at_most(text) <= self.limit:
            return True
        return self.length(text) <= self.limit

    def overflow(self, text: str) -> int:
        """How far ``text`` runs over the limit; 0 when it fits."""
        return 0 if self.fits(text) else self.length(text) - self.limit


MASTODON = Rules("Mastodon: 500 characters, links count 23", 500, mastodon_length)
BLUESKY = Rules("Bluesky: 300 graphemes", 300, bluesky_length)
X = Rules("X: 280 weighted characters", 280, x_length, length_at_most=x_length_at_most)
THREADS = Rules("Threads: 500 characters, an emoji counts its UTF-8 bytes", 500, threads_length, hashtags=1)
TELEGRAM = Rules("Telegram: 4096 UTF-16 units, 1024 for a photo caption", 4096, utf16_length, caption_limit=1024)
LINKEDIN = Rules("LinkedIn: 3000 characters", 3000, utf16_length)
#: Facebook takes 63,206 characters, but a page post is read in the feed: kept short, the link as its preview.
FACEBOOK = Rules("Facebook: kept to 500 characters, the link as a preview", 500, bluesky_length, link_in_text=False)
#: Apprise reaches chat services with limits of their own; 1000 fits Discord, Slack, Teams, ntfy and email.
APPRISE = Rules("Apprise: 1000 characters", 1000, bluesky_length)


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
    #: The entry's severity: an unknown emergency may be sent again (CROSSPOST_RESEND_UNKNOWN_EMERGENCIES).
    severity: str | None = None


def shorten(text: str, fits: Callable[[str], bool]) -> str:
    """The longest start of ``text`` that fits once an ellipsis is added, cut between words if possible.

    A longer start rarely counts fewer characters, so the cut is found by halving (a 700-word summary
    against Threads' counter: a dozen measurements instead of hundreds); when that finds none (a
    counter that breaks the rule for this text, such as a web address cut short), every cut is tried,
    longest first.
    """
    chars = graphemes(text)

    def start(cut: int) -> str:
        return "".join(chars[:cut]).rstrip() + ELLIPSIS

    between_words = [i for i in range(1, len(chars)) if chars[i - 1].isspace()]
    for cuts in (between_words, range(1, len(chars))):
        longest = bisect_left(cuts, True, key=lambda cut: not fits(start(cut)))
        if longest and fits(start(cuts[longest - 1])):
            return start(cuts[longest - 1])
        for cut in reversed(cuts):
            if fits(start(cut)):
                return start(cut)
    return ELLIPSIS


def join(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def fit(head: str, body: str, tail: str, hashtags: str, rules: Rules) -> str:
    """head + body + tail (+ hashtags) within the limit: drop hashtags first, then shorten body, then head."""
    for text in (join(head, body, tail, hashtags), join(head, body, tail)):
        if rules.fits(text):
            return text
    if body:
        body = shorten(body, lambda b: rules.fits(join(head, b, tail)))
        if rules.fits(join(head, body, tail)):
            return join(head, body, tail)
    return join(shorten(head, lambda h: rules.fits(join(h, tail))), tail)


@dataclass(frozen=True)
class Parts:
    """What a message says before it is fitted: head, body and link, hashtags (dropped first)."""

    head: str
    body: str
    tail: str
    hashtags: str = ""
    reply: bool = False

    def finish(self, text: str) -> str:
        """A reply reads "Update 24 Nov 09:30: text" on one line."""
        return text.replace(":\n\n", ": ", 1) if self.reply else text


def said_in(event: Event, version: Mapping[str, Any]) -> str | None:
    """What a reply says in ``version``'s language (the update or correction at the same time); None if untranslated."""
    if event.kind == "update":
        return next((u["text"] for u in version["updates"] if datetime.fromisoformat(u["at"]) == event.at), None)
    if event.kind == "correction":
        correction = version.get("correction")
        return correction["text"] if correction and datetime.fromisoformat(correction["at"]) == event.at else None
    return event.text


def parts(event: Event, platform: str, timezone: str, has_parent: bool, version: Mapping[str, Any] | None = None,
          words: Mapping[str, Mapping[str, str]] | None = None) -> Parts:
    """The pieces of the message for ``event`` on ``platform``; a reply without a thread names its entry.

    ``version`` is the entry in the language to write (the entry itself by default); ``words`` the
    manifest's words per language.
    """
    entry = version or event.entry
    said_words = (words or {}).get(entry.get("lang") or "", DEFAULT_WORDS)
    url = entry["url"]
    label = said_words[entry["severity"]] if entry["severity"] in ("emergency", "warning") else None
    title = f"{label}: {entry['title']}" if label else entry["title"]
    hashtags = " ".join(f"#{tag}" for tag in entry["hashtags"])
    if event.kind == "entry":
        override = entry["social"]["text"].get(platform) or entry["social"]["text"].get("default")
        if override:
            return Parts(override, "", "" if url in override else url, hashtags)
        return Parts(title, entry["summary"], url, hashtags)
    moment = event.at.astimezone(ZoneInfo(timezone))
    locale = (entry.get("lang") or "en-GB").replace("-", "_")
    lead = {
        "update": f"{said_words['update']} {format_datetime(moment, 'd MMM HH:mm', locale=locale)}",
        "correction": said_words["correction"],
        "closing": said_words["resolved"] if entry["status"] == "resolved" else said_words["cancelled"],
    }[event.kind]
    about = "" if has_parent else f" ({entry['title']})"
    return Parts(f"{lead}{about}:", said_in(event, entry) or entry["title"], url, reply=True)


def overflow(event: Event, rules: Rules, platform: str, timezone: str) -> int:
    """How far the message for ``event``, without hashtags, runs over the platform's limit (0 when it fits).

    ``invoke check`` warns about it: compose would shorten the text with an ellipsis.
    """
    rules = rules_for(event, rules)
    said = parts(event, platform, timezone, has_parent=True)
    tail = said.tail if rules.link_in_text else ""
    return rules.overflow(said.finish(join(said.head, said.body, tail)))


def rules_for(event: Event, rules: Rules) -> Rules:
    """The platform's rules for this message: a photo caption's lower limit where the platform has one."""
    image = event.entry.get("image") if event.kind == "entry" else None
    return replace(rules, limit=rules.caption_limit) if image and rules.caption_limit else rules


def compose(event: Event, rules: Rules, platform: str, timezone: str, has_parent: bool,
            words: Mapping[str, Mapping[str, str]] | None = None) -> Message:
    """The message for ``event`` on ``platform``, within the platform's own rules: a lower limit for a
    photo caption, the link beside the text where it is the preview, as many hashtags as it takes; a
    reply without a thread to go in names its entry.

    ``words`` holds the manifest's words per language. An entry with ``bilingual`` versions (the
    CROSSPOST_BILINGUAL setting) becomes one post with a part per language (a reply: per language it
    is said in), each within its share of the limit, then the link to the first language's page.
    """
    entry = event.entry
    image = (entry.get("image") or {}) if event.kind == "entry" else {}
    rules = rules_for(event, rules)
    versions = sorted([entry, *entry.get("bilingual", [])], key=lambda v: v.get("lang") != entry.get("first"))
    url = versions[0]["url"]
    if len(versions) == 1:
        said = parts(event, platform, timezone, has_parent, words=words)
        hashtags = " ".join(said.hashtags.split()[:rules.hashtags])
        text = said.finish(fit(said.head, said.body, said.tail if rules.link_in_text else "", hashtags, rules))
    else:
        link = url if rules.link_in_text else ""
        room = rules.limit - (rules.length(link) if link else 0) - 2 * len(versions)
        share = Rules(rules.name, room // len(versions), rules.length)
        texts = []
        for version in versions:
            if event.is_reply and said_in(event, version) is None:
                continue
            said = parts(event, platform, timezone, has_parent, version, words)
            texts.append(said.finish(fit(said.head, said.body, "", "", share)))
        text = join(*texts, link)
        hashtags = " ".join(parts(event, platform, timezone, has_parent, words=words).hashtags.split()[:rules.hashtags])
        if hashtags and rules.fits(join(text, hashtags)):
            text = join(text, hashtags)
    return Message(
        key=event.key, entry_id=entry["id"], at=event.at, text=text, url=url, title=entry["title"],
        summary=entry["summary"], image_url=image.get("url"), image_alt=image.get("alt"),
        length=rules.length(text), limit=rules.limit, severity=entry["severity"],
    )
