"""A problem found in a content file, printed the way editors and their editors' tools read it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

# Words editors reach for that are not our values, and the value they mean.
SYNONYMS = {
    "urgent": "emergency",
    "critical": "emergency",
    "severe": "emergency",
    "high": "warning",
    "medium": "advisory",
    "low": "info",
    "minor": "advisory",
    "information": "info",
    "notice": "info",
    "closed": "resolved",
    "done": "resolved",
    "finished": "resolved",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "live": "active",
    "open": "active",
    "roadworks": "road_closure",
    "road closure": "road_closure",
    "bins": "waste_collection",
    "waste": "waste_collection",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file: where, which field, what is wrong and how to fix it."""

    path: str
    line: int
    field: str
    message: str
    level: str = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.level == "warning" else ""
        return f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}"


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """' Did you mean "x"?' for the closest choice, or '' when nothing is close."""
    choices = list(choices)
    word = str(value).strip().lower()
    guess = SYNONYMS.get(word) if SYNONYMS.get(word) in choices else None
    if guess is None:
        close = difflib.get_close_matches(word.replace(" ", "_"), choices, n=1, cutoff=0.5)
        guess = close[0] if close else None
    return f' Did you mean "{guess}"?' if guess else ""
