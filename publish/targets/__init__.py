"""Choose a deploy target from a URL: the ``DEPLOY_TARGET`` setting or ``NOTICEBOARD_DEPLOY_URL``.

| URL | target |
|---|---|
| ``public`` or ``file:///srv/www/site`` | a local folder (the default) |
| ``git+file:///srv/git/site.git#gh-pages``, ``git+ssh://git@host/org/site.git#pages``, ``git+https://...`` | a git branch (default ``gh-pages``) |
| ``ssh://deploy@host:22/srv/www/site`` or ``rsync://deploy@host/srv/www/site`` | releases over rsync and ssh |
| ``s3://bucket/prefix`` (``NOTICEBOARD_S3_ENDPOINT`` for R2, MinIO...) | an S3 bucket |

Credentials never go in the URL (it is shown in every log); they come from environment variables
(see docs/deploy.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, urlsplit

from publish.errors import ConfigError
from publish.targets.base import STALE_LOCK_SECONDS, Target
from publish.targets.local import LocalTarget

#: Settings a target reads, with their defaults (``DEPLOY_KEEP_RELEASES`` is for rsync,
#: ``DEPLOY_CACHE_CONTROL`` for S3: pages and feeds change at every publish, pictures and styles rarely).
TARGET_SETTINGS: dict[str, Any] = {
    "DEPLOY_KEEP_RELEASES": 5,
    "DEPLOY_LOCK_STALE_SECONDS": STALE_LOCK_SECONDS,
    "DEPLOY_CACHE_CONTROL": {"page": "public, max-age=300", "feed": "public, max-age=300",
                             "asset": "public, max-age=86400"},
}

KINDS = ("a folder such as 'public' or 'file:///srv/www/site', 'git+ssh://git@host/org/site.git#gh-pages', "
         "'ssh://user@host:22/srv/www/site' or 's3://bucket/prefix'")


def open_target(url: str, env: Mapping[str, str], base: Path, settings: Mapping[str, Any] | None = None) -> Target:
    """The target named by ``url``; relative folders are taken from ``base`` (the project)."""
    values = {**TARGET_SETTINGS, **{k: v for k, v in (settings or {}).items() if k in TARGET_SETTINGS}}
    stale_after = _number(values, "DEPLOY_LOCK_STALE_SECONDS", 0)
    parts = urlsplit(url)
    if parts.scheme in ("", "file"):
        folder = Path(parts.path if parts.scheme else url)
        return LocalTarget(folder if folder.is_absolute() else base / folder)
    if parts.password:
        raise ConfigError(f"DEPLOY_TARGET: {_without_password(parts)} has a password in it; the address is shown "
                          "in logs, so give credentials in environment variables instead (see docs/deploy.md)")
    if parts.scheme.startswith("git+"):
        from publish.targets.git import GitTarget

        remote = parts._replace(scheme=parts.scheme.removeprefix("git+"), fragment="").geturl()
        return GitTarget(remote, parts.fragment or "gh-pages", env, stale_after=stale_after)
    if parts.scheme in ("ssh", "rsync"):
        from publish.targets.rsync import RsyncTarget

        if not parts.hostname or not parts.path.startswith("/"):
            raise ConfigError(f"DEPLOY_TARGET: {url!r} needs a host and an absolute folder, "
                              "such as 'ssh://deploy@host:22/srv/www/site'")
        return RsyncTarget(parts.hostname, parts.path.rstrip("/") or "/", env, user=parts.username, port=parts.port,
                           keep_releases=int(_number(values, "DEPLOY_KEEP_RELEASES", 1, whole=True)), stale_after=stale_after)
    if parts.scheme == "s3":
        from publish.extras import load

        load("boto3", "s3")  # an extra: a clear error naming the command that installs it when missing
        from publish.targets.s3 import S3Target

        if not parts.hostname:
            raise ConfigError(f"DEPLOY_TARGET: {url!r} names no bucket; expected 's3://bucket/prefix'")
        return S3Target(parts.netloc, parts.path.strip("/"), env, cache_control=_cache_control(values),
                        stale_after=stale_after)
    raise ConfigError(f"DEPLOY_TARGET: unknown kind of target {parts.scheme!r} in {url!r}; expected {KINDS}")


def _number(values: Mapping[str, Any], name: str, minimum: int, *, whole: bool = False) -> float:
    value = values[name]
    if isinstance(value, bool) or not isinstance(value, int if whole else int | float) or value < minimum:
        raise ConfigError(f"{name}: expected {'a whole number' if whole else 'a number'}, {minimum} or more, "
                          f"such as {TARGET_SETTINGS[name]}; got {value!r}")
    return value


def _cache_control(values: Mapping[str, Any]) -> dict[str, str]:
    """The defaults with the council's ``DEPLOY_CACHE_CONTROL`` entries over them; a misspelt kind is an error."""
    defaults, given = TARGET_SETTINGS["DEPLOY_CACHE_CONTROL"], values["DEPLOY_CACHE_CONTROL"]
    wrong = [f"{kind!r}: {value!r}" for kind, value in (given.items() if isinstance(given, Mapping) else ())
             if kind not in defaults or not isinstance(value, str) or not value.strip()]
    if not isinstance(given, Mapping) or wrong:
        raise ConfigError(f"DEPLOY_CACHE_CONTROL: expected kinds {', '.join(defaults)} with a header value each, "
                          f"such as {{'page': 'public, max-age=300'}}; got {', '.join(wrong) or repr(given)}")
    return {**defaults, **given}


def _without_password(parts: SplitResult) -> str:
    host = parts.hostname or ""
    user = f"{parts.username}:***@" if parts.username else "***@"
    return parts._replace(netloc=f"{user}{host}{f':{parts.port}' if parts.port else ''}").geturl()
