"""Every way a citizen can subscribe: Atom, RSS, JSON Feed, iCalendar, CAP alerts, OPML and /subscribe/."""

from pelican import signals

from feeds.generator import FeedsGenerator


def get_generators(pelican):
    return FeedsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
