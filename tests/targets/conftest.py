"""The far ends of the deploy targets, started by the tests on this machine: a bare git repository,
an sshd on a loopback port, and an S3 server (moto) behind a proxy that can refuse uploads.

Each is a :class:`Place`: the URL and environment a council would configure, what a visitor would be
served from it now, and a way to make the next deploy fail partway through.
"""

from __future__ import annotations

import getpass
import io
import os
import shutil
import socket
import subprocess
import tarfile
import textwrap
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import pytest

from publish.targets import open_target
from publish.targets.base import Target
from tests.conftest import ROOT, require
from tests.servers.s3 import S3Server, running_s3_server
from tests.targets.sites import files

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
        return {m.name: tar.extractfile(m).read().decode(errors="replace") for m in tar.getmembers() if m.isfile()}


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


# -- rsync over ssh -------------------------------------------------------------------------------

def system_tool(name: str) -> str:
    """A tool's path, looking in sbin too (where Debian puts sshd)."""
    return require(shutil.which(name, path=f"{os.environ.get('PATH', '')}:/usr/sbin"), name)


@dataclass
class Sshd:
    port: int
    user: str
    key: Path
    known_hosts: Path
    fault: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_sshd(folder: Path) -> tuple[subprocess.Popen, Sshd]:
    for name in ("host_key", "user_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / name)], check=True)
    (folder / "authorized_keys").write_text((folder / "user_key.pub").read_text())
    # Every command goes through this wrapper; while the fault file exists, files over 20 kB cannot be
    # written, as when the server's disk quota runs out.
    wrapper = folder / "login.sh"
    wrapper.write_text(f'#!/bin/sh\nif [ -e {folder}/fault ]; then ulimit -f 40; fi\nexec /bin/sh -c "$SSH_ORIGINAL_COMMAND"\n')
    wrapper.chmod(0o755)
    port = free_port()
    (folder / "sshd_config").write_text(textwrap.dedent(f"""\
        ListenAddress 127.0.0.1
        Port {port}
        HostKey {folder}/host_key
        PidFile {folder}/sshd.pid
        AuthorizedKeysFile {folder}/authorized_keys
        ForceCommand {wrapper}
        UsePAM no
        StrictModes no
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PermitRootLogin prohibit-password
        """))
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # the privilege separation folder sshd insists on
    sshd = system_tool("sshd")
    process = subprocess.Popen([sshd, "-D", "-e", "-f", str(folder / "sshd_config")],
                               stderr=open(folder / "sshd.log", "wb"))
    host_key = (folder / "host_key.pub").read_text().split()
    (folder / "known_hosts").write_text(f"[127.0.0.1]:{port} {host_key[0]} {host_key[1]}\n")
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        if process.poll() is not None:
            raise RuntimeError(f"sshd stopped: {(folder / 'sshd.log').read_text()}")
        time.sleep(0.05)
    return process, Sshd(port, getpass.getuser(), folder / "user_key", folder / "known_hosts", folder / "fault")


@pytest.fixture(scope="session")
def sshd(tmp_path_factory) -> Iterator[Sshd]:
    """A real sshd on a loopback port, logging in as the current user with a key made for the session."""
    for tool in ("sshd", "ssh", "ssh-keygen", "rsync"):
        system_tool(tool)
    process, server = start_sshd(tmp_path_factory.mktemp("sshd"))
    yield server
    process.terminate()
    process.wait()


@pytest.fixture
def rsync_place(tmp_path, sshd) -> Place:
    www = tmp_path / "www"

    @contextmanager
    def broken() -> Iterator[None]:
        sshd.fault.touch()
        try:
            yield
        finally:
            sshd.fault.unlink()

    def served() -> dict[str, str]:
        return files(www / "current") if (www / "current").exists() else {}

    env = {"NOTICEBOARD_SSH_KEY": str(sshd.key), "NOTICEBOARD_SSH_KNOWN_HOSTS": str(sshd.known_hosts)}
    return Place(f"ssh://{sshd.user}@127.0.0.1:{sshd.port}{www}", env, served, broken, {"www": www, "sshd": sshd})


# -- S3 -------------------------------------------------------------------------------------------

S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "AKIATESTCOUNCIL", "AWS_SECRET_ACCESS_KEY": "council-test-secret",
                  "AWS_REGION": "eu-west-2"}


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    with running_s3_server() as server:
        yield server


def s3_client(server: S3Server):
    return boto3.client("s3", endpoint_url=server.url, aws_access_key_id=S3_CREDENTIALS["AWS_ACCESS_KEY_ID"],
                        aws_secret_access_key=S3_CREDENTIALS["AWS_SECRET_ACCESS_KEY"], region_name="eu-west-2")


@pytest.fixture
def s3_place(s3_server) -> Place:
    bucket = f"council-{uuid.uuid4().hex[:12]}"
    client = s3_client(s3_server)
    client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})

    def objects() -> dict[str, str]:
        keys = [item["Key"] for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="www/")
                for item in page.get("Contents", [])]
        return {key.removeprefix("www/"): client.get_object(Bucket=bucket, Key=key)["Body"].read().decode(errors="replace")
                for key in keys}

    s3_server.requests.clear()
    env = {**S3_CREDENTIALS, "NOTICEBOARD_S3_ENDPOINT": s3_server.url}
    return Place(f"s3://{bucket}/www", env, lambda: pages_only(objects()), s3_server.quota_exceeded,
                 {"client": client, "bucket": bucket, "server": s3_server, "objects": objects})


KINDS = ["git", "rsync", "s3"]


@pytest.fixture(params=KINDS)
def place(request) -> Place:
    return request.getfixturevalue(f"{request.param}_place")
