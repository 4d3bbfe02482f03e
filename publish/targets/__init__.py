"""Choose a deploy target from a URL: the ``DEPLOY_TARGET`` setting or ``NOTICEBOARD_DEPLOY_URL``.

| URL | target |
|---|---|
| ``public`` or ``file:///srv/www/site`` | a local folder (the default) |
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from publish.errors import ConfigError
from publish.targets.base import Target
from publish.targets.local import LocalTarget


def open_target(url: str, env: Mapping[str, str], base: Path) -> Target:
    """The target named by ``url``; relative folders are taken from ``base`` (the project)."""
    parts = urlsplit(url)
    if parts.scheme in ("", "file"):
        folder = Path(parts.path if parts.scheme else url)
        return LocalTarget(folder if folder.is_absolute() else base / folder)
    raise ConfigError(
        f"DEPLOY_TARGET: unknown kind of target {parts.scheme!r} in {url!r}; "
        "expected a folder such as 'public' or 'file:///srv/www/site'"
    )
