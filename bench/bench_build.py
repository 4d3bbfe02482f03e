"""Build speed against plain Pelican on the same number of Markdown files, in the same run.

Prints entries, seconds (best of BENCH_REPEAT runs, each in a fresh process) and the ratio. Our build
does more (checks every file, notices, FAQ, topic and area pages, the manifest), so the ratio says
what that costs. BENCH_ENTRIES (default 600: a third each posts, notices, FAQ) sets the size.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = int(os.environ.get("BENCH_ENTRIES", "600"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
AREAS = ("riverside", "old-town", "millbrook", "northgate", "eastfield")
TYPES = ("event", "road_closure", "waste_collection", "service_change", "consultation")
BODY = "\n\n".join(["The council will resurface the road in stages. Residents keep access at all times."] * 6)


def write_noticeboard_content(content: Path, count: int) -> None:
    (content / "areas.yaml").parent.mkdir(parents=True, exist_ok=True)
    (content / "areas.yaml").write_text("".join(f"{a}:\n  name: {a.title()}\n" for a in AREAS))
    for i in range(count):
        kind = ("posts", "notices", "faq")[i % 3]
        day = f"2026-{1 + i % 10:02d}-{1 + i % 27:02d} 09:00"
        fields = {
            "posts": f"title: News story {i}\ndate: {day}\nsummary: Summary of story {i}.\ntopics: [roads, t{i % 20}]\n",
            "notices": f"title: Notice {i}\ndate: {day}\nsummary: Summary of notice {i}.\n"
                       f"notice_type: {TYPES[i % 5]}\nseverity: info\nstarts: {day}\nareas: [{AREAS[i % 5]}]\n"
                       f"updates:\n  - at: {day[:-5]}12:00\n    text: Update on notice {i}.\n",
            "faq": f"question: Question {i}?\ndate: {day}\nsummary: Answer {i}.\ntopic: t{i % 20}\n"
                   f"owner: Team {i % 4}\nreview_by: 2030-01-01\n",
        }[kind]
        (content / kind).mkdir(exist_ok=True)
        (content / kind / f"entry-{i}.md").write_text(f"---\n{fields}---\n{BODY}\n")


def write_plain_pelican_content(content: Path, count: int) -> None:
    content.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        day = f"2026-{1 + i % 10:02d}-{1 + i % 27:02d} 09:00"
        (content / f"entry-{i}.md").write_text(
            f"Title: Entry {i}\nDate: {day}\nSummary: Summary {i}.\nTags: roads, t{i % 20}\n\n{BODY}\n"
        )


def best_time(command: list[str], env: dict[str, str], cwd: Path = ROOT) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        subprocess.run(command, check=True, env=env, cwd=cwd, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    env = {**os.environ, "NOTICEBOARD_NOW": "2026-11-25T09:00:00+00:00", "PYTHONPATH": f"{ROOT}:{ROOT / 'plugins'}"}
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        write_noticeboard_content(scratch / "nb" / "content", ENTRIES)
        write_plain_pelican_content(scratch / "plain" / "content", ENTRIES)
        ours = best_time([sys.executable, "-c",
                          "import sys; from frontmatter.build import build_site; "
                          f"sys.exit(build_site('pelicanconf.py', override={{'PATH': '{scratch / 'nb' / 'content'}', "
                          f"'OUTPUT_PATH': '{scratch / 'nb' / 'output'}'}}))"], env)
        plain = best_time([sys.executable, "-m", "pelican", str(scratch / "plain" / "content"),
                           "-o", str(scratch / "plain" / "output"), "-q"], env, cwd=scratch)
        check = best_time([sys.executable, "-c",
                           "from frontmatter.validate import check_content; from frontmatter.clock import now; "
                           "from pathlib import Path; "
                           f"c = check_content(Path('{scratch / 'nb' / 'content'}'), Path('{scratch / 'nb'}'), "
                           "'Europe/London', now()); assert not c.errors, c.errors[:3]"], env)
        pages = sum(1 for _ in (scratch / "nb" / "output").rglob("*.html"))
    print(f"build: {ENTRIES} entries -> {pages} pages in {ours:.2f}s "
          f"({ENTRIES / ours:.0f} entries/s); plain Pelican, same count: {plain:.2f}s; ratio {ours / plain:.2f}x")
    print(f"check: {ENTRIES} files in {check:.2f}s ({ENTRIES / check:.0f} files/s, including Python start-up)")


if __name__ == "__main__":
    main()
