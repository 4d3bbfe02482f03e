"""Deploy to a folder on this machine (the default: ``public/``).

The new site is copied beside the folder and exchanged with it in one rename, so a web server
pointed at the folder never serves half a site. The release it replaces stays beside it, hidden
(``.<folder>.previous``), and becomes the next release: only the files that changed are copied.
State lives in ``<folder>/.noticeboard/`` and is carried into every new release; the lock is a file
beside the folder, held with ``flock`` so that a killed publish never leaves it stuck.

Beside the folder, ``.<folder>.deployed.json`` lists the served release's files with their size, time
and SHA-256, and which release it describes: a publish whose site has the same bytes as the served
one (nothing new) finds that out by reading only the site's files that were rebuilt, and leaves the
folder as it is. It keeps the listing of the release before too, so the next deploy knows which of the
previous release's files already hold the site's bytes without reading them (an emergency notice's
banner changes every page, and comparing 15,000 pages byte for byte took seconds).

The one change made inside the served release: a new search index deployed alone after the pages
(:meth:`LocalTarget.deploy_within`), file by file, each whole. A new release for it would copy every
page the release before lacks: after an emergency notice, 15,000 pages, 2.6 s at 10,000 entries.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import filecmp
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from publish.errors import DeployError, LockHeld
from publish.faults import fault
from publish.files import copy_over
from publish.targets.base import STATE_DIR, Target


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old bytes or the new ones."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _exchange(a: Path, b: Path) -> None:
    """Swap two existing paths in one step (Linux renameat2 RENAME_EXCHANGE)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    at_fdcwd, rename_exchange = -100, 2
    if libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), str(a))


def _reason(exc: OSError) -> str:
    """One readable reason, also for shutil.Error, which lists every file that failed."""
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list):
        source, _, why = exc.args[0][0]
        return f"copying {source} failed ({why})"
    return str(exc)


def _state_of(site: Path) -> Callable[[str, list[str]], list[str]]:
    """A copytree filter that leaves out the site's own top-level state folder."""
    top = os.path.abspath(site)
    return lambda folder, names: [STATE_DIR] if os.path.abspath(folder) == top and STATE_DIR in names else []


#: A file as the listing records it: size, time (ns) in the release, SHA-256 of its bytes, time in the site.
#: A folder is (-1, 0, "", 0).
FileRecord = tuple[int, int, str, int]


def _scan(root: Path, *, skip_state: bool) -> dict[str, tuple[int, int]] | None:
    """Every file under ``root`` by relative path with its size and time; folders as (-1, 0).

    None when the tree holds anything but plain files and folders (a symlink): then only a full
    comparison will do."""
    found: dict[str, tuple[int, int]] = {}
    waiting = [(os.fspath(root), "")]
    while waiting:
        folder, prefix = waiting.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_symlink():
                    return None
                if entry.is_dir():
                    if not (skip_state and name == STATE_DIR):
                        found[name] = (-1, 0)
                        waiting.append((entry.path, name + "/"))
                elif entry.is_file():
                    stat = entry.stat()
                    found[name] = (stat.st_size, stat.st_mtime_ns)
                else:
                    return None
    return found


