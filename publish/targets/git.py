"""Deploy to a branch of a git repository: GitHub Pages, Codeberg Pages, or GitLab via its pages job.

Each deploy is one commit on the branch whose tree is the built site plus the publish state in
``.noticeboard/`` (carried over from the branch's previous commit) and a ``.nojekyll`` marker. The
commit is pushed without force, so a push that fails or is rejected changes nothing: the host keeps
serving the previous commit. An unchanged site makes no commit.

The lock is the ref ``refs/noticeboard/lock``, created by a push that is refused if the ref already
exists (``--force-with-lease=<ref>:`` with an empty expected value) and deleted on release. Its
commit message names the holder and its date tells a stale lock from a live one.

Everything goes through the ``git`` command line in a scratch bare repository, with shallow fetches.
"""

from __future__ import annotations

import base64
import os
import shlex
import shutil
import subprocess
import tempfile
import time
import uuid
import weakref
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
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

LOCK_REF = "refs/noticeboard/lock"
TOKEN_VAR = "NOTICEBOARD_GIT_TOKEN"
TOKEN_USER_VAR = "NOTICEBOARD_GIT_USER"


def git_environment(env: Mapping[str, str]) -> dict[str, str]:
    """The environment git runs in: no prompts, ssh from our settings, a token as an HTTP header."""
    result = {**os.environ, **env, "GIT_TERMINAL_PROMPT": "0", "GIT_SSH_COMMAND": shlex.join(ssh_command(env))}
    for role in ("AUTHOR", "COMMITTER"):
        result.setdefault(f"GIT_{role}_NAME", "Noticeboard")
        result.setdefault(f"GIT_{role}_EMAIL", "noticeboard@localhost")
    token = env.get(TOKEN_VAR)
    if token:
        # Passed as configuration in the environment, so it is on no command line and in no URL.
        user = env.get(TOKEN_USER_VAR) or "x-access-token"
        basic = base64.b64encode(f"{user}:{token}".encode()).decode()
        result.update(GIT_CONFIG_COUNT="1", GIT_CONFIG_KEY_0="http.extraHeader",
                      GIT_CONFIG_VALUE_0=f"Authorization: Basic {basic}")
    return result


