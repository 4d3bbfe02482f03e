"""The one clock the build reads: NOTICEBOARD_NOW (ISO 8601) when set, so tests and previews can
build the site as it will be at any moment; otherwise the real time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime


def now(env: Mapping[str, str] = os.environ) -> datetime:
    """The build's current time, timezone-aware."""
    value = env.get("NOTICEBOARD_NOW")
    if not value:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"NOTICEBOARD_NOW={value!r} is not an ISO 8601 time such as 2026-11-25T09:00:00+00:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
