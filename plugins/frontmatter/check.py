"""``invoke check``: every problem in every content file, one per line, before anything is built."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from frontmatter.clock import now
from frontmatter.validate import Catalogue, check_content


def check_settings(settings: Mapping[str, Any], at: datetime | None = None) -> Catalogue:
    """Check the content folder named by Pelican ``settings`` (PATH, TIMEZONE) at ``at`` (the build clock)."""
    content = Path(settings["PATH"]).resolve()
    return check_content(content, content.parent, settings["TIMEZONE"], at or now(), site_languages(settings))


def site_languages(settings: Mapping[str, Any]) -> tuple[str, ...]:
    """DEFAULT_LANG first, then the other LANGUAGES, each once, spelled as in LANGUAGES.

    Pelican lower-cases DEFAULT_LANG; LANGUAGES keeps the BCP 47 spelling (en-GB) the pages show.
    """
    default = settings.get("DEFAULT_LANG", "en-GB")
    languages = list(settings.get("LANGUAGES") or [default])
    default = next((lang for lang in languages if lang.lower() == default.lower()), default)
    return (default, *dict.fromkeys(lang for lang in languages if lang.lower() != default.lower()))


def print_problems(catalogue: Catalogue, strict: bool, out: TextIO = sys.stderr) -> int:
    """Print every problem; the number that stop the build (warnings too when ``strict``)."""
    for problem in catalogue.problems:
        print(problem, file=out)
    blocking = len(catalogue.errors) + (len(catalogue.warnings) if strict else 0)
    files = len({p.path for p in catalogue.problems})
    if catalogue.problems:
        print(f"{len(catalogue.errors)} error(s), {len(catalogue.warnings)} warning(s) in {files} file(s); "
              f"{'nothing was built' if blocking else 'the build can go ahead'}.", file=out)
    return blocking


def report(settings_file: Path, strict: bool = False) -> int:
    """Check the site configured by ``settings_file``; print problems and a one-line verdict."""
    from pelican.settings import read_settings

    settings = read_settings(str(settings_file))
    catalogue = check_settings(settings)
    blocking = print_problems(catalogue, strict or settings.get("FAQ_REVIEW_STRICT", False))
    if not catalogue.problems:
        print(f"checked {len(catalogue.entries)} entries: no problems.")
    return blocking
