"""Deploy to a server over ssh: each deploy is a new release folder, switched in with one symlink rename.

Layout under the configured folder (point the web server at ``<folder>/current``)::

    releases/20261125T090000.123456Z/   one folder per deploy, unchanged files hard-linked to the last
    current -> releases/...             replaced by ``mv -T``, an atomic rename
    state/ledger/                       publish state, beside the releases, never served
    lock/owner                          present while a publish runs (``mkdir`` is atomic)

An upload goes into ``releases/<stamp>.partial`` first, so a failed upload is never served and never
counted as a release. The newest ``DEPLOY_KEEP_RELEASES`` releases are kept for rolling back by hand.
Host keys are checked strictly (see :mod:`publish.targets.ssh`).
"""

from __future__ import annotations

import io
import posixpath
import shlex
import subprocess
import tarfile
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from publish.errors import DeployError
from publish.faults import fault
from publish.targets.base import (
    STALE_LOCK_SECONDS,
    STATE_DIR,
    HeldLock,
    Target,
    last_line,
    lock_owner,
    wait_for_lock,
)
from publish.targets.ssh import ssh_command

#: ssh's own exit status when it could not connect or authenticate.
SSH_FAILED = 255
#: Exit statuses our remote scripts use: no such state file, the lock is held, the lock just went away.
ABSENT, HELD, GONE = 3, 4, 5


