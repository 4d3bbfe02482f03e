"""Publish settings, read from ``publishconf.py`` as plain Python (never through Pelican).

Every setting has a default that works with no accounts: deploy to ``public/``, cross-post to the
local ``outbox/`` folder.
"""

from __future__ import annotations

import runpy
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from publish.targets import TARGET_SETTINGS

DEFAULTS: dict[str, Any] = {
    "DEPLOY_TARGET": "public",
    "PUBLISH_LOCK_WAIT_SECONDS": 30,
    "CROSSPOST": None,
    "CROSSPOST_BILINGUAL": None,
    "CROSSPOST_BACKLOG_HOURS": 48,
    "OUTBOX_PATH": "outbox",
    "CROSSPOST_ATTEMPTS": 4,
    "CROSSPOST_BACKOFF_SECONDS": 2,
    "CROSSPOST_MAX_WAIT_SECONDS": 120,
    "CROSSPOST_TIMEOUT_SECONDS": 20,
    "MASTODON_VISIBILITY": "public",
    "REPLIES_SINCE": "7d",
    "REPLIES_THREAD_DAYS": 30,
    "REPLIES_CARE_WORDS": [
        "complaint", "complain", "disgrace", "disgraceful", "disgusting", "pathetic", "unacceptable", "useless",
        "incompetent", "shambles", "joke", "angry", "furious", "fed up", "ridiculous", "appalling", "terrible",
        "awful", "shocking", "scandal",
        "lies", "liar", "lawyer", "sue", "ombudsman", "unsafe", "dangerous", "injured", "hurt", "urgent",
    ],
    "NOTICE_STALE_DAYS": 7,
    "URGENT_STALE_HOURS": 12,
    "CROSSPOST_RESEND_UNKNOWN_EMERGENCIES": False,
    "LINKEDIN_API_VERSION": "202510",
    **TARGET_SETTINGS,
}


@dataclass(frozen=True)
class PublishConfig:
    """The settings publishing uses, with their defaults filled in."""

    project: Path
    values: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key, DEFAULTS.get(key))

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, DEFAULTS.get(key, default))


def load_config(settings_file: Path) -> PublishConfig:
    """Run the settings file and keep its upper-case names, as Pelican does."""
    settings_file = Path(settings_file).absolute()
    sys.path.insert(0, str(settings_file.parent))
    try:
        namespace = runpy.run_path(str(settings_file))
    finally:
        sys.path.remove(str(settings_file.parent))
    values = {key: value for key, value in namespace.items() if key.isupper()}
    return PublishConfig(project=settings_file.parent, values=values)
