"""bench/results.json: the latest figures of every benchmark, each script under its own key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results.json"


def save_results(key: str, figures: dict[str, Any]) -> None:
    """Replace ``key``'s figures, keeping every other benchmark's; written whole, then renamed into place."""
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[key] = figures
    tmp = RESULTS.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    tmp.replace(RESULTS)
