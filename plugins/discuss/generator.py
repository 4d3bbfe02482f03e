"""Read the social links file into the context as ``discuss_links``: entry id -> [{platform, name, url}].

The file is written by ``python -m publish.social_links`` from the ledger in the deploy target
(``invoke publish`` fetches it before it builds), so the build never reads publish state itself and
a post made by this publish shows on the entry's page from the next build on. A missing or broken
file means no links, never a failed build.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from pelican.generators import Generator

log = logging.getLogger(__name__)
#: How each platform is named in "Discuss this on ...".
PLATFORM_NAMES = {"mastodon": "Mastodon", "bluesky": "Bluesky", "facebook": "Facebook", "x": "X",
                  "linkedin": "LinkedIn", "threads": "Threads", "telegram": "Telegram"}


def platform_name(platform: str) -> str:
    """The platform's name; a language's own account ("mastodon-cy") is named as its platform."""
    base = platform if platform in PLATFORM_NAMES else platform.rsplit("-", 1)[0]
    return PLATFORM_NAMES.get(base, base.capitalize())


def read_links(path: Path) -> dict[str, list[dict[str, str]]]:
    """The links by entry id; {} when the file is missing or cannot be used (with a warning)."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["entries"]
        return {
            entry: [{"platform": link["platform"], "url": link["url"],
                     "name": platform_name(link["platform"])}
                    for link in links if str(link.get("url", "")).startswith(("https://", "http://"))]
            for entry, links in entries.items()
        }
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("%s: cannot read the social links (%s); entry pages are built without them", path, exc)
        return {}


class DiscussGenerator(Generator):
    def generate_context(self) -> None:
        path = Path(self.settings.get("DISCUSS_LINKS_FILE") or "")
        if not path.is_absolute():
            path = Path(self.settings["PATH"]).resolve().parent / path
        self.context["discuss_links"] = read_links(path) if self.settings.get("DISCUSS_LINKS_FILE") else {}

    def generate_output(self, writer: Any) -> None:
        """Nothing of its own: the notice and news pages read ``discuss_links``."""
