"""What every deploy target does: swap a built folder in atomically, and keep publish state beside it.

Publish state (the cross-posting ledger) lives in the target because the target is the one place
that survives between CI runs on fresh clones.
"""

from __future__ import annotations

import os
import socket
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from publish.errors import LockHeld
from publish.progress import QUIET, Progress

#: The folder (or key prefix) holding the publish state in a target. A built site's own folder of
#: this name (a copy of a deployed folder, say) is never deployed: it would roll the ledger back.
STATE_DIR = ".noticeboard"


class Target(ABC):
    """A place a built site is served from."""

    #: Short name used in messages and settings (``local``, ``git``, ``rsync``, ``s3``).
    name: str
    #: Where a deploy counts the files it has sent (shown on a terminal only); the CLI sets it.
    progress: Progress = QUIET

    @abstractmethod
    def describe(self) -> str:
        """Where the site goes, for messages; never contains a secret."""

    @abstractmethod
    def deploy(self, site: Path) -> None:
        """Replace the served site with the folder ``site``.

        Readers see either the old site or the new one, never a mix; on failure the old site
        keeps being served and :class:`~publish.errors.DeployError` is raised. Publish state
        is carried over untouched.
        """

    def deploy_within(self, site: Path, folders: Sequence[str]) -> None:
        """:meth:`deploy`, for a site that may differ from the served one only inside ``folders`` (such as
        ``pagefind/``, the search index ``invoke publish`` deploys after the pages). A target that can
        update those files where they are served, so that a reader finds each file whole and every file
        it names there, does so; the others deploy as usual (rsync, S3 and git send only what changed)."""
        self.deploy(site)

    @abstractmethod
    def read_state(self, name: str) -> bytes | None:
        """The stored state file ``name`` (such as ``ledger.json``), or None if there is none yet."""

    @abstractmethod
    def write_state(self, name: str, data: bytes) -> None:
        """Store ``data`` as state file ``name`` atomically: a crash leaves the old or the new bytes.

        ``name`` may have folders in it (``ledger/journal/0000000042.jsonl``).
        """

    @abstractmethod
    def read_state_folder(self, folder: str) -> dict[str, bytes]:
        """Every state file under ``folder`` by its name (``folder/...``), read in as few requests as the
        target allows; empty when there is none. A file removed while this reads is left out."""

    @abstractmethod
    def delete_states(self, names: Sequence[str]) -> None:
        """Remove these state files; one already gone is no error."""

    @abstractmethod
    def lock(self, wait_seconds: float) -> AbstractContextManager[None]:
        """Hold the target's publish lock for the ``with`` block.

        Waits up to ``wait_seconds`` for another publish to finish, then raises
        :class:`~publish.errors.LockHeld`. A lock whose holder died is not left behind forever.
        """


#: A lock older than this is taken to belong to a publish that died (CI jobs are killed, runners vanish).
STALE_LOCK_SECONDS = 3600


@dataclass(frozen=True)
class HeldLock:
    """A lock another publish holds, as a target sees it."""

    holder: str
    age_seconds: float
    #: Replace exactly this lock with ours; False when someone else changed it first.
    take_over: Callable[[], bool]


def wait_for_lock(take: Callable[[], bool], look: Callable[[], HeldLock | None], *, wait_seconds: float,
                  stale_after: float, where: str, if_it_died: str) -> None:
    """Take a target's lock: wait for its holder up to ``wait_seconds``, take over a stale one.

    ``take`` makes the lock ours only if there is none (one atomic step of the target's own);
    ``look`` says who holds it, or None when it went away in between.
    """
    deadline = time.monotonic() + wait_seconds
    while not take():
        held = look()
        if held is None:
            continue  # released between our attempt and our look
        if held.age_seconds >= stale_after and held.take_over():
            return  # its holder died long ago
        if time.monotonic() >= deadline:
            raise LockHeld(f"another publish is running on {where} ({held.holder or 'another process'}); "
                           f"waited {wait_seconds:g}s. Run again when it has finished. If that publish died, "
                           f"{if_it_died}")
        time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))


def lock_owner() -> str:
    """Who holds a lock, for the message another publish prints: host, process, start time, CI job."""
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    owner = f"{socket.gethostname()} pid {os.getpid()} since {since}"
    job = os.environ.get("CI_JOB_URL") or (
        f"{os.environ['GITHUB_SERVER_URL']}/{os.environ['GITHUB_REPOSITORY']}/actions/runs/{os.environ['GITHUB_RUN_ID']}"
        if {"GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"} <= os.environ.keys() else ""
    )
    return f"{owner} ({job})" if job else owner


def last_line(stderr: bytes) -> str:
    """The line of a tool's complaint that says why (a refused ref, a fatal error), else its last line."""
    lines = [line.strip() for line in stderr.decode(errors="replace").splitlines() if line.strip()]
    telling = [line for line in lines if "rejected]" in line or line.startswith(("fatal:", "rsync: ["))]
    return telling[0] if telling else lines[-1] if lines else "no message"
