"""Read the build's manifest (docs/manifest.md): the only thing publish trusts about the build."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from publish.errors import PublishError

MANIFEST_NAME = "entries.json"
SUPPORTED_VERSION = 1


def _not_built(path: Path) -> PublishError:
    return PublishError(f"{path}: no manifest; build the site first (make build)")


def require_built(site: Path) -> None:
    """Refuse a folder ``site`` that is not a built site (no manifest), without reading the manifest: a
    deploy alone reads no entry, and the manifest of 10,000 entries takes 0.2 s to read."""
    path = Path(site) / MANIFEST_NAME
    if not path.is_file():
        raise _not_built(path)


def load_manifest(site: Path) -> dict[str, Any]:
    """The manifest of the built folder ``site``, checked for its version."""
    path = Path(site) / MANIFEST_NAME
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _not_built(path) from None
    except json.JSONDecodeError as exc:
        raise PublishError(f"{path}:{exc.lineno}: the manifest is not valid JSON ({exc.msg}); rebuild the site") from None
    if manifest.get("version") != SUPPORTED_VERSION:
        raise PublishError(
            f"{path}: manifest version {manifest.get('version')!r} is not supported; expected {SUPPORTED_VERSION}"
        )
    return manifest
