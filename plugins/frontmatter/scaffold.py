"""``invoke new``: start a content file with every required field present and a hint beside each.

Fields the editor must decide are left empty, so ``invoke check`` points at each one until it is
filled in, rather than a made-up value slipping through.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from frontmatter.model import FOLDERS
from frontmatter.schema import SCHEMAS, TITLE_FIELD


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].rstrip("-")


def new_entry(content: Path, kind: str, title: str, at: datetime | None = None,
              values: Mapping[str, str] | None = None, note: str | None = None) -> Path:
    """Write content/<folder>/<slug>.md for ``kind`` and return its path.

    ``values`` fills in fields already known; ``note`` becomes a YAML comment at the top (where the
    entry came from), which is never published.
    """
    if kind not in SCHEMAS:
        raise SystemExit(f"new: kind must be one of {', '.join(SCHEMAS)}, not {kind!r}")
    if not title.strip():
        raise SystemExit("new: give a title, such as --title \"Mill Lane closed for resurfacing\"")
    path = content / FOLDERS[kind] / f"{slugify(title)}.md"
    if path.exists():
        raise SystemExit(f"new: {path} already exists; choose another title or edit that file")
    at = at or datetime.now().astimezone()
    values = {TITLE_FIELD[kind]: json.dumps(title.strip(), ensure_ascii=False), "date": f"{at:%Y-%m-%d %H:%M}",
              **(values or {})}
    lines = ["---"] + [f"# {line}" for line in (note or "").splitlines()]
    for field in SCHEMAS[kind]:
        if field.name in values:
            lines.append(f"{field.name}: {values[field.name]}")
        elif field.required:
            lines.append(f"{field.name}:  # {field.help} Example: {field.example}")
    lines += ["---", "Write the full text here, in Markdown.", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
