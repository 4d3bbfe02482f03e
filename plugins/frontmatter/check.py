"""``invoke check``: every problem in every content file, one per line, before anything is built."""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from frontmatter.advice import editorial_problems
from frontmatter.cache import ContentCache
from frontmatter.clock import now
from frontmatter.sanitise import EXTRA_TAGS_SETTING
from frontmatter.validate import Catalogue, check_content


def check_settings(settings: Mapping[str, Any], at: datetime | None = None) -> Catalogue:
    """Check the content folder named by Pelican ``settings`` (PATH, TIMEZONE) at ``at`` (the build clock),
    through the content cache (CONTENT_CACHE_PATH)."""
    content = Path(settings["PATH"]).resolve()
    catalogue = check_content(content, content.parent, settings["TIMEZONE"], at or now(),
                              ContentCache.for_settings(settings), extra_tags=settings.get(EXTRA_TAGS_SETTING),
                              languages=site_languages(settings),
                              processes=int(settings.get("BUILD_PROCESSES") or os.cpu_count() or 1))
    catalogue.problems = sorted(catalogue.problems + editorial_problems(catalogue, settings))
    catalogue.sources.save_front_matter()
    return catalogue


def site_languages(settings: Mapping[str, Any]) -> tuple[str, ...]:
    """DEFAULT_LANG first, then the other LANGUAGES, each once, spelled as in LANGUAGES.

    Pelican lower-cases DEFAULT_LANG; LANGUAGES keeps the BCP 47 spelling (en-GB) the pages show.
    """
    default = settings.get("DEFAULT_LANG", "en-GB")
    languages = list(settings.get("LANGUAGES") or [default])
    default = next((lang for lang in languages if lang.lower() == default.lower()), default)
    return (default, *dict.fromkeys(lang for lang in languages if lang.lower() != default.lower()))


def print_problems(catalogue: Catalogue, strict: bool, out: TextIO = sys.stderr,
                   faq_review_strict: bool = False) -> int:
    """Print every problem; the number that stop the build (warnings too when ``strict``; overdue FAQ
    reviews too when ``faq_review_strict``, the FAQ_REVIEW_STRICT setting)."""
    for problem in catalogue.problems:
        print(problem, file=out)
    blocking = len(catalogue.errors) + sum(
        strict or (faq_review_strict and warning.field == "review_by") for warning in catalogue.warnings)
    files = len({p.path for p in catalogue.problems})
    if catalogue.problems:
        print(f"{len(catalogue.errors)} error(s), {len(catalogue.warnings)} warning(s) in {files} file(s); "
              f"{'nothing was built' if blocking else 'the build can go ahead'}.", file=out)
    return blocking


def report(settings_file: Path, strict: bool = False, only: Collection[str] = ()) -> int:
    """Check the site configured by ``settings_file``; print problems and a one-line verdict.

    ``only`` (paths from the project folder, as a pre-commit hook passes them) limits the report to
    those files; every file is still read, so links and slugs between files are checked.
    """
    from pelican.settings import read_settings

    settings = read_settings(str(settings_file))
    catalogue = check_settings(settings)
    if only:
        wanted = {Path(path).as_posix() for path in only}
        catalogue = replace(catalogue, problems=[p for p in catalogue.problems if p.path in wanted])
    blocking = print_problems(catalogue, strict, faq_review_strict=settings.get("FAQ_REVIEW_STRICT", False))
    if not catalogue.problems:
        print(f"checked {len(catalogue.entries)} entries: no problems.")
    return blocking
