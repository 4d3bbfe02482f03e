"""A smoke run of bench/bench_ledger.py at 50 entries: it runs, prints its row and stores its figures
(the real sizes run under `make bench`, never in the tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT


def test_the_ledger_benchmark_prints_and_stores_its_figures(tmp_path):
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"build": {"kept": True}}))
    env = {**os.environ, "BENCH_ENTRIES": "50", "BENCH_REPEAT": "1", "BENCH_RESULTS": str(results)}

    run = subprocess.run([sys.executable, "bench/bench_ledger.py"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=600)

    assert run.returncode == 0, run.stdout + run.stderr
    assert "      50 |" in run.stdout and "publish with nothing new: target <= 1 s" in run.stdout
    stored = json.loads(results.read_text())
    assert stored["build"] == {"kept": True}
    row = stored["ledger"]["sizes"]["50"]
    assert row["bytes_per_post"] < 1000
    # The old ledger is read from git history, which a shallow CI checkout does not have.
    assert row["old_bytes_per_post"] is None or row["old_bytes_per_post"] > 10 * row["bytes_per_post"]
    assert row["nothing_new_seconds"] > 0 and row["deploy_seconds"] > 0
