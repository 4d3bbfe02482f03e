"""Work shared out to processes forked from the build: the check's reading and the writer's pages.

Forked, so each child has the whole build's state without copying it; each sends back bytes (its
results, pickled) on a pipe, which the parent reads once the child is done.
"""

from __future__ import annotations

import os
from collections.abc import Callable


def forked(work: Callable[[], bytes]) -> tuple[int, int]:
    """Run ``work`` in a child process; its pid, and the pipe that carries what ``work`` returned. The
    child ends there, whatever happens: a child that fails sends nothing."""
    read, write = os.pipe()
    child = os.fork()
    if child:
        os.close(write)
        return child, read
    os.close(read)
    data = b""
    try:
        data = work()
    finally:
        with os.fdopen(write, "wb") as stream:
            stream.write(data)
        os._exit(0)


def sent_by(child: int, pipe: int) -> tuple[bytes, int]:
    """What ``child`` sent on ``pipe``, once it has ended, and its wait status."""
    with os.fdopen(pipe, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(child, 0)
    return data, status
