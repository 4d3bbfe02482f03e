"""Read the build's manifest (docs/manifest.md): the only thing publish trusts about the build."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from publish.errors import PublishError

MANIFEST_NAME = "entries.json"
SUPPORTED_VERSION = 1


def load_manifest(site: Path) -> dict[str, Any]:
    """The manifest of the built folder ``site``, checked for its version."""
    path = Path(site) / MANIFEST_NAME
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PublishError(f"{path}: no manifest; build the site first (make build)") from None
    except json.JSONDecodeError as exc:
        raise PublishError(f"{path}:{exc.lineno}: the manifest is not valid JSON ({exc.msg}); rebuild the site") from None
    if manifest.get("version") != SUPPORTED_VERSION:
        raise PublishError(
            f"{path}: manifest version {manifest.get('version')!r} is not supported; expected {SUPPORTED_VERSION}"
        )
    return manifest
