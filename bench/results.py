"""bench/results.json: the latest figures of every benchmark, each script under its own key."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

#: BENCH_RESULTS names another file (the tests' smoke runs leave the real one alone).
RESULTS = Path(os.environ.get("BENCH_RESULTS") or Path(__file__).resolve().parent / "results.json")


def save_results(key: str, figures: dict[str, Any]) -> None:
    """Replace ``key``'s figures, keeping every other benchmark's; written whole, then renamed into place."""
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[key] = figures
    tmp = RESULTS.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    tmp.replace(RESULTS)
