"""``invoke answer``: post the council's answer under a citizen's reply, exactly once.

The same three steps as every cross-post: an intent in the ledger under a key derived from the
reply, the post with that key as the platform's idempotency mechanism, then the result. Running
the command again finds the result and posts nothing; a run that died after its intent looks the
answer up on the platform before posting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from publish.compose import Message
from publish.crosspost import RetryPolicy, deliver
from publish.errors import ConfigError
from publish.events import ANSWER_PREFIX
from publish.ledger import Ledger
from publish.platforms.base import Platform, RemotePost
from publish.replies.base import Reply


def answer_key(reply: Reply) -> str:
    return f"answer/{reply.platform}/{reply.remote.id}"


def answer_message(reply: Reply, text: str, platform: Platform) -> Message:
    """The answer as it will be sent: on Mastodon it names the person, as replies there do."""
    text = text.strip()
    if not text:
        raise ConfigError("answer: the text is empty; write the council's answer in quotes after the address")
    if platform.name == "mastodon" and reply.author not in text.split():
        text = f"{reply.author} {text}"
    length = platform.rules.length(text)
    if length > platform.rules.limit:
        raise ConfigError(f"answer: the text is {length} characters long; {platform.rules.name}. "
                          "Shorten it, or link to a page that says the rest")
    return Message(key=answer_key(reply), entry_id=ANSWER_PREFIX + (reply.entry or "mentions"), at=reply.at,
                   text=text, url=reply.url, title="", summary="", image_url=None, image_alt=None,
                   length=length, limit=platform.rules.limit)


def answer(reply: Reply, text: str, platform: Platform, ledger: Ledger, policy: RetryPolicy, *,
           say: Callable[[str], None] = print, sleep: Callable[[float], None] = time.sleep) -> tuple[RemotePost, bool]:
    """The council's answer under ``reply``, and whether this call posted it (False: it already had been)."""
    message = answer_message(reply, text, platform)
    record = ledger.get(platform.name, message.key)
    if record and record["state"] == "posted":
        return RemotePost.from_record(record), False
    if record is None:
        ledger.intend(platform.name, message.key, message.entry_id, datetime.now(UTC))
    remote = deliver(platform, message, reply.remote, record is not None, policy, say, sleep)
    ledger.posted(platform.name, message.key, message.entry_id, remote, datetime.now(UTC))
    return remote, True