class GitTarget(Target):
    name = "git"

    def __init__(self, remote: str, branch: str, env: Mapping[str, str], *,
                 stale_after: float = STALE_LOCK_SECONDS) -> None:
        self.remote = remote
        self.branch = branch
        self.stale_after = stale_after
        self._env = git_environment(env)
        self._repo: Path | None = None

    def describe(self) -> str:
        return f"git branch {self.branch} of {self.remote}"

    # -- plumbing ---------------------------------------------------------------------------

    def _scratch(self) -> Path:
        if self._repo is None:
            root = Path(tempfile.mkdtemp(prefix="noticeboard-git-"))
            weakref.finalize(self, shutil.rmtree, root, True)
            (root / "blank").mkdir()
            self._git("init", "--quiet", "--bare", str(root / "repo.git"), doing="prepare a scratch repository")
            self._repo = root / "repo.git"
        return self._repo

    def _git(self, *args: str, doing: str, data: bytes | None = None, index: Path | None = None,
             work_tree: Path | None = None, check: bool = True) -> subprocess.CompletedProcess[bytes]:
        command = ["git"]
        if self._repo is not None:
            # Index commands want a work tree even when they never look at it: give them an empty one.
            command += ["--git-dir", str(self._repo), "--work-tree", str(work_tree or self._repo.parent / "blank")]
        env = dict(self._env, GIT_INDEX_FILE=str(index)) if index else self._env
        result = subprocess.run(command + list(args), input=data, capture_output=True, env=env)
        if check and result.returncode != 0:
            raise DeployError(f"could not {doing} ({self.describe()}): {last_line(result.stderr)}")
        return result

    def _out(self, *args: str, doing: str, **kwargs) -> str:
        return self._git(*args, doing=doing, **kwargs).stdout.decode().strip()

    def _fetch(self, ref: str, doing: str) -> str | None:
        """The commit ``ref`` points at on the remote, fetched into the scratch repository; None if absent."""
        self._scratch()
        listed = self._out("ls-remote", self.remote, ref, doing=doing)
        if not listed:
            return None
        local = f"refs/fetched/{ref.removeprefix('refs/')}"
        self._git("fetch", "--quiet", "--no-tags", "--depth", "1", self.remote, f"+{ref}:{local}", doing=doing)
        return self._out("rev-parse", local, doing=doing)

    def _fetch_branch(self, doing: str) -> str | None:
        return self._fetch(f"refs/heads/{self.branch}", doing)

    def _commit(self, tree: str, parent: str | None, message: str) -> str:
        parents = ["-p", parent] if parent else []
        return self._out("commit-tree", "--no-gpg-sign", tree, *parents, "-m", message, doing="make a commit")

    def _publish_commit(self, index: Path, parent: str | None, message: str, doing: str) -> None:
        """Commit the index on top of ``parent`` and push it, unless nothing changed."""
        tree = self._out("write-tree", doing=doing, index=index)
        if parent and tree == self._out("rev-parse", f"{parent}^{{tree}}", doing=doing):
            return
        commit = self._commit(tree, parent, message)
        pushed = self._git("push", "--quiet", self.remote, f"{commit}:refs/heads/{self.branch}", doing=doing, check=False)
        if pushed.returncode != 0:
            raise DeployError(f"could not {doing} ({self.describe()}): the push was refused or failed "
                              f"({last_line(pushed.stderr)}); the previous site is unchanged")

    def _fresh_index(self, name: str) -> Path:
        index = self._scratch() / f"index-{name}"
        index.unlink(missing_ok=True)
        return index

    # -- the Target interface -----------------------------------------------------------------

    def deploy(self, site: Path) -> None:
        doing = "deploy the site"
        site = Path(site).absolute()
        if not site.is_dir():
            raise DeployError(f"could not {doing}: {site} is not a folder; the previous site is unchanged")
        parent = self._fetch_branch(doing)
        index = self._fresh_index("deploy")
        self._git("add", "--all", "--force", ".", doing=doing, index=index, work_tree=site)
        self._git("rm", "-r", "--cached", "--quiet", "--ignore-unmatch", STATE_DIR, doing=doing, index=index)
        if parent and self._git("cat-file", "-e", f"{parent}:{STATE_DIR}", doing=doing, check=False).returncode == 0:
            self._git("read-tree", f"--prefix={STATE_DIR}/", f"{parent}:{STATE_DIR}", doing=doing, index=index)
        if not (site / ".nojekyll").exists():
            self._add_blob(index, ".nojekyll", b"", doing)
        fault("mid-deploy", self.name)
        self._publish_commit(index, parent, "Deploy the site", doing)

    def _add_blob(self, index: Path, path: str, data: bytes, doing: str) -> None:
        blob = self._out("hash-object", "-w", "--stdin", doing=doing, data=data)
        self._git("update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", doing=doing, index=index)

    def read_state(self, name: str) -> bytes | None:
        tip = self._fetch_branch(f"read the publish state {name}")
        if tip is None:
            return None
        found = self._git("cat-file", "blob", f"{tip}:{STATE_DIR}/{name}", doing="read state", check=False)
        return found.stdout if found.returncode == 0 else None

    def write_state(self, name: str, data: bytes) -> None:
        doing = f"save the publish state {name}"
        parent = self._fetch_branch(doing)
        index = self._fresh_index("state")
        if parent:
            self._git("read-tree", parent, doing=doing, index=index)
        self._add_blob(index, f"{STATE_DIR}/{name}", data, doing)
        self._publish_commit(index, parent, f"Update publish state {name}", doing)

    def read_state_folder(self, folder: str) -> dict[str, bytes]:
        doing = f"read the publish state {folder}"
        tip = self._fetch_branch(doing)
        if tip is None:
            return {}
        listed = self._git("ls-tree", "-r", "-z", tip, "--", f"{STATE_DIR}/{folder}/", doing=doing).stdout
        blobs: list[tuple[bytes, str]] = []
        for item in filter(None, listed.split(b"\0")):
            meta, _, path = item.partition(b"\t")
            _, kind, sha = meta.split()
            if kind == b"blob":
                blobs.append((sha, path.decode().removeprefix(f"{STATE_DIR}/")))
        if not blobs:
            return {}
        # One process for every object: "<sha> blob <size>\n<bytes>\n" each, in the order asked.
        asked = b"".join(sha + b"\n" for sha, _ in blobs)
        batch = self._git("cat-file", "--batch", doing=doing, data=asked).stdout
        found, offset = {}, 0
        for _, name in blobs:
            header_end = batch.index(b"\n", offset)
            size = int(batch[offset:header_end].split()[2])
            found[name] = batch[header_end + 1:header_end + 1 + size]
            offset = header_end + 1 + size + 1
        return found

    def delete_states(self, names: Sequence[str]) -> None:
        doing = "remove old publish state"
        parent = self._fetch_branch(doing)
        if parent is None or not names:
            return
        index = self._fresh_index("state")
        self._git("read-tree", parent, doing=doing, index=index)
        paths = b"".join(f"{STATE_DIR}/{name}".encode() + b"\0" for name in names)
        self._git("update-index", "--force-remove", "-z", "--stdin", doing=doing, data=paths, index=index)
        self._publish_commit(index, parent, "Remove publish state folded into the ledger snapshot", doing)

    @contextmanager
    def lock(self, wait_seconds: float) -> Iterator[None]:
        doing = "take the publish lock"
        self._scratch()
        empty_tree = self._out("hash-object", "-t", "tree", "-w", "--stdin", doing=doing, data=b"")
        # The nonce keeps two lock commits made in the same second by the same process apart.
        mine = self._commit(empty_tree, None, f"{lock_owner()}\n\nnonce {uuid.uuid4()}")

        def look() -> HeldLock | None:
            held = self._fetch(LOCK_REF, doing)
            if held is None:
                return None
            stamp, _, holder = self._out("log", "-1", "--format=%ct %s", held, doing=doing).partition(" ")
            # The lease makes sure only one publish takes a stale lock over.
            return HeldLock(holder.strip(), time.time() - int(stamp), lambda: self._push_lock(mine, expected=held))

        wait_for_lock(lambda: self._push_lock(mine, expected=""), look, wait_seconds=wait_seconds,
                      stale_after=self.stale_after, where=self.describe(),
                      if_it_died=f"delete the lock with: git push {self.remote} :{LOCK_REF}")
        try:
            yield
        finally:
            self._push_lock("", expected=mine)

    def _push_lock(self, commit: str, expected: str) -> bool:
        """Point the lock ref at ``commit`` (or delete it) only if it is ``expected`` now (empty: absent)."""
        result = self._git("push", "--quiet", f"--force-with-lease={LOCK_REF}:{expected}", self.remote,
                           f"{commit}:{LOCK_REF}", doing="take the publish lock", check=False)
        return result.returncode == 0

