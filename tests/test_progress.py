"""Progress on a terminal, silence in logs: a build and a publish run under a pseudo-terminal show
their counts as they go; the same commands with their output going to a pipe (a CI log) print none."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

from conftest import NOW, ROOT, SAMPLE_CONTENT


def without_ci() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NOTICEBOARD_", "GITHUB_")) and k != "CI"}
    return {**env, "TERM": "xterm", "NOTICEBOARD_NOW": NOW}


def on_a_terminal(command: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run ``command`` with a pseudo-terminal as its stdout and stderr: its status and all it wrote."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal)
    os.close(terminal)
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal's other end closed: the process has ended
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    status = process.wait(timeout=300)
    reader.join(timeout=30)
    os.close(controller)
    return status, b"".join(chunks).decode(errors="replace")


def build_command(output: Path) -> list[str]:
    override = {"PATH": str(SAMPLE_CONTENT), "OUTPUT_PATH": str(output)}
    return [sys.executable, "-c", f"import sys; sys.path[:0] = ['.', 'plugins']; from frontmatter.build import "
            f"build_site; sys.exit(build_site('pelicanconf.py', {override!r}))"]


def test_a_build_on_a_terminal_counts_files_read_and_pages_written(tmp_path):
    status, shown = on_a_terminal(build_command(tmp_path / "output"), without_ci())

    assert status == 0, shown
    last = shown.split("\r\x1b[K")[-1].splitlines()[0]
    # Every page Pelican writes; the web editor's /admin/ is copied in by its plugin, not written as a page.
    pages = sum(1 for page in (tmp_path / "output").rglob("*.html") if "admin" not in page.parts)
    assert last.startswith("files read ") and ", pages written " in last
    assert int(last.rpartition(" ")[2]) >= pages


def test_a_build_in_a_log_prints_no_progress(tmp_path):
    result = subprocess.run(build_command(tmp_path / "output"), cwd=ROOT, env=without_ci(), capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "files read" not in result.stdout + result.stderr and "\r" not in result.stdout + result.stderr


def test_a_publish_counts_the_files_it_deploys_on_a_terminal_only(sample_site, publisher):
    command = [sys.executable, "-m", "publish", "--settings", str(publisher.settings()), "--site", str(sample_site)]
    files = sum(1 for path in sample_site.rglob("*") if path.is_file())

    status, shown = on_a_terminal(command, without_ci())
    logged = subprocess.run(command, cwd=ROOT, env=without_ci(), capture_output=True, text=True, timeout=120)
    in_ci = subprocess.run(command, cwd=ROOT, env={**without_ci(), "CI": "true"}, capture_output=True, text=True,
                           timeout=120)

    assert status == 0, shown
    assert f"files copied {files}\r\n" in shown or f"files copied {files}\n" in shown
    assert "deployed" in shown
    for run in (logged, in_ci):
        assert run.returncode == 0, run.stderr
        assert "files copied" not in run.stdout + run.stderr and "deployed" in run.stdout
