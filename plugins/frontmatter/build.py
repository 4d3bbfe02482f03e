"""Build the site: check all content, then run Pelican, then say what was built.

The one way the site is built (``invoke build``, ``invoke publish`` and the tests), so the checks
can never be skipped.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.log import init as init_logging
from pelican.settings import read_settings
from search.pagefind import INDEX_BY_CALLER_SETTING, SearchIndexError, SearchIndexRun

from changed_files.writer import MEMO_SETTING
from frontmatter.check import check_settings, print_problems
from frontmatter.clock import now
from frontmatter.model import Faq, Notice, Post
from frontmatter.reader import CATALOGUE_SETTING, CLOCK_SETTING

#: How often the build's garbage collector runs (gc.set_threshold): the build holds millions of objects
#: that live as long as it does (10,000 entries and their caches), and Python's default walked them all
#: again and again to free nothing, 1.3 s of a one-notice rebuild at 10,000 entries. Four rebuilds each:
#: 7.9-8.2 s against 8.3-9.3 s, with 1 to 2 % more peak memory.
GC_THRESHOLDS = (50_000, 20, 100)


def build_site(settings_file: Path, override: Mapping[str, Any] | None = None) -> int:
    """Build into OUTPUT_PATH; 0 when built, 1 when content errors stopped it (printed on stderr)."""
    gc.set_threshold(*GC_THRESHOLDS)
    settings = read_settings(str(settings_file), override=dict(override or {}))
    clock = now()
    catalogue = check_settings(settings, clock)
    if print_problems(catalogue, strict=False, faq_review_strict=settings.get("FAQ_REVIEW_STRICT", False)):
        return 1
    settings[CATALOGUE_SETTING] = catalogue
    settings[CLOCK_SETTING] = clock
    init_logging(level=logging.WARNING, fatal="errors")
    try:
        Pelican(settings).run()
    except RuntimeError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    output = Path(settings["OUTPUT_PATH"])
    published = [e for e in catalogue.entries if e.is_published(clock)]
    notices = [e for e in published if isinstance(e, Notice)]
    current = sum(n.is_active(clock) for n in notices)
    waiting = len(catalogue.entries) - len(published)
    memo = settings.get(MEMO_SETTING)
    rendered = f" ({memo.rendered} rendered, the rest unchanged)" if memo is not None and memo.pages else ""
    pages = memo.pages if memo is not None and memo.pages else sum(1 for _ in output.rglob("*.html"))
    print(
        f"built {pages} pages{rendered} into {output}: "
        f"{sum(isinstance(e, Post) for e in published)} news, {current} current notices, "
        f"{len(notices) - current} archived, {sum(isinstance(e, Faq) for e in published)} FAQ; "
        f"{waiting} scheduled for later; {len(catalogue.warnings)} warning(s)"
    )
    return 0


def build_site_apart(settings_file: Path, override: Mapping[str, Any] | None = None) -> int:
    """:func:`build_site` in a forked process, for the commands that build and then deploy, or end.

    The caller goes on without the build's memory, and the build's process ends without freeing its
    objects one by one (0.8 s at 10,000 entries, between the build and the deploy of an emergency notice).
    The search index is made here once the build's process has ended, so Pagefind and the build never
    hold their memory at once; ``invoke publish`` makes it itself, while it deploys
    (``INDEX_BY_CALLER_SETTING``). Where there is no fork (Windows), the build runs in this process.
    """
    if not hasattr(os, "fork"):
        return build_site(settings_file, override)
    sys.stdout.flush()
    sys.stderr.flush()
    child = os.fork()
    if child == 0:
        status = 1
        try:
            status = build_site(settings_file, {**(override or {}), INDEX_BY_CALLER_SETTING: True})
        except BaseException:  # noqa: BLE001 - said on stderr, and the exit status says the build failed
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    status = os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
    settings = read_settings(str(settings_file), override=dict(override or {}))
    if status != 0 or not settings.get("SEARCH_INDEX") or settings.get(INDEX_BY_CALLER_SETTING):
        return status
    try:
        print(SearchIndexRun.start(settings).finish())
    except SearchIndexError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    return 0
