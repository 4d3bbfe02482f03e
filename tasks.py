"""The front door: ``invoke <task>`` (or ``make <task>``, which sets up .venv first).

new, update, correct, resolve, cancel, schedule, check, build, serve, cms, publish, crosspost (settle),
test, reliability, bench, messages, clean; and for the people answering the public: replies, answer, faq-from, report.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
PYTHON = sys.executable
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]


def _settings_file(publish: bool) -> Path:
    return ROOT / ("publishconf.py" if publish else "pelicanconf.py")


def _site():
    """The content folder, time zone and areas of the site pelicanconf.py describes."""
    from frontmatter.edit import site_of

    return site_of(_settings_file(False))


def _edit(change, name: str) -> None:
    """Run one edit on the file ``name`` means, then say what changed, what check finds and what is next."""
    from frontmatter.clock import now
    from frontmatter.edit import EditError, find_entry, report_edit

    site = _site()
    try:
        edited = change(find_entry(site.content, name, ROOT), site, now())
    except EditError as exc:
        sys.exit(f"{exc}")
    sys.exit(report_edit(edited, site, ROOT))


@task(help={"strict": "treat warnings (such as FAQ pages overdue for review) as errors"})
def check(c, strict=False, publish=False):
    """Check every content file; print all problems, one per line, as path:line: field: message."""
    from frontmatter.check import report

    if report(_settings_file(publish), strict=strict) > 0:
        sys.exit(1)


@task(help={"publish": "build with publishconf.py (the public address, minified)"})
def build(c, publish=False):
    """Check the content, then build the site into output/."""
    from frontmatter.build import build_site_apart

    sys.exit(build_site_apart(_settings_file(publish)))


def _serve(port: int, override: dict | None = None) -> None:
    """Build, serve output/ on http://localhost:PORT and rebuild when content or theme change."""
    from livereload import Server

    from frontmatter.preview import rebuild

    def build() -> None:
        rebuild(_settings_file(False), override={"SITEURL": f"http://localhost:{port}", **(override or {})})

    build()
    server = Server()
    for folder in ("content", "theme"):
        server.watch(str(ROOT / folder), build)
    server.serve(root=str(ROOT / "output"), host="127.0.0.1", port=int(port), open_url_delay=None)


@task
def serve(c, port=8000):
    """Build, serve on http://localhost:PORT, rebuild when content or theme change; errors show in the browser."""
    _serve(port)


