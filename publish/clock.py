"""The one clock publishing reads: NOTICEBOARD_NOW (ISO 8601) when set, as the build does, else the real time."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, tzinfo

from publish.errors import ConfigError

DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([hdw])\s*$")
UNITS = {"h": "hours", "d": "days", "w": "weeks"}


def now(env: Mapping[str, str]) -> datetime:
    value = env.get("NOTICEBOARD_NOW")
    return moment(value, "NOTICEBOARD_NOW", UTC) if value else datetime.now(UTC)


def since(text: str, at: datetime, what: str = "--since") -> datetime:
    """``7d``, ``12h``, ``2w`` before ``at``, or a date or time (``2026-11-20``, ``2026-11-20T08:00``)."""
    match = DURATION.match(str(text))
    if match:
        return at - timedelta(**{UNITS[match.group(2)]: float(match.group(1))})
    return moment(text, what, at.tzinfo, also="a time span such as 7d, 12h or 2w, or ")


def moment(text: str, what: str, zone: tzinfo | None, also: str = "") -> datetime:
    """An ISO 8601 date or time; one without an offset is taken in ``zone``."""
    try:
        parsed = datetime.fromisoformat(str(text).strip())
    except ValueError:
        raise ConfigError(f"{what}: {text!r} is not {also}an ISO 8601 time such as 2026-11-25T09:00:00+00:00") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
