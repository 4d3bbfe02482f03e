"""The front door: ``invoke <task>`` (or ``make <task>``, which sets up .venv first).

new, check, build, serve, publish, test, bench, clean; and for the people answering the public:
replies, answer, faq-from, report.
"""

from __future__ import annotations

import os
import shlex
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


def _fetch_social_links(c) -> None:
    """Bring the entries' social posts from the ledger in the deploy target for "Discuss this on ..."."""
    from pelican.settings import read_settings

    links = read_settings(str(_settings_file(True))).get("DISCUSS_LINKS_FILE")
    if links:
        c.run(shlex.join([PYTHON, "-m", "publish.social_links", "--settings", str(_settings_file(True)),
                          "--out", str(ROOT / links)]), warn=True, pty=False)


@task(help={"dry_run": "show what would be deployed and posted; change nothing"})
def publish(c, dry_run=False):
    """Build with publishconf.py, check, deploy, then cross-post new entries."""
    from frontmatter.build import build_site

    _fetch_social_links(c)
    status = build_site(_settings_file(True))
    if status != 0:
        print("publish: nothing was deployed or posted.", file=sys.stderr)
        sys.exit(status)
    command = [PYTHON, "-m", "publish", "--settings", str(_settings_file(True)), "--site", "output"]
    if dry_run:
        command.append("--dry-run")
    result = c.run(" ".join(command), warn=True, pty=False)
    sys.exit(result.exited)


def _run_publish_module(c, module: str, *args: str) -> None:
    """``python -m <module>`` with the publish settings and the built site, exiting with its status."""
    command = [PYTHON, "-m", module, "--settings", str(_settings_file(True)), "--site", str(ROOT / "output"), *args]
    result = c.run(shlex.join(command), warn=True, pty=False)
    sys.exit(result.exited)


@task(help={"since": "how far back: 7d, 12h, 2w or a date (default: the REPLIES_SINCE setting)",
            "platform": "read only this platform (mastodon, bluesky)",
            "new": "only replies no earlier digest has shown"})
def replies(c, since=None, platform=None, new=False):
    """The replies and mentions of the council's posts, questions first: terminal and output/_reports/replies.html."""
    args = ["digest"] + (["--since", since] if since else []) + (["--platform", platform] if platform else [])
    _run_publish_module(c, "publish.replies", *args, *(["--new"] if new else []))


@task(positional=["reply_url", "text"], help={"reply_url": "the reply's address, from the digest", "text": "the council's answer"})
def answer(c, reply_url, text):
    """Post the council's answer under a reply, once: running it again posts nothing."""
    _run_publish_module(c, "publish.replies", "answer", reply_url, text)


@task(positional=["reply_url"], help={"reply_url": "the reply's address, from the digest"})
def faq_from(c, reply_url):
    """Start an FAQ page from the question a reply asked (owner, review_by and the answer to fill in)."""
    from frontmatter.scaffold import new_entry
    from publish.errors import PublishError
    from publish.platforms.base import PlatformError
    from publish.replies.cli import Setup, find_reply
    from publish.replies.digest import question_in
    from publish.secrets import redact

    try:
        setup = Setup.open(_settings_file(True), ROOT / "output", os.environ)
        reply, _ = find_reply(setup, reply_url)
    except PublishError as exc:
        print(f"faq-from: error: {redact(str(exc), os.environ)}", file=sys.stderr)
        sys.exit(exc.exit_status)
    except PlatformError as exc:
        print(f"faq-from: error: {redact(str(exc), os.environ)}; try again later", file=sys.stderr)
        sys.exit(3)
    topics = setup.entries().get(reply.entry or "", {}).get("topics") or []
    note = (f"Started from a question asked on {reply.platform} on {reply.at:%Y-%m-%d}: {reply.url}\n"
            "Fill in summary, owner and review_by (and topic if empty), write the answer, then run `make check`.")
    path = new_entry(ROOT / "content", "faq", question_in(reply.text), note=note,
                     values={"topic": topics[0]} if topics else None)
    print(f"created {path.relative_to(ROOT)}: fill in the empty fields and the answer, then run `make check`")


@task
def report(c):
    """What has gone stale: FAQ past review_by, notices without updates, quiet platforms (output/_reports/content.html)."""
    if not (ROOT / "output" / "entries.json").is_file():
        from frontmatter.build import build_site

        if build_site(_settings_file(False)) != 0:
            sys.exit(1)
    _run_publish_module(c, "publish.content_report")


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
def clean(c):
    """Remove what builds and tests leave behind."""
    for name in ("output", "public", "outbox", "test-output", ".pytest_cache"):
        shutil.rmtree(ROOT / name, ignore_errors=True)
    for lock in ROOT.glob(".public*"):
        if lock.is_dir():
            shutil.rmtree(lock, ignore_errors=True)
        else:
            os.remove(lock)
