"""`make bench`'s build benchmark, run small: it prints every figure, merges them into the results file
without touching other benchmarks' keys, and really posts each emergency notice (N=50, one cold run each,
two emergencies)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT


def test_the_build_benchmark_prints_and_records_every_figure(tmp_path):
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"ledger": {"10000": {"record_backlog_s": 1.0}}}))
    readme = (ROOT / "README.md").read_bytes()
    env = {**os.environ, "BENCH_ENTRIES": "50", "BENCH_REPEAT": "1", "BENCH_EMERGENCY_REPEAT": "2",
           "BENCH_RESULTS": str(results)}
    out = subprocess.run([sys.executable, "bench_build.py"], cwd=ROOT / "bench", env=env, capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    for row in ("cold build (publishconf, search index)", "plain Pelican", "rebuild after one notice changed",
                "peak memory ratio", "peak footprint ratio, all processes together",
                "emergency: make publish (check, build, deploy, post", "the notice live and posted",
                "without the search index"):
        assert row in out.stdout
    assert "cold builds at 50 entries, each run in turn: ours " in out.stdout
    assert "emergency path at 50 entries, with the search index: each run " in out.stdout
    assert "search index, deployed" in out.stdout
    assert "emergency path at 50 entries, without the search index: each run " in out.stdout
    assert "; the median run build (checks first)" in out.stdout
    assert "one-notice rebuild <= 0.25x our cold build: " in out.stdout
    assert "targets at 50 entries (set for 10,000, shown for reference):" in out.stdout

    stored = json.loads(results.read_text())
    assert stored["ledger"] == {"10000": {"record_backlog_s": 1.0}}
    figures = stored["build"]["50"]
    assert figures["entries"] == 50 and figures["pages"] > 50
    for key in ("cold_s", "cold_no_search_s", "plain_pelican_s", "rebuild_one_notice_s", "peak_mib",
                "plain_pelican_peak_mib", "emergency_s", "emergency_live_s", "emergency_no_search_s"):
        assert figures[key] > 0, key
    if sys.platform == "linux":  # the footprint is read from /proc
        assert figures["footprint_mib"] > 0 and figures["footprint_no_search_mib"] > 0
        assert figures["plain_pelican_footprint_mib"] > 0
        assert figures["footprint_ratio"] == pytest.approx(
            figures["footprint_mib"] / figures["plain_pelican_footprint_mib"], rel=0.05)
    assert "peak memory <= 2x plain Pelican, largest process, without the search index: " in out.stdout
    assert ("beside the targets at 50 entries, not one of them (the memory target is peak RSS; docs/speed.md):\n"
            "  footprint of all the build's processes <= 2x plain Pelican's: ") in out.stdout
    assert figures["emergency_live_s"] < figures["emergency_s"]
    assert len(figures["emergency_runs_s"]) == len(figures["emergency_live_runs_s"]) == 2
    assert len(figures["emergency_no_search_runs_s"]) == 2
    for key in ("cold_runs_s", "cold_no_search_runs_s", "plain_pelican_runs_s"):
        assert len(figures[key]) == figures["runs"] and min(figures[key]) > 0, key
    assert (ROOT / "README.md").read_bytes() == readme


def test_a_build_that_writes_many_warnings_neither_stops_the_bench_nor_loses_its_errors():
    """A cold build at 10,000 entries writes 46 KB of warnings; over 64 KB, a pipe nobody reads until the
    build ends would have held the build (and the bench) for ever."""
    measure = ("import sys; from bench_build import run; "
               "print(run([sys.executable, '-c', 'import sys; sys.stderr.write(\"warning \" * 30000)']).seconds); "
               "run([sys.executable, '-c', 'import sys; sys.stderr.write(\"warning \" * 30000 + \"the last words\"); "
               "sys.exit(3)'])")
    out = subprocess.run([sys.executable, "-c", measure], cwd=ROOT / "bench", capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 1, out.stderr[-2000:]
    assert float(out.stdout) > 0
    assert "failed (3)" in out.stderr and out.stderr.rstrip().endswith("the last words")
