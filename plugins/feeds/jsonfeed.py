"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) for the whole site: the same entries as Atom."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from feeds.entries import FeedEntry
from feeds.settings import FeedSettings

VERSION = "https://jsonfeed.org/version/1.1"


def item(entry: FeedEntry, full_content: bool) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "content_html": entry.full_html if full_content else entry.summary_html,
        "summary": entry.summary,
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
        "authors": [{"name": entry.author}],
        "tags": [name for _, name in entry.categories],
    }
    if entry.image:
        record["image"] = entry.image
    return record


def json_feed(settings: FeedSettings, *, title: str, description: str, page_url: str, feed_url: str,
              entries: Sequence[FeedEntry], full_content: bool) -> bytes:
    document = {
        "version": VERSION,
        "title": f"{settings.sitename}: {title}",
        "description": description,
        "home_page_url": page_url,
        "feed_url": feed_url,
        "language": settings.language,
        "authors": [{"name": settings.sitename, "url": settings.url("")}],
        "items": [item(entry, full_content) for entry in entries],
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
