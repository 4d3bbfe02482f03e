"""Crash tests' hook: end the process hard at a named point, as a killed CI job would.

``NOTICEBOARD_FAULT=<point>[:<where>][@<n>]`` ends the process with status 70 the ``n``-th time
(default the first) it reaches ``point`` (for ``where``: a platform or a target kind, when given).
Unset, as in every real publish, it does nothing. `make reliability` runs a publish with each point
and then again without, and counts what was lost or doubled.
"""

from __future__ import annotations

import os
import sys
from collections import Counter

FAULT_VARIABLE = "NOTICEBOARD_FAULT"
FAULT_EXIT_STATUS = 70
#: Every point, in the order a publish reaches them.
FAULT_POINTS = (
    "after-build",  # the site is built; nothing deployed yet
    "mid-deploy",  # per target: part of the new site is uploaded, it is not yet served
    "after-deploy",  # the new site is served; nothing posted yet
    "before-ledger-write",  # per platform: the ledger change is made in memory only
    "after-ledger-write",
    "after-intent",  # per platform: the intent to post is recorded
    "after-post",  # per platform: the platform accepted the post; its result is not recorded
    "after-result",  # per platform: the post is recorded as done
)

_reached: Counter[tuple[str, str]] = Counter()


def fault(point: str, where: str = "") -> None:
    """End the process at ``point`` if NOTICEBOARD_FAULT asks for it (``where``: platform or target)."""
    wanted = os.environ.get(FAULT_VARIABLE)
    if not wanted:
        return
    spec, _, nth = wanted.partition("@")
    name, _, only = spec.partition(":")
    if name != point or only not in ("", where):
        return
    _reached[(point, only)] += 1
    if _reached[(point, only)] == int(nth or 1):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(FAULT_EXIT_STATUS)
