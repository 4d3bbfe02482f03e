"""Notices: pages, the current list, the archive, per-type and per-area pages, and the banner."""

from pelican import signals

from notices.generator import NoticesGenerator


def get_generators(pelican):
    return NoticesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
