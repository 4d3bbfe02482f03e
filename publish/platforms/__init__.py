"""The platforms a publish can post to, and which of them this run uses.

A platform is on when its environment variables are set, or when the CROSSPOST setting lists it
(then missing variables are an error before anything is deployed). With none on, messages go to
the outbox folder, so a publish with no accounts still shows what it would have posted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from publish.errors import ConfigError
from publish.platforms.apprise import ApprisePlatform
from publish.platforms.base import Platform
from publish.platforms.bluesky import BlueskyPlatform
from publish.platforms.facebook import FacebookPlatform
from publish.platforms.linkedin import LinkedInPlatform
from publish.platforms.mastodon import MastodonPlatform
from publish.platforms.outbox import Outbox
from publish.platforms.telegram import TelegramPlatform
from publish.platforms.threads import ThreadsPlatform
from publish.platforms.x import XPlatform

PLATFORMS: dict[str, type[Platform]] = {
    platform.name: platform for platform in (Outbox, MastodonPlatform, BlueskyPlatform, XPlatform, FacebookPlatform,
                                             TelegramPlatform, LinkedInPlatform, ThreadsPlatform, ApprisePlatform)
}


def chosen_platforms(listed: Sequence[str] | None, env: Mapping[str, str], *, need_credentials: bool) -> list[type[Platform]]:
    """The platforms for this run, in the order of PLATFORMS.

    ``listed`` is the CROSSPOST setting: None picks every platform whose variables are set (or the
    outbox when none is), a list names them. A dry run does not need credentials.
    """
    if listed is None:
        chosen = [p for p in PLATFORMS.values() if p.required_env and all(env.get(v) for v in p.required_env)]
        return chosen or [Outbox]
    if isinstance(listed, str):
        listed = [listed]
    unknown = [name for name in listed if name not in PLATFORMS]
    if unknown:
        raise ConfigError(f"CROSSPOST: unknown platform {unknown[0]!r}; expected some of {', '.join(PLATFORMS)}")
    chosen = [p for name, p in PLATFORMS.items() if name in listed]
    if need_credentials:
        for platform in chosen:
            missing = [v for v in platform.required_env if not env.get(v)]
            if missing:
                raise ConfigError(
                    f"CROSSPOST lists {platform.name}, but {', '.join(missing)} "
                    f"{'is' if len(missing) == 1 else 'are'} not set; set {'it' if len(missing) == 1 else 'them'} "
                    "in the environment (CI secrets), or remove it from CROSSPOST"
                )
    return chosen
