"""Settle a message in doubt: ``invoke crosspost --settle KEY --platform P --posted|--resend``.

Telegram and Apprise cannot be searched, so a message whose answer was lost is reported unknown
and never sent again by itself. A person looks at the channel and tells the ledger what happened:
``--posted`` (it arrived; nothing more is sent) or ``--resend`` (it did not; the next publish sends it).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from publish.config import load_config
from publish.errors import ConfigError
from publish.ledger import Ledger
from publish.platforms import PLATFORMS
from publish.targets import open_target


def settle(settings_file: Path, key: str, platform: str, *, posted: bool, remote_id: str | None = None,
           env: Mapping[str, str] = os.environ) -> str:
    """Record the answer in the deploy target's ledger, under its lock; what was done, in a sentence."""
    if platform not in PLATFORMS:
        raise ConfigError(f"--platform: unknown platform {platform!r}; expected one of {', '.join(PLATFORMS)}")
    config = load_config(settings_file)
    target = open_target(env.get("NOTICEBOARD_DEPLOY_URL") or config["DEPLOY_TARGET"], env, config.project,
                         config.values)
    with target.lock(float(config["PUBLISH_LOCK_WAIT_SECONDS"])):
        ledger = Ledger.load(target)
        ledger.settle(platform, key, posted=posted, remote_id=remote_id, at=datetime.now(UTC))
    if posted:
        return f"{platform} {key}: recorded as posted; it will not be sent again"
    return f"{platform} {key}: the next publish sends it again"
