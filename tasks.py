"""The front door: ``invoke <task>`` (or ``make <task>``, which sets up .venv first).

new, check, build, serve, publish, test, bench, messages, clean.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
PYTHON = sys.executable
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]


def _settings_file(publish: bool) -> Path:
    return ROOT / ("publishconf.py" if publish else "pelicanconf.py")


@task(help={"strict": "treat warnings (such as FAQ pages overdue for review) as errors"})
def check(c, strict=False, publish=False):
    """Check every content file; print all problems, one per line, as path:line: field: message."""
    from frontmatter.check import report

    if report(_settings_file(publish), strict=strict) > 0:
        sys.exit(1)


@task(help={"publish": "build with publishconf.py (the public address, minified)"})
def build(c, publish=False):
    """Check the content, then build the site into output/."""
    from frontmatter.build import build_site

    sys.exit(build_site(_settings_file(publish)))


@task
def serve(c, port=8000):
    """Build, serve on http://localhost:PORT, rebuild (with the checks) when content or theme change."""
    from livereload import Server

    from frontmatter.build import build_site

    def rebuild() -> None:
        build_site(_settings_file(False), override={"SITEURL": f"http://localhost:{port}"})

    rebuild()
    server = Server()
    for folder in ("content", "theme"):
        server.watch(str(ROOT / folder), rebuild)
    server.serve(root=str(ROOT / "output"), host="127.0.0.1", port=int(port), open_url_delay=None)


@task(help={"dry_run": "show what would be deployed and posted; change nothing"})
def publish(c, dry_run=False):
    """Build with publishconf.py, check, deploy, then cross-post new entries."""
    from frontmatter.build import build_site

    status = build_site(_settings_file(True))
    if status != 0:
        print("publish: nothing was deployed or posted.", file=sys.stderr)
        sys.exit(status)
    command = [PYTHON, "-m", "publish", "--settings", str(_settings_file(True)), "--site", "output"]
    if dry_run:
        command.append("--dry-run")
    result = c.run(" ".join(command), warn=True, pty=False)
    sys.exit(result.exited)


@task
def test(c):
    """Run the test suite."""
    c.run(f"{PYTHON} -m pytest", pty=False)


@task
def bench(c):
    """Run every benchmark under bench/ and print its figures."""
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        c.run(f"{PYTHON} {script}", pty=False)


@task(help={"kind": "post, notice or faq", "title": "the title (the question, for an FAQ)"})
def new(c, kind, title):
    """Start a new content file with every field filled in as an example."""
    from frontmatter.scaffold import new_entry

    path = new_entry(ROOT / "content", kind, title)
    print(f"created {path.relative_to(ROOT)}: edit it, then run `make check`")


@task
def messages(c):
    """Collect the theme's words into theme/translations/messages.pot and add new ones to each language's .po."""
    pot = "theme/translations/messages.pot"
    c.run(f"{PYTHON} -m babel.messages.frontend extract -F theme/babel.cfg -k N_ --no-location --sort-output "
          f"-o {pot} .", pty=False)
    c.run(f"{PYTHON} -m babel.messages.frontend update -i {pot} -d theme/translations --no-fuzzy-matching "
          "--ignore-obsolete", pty=False)


@task
def clean(c):
    """Remove what builds and tests leave behind."""
    for name in ("output", "public", "outbox", "test-output", ".pytest_cache"):
        shutil.rmtree(ROOT / name, ignore_errors=True)
    for lock in ROOT.glob(".public*"):
        if lock.is_dir():
            shutil.rmtree(lock, ignore_errors=True)
        else:
            os.remove(lock)