def _files_of(listing: dict | None, release: Path) -> dict[str, FileRecord]:
    """The files a listing records, when it describes the folder now at ``release`` (the same inode);
    else empty: there is no record of that folder, or a deploy stopped after its swap."""
    try:
        if not listing or listing["release"] != os.stat(release).st_ino:
            return {}
        return {name: (size, mtime, digest, site_mtime)
                for name, (size, mtime, digest, site_mtime) in listing["files"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class LocalTarget(Target):
    name = "local"

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder).absolute()

    def describe(self) -> str:
        return f"folder {self.folder}"

    @property
    def listing_path(self) -> Path:
        """The served release's files (see the module's docstring)."""
        return self.folder.parent / f".{self.folder.name}.deployed.json"

    @property
    def staging(self) -> Path:
        """The release before the served one, kept after each swap: the next deploy brings it up to date
        (copying only the files that changed) instead of copying the whole site and deleting the old one."""
        return self.folder.parent / f".{self.folder.name}.previous"

    def deploy(self, site: Path) -> None:
        self.deploy_within(site, ())

    def deploy_within(self, site: Path, folders: Sequence[str]) -> None:
        listings = self._listings()
        listing = _files_of(listings.get("served"), self.folder)
        try:
            site_files = self._site_files(site, listing)
        except OSError as exc:
            raise DeployError(f"could not read the site {site}: {exc}; nothing was deployed") from exc
        if site_files is not None and self._serves(listing, site_files):
            self.progress.finish()
            return  # the served release already holds exactly these bytes
        if site_files is not None and folders:
            served = self._update_in_place(site, site_files, listing, folders)
            if served is not None:
                self._write_listing(site_files, listings.get("previous"), served)
                return
        served = self._deploy(site, site_files, _files_of(listings.get("previous"), self.staging))
        if site_files is not None:
            self._write_listing(site_files, listings.get("served"), served)

    def _listings(self) -> dict[str, dict]:
        """The listings of the served release and of the one before, as the last deploy wrote them."""
        try:
            listings = json.loads(self.listing_path.read_bytes())
            return {"served": listings, "previous": listings.get("previous")}
        except (OSError, ValueError, AttributeError):
            return {}

    def _site_files(self, site: Path, listing: dict[str, FileRecord]) -> dict[str, tuple[int, int, str]] | None:
        """The site's files: size, time, digest; a file as the listing saw it in the site is not read again."""
        scanned = _scan(site, skip_state=True)
        if scanned is None:
            return None
        files = {}
        for name, (size, mtime) in scanned.items():
            known = listing.get(name)
            if size < 0:
                digest = ""
            elif known and known[0] == size and known[3] == mtime:
                digest = known[2]
            else:
                digest = _digest(site / name)
            files[name] = (size, mtime, digest)
        return files

    def _serves(self, listing: dict[str, FileRecord], site_files: dict[str, tuple[int, int, str]]) -> bool:
        """Whether the folder holds the site's bytes: the listing matches the site, and the folder's files
        are those the listing recorded, untouched since."""
        if listing.keys() != site_files.keys() or any(
                (record[0], record[2]) != (site_files[name][0], site_files[name][2]) for name, record in listing.items()):
            return False
        try:
            served = _scan(self.folder, skip_state=True)
        except OSError:
            return False
        return served is not None and served.keys() == listing.keys() and all(
            stat == listing[name][:2] for name, stat in served.items())

    def _update_in_place(self, site: Path, site_files: dict[str, tuple[int, int, str]],
                         listing: dict[str, FileRecord], folders: Sequence[str]) -> dict[str, tuple[int, int]] | None:
        """Bring the served release up to date where it is, when the site differs from it only inside
        ``folders`` (see :meth:`Target.deploy_within`) and the release is as its listing recorded it: its
        files' sizes and times then (as :func:`_scan` gives them); None, having changed nothing, when not.

        Each file is written beside its place and renamed into it, so it is read whole or not at all. New
        files come first, then the files replaced, then those the site no longer has are removed: a search
        index's entry file, replaced, names only files that are there already, and every part of the index
        is whole at each moment (Pagefind names its other files by their bytes).
        """
        inside = tuple(folder.rstrip("/") + "/" for folder in folders)
        changed = sorted(name for name in listing.keys() | site_files.keys()
                         if name not in listing or name not in site_files
                         or (listing[name][0], listing[name][2]) != site_files[name][::2])
        if not listing or not all(name.startswith(inside) for name in changed):
            return None
        if any(name in listing and name in site_files and (listing[name][0] < 0) != (site_files[name][0] < 0)
               for name in changed):
            return None  # a file that became a folder, or the other way: a new release
        try:
            served = _scan(self.folder, skip_state=True)
        except OSError:
            return None
        if served is None or served.keys() != listing.keys() or any(stat != listing[name][:2]
                                                                     for name, stat in served.items()):
            return None  # changed since it was deployed: a new release puts it right
        added = [name for name in changed if name not in listing]
        replaced = [name for name in changed if name in listing and name in site_files]
        removed = sorted((name for name in changed if name not in site_files), reverse=True)  # files before folders
        try:
            for name in added + replaced:
                path = self.folder / name
                if site_files[name][0] < 0:
                    path.mkdir(exist_ok=True)
                    served[name] = (-1, 0)
                    continue
                partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
                shutil.copy2(site / name, partial)
                os.replace(partial, path)
                stat = path.stat()
                served[name] = (stat.st_size, stat.st_mtime_ns)
                self.progress.add("files copied")
            for name in removed:
                path = self.folder / name
                if listing[name][0] < 0:
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                del served[name]
        except OSError as exc:
            raise DeployError(f"could not update {', '.join(inside)} in {self.folder}: {_reason(exc)}; the files "
                              "updated so far are whole, and the next deploy makes a new release") from exc
        self.progress.finish()
        return served

    def _write_listing(self, site_files: dict[str, tuple[int, int, str]], replaced: dict | None,
                       served: dict[str, tuple[int, int]] | None = None) -> None:
        """Record the release just swapped in (or brought up to date in place, with its files' ``served``
        sizes and times): the site's files, with their times in the release; and the listing of the
        release before it (the previous one), without its own previous."""
        try:
            served = served if served is not None else _scan(self.folder, skip_state=True) or {}
            files = {name: (size, served[name][1], digest, mtime) for name, (size, mtime, digest) in site_files.items()
                     if served.get(name, (None,))[0] == size}
            if files.keys() != site_files.keys():
                raise FileNotFoundError(self.folder)  # not what was deployed: leave no listing
            release = os.stat(self.folder).st_ino
            previous = {"release": replaced["release"], "files": replaced["files"]} if replaced else None
            atomic_write(self.listing_path, json.dumps({"release": release, "files": files, "previous": previous},
                                                       separators=(",", ":")).encode())
        except (OSError, KeyError, TypeError):
            self.listing_path.unlink(missing_ok=True)  # the next deploy compares the files themselves

    def _deploy(self, site: Path, site_files: dict[str, tuple[int, int, str]] | None = None,
                previous: dict[str, FileRecord] | None = None) -> dict[str, tuple[int, int]] | None:
        """Make the release before the served one hold ``site`` and swap it in; the new release's files'
        sizes and times (as :func:`_scan` gives them) when it followed the listing, which saves the
        listing a walk of the release; else None."""
        parent, staging, served = self.folder.parent, self.staging, None
        try:
            parent.mkdir(parents=True, exist_ok=True)
            try:
                if site_files and previous:
                    served = self._bring_up_to_date_from_listing(site, staging, site_files, previous)
                else:
                    self._bring_up_to_date(site, staging)
            except OSError:
                served = None
                shutil.rmtree(staging, ignore_errors=True)  # whatever went wrong, start it afresh
                shutil.copytree(site, staging, symlinks=True, copy_function=self._copy, ignore=_state_of(site))
            shutil.rmtree(staging / STATE_DIR, ignore_errors=True)
            old_state = self.folder / STATE_DIR
            if old_state.is_dir():
                shutil.copytree(old_state, staging / STATE_DIR)
            fault("mid-deploy", self.name)
            self._swap_in(staging)
            self.progress.finish()
            return served
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise DeployError(f"could not deploy to {self.folder}: {_reason(exc)}; the previous site is unchanged") from exc

    def _bring_up_to_date(self, site: Path, release: Path) -> None:
        """Make the folder ``release`` (an older release) hold exactly ``site``: copy the files that differ,
        remove those the site no longer has. Raises OSError when it cannot (no such release yet)."""
        if not release.is_dir():
            raise FileNotFoundError(release)
        shutil.copytree(site, release, symlinks=True, dirs_exist_ok=True, copy_function=self._copy_if_changed,
                        ignore=_state_of(site))
        for folder, dirs, names in os.walk(release):
            here = Path(folder)
            source = site / here.relative_to(release)
            for name in [*names, *dirs]:
                if (here == release and name == STATE_DIR) or os.path.lexists(source / name):
                    continue
                if name in dirs and not (here / name).is_symlink():
                    shutil.rmtree(here / name)
                else:
                    (here / name).unlink()
            dirs[:] = [d for d in dirs if (source / d).is_dir() and not (here == release and d == STATE_DIR)]
        filecmp.clear_cache()

    def _bring_up_to_date_from_listing(self, site: Path, release: Path, site_files: dict[str, tuple[int, int, str]],
                                       listed: dict[str, FileRecord]) -> dict[str, tuple[int, int]]:
        """:meth:`_bring_up_to_date` without reading a file of ``release`` whose size and time are still
        as ``listed`` recorded them: its bytes are the recorded digest's, so the site's digest says
        whether it changed. Returns the release's files' sizes and times once it holds the site."""
        found = _scan(release, skip_state=True)
        if found is None:
            raise FileNotFoundError(release)  # a symlink in the release: compare the files themselves
        for name in sorted(found.keys() - site_files.keys(), reverse=True):  # a folder's files before it
            path = release / name
            if found.pop(name)[0] < 0:
                shutil.rmtree(path, ignore_errors=True)
            elif path.exists():
                path.unlink()
        for name in sorted(site_files):  # a folder before its files
            size, _, digest = site_files[name]
            path, there, record = release / name, found.get(name), listed.get(name)
            if size < 0:
                if there is None or there[0] >= 0:
                    if there is not None:
                        path.unlink()  # a file where the site has a folder now
                    path.mkdir()
                    found[name] = (-1, 0)
                continue
            if there is not None and there[0] < 0:
                shutil.rmtree(path)  # a folder where the site has a file now
            elif there is not None and record is not None and there == record[:2] and record[2] == digest:
                continue  # untouched since the listing, and the site's bytes are the same
            self._copy(os.fspath(site / name), os.fspath(path))
            stat = os.stat(path)
            found[name] = (stat.st_size, stat.st_mtime_ns)
        return found

    def _copy_if_changed(self, source: str, destination: str) -> None:
        if os.path.isdir(destination) and not os.path.islink(destination):
            shutil.rmtree(destination)  # a folder that is a file now (copy2 would copy into it)
        elif os.path.isfile(destination) and filecmp.cmp(source, destination, shallow=True):
            return  # same size and time (copy2 keeps the time), or else the same bytes
        self._copy(source, destination)

    def _copy(self, source: str, destination: str) -> None:
        copy_over(source, destination)
        self.progress.add("files copied")

    def _swap_in(self, staging: Path) -> None:
        """Put ``staging`` at the folder's path; the old release ends up at ``staging``."""
        if not self.folder.exists():
            os.rename(staging, self.folder)
            return
        try:
            _exchange(staging, self.folder)
        except (OSError, AttributeError) as exc:
            if isinstance(exc, OSError) and exc.errno not in (errno.ENOSYS, errno.EINVAL, errno.EPERM):
                raise
            # No atomic exchange on this system or filesystem: two renames, a moment apart.
            retired = staging.with_name(staging.name + ".old")
            os.rename(self.folder, retired)
            os.rename(staging, self.folder)
            os.rename(retired, staging)
        _fsync_dir(self.folder.parent)

    def read_state(self, name: str) -> bytes | None:
        try:
            return (self.folder / STATE_DIR / name).read_bytes()
        except FileNotFoundError:
            return None

    def write_state(self, name: str, data: bytes) -> None:
        atomic_write(self.folder / STATE_DIR / name, data)

    def read_state_folder(self, folder: str) -> dict[str, bytes]:
        state = self.folder / STATE_DIR
        found = {}
        for path in sorted((state / folder).rglob("*")):
            if path.name.startswith("."):
                continue  # a write under way, or one a crash left (see atomic_write)
            try:
                found[path.relative_to(state).as_posix()] = path.read_bytes()
            except (FileNotFoundError, IsADirectoryError):
                continue
        return found

    def delete_states(self, names: Sequence[str]) -> None:
        folders = set()
        for name in names:
            path = self.folder / STATE_DIR / name
            path.unlink(missing_ok=True)
            folders.add(path.parent)
        for folder in folders:
            if folder.is_dir():
                _fsync_dir(folder)

    @contextmanager
    def lock(self, wait_seconds: float) -> Iterator[None]:
        lock_path = self.folder.parent / f".{self.folder.name}.lock"
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "a+") as handle:
            deadline = time.monotonic() + wait_seconds
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        handle.seek(0)
                        holder = handle.read().strip() or "another process"
                        raise LockHeld(
                            f"another publish is running on {self.folder} ({holder}); "
                            f"waited {wait_seconds:g}s. Run again when it has finished."
                        ) from None
                    time.sleep(0.2)
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}")
            handle.flush()
            try:
                yield
            finally:
                handle.seek(0)
                handle.truncate()
                fcntl.flock(handle, fcntl.LOCK_UN)
