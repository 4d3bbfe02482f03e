"""The two builds every reliability run deploys (the previous one is served first), and the deploy
targets as a reader sees them: a folder, a git branch, releases over ssh, an S3 bucket."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from publish.targets import open_target
from tests.conftest import ROOT, SAMPLE_CONTENT, build
from tests.reliability.harness import PREVIOUS_MARK, read_folder
from tests.targets.conftest import (  # noqa: F401 - the fixtures the targets below start
    git_files,
    git_place,
    rsync_place,
    s3_place,
    s3_server,
    sshd,
)


@pytest.fixture(scope="session")
def previous_site(tmp_path_factory) -> Path:
    """The sample site as an earlier build: every page differs from the current one (its site name)."""
    output = tmp_path_factory.mktemp("previous") / "output"
    assert build(SAMPLE_CONTENT, output, SITENAME=PREVIOUS_MARK) == 0
    return output


@dataclass
class Served:
    """A deploy target with the previous build on it, and how a visitor reads it."""

    kind: str
    url: str
    env: dict[str, str]
    #: The HTML pages of one reading of the site (None: nothing could be read this time).
    read: Callable[[], dict[str, bytes] | None]
    #: Seconds between two readings (git and S3 readings cost a process or many requests).
    interval: float


def _git(place) -> Served:
    bare = place.extra["bare"]

    def read() -> dict[str, bytes] | None:
        pages = git_files(bare, "refs/heads/gh-pages")
        return {k: v.encode() for k, v in pages.items() if k.endswith(".html")} or None

    return Served("git", place.url, place.env, read, 0.2)


def _rsync(place) -> Served:
    www = place.extra["www"]

    def read() -> dict[str, bytes] | None:
        try:
            release = os.path.realpath(www / "current", strict=True)  # one release, as the web server resolves it
        except OSError:
            return None
        return read_folder(Path(release))

    return Served("rsync", place.url, place.env, read, 0.1)


def _s3(place) -> Served:
    client, bucket = place.extra["client"], place.extra["bucket"]

    def read() -> dict[str, bytes] | None:
        keys = [item["Key"] for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="www/")
                for item in page.get("Contents", []) if item["Key"].endswith(".html")]
        try:
            return {key: client.get_object(Bucket=bucket, Key=key)["Body"].read() for key in keys} or None
        except client.exceptions.NoSuchKey:
            return None

    return Served("s3", place.url, place.env, read, 0.1)


@pytest.fixture
def served(request, tmp_path, previous_site) -> Served:
    """The target named by the test's ``target`` parameter, serving the previous build."""
    kind = request.param
    if kind == "local":
        folder = tmp_path / "www"
        target = Served("local", str(folder), {}, lambda: read_folder(folder), 0.1)
    else:
        place = request.getfixturevalue(f"{kind}_place")
        target = {"git": _git, "rsync": _rsync, "s3": _s3}[kind](place)
    open_target(target.url, target.env, ROOT).deploy(previous_site)
    return target
