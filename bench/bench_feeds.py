"""What the feeds cost: the same generated site built with and without the feeds plugin, in one run.

Prints seconds for each (best of BENCH_REPEAT runs, each in a fresh process), the ratio, and how many
feed files were written. Content comes from corpus.py (the first of BENCH_ENTRIES, default 600); a tenth of
its notices are made warnings so CAP alerts are part of the cost.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import ROOT, entry_sizes, write_noticeboard_content  # beside this script

ENTRIES = entry_sizes("600")[0]

REPEAT = int(os.environ.get("BENCH_REPEAT", "3").split(",")[0])  # bench_build.py takes one per size
FEED_SUFFIXES = (".xml", ".json", ".ics", ".opml")


def best_time(command: list[str], env: dict[str, str]) -> float:
    """The fastest of REPEAT runs of ``command``, each in a fresh process."""
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        subprocess.run(command, check=True, env=env, cwd=ROOT, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def build_command(content: Path, output: Path, plugins: list[str]) -> list[str]:
    override = {"PATH": str(content), "OUTPUT_PATH": str(output), "PLUGINS": plugins}
    return [sys.executable, "-c",
            f"import sys; from frontmatter.build import build_site; sys.exit(build_site('pelicanconf.py', {override!r}))"]


def main() -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]
    from pelican.settings import read_settings

    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    env = {**os.environ, "NOTICEBOARD_NOW": "2026-11-25T09:00:00+00:00", "PYTHONPATH": f"{ROOT}:{ROOT / 'plugins'}"}
    with tempfile.TemporaryDirectory() as scratch:
        content = Path(scratch) / "content"
        write_noticeboard_content(content, ENTRIES)
        for notice in sorted((content / "notices").glob("*.md"))[::10]:
            notice.write_text(notice.read_text().replace("severity: info", "severity: warning"))
        with_feeds = best_time(build_command(content, Path(scratch) / "with", plugins), env)
        without = best_time(build_command(content, Path(scratch) / "without", [p for p in plugins if p != "feeds"]),
                            env)
        files = [p for p in (Path(scratch) / "with").rglob("*")
                 if p.suffix in FEED_SUFFIXES and p.name != "entries.json"]
    print(f"feeds: {ENTRIES} entries, {len(files)} feed files; build with feeds {with_feeds:.2f}s, "
          f"without {without:.2f}s; ratio {with_feeds / without:.2f}x "
          f"({(with_feeds - without) / len(files) * 1000:.1f} ms per feed file)")


if __name__ == "__main__":
    main()
