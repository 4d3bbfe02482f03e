"""Figures the reliability tests measure, gathered across test processes and printed at the end.

Each test writes what it measured as one JSON file under tests/output/reliability/<topic>/; the
session summary (tests/conftest.py) adds them up, so `make reliability` and `make test` print
figures that were counted in this run, never assumed.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

FIGURES = Path(__file__).resolve().parents[1] / "output" / "reliability"


def clear() -> None:
    shutil.rmtree(FIGURES, ignore_errors=True)


def record(topic: str, **measured: Any) -> None:
    """Keep one test's measurements for the summary."""
    folder = FIGURES / topic
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{uuid.uuid4().hex}.json").write_text(json.dumps(measured))


def _all(topic: str) -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted((FIGURES / topic).glob("*.json"))]


def summary() -> Iterator[str]:
    """The lines `make reliability` prints: one per topic that ran."""
    kills = _all("kill")
    if kills:
        atomic = [k for k in kills if k["target"] != "s3"]
        yield (f"kill anywhere: fault points: {len({k['fault'] for k in kills})}, runs: {len(kills)}, "
               f"duplicates: {sum(k['duplicates'] for k in kills)}, lost: {sum(k['lost'] for k in kills)}, "
               f"unknown (at most once, reported, exit 5): {sum(k.get('unknown', 0) for k in kills)}, "
               f"half-deploys: {sum(k['mixed_polls'] for k in atomic)} "
               f"(a reader polled the site {sum(k['polls'] for k in kills)} times)")
        s3 = [k for k in kills if k["target"] == "s3"]
        if s3:
            yield (f"  s3 (no atomic switch; docs/reliability.md): {sum(k['mixed_polls'] for k in s3)} of "
                   f"{sum(k['polls'] for k in s3)} polls during {len(s3)} runs saw pages of both builds while "
                   f"uploading; after the rerun every page was the new build in {sum(k['whole'] for k in s3)} of {len(s3)}")
    faults = _all("platform-faults")
    if faults:
        platforms = sorted({f["platform"] for f in faults})
        kinds = list(dict.fromkeys(f["fault"] for f in sorted(faults, key=lambda f: f["order"])))
        cells = {(f["fault"], f["platform"]): f["outcome"] for f in faults}
        rows = [["fault", *platforms]] + [[kind, *(cells.get((kind, p), "-") for p in platforms)] for kind in kinds]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        yield "platform faults (fault x platform: outcome of the run, post requests made -> the next run):"
        for row in rows:
            yield "  " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
    fuzz = _all("bad-input")
    if fuzz:
        yield (f"bad input: {sum(f['cases'] for f in fuzz)} cases, "
               f"{sum(f['tracebacks'] for f in fuzz)} tracebacks, {sum(f['unlocated'] for f in fuzz)} problems "
               "without path:line: field")
    for topic in ("concurrency", "secrets"):
        for found in _all(topic):
            yield found["line"]
