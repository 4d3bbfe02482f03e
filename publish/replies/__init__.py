"""Listening: what citizens say back to the council's posts, read from each platform that allows it.

``LISTENERS`` names the platforms that can be read; a platform not in it (the outbox, or one whose
API tier gives no read access) is left out of the inbox and said so.
"""

from __future__ import annotations

from publish.platforms.base import Platform
from publish.replies.base import Listener
from publish.replies.bluesky import BlueskyListener
from publish.replies.mastodon import MastodonListener

LISTENERS: dict[str, type[Listener]] = {listener.name: listener for listener in (MastodonListener, BlueskyListener)}


def listener_for(platform: type[Platform]) -> type[Listener] | None:
    """The listener of a cross-posting platform, or None when it cannot be read."""
    return LISTENERS.get(platform.name)
