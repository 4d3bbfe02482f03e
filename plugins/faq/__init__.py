"""FAQ pages: one page per question and an index grouped by topic."""

from pelican import signals

from faq.generator import FaqGenerator


def get_generators(pelican):
    return FaqGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
