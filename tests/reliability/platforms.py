"""Every platform the reliability runs post to, in one table: a platform joins by adding a row.

A row says how to start its loopback server (None: no network, such as the outbox), the environment
a council would set, the path its posts go to (where faults are injected), and how to read back
every delivery the platform received, so that duplicates and losses are counted, not assumed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publish.crosspost import plan
from publish.ledger import Ledger
from tests.servers.apprise import AppriseServer
from tests.servers.bluesky import BlueskyServer
from tests.servers.facebook import PAGE_ID as FACEBOOK_PAGE
from tests.servers.facebook import VERSION as GRAPH_VERSION
from tests.servers.facebook import FacebookServer
from tests.servers.linkedin import ORGANIZATION as LINKEDIN_ORGANIZATION
from tests.servers.linkedin import LinkedInServer
from tests.servers.loopback import LoopbackServer
from tests.servers.mastodon import MastodonServer
from tests.servers.telegram import TelegramServer
from tests.servers.threads import USER_ID as THREADS_USER
from tests.servers.threads import VERSION as THREADS_VERSION
from tests.servers.threads import ThreadsServer
from tests.servers.x import XServer

MASTODON_TOKEN = "mastodon-reliability-token-5d1e"
BLUESKY_PASSWORD = "bsky-reliability-pass-8c2f"
X_CREDENTIALS = {"NOTICEBOARD_X_API_KEY": "x-reliability-key-41c7", "NOTICEBOARD_X_API_SECRET": "x-reliability-secret-0e93",
                 "NOTICEBOARD_X_ACCESS_TOKEN": "x-reliability-access-7a2d",
                 "NOTICEBOARD_X_ACCESS_SECRET": "x-reliability-access-secret-b5f0"}
FACEBOOK_TOKEN = "fb-reliability-page-token-EAAB19d4"
TELEGRAM_TOKEN = "7093310742:AAH-reliability-bot-token-Kx"
LINKEDIN_TOKEN = "linkedin-reliability-token-AQV3c8"
THREADS_TOKEN = "threads-reliability-token-THQ6e2"


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
    #: The platform's history can be searched, so a post in doubt is looked for and posted exactly once;
    #: one that cannot (Telegram, Apprise) is sent at most once and a post in doubt is reported unknown.
    searchable: bool = True
    #: A refusal (401, 429) is known not to have delivered; apprise reports only that a service failed.
    knows_refusals: bool = True
    #: Follow-ups are replies (and wait for their entry's post); apprise sends each on its own.
    threads: bool = True


def _outbox_deliveries(server: LoopbackServer | None, outbox: Path) -> set[tuple[str, str]]:
    """A message file per event; written again (a duplicate) it is a new file, with a new inode. The
    outbox holds the Welsh account's messages (outbox-cy) too: only the English account's count here."""
    return {(p.name, str(p.stat().st_ino)) for p in outbox.glob("*.json")
            if json.loads(p.read_text(encoding="utf-8"))["platform"] == "outbox"}


def held_behind(kind: Kind, manifest: dict, unknown: list[str]) -> list[str]:
    """The follow-ups an at-most-once platform holds back until its posts in doubt are settled: on a
    platform with threads, the later events of an entry whose post (or follow-up) is unknown."""
    if not kind.threads:
        return []
    steps = [s for s in plan(manifest, kind.name, Ledger.empty(), 48, kind.threads) if s.action != "backlog"]
    held: list[str] = []
    for key in unknown:
        [at] = [n for n, s in enumerate(steps) if s.event.key == key]
        held += [s.event.key for s in steps[at + 1:] if s.event.entry["id"] == steps[at].event.entry["id"]]
    return sorted(set(held) - set(unknown))


def unknown_in(output: str, name: str) -> list[str]:
    """The event keys a run reported unknown on platform ``name`` (its log lines)."""
    return sorted(set(re.findall(rf"^{name}: UNKNOWN:? ([^\s:]+)", output, re.MULTILINE)))


def _facebook_deliveries(server: FacebookServer, outbox: Path) -> set[tuple[str, str]]:
    posts = {(f"{p['message']} {p.get('link') or ''}", p["id"]) for p in server.posts}
    return posts | {(c["message"], c["id"]) for comments in server.comments.values() for c in comments}


def _linkedin_deliveries(server: LinkedInServer, outbox: Path) -> set[tuple[str, str]]:
    posts = {(p["commentary"], p["id"]) for p in server.posts}
    return posts | {(c["message"]["text"], c["id"]) for comments in server.comments.values() for c in comments}


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
    Kind("x", lambda: XServer(*X_CREDENTIALS.values()),
         lambda server, outbox: {**X_CREDENTIALS, "NOTICEBOARD_X_API_URL": server.url},
         "/2/tweets", lambda server, outbox: {(text, id_) for id_, text in server.texts.items()},
         (403, {"title": "Forbidden", "type": "about:blank", "status": 403,
                "detail": "You are not allowed to create a Tweet with duplicate content."})),
    Kind("facebook", lambda: FacebookServer(FACEBOOK_TOKEN),
         lambda server, outbox: {"NOTICEBOARD_FACEBOOK_PAGE_ID": FACEBOOK_PAGE,
                                 "NOTICEBOARD_FACEBOOK_PAGE_TOKEN": FACEBOOK_TOKEN,
                                 "NOTICEBOARD_FACEBOOK_GRAPH_URL": server.graph_url},
         f"/{GRAPH_VERSION}/{FACEBOOK_PAGE}/feed", _facebook_deliveries,
         (400, {"error": {"message": "(#506) Duplicate status message", "type": "OAuthException", "code": 506,
                          "fbtrace_id": "AbCdEf123"}})),
    Kind("linkedin", lambda: LinkedInServer(LINKEDIN_TOKEN),
         lambda server, outbox: {"NOTICEBOARD_LINKEDIN_TOKEN": LINKEDIN_TOKEN,
                                 "NOTICEBOARD_LINKEDIN_ORGANIZATION": LINKEDIN_ORGANIZATION.rsplit(":", 1)[-1],
                                 "NOTICEBOARD_LINKEDIN_API_URL": server.url},
         "/rest/posts", _linkedin_deliveries,
         (422, {"status": 422, "message": "Content is a duplicate of urn:li:share:7260000000000000001"})),
    #: Threads documents no refusal of a repeated text: the duplicate row does not apply.
    Kind("threads", lambda: ThreadsServer(THREADS_TOKEN),
         lambda server, outbox: {"NOTICEBOARD_THREADS_USER_ID": THREADS_USER, "NOTICEBOARD_THREADS_TOKEN": THREADS_TOKEN,
                                 "NOTICEBOARD_THREADS_API_URL": server.api_url},
         f"/{THREADS_VERSION}/{THREADS_USER}/threads_publish",
         lambda server, outbox: {(p["text"], p["id"]) for p in server.posts}),
    #: Telegram accepts the same text twice, so nothing is refused as a duplicate; a bot cannot read its channel.
    Kind("telegram", lambda: TelegramServer(TELEGRAM_TOKEN),
         lambda server, outbox: {"NOTICEBOARD_TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
                                 "NOTICEBOARD_TELEGRAM_CHAT_ID": "@riverfordcouncil",
                                 "NOTICEBOARD_TELEGRAM_API_URL": server.url},
         f"/bot{TELEGRAM_TOKEN}/sendMessage",
         lambda server, outbox: {(m.get("text") or m.get("caption", ""), str(m["message_id"])) for m in server.messages},
         searchable=False),
    Kind("apprise", AppriseServer, lambda server, outbox: {"NOTICEBOARD_APPRISE_URLS": server.apprise_url},
         "/", lambda server, outbox: {(f"{m['title']}\n{m['message']}", str(n)) for n, m in enumerate(server.messages)},
         searchable=False, knows_refusals=False, threads=False),
)}

