"""Run ``python -m publish`` as CI does, against loopback servers for every platform."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.servers.apprise import AppriseServer
from tests.servers.bluesky import BlueskyServer
from tests.servers.facebook import PAGE_ID as FACEBOOK_PAGE
from tests.servers.facebook import FacebookServer
from tests.servers.linkedin import ORGANIZATION as LINKEDIN_ORGANIZATION
from tests.servers.linkedin import LinkedInServer
from tests.servers.loopback import LoopbackServer
from tests.servers.mastodon import MastodonServer
from tests.servers.telegram import TelegramServer
from tests.servers.threads import USER_ID as THREADS_USER
from tests.servers.threads import ThreadsServer
from tests.servers.x import XServer

MASTODON_TOKEN = "mastodon-secret-token-4f9a"
BLUESKY_PASSWORD = "bsky-app-pass-77x1-k2p9"


@dataclass
class Accounts:
    mastodon: MastodonServer
    bluesky: BlueskyServer

    @property
    def env(self) -> dict[str, str]:
        return {
            "NOTICEBOARD_MASTODON_URL": self.mastodon.url,
            "NOTICEBOARD_MASTODON_TOKEN": MASTODON_TOKEN,
            "NOTICEBOARD_BLUESKY_SERVICE": self.bluesky.url,
            "NOTICEBOARD_BLUESKY_HANDLE": "riverford.test",
            "NOTICEBOARD_BLUESKY_APP_PASSWORD": BLUESKY_PASSWORD,
        }


@pytest.fixture
def accounts() -> Iterator[Accounts]:
    with MastodonServer(MASTODON_TOKEN) as mastodon, BlueskyServer("riverford.test", BLUESKY_PASSWORD) as bluesky:
        yield Accounts(mastodon, bluesky)


@pytest.fixture
def write_entry() -> Callable[..., Path]:
    """Add a content file: write_entry(content, "notices/x.md", front_matter_text, body)."""

    def write(content: Path, name: str, front_matter: str, body: str = "Details on the page.") -> Path:
        path = content / name
        path.write_text(f"---\n{front_matter.strip()}\n---\n{body}\n", encoding="utf-8")
        return path

    return write


#: One credential per variable, each distinct, so a test can look for any of them in what a run leaves.
CREDENTIALS = {
    "NOTICEBOARD_X_API_KEY": "x-consumer-key-3b7e91",
    "NOTICEBOARD_X_API_SECRET": "x-consumer-secret-d02c4a",
    "NOTICEBOARD_X_ACCESS_TOKEN": "x-access-token-5f18e2",
    "NOTICEBOARD_X_ACCESS_SECRET": "x-access-secret-a9c370",
    "NOTICEBOARD_FACEBOOK_PAGE_TOKEN": "fb-page-token-EAAB77c1",
    "NOTICEBOARD_TELEGRAM_BOT_TOKEN": "7093310742:AAH-telegram-bot-token-Zq",
    "NOTICEBOARD_LINKEDIN_TOKEN": "linkedin-token-AQV9d2e",
    "NOTICEBOARD_THREADS_TOKEN": "threads-token-THQWJ8x1",
}


@dataclass
class EveryAccount:
    """A loopback server for each of the eight networks (the outbox needs none), and the variables for them."""

    mastodon: MastodonServer
    bluesky: BlueskyServer
    x: XServer
    facebook: FacebookServer
    telegram: TelegramServer
    linkedin: LinkedInServer
    threads: ThreadsServer
    apprise: AppriseServer

    def env(self, *platforms: str) -> dict[str, str]:
        """The variables that switch on ``platforms`` (all eight when none is named)."""
        by_platform = {
            "mastodon": Accounts(self.mastodon, self.bluesky).env,
            "x": {**{k: v for k, v in CREDENTIALS.items() if k.startswith("NOTICEBOARD_X_")},
                  "NOTICEBOARD_X_API_URL": self.x.url},
            "facebook": {"NOTICEBOARD_FACEBOOK_PAGE_ID": FACEBOOK_PAGE,
                         "NOTICEBOARD_FACEBOOK_PAGE_TOKEN": CREDENTIALS["NOTICEBOARD_FACEBOOK_PAGE_TOKEN"],
                         "NOTICEBOARD_FACEBOOK_GRAPH_URL": self.facebook.graph_url},
            "telegram": {"NOTICEBOARD_TELEGRAM_BOT_TOKEN": CREDENTIALS["NOTICEBOARD_TELEGRAM_BOT_TOKEN"],
                         "NOTICEBOARD_TELEGRAM_CHAT_ID": "@riverfordcouncil",
                         "NOTICEBOARD_TELEGRAM_API_URL": self.telegram.url},
            "linkedin": {"NOTICEBOARD_LINKEDIN_TOKEN": CREDENTIALS["NOTICEBOARD_LINKEDIN_TOKEN"],
                         "NOTICEBOARD_LINKEDIN_ORGANIZATION": LINKEDIN_ORGANIZATION.rsplit(":", 1)[-1],
                         "NOTICEBOARD_LINKEDIN_API_URL": self.linkedin.url},
            "threads": {"NOTICEBOARD_THREADS_USER_ID": THREADS_USER,
                        "NOTICEBOARD_THREADS_TOKEN": CREDENTIALS["NOTICEBOARD_THREADS_TOKEN"],
                        "NOTICEBOARD_THREADS_API_URL": self.threads.api_url},
            "apprise": {"NOTICEBOARD_APPRISE_URLS": self.apprise.apprise_url},
        }
        by_platform["bluesky"] = {k: v for k, v in by_platform["mastodon"].items() if "BLUESKY" in k}
        by_platform["mastodon"] = {k: v for k, v in by_platform["mastodon"].items() if "MASTODON" in k}
        env: dict[str, str] = {}
        for name in platforms or by_platform:
            env.update(by_platform[name])
        return env

    @property
    def servers(self) -> dict[str, LoopbackServer]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    def tally(self) -> dict[str, tuple[int, int]]:
        """(new posts, replies or comments) each network holds now, as its own API records them."""
        return {
            "mastodon": _split(self.mastodon.statuses, lambda s: s["in_reply_to_id"]),
            "bluesky": _split(self.bluesky.posts(), lambda r: r.get("reply")),
            "x": _split(self.x.tweets, lambda t: t.get("referenced_tweets")),
            "facebook": (len(self.facebook.posts), sum(map(len, self.facebook.comments.values()))),
            "telegram": _split(self.telegram.messages, lambda m: m.get("reply_to_message")),
            "linkedin": (len(self.linkedin.posts), sum(map(len, self.linkedin.comments.values()))),
            "threads": _split(self.threads.posts, lambda p: p["reply_to_id"]),
            "apprise": (len(self.apprise.messages), 0),
        }


@pytest.fixture
def every_account() -> Iterator[EveryAccount]:
    with (MastodonServer(MASTODON_TOKEN) as mastodon, BlueskyServer("riverford.test", BLUESKY_PASSWORD) as bluesky,
          XServer(*(CREDENTIALS[f"NOTICEBOARD_X_{n}"] for n in ("API_KEY", "API_SECRET", "ACCESS_TOKEN", "ACCESS_SECRET")))
          as x, FacebookServer(CREDENTIALS["NOTICEBOARD_FACEBOOK_PAGE_TOKEN"]) as facebook,
          TelegramServer(CREDENTIALS["NOTICEBOARD_TELEGRAM_BOT_TOKEN"]) as telegram,
          LinkedInServer(CREDENTIALS["NOTICEBOARD_LINKEDIN_TOKEN"]) as linkedin,
          ThreadsServer(CREDENTIALS["NOTICEBOARD_THREADS_TOKEN"]) as threads, AppriseServer() as apprise):
        yield EveryAccount(mastodon, bluesky, x, facebook, telegram, linkedin, threads, apprise)


def _split(items: list[dict], is_reply: Callable[[dict], object]) -> tuple[int, int]:
    replies = sum(1 for item in items if is_reply(item))
    return len(items) - replies, replies
