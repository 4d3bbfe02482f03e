"""Mastodon, through Mastodon.py: a status per event, replies threaded, the entry image with its alt text.

Idempotent twice over: each status carries an ``Idempotency-Key`` (Mastodon keeps them for an
hour), and ``find`` looks through the account's recent statuses for one already made for the
event after a run died before writing its result.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from publish.compose import MASTODON, Message
from publish.errors import ConfigError
from publish.extras import load, require
from publish.platforms.base import Context, Platform, PlatformError, RemotePost

VISIBILITIES = ("public", "unlisted", "private")
#: How far back ``find`` looks: more than one publish run ever posts.
RECENT_STATUSES = 40


def _plain(html: str) -> str:
    """A status's text without markup or whitespace, to compare with what was sent."""
    import lxml.html  # only when a run looks a post up

    text = lxml.html.fromstring(html).text_content() if html.strip() else ""
    return "".join(text.split())


class MastodonPlatform(Platform):
    name = "mastodon"
    rules = MASTODON
    required_env = ("NOTICEBOARD_MASTODON_URL", "NOTICEBOARD_MASTODON_TOKEN")

    def __init__(self, context: Context) -> None:
        self.context = context
        self.visibility = str(context.settings.get("MASTODON_VISIBILITY", "public"))
        if self.visibility not in VISIBILITIES:
            raise ConfigError(f"MASTODON_VISIBILITY: expected one of {', '.join(VISIBILITIES)}, not {self.visibility!r}")
        self.language = context.settings.get("DEFAULT_LANG")
        require("mastodon", "mastodon")
        #: The Mastodon.py client, made (and the library imported) at the first request: a publish with
        #: nothing new never loads it.
        self._api: Any = None

    @property
    def api(self) -> Any:
        """The Mastodon.py client, made at the first request."""
        if self._api is None:
            env = self.context.env
            self._api = load("mastodon", "mastodon").Mastodon(
                api_base_url=env["NOTICEBOARD_MASTODON_URL"],
                access_token=env["NOTICEBOARD_MASTODON_TOKEN"],
                request_timeout=self.context.timeout,
                ratelimit_method="throw",
                version_check_mode="none",
                user_agent="Noticeboard",
            )
        return self._api

    def post(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost:
        with self._errors():
            media_ids = []
            image = self.context.local_file(message.image_url) if message.image_url else None
            if image:
                media = self.api.media_post(str(image), description=message.image_alt, synchronous=True)
                media_ids.append(media["id"])
            status = self.api.status_post(
                message.text,
                in_reply_to_id=reply_to.id if reply_to else None,
                media_ids=media_ids or None,
                visibility=self.visibility,
                language=self.language,
                idempotency_key=f"noticeboard:{message.key}",
            )
        return RemotePost(id=str(status["id"]), url=status["url"])

    def find(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost | None:
        with self._errors():
            account = self.api.me()
            statuses = self.api.account_statuses(account["id"], limit=RECENT_STATUSES, exclude_reblogs=True)
        wanted_parent = reply_to.id if reply_to else None
        wanted_text = "".join(message.text.split())
        for status in statuses:
            parent = status.get("in_reply_to_id")
            if (str(parent) if parent is not None else None) == wanted_parent and _plain(status["content"]) == wanted_text:
                return RemotePost(id=str(status["id"]), url=status["url"])
        return None

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Mastodon.py's exceptions as PlatformError, telling what is worth retrying and when."""
        sdk = load("mastodon", "mastodon")
        try:
            yield
        except sdk.MastodonRatelimitError:
            reset = self.api.ratelimit_reset
            wait = max(0.0, reset - time.time()) if reset else None
            raise PlatformError(self.name, "rate limited (HTTP 429)", retryable=True, retry_after=wait) from None
        except sdk.MastodonError as exc:
            # An answer that is not JSON (a proxy's error page, a cut-off body; Mastodon.py says so only in
            # its message) may follow a post that was made: retried, and the retry looks for it first.
            unreadable = str(exc.args[0] if exc.args else "").startswith("Could not parse response as JSON")
            retryable = unreadable or isinstance(exc, (sdk.MastodonNetworkError, sdk.MastodonServerError))
            raise PlatformError(self.name, _describe(exc), retryable=retryable) from None


def _describe(exc: Exception) -> str:
    """'HTTP 422 Unprocessable Entity: Validation failed' rather than a tuple of arguments."""
    args = exc.args
    if len(args) >= 4 and isinstance(args[1], int):
        return f"HTTP {args[1]} {args[2]}" + (f": {args[3]}" if args[3] else "")
    return str(args[0]) if args else type(exc).__name__
