"""What the feeds cost: the same generated site built with and without the feeds plugin, in one run.

Prints seconds for each (best of BENCH_REPEAT runs, each in a fresh process), the ratio, and how many
feed files were written. Content comes from bench_build (BENCH_ENTRIES, default 600); a tenth of
its notices are made warnings so CAP alerts are part of the cost.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from bench_build import ENTRIES, ROOT, best_time, write_noticeboard_content  # beside this script

FEED_SUFFIXES = (".xml", ".json", ".ics", ".opml")


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
