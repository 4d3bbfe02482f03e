"""Bluesky, through the atproto SDK: a post per event with link and hashtag facets and a link card.

Idempotent by construction: every post gets a record key derived from its event (a TID built
from the event's time and a hash of its key), so the same event always names the same record.
``find`` asks the account's repository for that record after a run died before writing its result.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from types import ModuleType
from typing import Any

from publish.compose import BLUESKY, URL, Message
from publish.extras import load, require
from publish.platforms.base import Context, Platform, PlatformError, RemotePost

POST_COLLECTION = "app.bsky.feed.post"
HASHTAG = re.compile(r"(?<!\S)#(\w+)")
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def record_key(event_key: str, at: datetime) -> str:
    """A valid TID for the event: its time in microseconds, and 10 bits of its key as the clock id."""
    micros = int(at.timestamp() * 1_000_000)
    clock_id = int.from_bytes(hashlib.sha256(event_key.encode()).digest()[:2], "big") % 1024
    value = (micros << 10) | clock_id
    return "".join(TID_ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(13)))


def sdk_models() -> ModuleType:
    """atproto's record types, imported at the first post: a publish with nothing new never loads the SDK."""
    return load("atproto", "bluesky").models


def _byte_slice(text: str, start: int, end: int) -> Any:
    """Facets index UTF-8 bytes, not characters."""
    return sdk_models().AppBskyRichtextFacet.ByteSlice(
        byte_start=len(text[:start].encode()), byte_end=len(text[:end].encode())
    )


def facets(text: str) -> list[Any]:
    """Links and hashtags in ``text``, which Bluesky shows as plain text without them."""
    models = sdk_models()
    found = [
        models.AppBskyRichtextFacet.Main(
            index=_byte_slice(text, *match.span()), features=[models.AppBskyRichtextFacet.Link(uri=match.group())]
        )
        for match in URL.finditer(text)
    ]
    found += [
        models.AppBskyRichtextFacet.Main(
            index=_byte_slice(text, *match.span()), features=[models.AppBskyRichtextFacet.Tag(tag=match.group(1))]
        )
        for match in HASHTAG.finditer(text)
    ]
    return found


class BlueskyPlatform(Platform):
    name = "bluesky"
    rules = BLUESKY
    required_env = ("NOTICEBOARD_BLUESKY_HANDLE", "NOTICEBOARD_BLUESKY_APP_PASSWORD")

    def __init__(self, context: Context) -> None:
        self.context = context
        self.service = context.env.get("NOTICEBOARD_BLUESKY_SERVICE") or "https://bsky.social"
        self.language = context.settings.get("DEFAULT_LANG")
        require("atproto", "bluesky")
        self._client: Any = None
        self._session: Any = None

    def _logged_in(self) -> Any:
        if self._client is None:
            atproto = load("atproto", "bluesky")
            request = load("atproto_client.request", "bluesky").Request(timeout=self.context.timeout)
            client = atproto.Client(self.service, request=request)
            client.on_session_change(self._keep_session)
            client.login(
                self.context.env["NOTICEBOARD_BLUESKY_HANDLE"],
                self.context.env["NOTICEBOARD_BLUESKY_APP_PASSWORD"],
                fetch_bsky_profile=False,
            )
            self._client = client
        return self._client

    def post(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost:
        with self._errors():
            client = self._logged_in()
            models = sdk_models()
            rkey = record_key(message.key, message.at)
            record = models.AppBskyFeedPost.Record(
                text=message.text,
                created_at=datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                facets=facets(message.text) or None,
                embed=self._link_card(client, message) if reply_to is None else None,
                reply=self._reply_ref(reply_to) if reply_to else None,
                langs=[self.language] if self.language else None,
            )
            created = client.com.atproto.repo.create_record(
                models.ComAtprotoRepoCreateRecord.Data(
                    repo=self._session.did,
                    collection=POST_COLLECTION, rkey=rkey, record=record,
                )
            )
        return self._remote(created.uri, created.cid, reply_to)

    def find(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost | None:
        with self._errors():
            client = self._logged_in()
            try:
                found = client.com.atproto.repo.get_record(
                    params={"repo": self._session.did, "collection": POST_COLLECTION,
                            "rkey": record_key(message.key, message.at)}
                )
            except load("atproto_client.exceptions", "bluesky").BadRequestError as exc:
                if getattr(exc.response.content, "error", None) == "RecordNotFound":
                    return None
                raise
        return self._remote(found.uri, found.cid, reply_to)

    def _keep_session(self, event: Any, session: Any) -> None:
        """The account's DID and handle, from login and every refresh."""
        self._session = session

    def _remote(self, uri: str, cid: str, reply_to: RemotePost | None) -> RemotePost:
        """The post with its thread root, which every later reply in the thread must name."""
        rkey = uri.rsplit("/", 1)[-1]
        handle = self._session.handle
        root_uri = (reply_to.root_uri or reply_to.uri) if reply_to else uri
        root_cid = (reply_to.root_cid or reply_to.cid) if reply_to else cid
        return RemotePost(id=uri, url=f"https://bsky.app/profile/{handle}/post/{rkey}", uri=uri, cid=cid,
                          root_uri=root_uri, root_cid=root_cid)

    @staticmethod
    def _reply_ref(reply_to: RemotePost) -> Any:
        models = sdk_models()
        parent = models.ComAtprotoRepoStrongRef.Main(uri=reply_to.uri, cid=reply_to.cid)
        root = models.ComAtprotoRepoStrongRef.Main(uri=reply_to.root_uri or reply_to.uri,
                                                   cid=reply_to.root_cid or reply_to.cid)
        return models.AppBskyFeedPost.ReplyRef(parent=parent, root=root)

    def _link_card(self, client: Any, message: Message) -> Any:
        """The entry's title, summary and image as a card under the post."""
        models = sdk_models()
        thumb = None
        image = self.context.local_file(message.image_url) if message.image_url else None
        if image:
            thumb = client.upload_blob(image.read_bytes()).blob
        return models.AppBskyEmbedExternal.Main(
            external=models.AppBskyEmbedExternal.External(
                uri=message.url, title=message.title, description=message.summary, thumb=thumb
            )
        )

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """atproto's exceptions as PlatformError, telling what is worth retrying and when."""
        errors = load("atproto_client.exceptions", "bluesky")
        try:
            yield
        except errors.RateLimitExceededError as exc:
            wait = exc.retry_after
            if wait is None and exc.reset_at:
                wait = max(0.0, (exc.reset_at - datetime.now(UTC)).total_seconds())
            raise PlatformError(self.name, "rate limited (HTTP 429)", retryable=True, retry_after=wait) from None
        except errors.RequestErrorBase as exc:
            status = exc.response.status_code if exc.response else None
            retryable = isinstance(exc, errors.NetworkError) or (status is not None and status >= 500)
            reason = str(exc) if exc.response else f"{type(exc).__name__} (no answer from {self.service})"
            raise PlatformError(self.name, reason, retryable=retryable) from None
        except errors.AtProtocolError as exc:
            raise PlatformError(self.name, f"{type(exc).__name__}: {exc}", retryable=False) from None
        except ValueError as exc:
            # An answer that is not the JSON asked for (a proxy's error page, a cut-off body): the post may
            # have been made, so the retry looks for it first.
            raise PlatformError(self.name, f"the answer from {self.service} could not be read ({exc})",
                                retryable=True) from None
