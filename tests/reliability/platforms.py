"""Every platform the reliability runs post to, in one table: a platform joins by adding a row.

A row says how to start its loopback server (None: no network, such as the outbox), the environment
a council would set, the path its posts go to (where faults are injected), and how to read back
every delivery the platform received, so that duplicates and losses are counted, not assumed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.servers.bluesky import BlueskyServer
from tests.servers.loopback import LoopbackServer
from tests.servers.mastodon import MastodonServer

MASTODON_TOKEN = "mastodon-reliability-token-5d1e"
BLUESKY_PASSWORD = "bsky-reliability-pass-8c2f"


@dataclass(frozen=True)
class Kind:
    name: str
    #: Starts the platform's loopback server (a context manager), or None for a platform with no network.
    server: Callable[[], LoopbackServer] | None
    #: The environment variables that switch the platform on, given its server and the outbox folder.
    env: Callable[[LoopbackServer | None, Path], dict[str, str]]
    #: The request path a post is made with: where the platform-fault table injects its faults.
    post_path: str | None
    #: (event, delivery) for every delivery the platform holds: two deliveries of one event are a duplicate.
    deliveries: Callable[[LoopbackServer | None, Path], set[tuple[str, str]]]
    #: How the platform refuses a post it already has (status, body), for the platform-fault table.
    duplicate: tuple[int, Any] | None = None


def _outbox_deliveries(server: LoopbackServer | None, outbox: Path) -> set[tuple[str, str]]:
    """A message file per event; written again (a duplicate) it is a new file, with a new inode."""
    return {(p.name, str(p.stat().st_ino)) for p in outbox.glob("*.json")}


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("outbox", None, lambda server, outbox: {}, None, _outbox_deliveries),
    Kind("mastodon", lambda: MastodonServer(MASTODON_TOKEN),
         lambda server, outbox: {"NOTICEBOARD_MASTODON_URL": server.url, "NOTICEBOARD_MASTODON_TOKEN": MASTODON_TOKEN},
         "/api/v1/statuses", lambda server, outbox: {(text, id_) for id_, text in server.texts.items()},
         (422, {"error": "Validation failed: Text has already been posted"})),
    Kind("bluesky", lambda: BlueskyServer("riverford.test", BLUESKY_PASSWORD),
         lambda server, outbox: {"NOTICEBOARD_BLUESKY_SERVICE": server.url, "NOTICEBOARD_BLUESKY_HANDLE": "riverford.test",
                                 "NOTICEBOARD_BLUESKY_APP_PASSWORD": BLUESKY_PASSWORD},
         "/xrpc/com.atproto.repo.createRecord",
         lambda server, outbox: {(r["value"]["text"], uri) for uri, r in server.records.items()},
         (400, {"error": "InvalidRequest", "message": "Record already exists"})),
)}

