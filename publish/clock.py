"""The one clock publishing reads: NOTICEBOARD_NOW (ISO 8601) when set, as the build does, else the real time."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from publish.errors import ConfigError

DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([hdw])\s*$")
UNITS = {"h": "hours", "d": "days", "w": "weeks"}


def now(env: Mapping[str, str]) -> datetime:
    value = env.get("NOTICEBOARD_NOW")
    if not value:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"NOTICEBOARD_NOW={value!r} is not an ISO 8601 time such as 2026-11-25T09:00:00+00:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def since(text: str, at: datetime, what: str = "--since") -> datetime:
    """``7d``, ``12h``, ``2w`` before ``at``, or a date or time (``2026-11-20``, ``2026-11-20T08:00``)."""
    match = DURATION.match(str(text))
    if match:
        return at - timedelta(**{UNITS[match.group(2)]: float(match.group(1))})
    try:
        moment = datetime.fromisoformat(str(text).strip())
    except ValueError:
        raise ConfigError(f"{what}: {text!r} is neither a time span such as 7d, 12h or 2w nor a date such as "
                          "2026-11-20") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=at.tzinfo)
