"""One manifest record per entry, exactly as docs/manifest.md describes it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from frontmatter.display import N_
from frontmatter.model import Area, Entry, Faq, Notice, Post, TimedText

MANIFEST_VERSION = 1
#: The words the cross-poster puts before a reply or a severe title, per language (manifest "languages").
POST_WORDS = {"update": N_("Update"), "correction": N_("Correction"), "resolved": N_("Resolved"),
              "cancelled": N_("Cancelled"), "emergency": N_("Emergency"), "warning": N_("Warning")}


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def timed_record(entry_id: str, what: str, said: TimedText) -> dict[str, str]:
    """An update or correction, with an id that stays the same when others are added."""
    return {"id": f"{entry_id}/{what}/{_stamp(said.at)}", "at": said.at.isoformat(), "text": said.text}


def hashtags(entry: Entry, areas: dict[str, Area], topic_hashtags: dict[str, str]) -> list[str]:
    tags = [areas[a].hashtag for a in getattr(entry, "areas", ()) if a in areas and areas[a].hashtag]
    tags += [topic_hashtags[t] for t in topics_of(entry) if t in topic_hashtags]
    return list(dict.fromkeys(tag.lstrip("#") for tag in tags))


def topics_of(entry: Entry) -> list[str]:
    if isinstance(entry, Post):
        return list(entry.topics)
    if isinstance(entry, Faq):
        return [entry.topic]
    return []


def post_words(translate) -> dict[str, str]:
    """POST_WORDS in one language (``translate`` is its catalogue's gettext); EMERGENCY in capitals."""
    words = {name: translate(text) for name, text in POST_WORDS.items()}
    words["emergency"] = words["emergency"].upper()
    return words


def entry_record(entry: Entry, url: str, content_digest: str, siteurl: str, areas: dict[str, Area],
                 topic_hashtags: dict[str, str]) -> dict[str, Any]:
    """The record of an entry; of a translation too, whose ids start with its language ("cy/notices/...").

    A translation lists only the updates and correction said in its language, so each language's
    account posts them once they are translated, never in another language's words.
    """
    notice = entry if isinstance(entry, Notice) else None
    post = entry if isinstance(entry, Post) else None
    faq = entry if isinstance(entry, Faq) else None
    record_id = f"{entry.lang.lower()}/{entry.id}" if entry.is_translation else entry.id
    updates = [u for u in sorted(notice.updates, key=lambda u: u.at) if u.lang is None] if notice else []
    correction = notice.correction if notice and notice.correction and notice.correction.lang is None else None
    return {
        "id": record_id,
        "lang": entry.lang,
        "kind": entry.kind,
        "url": url,
        "title": entry.title,
        "summary": entry.summary,
        "date": iso(entry.date),
        "updated": iso(notice.updated if notice else entry.date),
        "severity": notice.severity if notice else None,
        "notice_type": notice.notice_type if notice else None,
        "status": notice.status if notice else None,
        "starts": iso(notice.starts) if notice else None,
        "ends": iso(notice.ends) if notice else None,
        "location": notice.location if notice else None,
        "topics": topics_of(entry),
        "areas": list(notice.areas) if notice else [],
        "hashtags": hashtags(entry, areas, topic_hashtags),
        "owner": faq.owner if faq else None,
        "review_by": faq.review_by.isoformat() if faq and faq.review_by else None,
        "image": {"url": f"{siteurl}/{post.image}", "alt": post.image_alt} if post and post.image else None,
        "updates": [timed_record(record_id, "updates", u) for u in updates],
        "correction": timed_record(record_id, "correction", correction) if correction else None,
        "social": {
            "enabled": entry.social.enabled,
            "text": dict(entry.social.text) or {"default": None},
            "platforms": list(entry.social.platforms) if entry.social.platforms is not None else None,
        },
        "content_hash": f"sha256:{content_digest}",
    }
