"""How values read on the page: dates in the site's time, and words for enumerated values.

Registered as Jinja filters, so every template says a date or a severity the same way.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

LABELS = {
    "info": "Information",
    "advisory": "Advisory",
    "warning": "Warning",
    "emergency": "Emergency",
    "event": "Event",
    "road_closure": "Road closure",
    "waste_collection": "Bin collections",
    "service_change": "Service change",
    "consultation": "Consultation",
    "active": "Active",
    "resolved": "Resolved",
    "cancelled": "Cancelled",
}


def label(value: str) -> str:
    """The words a citizen reads for a value such as ``road_closure``."""
    return LABELS.get(value, value.replace("_", " ").capitalize())


def filters(timezone: str) -> dict:
    zone = ZoneInfo(timezone)

    def local(moment: datetime) -> datetime:
        return moment.astimezone(zone)

    def when(moment: datetime | date) -> str:
        """"Tuesday 24 November 2026, 9:30am" in the site's time; a date alone without the time."""
        if not isinstance(moment, datetime):
            return f"{moment:%A} {moment.day} {moment:%B %Y}"
        moment = local(moment)
        clock = f"{moment.hour % 12 or 12}:{moment:%M}".removesuffix(":00") + ("am" if moment.hour < 12 else "pm")
        return f"{moment:%A} {moment.day} {moment:%B %Y}, {clock}"

    def day(moment: datetime | date) -> str:
        moment = local(moment) if isinstance(moment, datetime) else moment
        return f"{moment.day} {moment:%B %Y}"

    def isotime(moment: datetime | date) -> str:
        return moment.isoformat()

    return {"label": label, "when": when, "day": day, "isotime": isotime, "local": local}
