"""The scheduled pipelines put the new replies and the content report into the job summary, as written."""

from __future__ import annotations

import os
import subprocess

import pytest
from ruamel.yaml import YAML

from conftest import NOW, ROOT


def load(path):
    return YAML(typ="safe").load(path.read_text())


def scheduled_commands() -> dict[str, tuple[list[str], str]]:
    """Per pipeline: the commands a scheduled run makes, and the file its summary goes to."""
    steps = load(ROOT / ".github" / "workflows" / "publish.yml")["jobs"]["publish"]["steps"]
    gitlab = load(ROOT / ".gitlab-ci.yml")
    return {
        "github": ([next(s["run"] for s in steps if "make publish" in s.get("run", ""))], "summary.md"),
        "gitlab": (gitlab["publish"]["script"] + gitlab["conversation"]["script"],
                   gitlab["conversation"]["variables"]["NOTICEBOARD_SUMMARY_FILE"]),
    }


@pytest.mark.parametrize("pipeline", ["github", "gitlab"])
def test_a_scheduled_run_summarises_replies_and_stale_content(pipeline, project, accounts):
    commands, summary = scheduled_commands()[pipeline]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NOTICEBOARD_", "GITHUB_"))}
    env.update(accounts.env, NOTICEBOARD_NOW=NOW, NOTICEBOARD_DEPLOY_URL=str(project / "public"),
               GITHUB_EVENT_NAME="schedule")
    env["GITHUB_STEP_SUMMARY" if pipeline == "github" else "NOTICEBOARD_SUMMARY_FILE"] = summary
    for command in commands:
        result = subprocess.run(["bash", "-ec", command], cwd=project, env=env, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
    text = (project / summary).read_text()
    assert "### Replies" in text and "0 new replies since the last digest" in text
    assert "### Content report" in text and "Where can I keep warm this winter?" in text
    assert (project / "output" / "_reports" / "replies.html").is_file()
    assert (project / "output" / "_reports" / "content.html").is_file()
