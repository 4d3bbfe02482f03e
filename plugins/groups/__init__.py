"""Community groups: /groups/ with plain-link filters by area and topic, and each area's and topic's groups."""

from pelican import signals

from groups.generator import GroupsGenerator


def get_generators(pelican):
    return GroupsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
