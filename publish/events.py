"""Turn the manifest into events: each thing that should reach social media once, with a stable key.

A new entry is a post; each update, a correction and a closing status are replies in its thread
(docs/manifest.md, "Events the cross-poster derives").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

CLOSING_STATUSES = ("resolved", "cancelled")
#: The ledger's entry ids for the council's answers to replies (``invoke answer``): not entries of the site,
#: so they never become the thread an entry's next update goes under.
ANSWER_PREFIX = "answers/"


@dataclass(frozen=True)
class Event:
    key: str
    kind: str  # "entry", "update", "correction" or "closing"
    at: datetime
    entry: Mapping[str, Any]
    text: str = ""

    @property
    def is_reply(self) -> bool:
        return self.kind != "entry"

    def wanted_on(self, platform: str) -> bool:
        """The editor's social settings allow this entry on ``platform``."""
        social = self.entry["social"]
        return social["enabled"] and (social["platforms"] is None or platform in social["platforms"])


def entry_events(entry: Mapping[str, Any]) -> Iterator[Event]:
    yield Event(entry["id"], "entry", datetime.fromisoformat(entry["date"]), entry)
    for update in entry["updates"]:
        yield Event(update["id"], "update", datetime.fromisoformat(update["at"]), entry, update["text"])
    if entry["correction"]:
        correction = entry["correction"]
        yield Event(correction["id"], "correction", datetime.fromisoformat(correction["at"]), entry, correction["text"])
    if entry["status"] in CLOSING_STATUSES:
        yield Event(f"{entry['id']}/status/{entry['status']}", "closing", datetime.fromisoformat(entry["updated"]), entry)


def events(manifest: Mapping[str, Any]) -> list[Event]:
    """Every event of every entry, oldest first; an entry's own post always before its replies."""
    order = {"entry": 0, "update": 1, "correction": 2, "closing": 3}
    found = [event for entry in manifest["entries"] for event in entry_events(entry)]
    return sorted(found, key=lambda e: (e.at, e.entry["id"], order[e.kind]))
