"""The far ends of the deploy targets, started by the tests on this machine: a bare git repository,
an sshd on a loopback port, and an S3 server (moto) behind a proxy that can refuse uploads.

Each is a :class:`Place`: the URL and environment a council would configure, what a visitor would be
served from it now, and a way to make the next deploy fail partway through.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from publish.targets import open_target
from publish.targets.base import Target
from tests.conftest import ROOT

STATE_DIR = ".noticeboard"


@dataclass
class Place:
    url: str
    env: dict[str, str]
    #: The pages a visitor gets now (path -> text), without publish state.
    served: Callable[[], dict[str, str]]
    #: While entered, deploys fail partway through the upload.
    broken: Callable[[], AbstractContextManager[None]]
    extra: dict[str, Any] = field(default_factory=dict)

    def open(self, **settings: Any) -> Target:
        return open_target(self.url, self.env, ROOT, settings)


def pages_only(found: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in found.items() if not k.startswith(f"{STATE_DIR}/") and k != ".nojekyll"}


# -- git ------------------------------------------------------------------------------------------

def git_files(bare: Path, ref: str) -> dict[str, str]:
    """Every file in ``ref`` of the bare repository, as a host serving the branch sees it."""
    if subprocess.run(["git", "--git-dir", str(bare), "rev-parse", "--verify", "-q", ref],
                      capture_output=True).returncode != 0:
        return {}
    archive = subprocess.run(["git", "--git-dir", str(bare), "archive", "--format=tar", ref],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        return {m.name: tar.extractfile(m).read().decode() for m in tar.getmembers() if m.isfile()}


@pytest.fixture
def git_place(tmp_path) -> Place:
    bare = tmp_path / "site.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    hook = bare / "hooks" / "pre-receive"

    @contextmanager
    def broken() -> Iterator[None]:
        # The host turns the push away (as GitHub does for a file over 100 MB).
        hook.write_text("#!/bin/sh\necho 'error: site/big.bin is 120.00 MB; this exceeds the file size limit' >&2\n"
                        "exit 1\n")
        hook.chmod(0o755)
        try:
            yield
        finally:
            hook.unlink()

    return Place(f"git+file://{bare}#gh-pages", {}, lambda: pages_only(git_files(bare, "refs/heads/gh-pages")),
                 broken, {"bare": bare})


KINDS = ["git"]


@pytest.fixture(params=KINDS)
def place(request) -> Place:
    return request.getfixturevalue(f"{request.param}_place")
