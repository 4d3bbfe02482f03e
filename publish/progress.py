"""A progress line for long builds and publishes, shown on a terminal and nowhere else.

On a terminal, a line such as ``files read 4210, pages written 812`` is redrawn in place, at most
ten times a second, so a person waiting on ten thousand entries sees it move. In a CI log or a
file (not a terminal, or ``CI`` set, or ``TERM=dumb``) nothing is printed: logs stay short and the
same from run to run. The build (plugin ``progress``) and the deploy targets share this one module.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Mapping
from typing import TextIO

#: Seconds between redraws: often enough to look alive, rarely enough to cost nothing.
REDRAW_SECONDS = 0.1


class Progress:
    """Counters by label (``uploads done``), drawn as one line; safe to add to from several threads."""

    def __init__(self, stream: TextIO | None = None, env: Mapping[str, str] | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream or sys.stderr
        env = os.environ if env is None else env
        self.shown = _is_terminal(self.stream) and not env.get("CI") and env.get("TERM") != "dumb"
        self._clock = clock
        self._counts: dict[str, int] = {}
        self._totals: dict[str, int] = {}
        self._drawn_at = float("-inf")
        self._lock = threading.Lock()

    def add(self, what: str, count: int = 1, *, total: int | None = None) -> None:
        """Count ``count`` more of ``what`` (out of ``total``, when known) and redraw if it is time."""
        if not self.shown:
            return
        with self._lock:
            self._counts[what] = self._counts.get(what, 0) + count
            if total is not None:
                self._totals[what] = total
            if self._clock() - self._drawn_at >= REDRAW_SECONDS:
                self._draw()

    def finish(self) -> None:
        """Draw the final counts and end the line, so what is printed next starts on its own."""
        if not self.shown:
            return
        with self._lock:
            if self._counts:
                self._draw()
                self.stream.write("\n")
                self.stream.flush()
            self._counts.clear()
            self._totals.clear()

    def _draw(self) -> None:
        parts = [f"{what} {count}" + (f"/{self._totals[what]}" if what in self._totals else "")
                 for what, count in self._counts.items()]
        self.stream.write("\r\x1b[K" + ", ".join(parts))
        self.stream.flush()
        self._drawn_at = self._clock()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a stand-in stream, or one already closed
        return False


#: For code that was handed no progress: never shows anything.
QUIET = Progress(env={"CI": "true"})
