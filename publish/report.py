"""What a run tells people: the summary table in the log and in the CI job summary, and the dry-run preview."""

from __future__ import annotations

import html
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from publish.compose import Message, compose
from publish.crosspost import Outcome, plan, settle_hint
from publish.languages import manifest_for
from publish.ledger import Ledger
from publish.platforms.base import Platform

COLUMNS = ("platform", "posted", "replied", "skipped", "failed", "waiting", "unknown")


def _row(outcome: Outcome) -> list[str]:
    return [outcome.platform, *(str(getattr(outcome, c)) for c in COLUMNS[1:])]


def outcome_table(outcomes: Sequence[Outcome]) -> str:
    """The plain-text summary for the log, then one line per platform that failed or skipped a backlog."""
    rows = [list(COLUMNS)] + [_row(o) for o in outcomes]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    for o in outcomes:
        if o.skipped:
            lines.append(f"{o.platform}: first run: {o.skipped} events older than the backlog window were recorded "
                         "as skipped, not posted (CROSSPOST_BACKLOG_HOURS)")
        if o.error:
            lines.append(f"{o.platform}: FAILED: {o.error}; {o.waiting} more waiting. The next publish retries them.")
        lines += [f"{o.platform}: UNKNOWN: {key} may or may not have arrived; {settle_hint(o.platform, key)}"
                  for key in o.unsettled]
    return "\n".join(lines)


def outcome_markdown(outcomes: Sequence[Outcome]) -> str:
    lines = ["### Cross-posting", "", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(_row(o)) + " |" for o in outcomes]
    lines += [f"\n**{o.platform} failed:** {html.escape(o.error)}" for o in outcomes if o.error]
    lines += [f"\n**{o.platform} unknown:** `{key}` may or may not have arrived; "
              f"{html.escape(settle_hint(o.platform, key))}" for o in outcomes for key in o.unsettled]
    posted = [f"- {o.platform}: [`{key}`]({link})" for o in outcomes for key, link in o.links
              if link.startswith("http")]
    if posted:
        lines += ["", "Posted:", "", *posted]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Preview:
    """One message a run would send, and how it counts against its platform's limit."""

    platform: str
    action: str
    message: Message


def preview(manifest: Mapping[str, Any], platforms: Sequence[type[Platform]], ledger: Ledger,
            backlog_hours: float, bilingual: str | None = None) -> tuple[list[Preview], dict[str, int]]:
    """Every message a publish would send now, and per platform how many backlog events it would skip."""
    previews: list[Preview] = []
    backlog: dict[str, int] = {}
    site_manifest = manifest
    for platform in platforms:
        manifest = manifest_for(site_manifest, platform, bilingual)
        steps = plan(manifest, platform.name, ledger, backlog_hours, platform.threads)
        backlog[platform.name] = sum(s.action == "backlog" for s in steps)
        for step in steps:
            if step.action != "backlog":
                message = compose(step.event, platform.rules, platform.name, manifest["site"]["timezone"],
                                  has_parent=step.action == "reply", words=manifest.get("words"))
                previews.append(Preview(platform.name, step.action, message))
    return previews, backlog


def preview_text(previews: Sequence[Preview], backlog: Mapping[str, int]) -> str:
    lines = []
    for platform, skipped in backlog.items():
        mine = [p for p in previews if p.platform == platform]
        lines.append(f"{platform}: would send {len(mine)} message(s)"
                     + (f"; {skipped} backlog event(s) would be recorded as skipped" if skipped else ""))
        for p in mine:
            lines.append(f"  {p.action} {p.message.key}  [{p.message.length}/{p.message.limit}]")
            lines += [f"    | {line}" for line in p.message.text.splitlines()]
    return "\n".join(lines)


def preview_markdown(previews: Sequence[Preview], backlog: Mapping[str, int]) -> str:
    """The table a reviewer sees on a pull request: the exact text of every post, before merging."""
    lines = ["### What this change would post", "",
             "| platform | as | event | length | text |", "|---|---|---|---|---|"]
    for p in previews:
        text = html.escape(p.message.text).replace("|", "&#124;").replace("\n", "<br>")
        lines.append(f"| {p.platform} | {p.action} | `{p.message.key}` | {p.message.length}/{p.message.limit} | {text} |")
    if not previews:
        lines.append("| | | nothing new to post | | |")
    lines += [f"\n{platform}: {n} backlog event(s) would be recorded as skipped." for platform, n in backlog.items() if n]
    return "\n".join(lines) + "\n"


def append_job_summary(markdown: str) -> None:
    """Add to the CI job summary: the file GitHub Actions names in GITHUB_STEP_SUMMARY, or the one
    NOTICEBOARD_SUMMARY_FILE names (GitLab has no summary page; its pipeline keeps the file as an artifact)."""
    path = os.environ.get("NOTICEBOARD_SUMMARY_FILE") or os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(markdown + "\n")