class RsyncTarget(Target):
    name = "rsync"

    def __init__(self, host: str, folder: str, env: Mapping[str, str], *, user: str | None = None,
                 port: int | None = None, keep_releases: int = 5, stale_after: float = STALE_LOCK_SECONDS) -> None:
        self.login = f"{user}@{host}" if user else host
        self.port = port
        self.folder = folder
        self.keep_releases = keep_releases
        self.stale_after = stale_after
        self.ssh = ssh_command(env, port)

    def describe(self) -> str:
        port = f":{self.port}" if self.port else ""
        return f"releases in ssh://{self.login}{port}{self.folder}"

    def _path(self, *parts: str) -> str:
        return shlex.quote("/".join((self.folder.rstrip("/"), *parts)))

    def _run(self, script: str, doing: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        """Run a shell script on the server; a failed connection is a DeployError naming the reason."""
        result = subprocess.run([*self.ssh, self.login, script], input=data, capture_output=True)
        if result.returncode == SSH_FAILED:
            raise DeployError(f"could not {doing}: ssh to {self.describe()} failed ({last_line(result.stderr)})")
        return result

    def _check(self, script: str, doing: str, data: bytes | None = None) -> bytes:
        result = self._run(script, doing, data)
        if result.returncode != 0:
            raise DeployError(f"could not {doing} on {self.describe()}: {last_line(result.stderr)}")
        return result.stdout

    def deploy(self, site: Path) -> None:
        unchanged = "the previous site is unchanged"
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        release, partial = f"releases/{stamp}", f"releases/{stamp}.partial"
        try:
            # Only one publish holds the lock, so any .partial left here is from one that died.
            self._check(f"mkdir -p {self._path('releases')} {self._path('state')} && "
                        f"rm -rf {self._path('releases')}/*.partial", "prepare the releases folder")
            self._upload(Path(site), partial)
            fault("mid-deploy", self.name)
            self._check(f"cd {self._path()} && mv {partial} {release} && "
                        f"ln -sfn {release} current.tmp && mv -T current.tmp current", "switch to the new release")
        except DeployError as exc:
            self._run(f"rm -rf {self._path(partial)}", "clean up")
            raise DeployError(f"{exc}; {unchanged}") from exc
        self._prune()

    def _upload(self, site: Path, partial: str) -> None:
        # Every build writes every file anew, so files are compared by content, not by time; and times
        # are not copied, since a file must match in everything copied to be linked to the last release.
        command = ["rsync", "--recursive", "--links", "--perms", "--checksum", "--delete",
                   f"--exclude=/{STATE_DIR}/", f"--link-dest={self.folder.rstrip('/')}/current/",
                   "--rsh", shlex.join(self.ssh), f"{site}/", f"{self.login}:{self.folder.rstrip('/')}/{partial}/"]
        result = subprocess.run(command, capture_output=True)
        if result.returncode != 0:
            raise DeployError(f"could not upload the site to {self.describe()}: rsync stopped with status "
                              f"{result.returncode} ({last_line(result.stderr)})")

    def _prune(self) -> None:
        """Keep the newest releases (the served one is the newest); older ones only take space."""
        listing = self._check(f"ls -1 {self._path('releases')}", "list releases").decode().split()
        old = sorted(name for name in listing if not name.endswith(".partial"))[:-self.keep_releases]
        if old:
            self._check("rm -rf " + " ".join(self._path("releases", name) for name in old), "remove old releases")

    def read_state(self, name: str) -> bytes | None:
        state = self._path("state", name)
        result = self._run(f"if [ -f {state} ]; then cat {state}; else exit {ABSENT}; fi", f"read {name}")
        if result.returncode == ABSENT:
            return None
        if result.returncode != 0:
            raise DeployError(f"could not read {name} on {self.describe()}: {last_line(result.stderr)}")
        return result.stdout

    def write_state(self, name: str, data: bytes) -> None:
        folder = posixpath.dirname(f"state/{name}")
        tmp = self._path(folder, f".{posixpath.basename(name)}.tmp-{uuid.uuid4().hex}")
        self._check(f"mkdir -p {self._path(folder)} && cat > {tmp} && sync {tmp} && "
                    f"mv -f {tmp} {self._path('state', name)}", f"save {name}", data=data)

    def read_state_folder(self, folder: str) -> dict[str, bytes]:
        # One connection for the whole folder, as a tar stream; status 1 is GNU tar's "a file changed
        # or went away while it was read", which the contract allows.
        result = self._run(f"if [ -d {self._path('state', folder)} ]; then cd {self._path('state')} && "
                           f"tar -cf - {shlex.quote(folder)}; else exit {ABSENT}; fi", f"read {folder}")
        if result.returncode == ABSENT:
            return {}
        if result.returncode not in (0, 1):
            raise DeployError(f"could not read {folder} on {self.describe()}: {last_line(result.stderr)}")
        with tarfile.open(fileobj=io.BytesIO(result.stdout)) as tar:
            return {member.name: tar.extractfile(member).read() for member in tar.getmembers()
                    if member.isfile() and not posixpath.basename(member.name).startswith(".")}

    def delete_states(self, names: Sequence[str]) -> None:
        if names:
            self._check("rm -f " + " ".join(self._path("state", name) for name in names), "remove old publish state")

    @contextmanager
    def lock(self, wait_seconds: float) -> Iterator[None]:
        doing = "take the publish lock"
        lock, owner = self._path("lock"), self._path("lock", "owner")
        token = f"{lock_owner()}\nnonce {uuid.uuid4()}"
        take = (f"mkdir -p {self._path()} || exit 1; "
                f"if mkdir {lock} 2>/dev/null; then printf %s {shlex.quote(token)} > {owner}; exit 0; fi; "
                f"since=$(stat -c %Y {lock} 2>/dev/null) || exit {GONE}; echo $(( $(date +%s) - since )); "
                f"cat {owner} 2>/dev/null; exit {HELD}")
        last: list[subprocess.CompletedProcess[bytes]] = []

        def attempt() -> bool:
            result = self._run(take, doing)
            if result.returncode not in (0, HELD, GONE):
                raise DeployError(f"could not {doing} on {self.describe()}: {last_line(result.stderr)}")
            last[:] = [result]
            return result.returncode == 0

        def look() -> HeldLock | None:
            if last[0].returncode == GONE:
                return None
            age, _, seen = last[0].stdout.decode(errors="replace").partition("\n")

            def take_over() -> bool:
                # Move it aside only if it is still the lock we saw, then take it as usual.
                stale = self._path(f"lock.stale-{uuid.uuid4().hex}")
                self._run(f'[ "$(cat {owner})" = {shlex.quote(seen)} ] && mv {lock} {stale} && rm -rf {stale}', doing)
                return attempt()

            return HeldLock(seen.partition("\n")[0], float(age), take_over)

        wait_for_lock(attempt, look, wait_seconds=wait_seconds, stale_after=self.stale_after, where=self.describe(),
                      if_it_died=f"remove {self.folder.rstrip('/')}/lock on the server.")
        try:
            yield
        finally:
            self._run(f'[ "$(cat {owner} 2>/dev/null)" = {shlex.quote(token)} ] && rm -rf {lock}', "release the lock")

