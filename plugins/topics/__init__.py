"""Topic pages: everything (news and questions) about one topic, and the list of topics."""

from pelican import signals

from topics.generator import TopicsGenerator


def get_generators(pelican):
    return TopicsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