@task(help={"port": "the site's port (the editor is at /admin/)", "backend_port": "decap-server's port"})
def cms(c, port=8000, backend_port=8081):
    """The web editor on this computer, no account needed: http://localhost:PORT/admin/ saves into content/."""
    import signal
    import subprocess

    decap_server = ROOT / ".tools" / "node_modules" / ".bin" / "decap-server"
    if not decap_server.exists():
        sys.exit("cms: decap-server is not installed; run `make cms`, which installs it with npm (Node.js)")
    env = {**os.environ, "PORT": str(backend_port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(ROOT)}
    backend = subprocess.Popen([str(decap_server)], cwd=ROOT, env=env)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop decap-server too when stopped by a signal
    print(f"web editor: http://localhost:{port}/admin/ (click Login); what you publish there is written to content/")
    try:
        _serve(port, {"CMS_LOCAL_BACKEND": f"http://localhost:{backend_port}/api/v1", "CMS_EDITORIAL_WORKFLOW": False})
    finally:
        backend.terminate()
        backend.wait(timeout=10)


def _install_extras(c) -> None:
    """Install what the configured deploy target and platforms need beyond the core (publish/extras.py)."""
    result = c.run(shlex.join([PYTHON, "-m", "publish.extras", "--install", "--settings", str(_settings_file(True))]),
                   warn=True, pty=False)
    if result.exited != 0:
        sys.exit(result.exited)


@task(help={"dry_run": "show what would be deployed and posted; change nothing"})
def publish(c, dry_run=False):
    """Build with publishconf.py, check, deploy, then cross-post new entries; the search index follows."""
    _install_extras(c)
    sys.exit(publish_site(_settings_file(True), dry_run=dry_run))


def publish_site(settings_file: Path, dry_run: bool = False) -> int:
    """Build, deploy and post, then deploy the new search index; the exit status (see ``python -m publish``).

    Pagefind indexes the build while the site is deployed (with its last index) and posted: in an
    emergency the notice is live without waiting for the index, which a folder target then takes into
    the release it serves (``--in-place``). The bench runs this too.
    """
    from pelican.settings import read_settings
    from search.pagefind import ENTRY, INDEX_BY_CALLER_SETTING, INDEX_FOLDER, SearchIndexError, SearchIndexRun

    from frontmatter.build import build_site_apart
    from publish.cli import DEPLOYED

    settings = read_settings(str(settings_file))
    if settings.get("DISCUSS_LINKS_FILE"):  # "Discuss this on ..." links: the entries' posts, from the ledger
        _run([PYTHON, "-m", "publish.social_links", "--settings", str(settings_file),
              "--out", str(settings_file.parent / settings["DISCUSS_LINKS_FILE"])])
    status = build_site_apart(settings_file, override={INDEX_BY_CALLER_SETTING: not dry_run})
    if status != 0:
        print("publish: nothing was deployed or posted.", file=sys.stderr)
        return status
    command = [PYTHON, "-m", "publish", "--settings", str(settings_file), "--site", settings["OUTPUT_PATH"]]
    if dry_run:
        return _run([*command, "--dry-run"])
    search = SearchIndexRun.start(settings) if settings.get("SEARCH_INDEX") else None
    status = None
    try:
        if search is not None and not (Path(settings["OUTPUT_PATH"]) / INDEX_FOLDER / ENTRY).is_file():
            print(f"publish: {search.finish()}", flush=True)  # no index yet: the first deploy waits for one
            search = None
        status = _run(command)
        if search is None or status not in DEPLOYED:
            return status
        print("publish: the site is live; its new search index follows", flush=True)
        print(f"publish: {search.finish()}", flush=True)
        if not search.stale:
            return status  # no part indexed again: the index deployed with the pages is the new one
    except SearchIndexError as exc:
        print(f"publish: {exc}", file=sys.stderr)
        print("publish: the site is live with its last search index." if status is not None else
              "publish: nothing was deployed or posted.", file=sys.stderr)
        return 1
    finally:
        if search is not None:
            search.stop()
    return status or _run([*command, "--deploy-only", "--in-place", INDEX_FOLDER])


def _run(command: list[str]) -> int:
    """Run ``command`` with this process's output streams (what was printed so far goes first); its exit status."""
    sys.stdout.flush()
    sys.stderr.flush()
    return subprocess.run(command, check=False).returncode


def _run_publish_module(c, module: str, *args: str) -> None:
    """``python -m <module>`` with the publish settings and the built site, exiting with its status."""
    _install_extras(c)
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
    from frontmatter.clock import now
    from frontmatter.scaffold import new_entry
    from publish.errors import PublishError
    from publish.platforms.base import PlatformError
    from publish.replies.cli import Setup, find_reply
    from publish.replies.digest import question_in
    from publish.secrets import redact

    _install_extras(c)
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
    site = _site()
    path, _ = new_entry(site.content, "faq", question_in(reply.text), now(), site.timezone,
                        options={"topic": topics[0]} if topics else None, note=note)
    print(f"created {path.relative_to(ROOT)}: fill in the empty fields and the answer, then run `make check`")


@task
def report(c):
    """What has gone stale: FAQ past review_by, notices without updates, quiet platforms (output/_reports/content.html)."""
    if not (ROOT / "output" / "entries.json").is_file():
        from frontmatter.build import build_site_apart

        if build_site_apart(_settings_file(False)) != 0:
            sys.exit(1)
    _run_publish_module(c, "publish.content_report")


@task(help={"settle": "the event key a publish reported as unknown", "platform": "the platform it reported it for",
            "posted": "the message arrived: record it, send nothing", "resend": "it did not: the next publish sends it",
            "remote_id": "with --posted: the message's id on the platform, so follow-ups reply to it",
            "settings": "settings file (default: publishconf.py)"})
def crosspost(c, settle, platform, posted=False, resend=False, remote_id="", settings=""):
    """Settle a message in doubt on Telegram or Apprise (see docs/crossposting.md)."""
    from publish.errors import PublishError
    from publish.settle import settle as settle_message

    if posted == resend:
        print("crosspost: give exactly one of --posted or --resend", file=sys.stderr)
        sys.exit(2)
    try:
        print(settle_message(Path(settings) if settings else _settings_file(True), settle, platform, posted=posted,
                             remote_id=remote_id or None))
    except PublishError as exc:
        print(f"crosspost: error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_status)


@task
def test(c):
    """Run the test suite (tests/reliability included: its figures print at the end)."""
    c.run(f"{PYTHON} -m pytest", pty=False)


@task
def reliability(c):
    """Kill a publish anywhere, fault every platform, fuzz the content checks, publish twice at once,
    hunt for leaked secrets; print the figures measured (docs/reliability.md)."""
    c.run(f"{PYTHON} -m pytest tests/reliability tests/content/test_content_safety.py", pty=False)


@task
def bench(c):
    """Run every benchmark under bench/ and print its figures."""
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        c.run(f"{PYTHON} {script}", pty=False)


@task(
    help={
        "kind": "post, notice or faq",
        "title": "the title (the question, for an FAQ)",
        "summary": "one or two sentences for lists, feeds and social posts (default: the title)",
        "type": "a notice's type: event, road_closure, waste_collection, service_change, emergency, consultation",
        "severity": "a notice's severity: info, advisory, warning, emergency (default info)",
        "area": "areas of content/areas.yaml the notice concerns: repeat, or riverside,millbrook (default: all)",
        "starts": 'when the notice begins, such as "2026-12-01 09:00"',
        "ends": 'when the notice ends, such as "2026-12-05 18:00"',
        "contact": "who to contact about the notice (default: the council's CONTACT_PHONE and CONTACT_EMAIL)",
    },
    iterable=["area"],
)
def new(c, kind, title, summary=None, type=None, severity=None, area=None, starts=None, ends=None,  # noqa: A002
        contact=None):
    """Start a new content file, dated now, that passes `invoke check` as created."""
    from frontmatter.clock import now
    from frontmatter.scaffold import NewEntryError, new_entry

    site = _site()
    options = {"summary": summary, "notice_type": type, "severity": severity, "starts": starts, "ends": ends,
               "contact": contact}
    try:
        areas = [name.strip() for item in area or () for name in item.split(",") if name.strip()]
        path, defaults = new_entry(site.content, kind, title, now(), site.timezone, options, areas, list(site.areas),
                                   site.contact)
    except NewEntryError as exc:
        sys.exit(f"new: {exc}")
    print(f"created {path.relative_to(ROOT)}")
    if defaults:
        print("filled in for you; change them in the file if they are not right:")
    for default in defaults:
        print(f"  {default}")
    print("next: write the text, run `make check`, then `make publish` (or commit and open a pull request)")


@task(help={"notice": "the notice's file, or its file name without .md", "text": "what has changed"})
def update(c, notice, text):
    """Add an update to a notice, stamped now (NOTICEBOARD_NOW when set)."""
    from frontmatter.edit import add_update

    _edit(lambda path, site, at: add_update(path, text, at, site.timezone), notice)


@task(help={"entry": "the notice's file, or its file name without .md", "text": "the correct information"})
def correct(c, entry, text):
    """Correct a notice: shown prominently on its page and posted as a reply."""
    from frontmatter.edit import set_correction

    _edit(lambda path, site, at: set_correction(path, text, at, site.timezone), entry)


@task(help={"notice": "the notice's file, or its file name without .md"})
def resolve(c, notice):
    """Mark a notice resolved and end it now: it moves to the archive."""
    from frontmatter.edit import close_notice

    _edit(lambda path, site, at: close_notice(path, "resolved", at, site.timezone), notice)


@task(help={"notice": "the notice's file, or its file name without .md"})
def cancel(c, notice):
    """Mark a notice cancelled and end it now: it moves to the archive."""
    from frontmatter.edit import close_notice

    _edit(lambda path, site, at: close_notice(path, "cancelled", at, site.timezone), notice)


@task(help={"entry": "the file, or its file name without .md", "when": 'the publication time, such as "2026-12-01 09:00"'})
def schedule(c, entry, when):
    """Set when an entry is published: it appears with the first publish after that time."""
    from frontmatter.edit import schedule as set_date

    _edit(lambda path, site, at: set_date(path, when, site.timezone), entry)


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
    for name in ("output", "public", "outbox", "test-output", ".pytest_cache", ".noticeboard-cache"):
        shutil.rmtree(ROOT / name, ignore_errors=True)
    for lock in ROOT.glob(".public*"):
        if lock.is_dir():
            shutil.rmtree(lock, ignore_errors=True)
        else:
            os.remove(lock)
