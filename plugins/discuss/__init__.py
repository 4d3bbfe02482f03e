"""'Discuss this on Mastodon / Bluesky ...': each entry's page links to its social posts once they exist."""

from pelican import signals

from discuss.generator import DiscussGenerator


def get_generators(pelican):
    return DiscussGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
