"""The long tail through the apprise library: email, Matrix, Discord, Slack, Teams, ntfy and the rest.

NOTICEBOARD_APPRISE_URLS lists apprise URLs (space-separated); every message goes to each of them,
with the entry's title as the title and its image attached. These services keep no thread we can
reply in and no history we can search: a follow-up is a new message that names its entry, and a
message whose delivery is in doubt is reported ``unknown``, never sent again by itself.
"""

from __future__ import annotations

import logging

from publish.compose import APPRISE, Message
from publish.errors import ConfigError
from publish.extras import load
from publish.platforms.base import Context, Platform, PlatformError, RemotePost


class ApprisePlatform(Platform):
    name = "apprise"
    rules = APPRISE
    required_env = ("NOTICEBOARD_APPRISE_URLS",)
    searchable = False
    threads = False

    def __init__(self, context: Context) -> None:
        self.context = context
        self.urls = context.env["NOTICEBOARD_APPRISE_URLS"].split()
        self.sdk = load("apprise", "apprise")
        # apprise reports each failing service on its logger, with details we show in one line instead.
        logging.getLogger("apprise").setLevel(logging.CRITICAL)
        self.notifier = self.sdk.Apprise()
        for number, url in enumerate(self.urls, 1):
            if not self.notifier.add(url):
                raise ConfigError(f"NOTICEBOARD_APPRISE_URLS: URL {number} of {len(self.urls)} is not an apprise URL "
                                  "apprise understands (see https://github.com/caronc/apprise/wiki)")

    def post(self, message: Message, reply_to: RemotePost | None = None) -> RemotePost:
        image = self.context.local_file(message.image_url) if message.image_url else None
        sent = self.notifier.notify(body=message.text, title=message.title, body_format=self.sdk.NotifyFormat.TEXT,
                                    attach=str(image) if image else None)
        if not sent:
            raise PlatformError(self.name, f"at least one of the {len(self.urls)} services did not take the message "
                                "(the others may have)", retryable=False)
        return RemotePost(id=message.key)
