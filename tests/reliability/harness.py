"""Run a publish the way CI does against platforms of the table and a deploy target, while a reader
polls the target: what each run delivered, and which builds the reader saw."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import ROOT, Publisher
from tests.reliability.platforms import KINDS
from tests.servers.loopback import LoopbackServer

#: Every page of the previous build carries this in its site name; the current build's pages do not.
PREVIOUS_MARK = "Riverford District Council (previous build)"


@dataclass
class Accounts:
    """The loopback servers of the platform kinds a run posts to (by name), and the outbox folder."""

    servers: dict[str, LoopbackServer | None]
    outbox: Path

    @property
    def names(self) -> list[str]:
        """The platforms switched on, for CROSSPOST."""
        return list(self.servers)

    @property
    def env(self) -> dict[str, str]:
        env: dict[str, str] = {}
        for name, server in self.servers.items():
            env.update(KINDS[name].env(server, self.outbox))
        return env

    def deliveries(self) -> dict[str, set[tuple[str, str]]]:
        return {name: KINDS[name].deliveries(server, self.outbox) for name, server in self.servers.items()}


@contextmanager
def accounts(outbox: Path, names: Iterable[str] = KINDS) -> Iterator[Accounts]:
    """The accounts of the platforms ``names`` (every platform of the table unless given)."""
    with ExitStack() as stack:
        servers = {name: stack.enter_context(KINDS[name].server()) if KINDS[name].server else None for name in names}
        yield Accounts(servers, outbox)


def publish(publisher: Publisher, site: Path, platforms: Accounts, env: dict[str, str],
            **settings) -> subprocess.CompletedProcess:
    """``python -m publish`` to the platforms of ``platforms`` (CROSSPOST lists them)."""
    return publisher.run(site, env, CROSSPOST=platforms.names, CROSSPOST_ATTEMPTS=3, CROSSPOST_TIMEOUT_SECONDS=2,
                         **settings)


def start_publish(publisher: Publisher, site: Path, platforms: Accounts, env: dict[str, str],
                  **settings) -> subprocess.Popen:
    """Like :func:`publish`, without waiting for it to finish."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NOTICEBOARD_", "GITHUB_"))}
    conf = publisher.settings(CROSSPOST=platforms.names, CROSSPOST_ATTEMPTS=3, CROSSPOST_TIMEOUT_SECONDS=2,
                              **settings)
    return subprocess.Popen([sys.executable, "-m", "publish", "--settings", str(conf), "--site", str(site)],
                            cwd=ROOT, env={**clean, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def builds_in(pages: dict[str, bytes]) -> set[str]:
    """Which builds the HTML pages of one reading of the site come from."""
    return {"previous" if PREVIOUS_MARK.encode() in data else "current" for data in pages.values()}


@dataclass
class Reader:
    """Reads the whole served site again and again while a publish runs, as a visitor's browser might."""

    read: Callable[[], dict[str, bytes] | None]
    interval: float
    polls: int = 0
    mixed: int = 0
    seen: list[set[str]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def _loop(self) -> None:
        while not self._stop.is_set():
            pages = self.read()
            if pages:
                self.polls += 1
                builds = builds_in(pages)
                self.mixed += len(builds) > 1
            self._stop.wait(self.interval)

    @contextmanager
    def polling(self) -> Iterator[Reader]:
        thread = threading.Thread(target=self._loop, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()


def read_folder(folder: Path) -> dict[str, bytes] | None:
    """The HTML pages of the folder as one visitor sees it: through one handle on the folder, so a swap
    during the reading does not mix two releases; None when the release vanished midway."""
    try:
        top = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return None
    pages = {}
    try:
        for path, _, names, fd in os.fwalk(".", dir_fd=top):
            for name in names:
                if name.endswith(".html"):
                    handle = os.open(name, os.O_RDONLY, dir_fd=fd)
                    with os.fdopen(handle, "rb") as opened:
                        pages[f"{path}/{name}"] = opened.read()
    except OSError:
        return None
    finally:
        os.close(top)
    return pages

