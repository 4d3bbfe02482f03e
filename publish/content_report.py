"""``invoke report``: what has gone stale, so the council's information stays true and its accounts alive.

FAQ answers past their ``review_by`` (grouped by the team that owns them), live notices with no
update for NOTICE_STALE_DAYS (URGENT_STALE_HOURS for warnings and emergencies), and the days since
the last post on each platform. Read from the built site's manifest and the ledger in the deploy
target; written to the terminal, ``output/_reports/content.html`` and the CI job summary.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from publish import clock
from publish.config import load_config
from publish.errors import PublishError
from publish.ledger import Ledger
from publish.manifest import load_manifest
from publish.report import append_job_summary
from publish.report_page import escape, link, markdown_cell, write_report_page
from publish.secrets import redact
from publish.targets import open_target

URGENT_SEVERITIES = ("warning", "emergency")


@dataclass(frozen=True)
class OverdueFaq:
    title: str
    url: str
    review_by: date
    days_overdue: int


@dataclass(frozen=True)
class StaleNotice:
    title: str
    url: str
    severity: str
    updated: datetime
    #: Hours since the last update, and the limit it passed.
    hours: float
    limit_hours: float


@dataclass(frozen=True)
class Presence:
    platform: str
    last_post: datetime
    days: float


@dataclass
class ContentReport:
    now: datetime
    timezone: str
    faqs: dict[str, list[OverdueFaq]] = field(default_factory=dict)
    notices: list[StaleNotice] = field(default_factory=list)
    presence: list[Presence] = field(default_factory=list)


def overdue_faqs(entries: Sequence[Mapping[str, Any]], today: date) -> dict[str, list[OverdueFaq]]:
    """Owner -> their FAQ pages past review_by, most overdue first; owners with the most overdue first."""
    by_owner: dict[str, list[OverdueFaq]] = {}
    for entry in entries:
        if entry["kind"] != "faq" or not entry.get("review_by"):
            continue
        due = date.fromisoformat(entry["review_by"])
        if due < today:
            faq = OverdueFaq(entry["title"], entry["url"], due, (today - due).days)
            by_owner.setdefault(entry.get("owner") or "(no owner)", []).append(faq)
    for faqs in by_owner.values():
        faqs.sort(key=lambda f: -f.days_overdue)
    return dict(sorted(by_owner.items(), key=lambda item: -item[1][0].days_overdue))


def stale_notices(entries: Sequence[Mapping[str, Any]], now: datetime, stale_days: float,
                  urgent_hours: float) -> list[StaleNotice]:
    """Active notices that have started and not ended, whose last update is older than their limit."""
    stale = []
    for entry in entries:
        if entry["kind"] != "notice" or entry["status"] != "active":
            continue
        starts, ends = (datetime.fromisoformat(entry[k]) if entry.get(k) else None for k in ("starts", "ends"))
        if (starts and starts > now) or (ends and ends <= now):
            continue
        limit = urgent_hours if entry["severity"] in URGENT_SEVERITIES else stale_days * 24
        updated = datetime.fromisoformat(entry["updated"])
        hours = (now - updated).total_seconds() / 3600
        if hours > limit:
            stale.append(StaleNotice(entry["title"], entry["url"], entry["severity"], updated, hours, limit))
    return sorted(stale, key=lambda n: (n.severity not in URGENT_SEVERITIES, -n.hours / n.limit_hours))


def presence(ledger: Ledger, now: datetime) -> list[Presence]:
    """The last post on each platform the ledger knows, the quietest first."""
    last: dict[str, datetime] = {}
    for key, record in ledger.records.items():
        if record["state"] == "posted":
            platform, at = key.split(" ", 1)[0], datetime.fromisoformat(record["at"])
            last[platform] = max(at, last.get(platform, at))
    return sorted((Presence(p, at, max(0.0, (now - at).total_seconds() / 86400)) for p, at in last.items()),
                  key=lambda p: -p.days)


def build_report(manifest: Mapping[str, Any], ledger: Ledger, settings: Mapping[str, Any], now: datetime) -> ContentReport:
    timezone = manifest["site"]["timezone"]
    today = now.astimezone(ZoneInfo(timezone)).date()
    entries = manifest["entries"]
    return ContentReport(
        now=now, timezone=timezone,
        faqs=overdue_faqs(entries, today),
        notices=stale_notices(entries, now, float(settings["NOTICE_STALE_DAYS"]), float(settings["URGENT_STALE_HOURS"])),
        presence=presence(ledger, now),
    )


def _age(hours: float) -> str:
    return f"{hours:.0f} hours" if hours < 48 else f"{hours / 24:.0f} days"


def _when(moment: datetime, timezone: str) -> str:
    return f"{moment.astimezone(ZoneInfo(timezone)):%d %b %Y %H:%M}"


def report_text(report: ContentReport) -> str:
    lines = ["FAQ answers past their review date:" if report.faqs else "FAQ answers past their review date: none"]
    for owner, faqs in report.faqs.items():
        lines.append(f"  {owner}:")
        lines += [f"    {f.days_overdue} days overdue (review by {f.review_by}): {f.title}  {f.url}" for f in faqs]
    lines.append("Notices with no recent update:" if report.notices else "Notices with no recent update: none")
    lines += [f"  {n.severity}: no update for {_age(n.hours)} (limit {_age(n.limit_hours)}): {n.title}  {n.url}"
              for n in report.notices]
    lines.append("Days since the last post:" if report.presence else "Days since the last post: nothing posted yet")
    lines += [f"  {p.platform}: {p.days:.1f} (last {_when(p.last_post, report.timezone)})" for p in report.presence]
    return "\n".join(lines)


def report_html(report: ContentReport) -> str:
    parts = [f"<p>As of {escape(_when(report.now, report.timezone))}.</p>", "<h2>FAQ answers past their review date</h2>"]
    for owner, faqs in report.faqs.items():
        parts.append(f"<h3>{escape(owner)}</h3><ul>")
        parts += [f"<li>{link(f.url, f.title)}: {f.days_overdue} days overdue (review by {f.review_by})</li>"
                  for f in faqs]
        parts.append("</ul>")
    if not report.faqs:
        parts.append("<p>None.</p>")
    parts.append("<h2>Notices with no recent update</h2>")
    parts += ["<ul>"] + [f"<li>{link(n.url, n.title)} ({escape(n.severity)}): no update for {_age(n.hours)}, "
                         f"limit {_age(n.limit_hours)}</li>" for n in report.notices] + ["</ul>"]
    if not report.notices:
        parts.append("<p>None.</p>")
    parts.append("<h2>Days since the last post</h2><table><thead><tr><th>platform</th><th>days</th><th>last post</th>"
                 "</tr></thead><tbody>")
    parts += [f"<tr><td>{escape(p.platform)}</td><td>{p.days:.1f}</td><td>{escape(_when(p.last_post, report.timezone))}"
              "</td></tr>" for p in report.presence]
    parts.append("</tbody></table>")
    return "\n".join(parts)


def report_markdown(report: ContentReport) -> str:
    lines = ["### Content report", "", "**FAQ answers past their review date**", ""]
    for owner, faqs in report.faqs.items():
        lines.append(f"- {markdown_cell(owner)}: " + "; ".join(
            f"[{markdown_cell(f.title)}]({f.url}) ({f.days_overdue} days overdue)" for f in faqs))
    lines += ["- none"] if not report.faqs else []
    lines += ["", "**Notices with no recent update**", ""]
    lines += [f"- [{markdown_cell(n.title)}]({n.url}) ({n.severity}): no update for {_age(n.hours)}"
              for n in report.notices] or ["- none"]
    lines += ["", "**Days since the last post**", ""]
    lines += [f"- {p.platform}: {p.days:.1f}" for p in report.presence] or ["- nothing posted yet"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m publish.content_report", description=__doc__.splitlines()[0])
    parser.add_argument("--settings", type=Path, default=Path("publishconf.py"), help="settings file")
    parser.add_argument("--site", type=Path, default=Path("output"), help="the built site (its manifest)")
    args = parser.parse_args(argv)
    env = os.environ
    try:
        config = load_config(args.settings)
        manifest = load_manifest(args.site)
        target = open_target(env.get("NOTICEBOARD_DEPLOY_URL") or config["DEPLOY_TARGET"], env, config.project,
                             config.values)
        report = build_report(manifest, Ledger.load(target, read_only=True), config, clock.now(env))
    except PublishError as exc:
        print(f"report: error: {redact(str(exc), env)}", file=sys.stderr)
        return exc.exit_status
    print(report_text(report))
    page = write_report_page(args.site, "content", "Content report", report_html(report))
    print(f"report: wrote {page}")
    append_job_summary(report_markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
