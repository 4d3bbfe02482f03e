"""The rsync target as the web server sees it: a `current` symlink to the newest release, old
releases pruned, unchanged files shared, host keys checked."""

from __future__ import annotations

import os

import pytest

from publish.errors import ConfigError, DeployError
from tests.targets.sites import make_site


def releases(www) -> list[str]:
    return sorted(p.name for p in (www / "releases").iterdir())


def test_current_points_at_the_newest_of_the_kept_releases(rsync_place, tmp_path):
    www = rsync_place.extra["www"]
    for n in range(4):
        rsync_place.open(DEPLOY_KEEP_RELEASES=2).deploy(make_site(tmp_path / f"v{n}", {"index.html": f"v{n}"}))
    kept = releases(www)
    assert len(kept) == 2
    assert os.readlink(www / "current") == f"releases/{kept[-1]}"
    assert (www / "releases" / kept[0] / "index.html").read_text() == "v2"
    assert rsync_place.served() == {"index.html": "v3"}


def test_unchanged_files_are_shared_with_the_previous_release(rsync_place, tmp_path):
    www = rsync_place.extra["www"]
    site = {"index.html": "one", "images/weir.png": "picture"}
    rsync_place.open().deploy(make_site(tmp_path / "v1", site))
    rsync_place.open().deploy(make_site(tmp_path / "v2", {**site, "index.html": "two"}))
    old, new = (www / "releases" / name for name in releases(www))
    assert (old / "images/weir.png").stat().st_ino == (new / "images/weir.png").stat().st_ino
    assert (old / "index.html").stat().st_ino != (new / "index.html").stat().st_ino


def test_a_failed_upload_leaves_no_release_behind(rsync_place, tmp_path):
    www = rsync_place.extra["www"]
    rsync_place.open().deploy(make_site(tmp_path / "v1", {"index.html": "one"}))
    with rsync_place.broken(), pytest.raises(DeployError, match="rsync stopped"):
        rsync_place.open().deploy(make_site(tmp_path / "v2", {"big.bin": "x" * 200_000}))
    assert len(releases(www)) == 1 and not any(name.endswith(".partial") for name in releases(www))


def test_a_server_with_another_host_key_is_refused(rsync_place, tmp_path):
    stranger = rsync_place.extra["sshd"].known_hosts.read_text().split()
    stranger[-1] = "AAAAC3NzaC1lZDI1NTE5AAAAIHpZs7aBNq0HO4OhPtSm3bbY1e4Um2n5m/9fs2ZOA0rL"
    env = {**rsync_place.env, "NOTICEBOARD_SSH_KNOWN_HOSTS": " ".join(stranger)}
    from publish.targets import open_target

    with pytest.raises(DeployError, match="ssh to releases in ssh://.* failed"):
        open_target(rsync_place.url, env, tmp_path).deploy(make_site(tmp_path / "v1", {"index.html": "one"}))
    assert rsync_place.served() == {}


def test_a_password_in_the_address_is_refused_without_showing_it(rsync_place, tmp_path):
    from publish.targets import open_target

    with pytest.raises(ConfigError) as refused:
        open_target("ssh://deploy:hunter2@127.0.0.1/srv/www", {}, tmp_path)
    assert "hunter2" not in str(refused.value) and "environment variables" in str(refused.value)
