"""The git branch target, as a Pages host sees the branch: one commit per changed site, state inside."""

from __future__ import annotations

import subprocess

import pytest

from publish.errors import DeployError, LockHeld
from publish.targets import open_target
from tests.targets.conftest import git_files
from tests.targets.sites import make_site


def commits(bare, ref="refs/heads/gh-pages") -> list[str]:
    return subprocess.run(["git", "--git-dir", str(bare), "log", "--format=%s", ref],
                          capture_output=True, text=True, check=True).stdout.splitlines()


def refs(bare) -> list[str]:
    return subprocess.run(["git", "--git-dir", str(bare), "for-each-ref", "--format=%(refname)"],
                          capture_output=True, text=True, check=True).stdout.splitlines()


def test_the_branch_holds_the_site_the_state_and_nojekyll(git_place, tmp_path):
    bare = git_place.extra["bare"]
    target = git_place.open()
    target.deploy(make_site(tmp_path / "v1", {"index.html": "one", "_static/site.css": "a{}"}))
    target.write_state("ledger.json", b"{}")
    assert git_files(bare, "refs/heads/gh-pages") == {
        "index.html": "one", "_static/site.css": "a{}", ".nojekyll": "", ".noticeboard/ledger.json": "{}",
    }
    assert commits(bare) == ["Update publish state ledger.json", "Deploy the site"]


def test_an_unchanged_site_makes_no_commit(git_place, tmp_path):
    site = make_site(tmp_path / "v1", {"index.html": "one"})
    git_place.open().deploy(site)
    git_place.open().deploy(site)
    git_place.open().write_state("ledger.json", b"{}")
    git_place.open().write_state("ledger.json", b"{}")
    assert commits(git_place.extra["bare"]) == ["Update publish state ledger.json", "Deploy the site"]


def test_a_refused_push_says_why_and_leaves_the_branch(git_place, tmp_path):
    git_place.open().deploy(make_site(tmp_path / "v1", {"index.html": "one"}))
    with git_place.broken(), pytest.raises(DeployError) as refused:
        git_place.open().deploy(make_site(tmp_path / "v2", {"index.html": "two"}))
    assert "push was refused or failed" in str(refused.value)
    assert "pre-receive hook declined" in str(refused.value)
    assert commits(git_place.extra["bare"]) == ["Deploy the site"]


def test_the_lock_is_a_ref_that_is_gone_after_the_publish(git_place):
    with git_place.open().lock(wait_seconds=0):
        assert "refs/noticeboard/lock" in refs(git_place.extra["bare"])
        with pytest.raises(LockHeld, match=r"If that publish died, delete the lock with: "
                                           r"git push file://\S+site.git :refs/noticeboard/lock"):
            with git_place.open().lock(wait_seconds=0):
                pass
    assert refs(git_place.extra["bare"]) == []


def test_an_unreachable_repository_is_a_deploy_error(tmp_path):
    target = open_target(f"git+file://{tmp_path}/missing.git#pages", {}, tmp_path)
    assert target.describe() == f"git branch pages of file://{tmp_path}/missing.git"
    with pytest.raises(DeployError, match=r"could not deploy the site .*missing.git.*does not appear to be a git"):
        target.deploy(make_site(tmp_path / "v1", {"index.html": "one"}))
