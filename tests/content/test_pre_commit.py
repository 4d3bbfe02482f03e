"""The pre-commit hook checks the content files being committed, strictly, and names every problem."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ruamel.yaml import YAML

from conftest import ROOT

HOOK = ROOT / ".ci" / "check-content"


def run_hook(project: Path, *files: str) -> subprocess.CompletedProcess:
    (project / ".ci").mkdir(exist_ok=True)
    shutil.copy2(HOOK, project / ".ci" / "check-content")
    return subprocess.run([".ci/check-content", *files], cwd=project, capture_output=True, text=True, timeout=120)


def test_the_hook_reports_only_the_committed_files_and_warnings_stop_the_commit(project):
    notice = project / "content" / "notices" / "quay-street-closure.md"
    notice.write_text(notice.read_text().replace("contact: Highways team, 01632 960123\n", ""))
    clean = run_hook(project, "content/posts/new-recycling-bins.md")
    assert clean.returncode == 0, clean.stderr
    assert "warm-spaces" not in clean.stderr + clean.stdout  # an overdue FAQ not in this commit
    warned = run_hook(project, "content/notices/quay-street-closure.md")
    assert warned.returncode == 1
    assert "content/notices/quay-street-closure.md:1: contact: warning: a notice should say who to contact" in warned.stderr


def test_the_hook_is_offered_to_other_repositories_and_used_by_this_one():
    offered = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    used = YAML(typ="safe").load((ROOT / ".pre-commit-config.yaml").read_text())
    local = [hook for repo in used["repos"] for hook in repo["hooks"]]
    assert offered[0]["id"] == local[0]["id"] == "noticeboard-check"
    assert offered[0]["entry"] == local[0]["entry"] == ".ci/check-content"
    assert HOOK.stat().st_mode & 0o111
