"""Build speed and memory against plain Pelican (and Hugo) on the same generated texts, in the same run.

For each size in BENCH_ENTRIES (default "1000,10000"; see corpus.py for the content):
- cold production build (publishconf.py, as `invoke build --publish`), with and without the search
  index, against plain Pelican (default theme, feeds on): BENCH_REPEAT (default 3; one figure per size,
  such as "3,1", for fewer runs of the large site) alternating runs,
  each in a fresh process with no cache and an empty output folder; medians and ratios of wall time, and of CPU time (which a
  machine busy with other work distorts least); Hugo on the same texts when installed;
- a rebuild after one notice's text changed, caches warm, as a ratio of our cold build; with the search
  index and without it;
- peak memory of one build of each: the largest process's RSS, read from the finished child's resource
  usage (what GNU time reports), and the footprint of all the build's processes together (the sum of
  their PSS, which shares each page between the processes that map it), sampled in one more cold run of
  each, untimed (reading a large process's memory map takes milliseconds);
- the emergency path, on a site published before (the first publish, then a routine change published, so the
  target keeps a previous release as it does from a council's second publish on): one emergency notice
  added, then what `make publish` runs (tasks.publish_site: the
  build, which checks the content first, then deploy to a local folder and post to the outbox while
  Pagefind indexes, then the index deployed), with warm caches: when the notice is live and posted, and
  when make publish ends; with the search index and without it; BENCH_EMERGENCY_REPEAT (default 3) times
  each, a new notice each time, medians.

The output and caches of each cold run are moved aside, not deleted, until every figure is taken: on
ext4, files made in the minutes after thousands were removed take longer to make (the file system looks
past the removed ones' places), which a CI runner's fresh disk does not see. This needs about 4 GB of
free disk at 10,000 entries. Each timed run starts once what the runs before it wrote is on the disk
(``os.sync()``), so that none of them is written out in the background of the next.

Prints a table, merges the figures into bench/results.json under "build" (other benchmarks keep
their own keys), and rewrites the table in README.md between its bench:build markers.
BENCH_RESULTS names another results file (and then README.md is left alone).
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus import (  # beside this script
    ROOT,
    entry_sizes,
    write_hugo_site,
    write_noticeboard_content,
    write_plain_pelican_content,
)

#: Runs of each cold build, per size in BENCH_ENTRIES (the last figure stands for any further sizes).
REPEATS = [int(runs) for runs in os.environ.get("BENCH_REPEAT", "3").split(",")]
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / "results.json"))
#: Emergency publishes timed on each size, with and without search (medians; each one's own figures are kept).
EMERGENCY_REPEAT = int(os.environ.get("BENCH_EMERGENCY_REPEAT", "3"))
README = ROOT / "README.md"
README_MARKERS = ("<!-- bench:build -->", "<!-- /bench:build -->")
NOW = "2026-11-25T09:00:00+00:00"
ENV = {**os.environ, "NOTICEBOARD_NOW": NOW, "PYTHONPATH": f"{ROOT}:{ROOT / 'plugins'}"}
PLAIN_SETTINGS = """SITENAME = "Riverford District Council"
SITEURL = "https://www.riverford.example"
TIMEZONE = "Europe/London"
PATH = "content"
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/{slug}.rss.xml"
"""
#: The notice the emergency path adds (the tests add it too).
EMERGENCY = (Path(__file__).parent / "emergency-notice.md").read_text(encoding="utf-8")


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user and system time of the process and its children: what a busy machine distorts least
    peak_mib: float


def run(command: list[str], cwd: Path = ROOT, env: dict[str, str] = ENV) -> Run:
    """Run ``command`` to completion; its wall time and peak RSS (its own and its children's)."""
    os.sync()  # see the module's text
    with tempfile.TemporaryFile() as errors:  # not a pipe: nothing reads it until the end, and a full pipe stops the build
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): "
                             f"{errors.read().decode(errors='replace')[-2000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


#: How often footprint() reads the memory of the processes (each read of a 200 MB process's map takes 5 ms).
SAMPLE_SECONDS = 0.05


def footprint(command: list[str], cwd: Path = ROOT, env: dict[str, str] = ENV) -> float | None:
    """Run ``command`` to completion; the peak of its processes' memory together, in MiB: the sum of
    their PSS (a page shared by n processes counts 1/n in each), sampled. A build that forks holds its
    pages twice once either process writes to them, which the largest process's RSS does not show.
    None where /proc does not tell it (not Linux)."""
    if not Path("/proc/self/smaps_rollup").exists():
        return None
    os.sync()
    peak = 0
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while process.poll() is None:
        peak = max(peak, sum(_pss_kib(pid) for pid in _process_tree(process.pid)))
        time.sleep(SAMPLE_SECONDS)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode})")
    return peak / 1024


def _process_tree(pid: int) -> list[int]:
    """``pid`` and every process under it, now."""
    found, waiting = [], [pid]
    while waiting:
        parent = waiting.pop()
        found.append(parent)
        with contextlib.suppress(OSError):
            for thread in os.listdir(f"/proc/{parent}/task"):
                waiting += map(int, Path(f"/proc/{parent}/task/{thread}/children").read_text().split())
    return found


def _pss_kib(pid: int) -> int:
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


@dataclass
class Site:
    """One generated council site in a scratch folder, with its own settings and deploy target."""

    folder: Path
    search: bool = True

    @property
    def settings(self) -> Path:
        return self.folder / ("benchconf.py" if self.search else "benchconf_no_search.py")

    def write_settings(self) -> None:
        for search in (True, False):
            self.search = search
            self.settings.write_text(
                f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *  # noqa\n"
                f"THEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
                f"PATH = {str(self.folder / 'content')!r}\nOUTPUT_PATH = {str(self.folder / 'output')!r}\n"
                f"DEPLOY_TARGET = {str(self.folder / 'public')!r}\nOUTBOX_PATH = {str(self.folder / 'outbox')!r}\n"
                f"SEARCH_INDEX = {search}\n", encoding="utf-8")
        self.search = True

    def build_command(self) -> list[str]:
        return [sys.executable, "-c", "import sys; from frontmatter.build import build_site_apart; "
                f"sys.exit(build_site_apart({str(self.settings)!r}))"]  # as `invoke build` does

    def publish_command(self) -> list[str]:
        return [sys.executable, "-m", "publish", "--settings", str(self.settings), "--site", str(self.folder / "output")]

    def emergency_publish(self) -> dict[str, float]:
        """What `make publish` runs after its install step (tasks.publish_site: build, deploy and post while
        Pagefind indexes, then deploy the index), timed by the lines it prints: seconds to the build's
        summary, to the site live and posted, and to the end."""
        code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; import tasks; "
                f"sys.exit(tasks.publish_site(Path({str(self.settings)!r})))")
        os.sync()
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=ENV, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True)
        built = live = None
        for line in process.stdout:
            if line.startswith("built ") and built is None:
                built = time.perf_counter() - start
            elif line.startswith("publish: the site is live"):
                live = time.perf_counter() - start
        if process.wait() != 0 or built is None:
            raise SystemExit(f"the emergency publish failed ({process.returncode})")
        done = time.perf_counter() - start
        if live is None:  # no search index: live at the end
            return {"build (checks first)": built, "deploy and post": done - built}
        return {"build (checks first)": built, "deploy and post": live - built, "search index, deployed": done - live}

    def forget_cache(self) -> None:
        """Cold: no content cache and no output of an earlier build (moved aside, see the module's text)."""
        for made in (".noticeboard-cache", "output"):
            move_aside(self.folder / made)

    def cold_build(self, search: bool, measure: Callable[[list[str]], Any] = run) -> Any:
        """A cold build, timed (``run``) or its memory taken (``footprint``)."""
        self.search = search
        self.forget_cache()
        try:
            return measure(self.build_command())
        finally:
            self.search = True


def move_aside(folder: Path) -> None:
    """Move ``folder`` into ``removed/`` beside it, to be deleted with the scratch folder once the bench ends."""
    if folder.exists():
        aside = folder.parent / "removed"
        aside.mkdir(exist_ok=True)
        folder.rename(Path(tempfile.mkdtemp(prefix=folder.name, dir=aside)) / folder.name)


def median(runs: list[Run], cpu: bool = False) -> float:
    return statistics.median(r.cpu_seconds if cpu else r.seconds for r in runs)


def measure(size: int, scratch: Path, repeat: int) -> dict:
    site = Site(scratch / "noticeboard")
    notices = [e for e in write_noticeboard_content(site.folder / "content", size) if e.kind == "notice"]
    site.write_settings()
    plain = scratch / "plain"
    write_plain_pelican_content(plain / "content", size)
    (plain / "pelicanconf.py").write_text(PLAIN_SETTINGS, encoding="utf-8")
    plain_command = [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"]
    hugo = shutil.which("hugo")
    if hugo:
        write_hugo_site(scratch / "hugo", size)

    ours, ours_nosearch, theirs, hugos = [], [], [], []
    for _ in range(repeat):  # alternating, so a busy moment on the machine costs every build alike
        ours.append(site.cold_build(search=True))
        ours_nosearch.append(site.cold_build(search=False))
        move_aside(plain / "output")
        theirs.append(run(plain_command, cwd=plain))
        if hugo:
            hugos.append(run([hugo, "--quiet", "-s", str(scratch / "hugo"), "-d", str(scratch / "hugo-out")]))

    memory = {search: site.cold_build(search, footprint) for search in (True, False)}
    move_aside(plain / "output")
    plain_memory = footprint(plain_command, cwd=plain)

    rebuilds, rebuilds_nosearch = [], []
    for search, runs, changed in ((True, rebuilds, notices[:repeat]), (False, rebuilds_nosearch,
                                                                       notices[repeat:2 * repeat])):
        site.search = search
        run(site.build_command())  # warm the caches
        for notice in changed:
            path = site.folder / "content" / "notices" / f"{notice.slug}.md"
            path.write_text(path.read_text(encoding="utf-8") + "\nThe work has been moved to next week.\n",
                            encoding="utf-8")
            runs.append(run(site.build_command()))
    site.search = True

    emergency = {}
    routine = site.folder / "content" / "notices" / f"{notices[-1].slug}.md"
    for search in (False, True):  # the search index last, so the bench leaves the site as a council's
        site.search = search
        run(site.build_command())  # warm for these settings
        run(site.publish_command())  # the first publish records the backlog as skipped
        # A routine change published, as on any working day: the target now keeps a previous release,
        # which a deploy brings up to date (the very first deploy copies the whole site).
        routine.write_text(routine.read_text(encoding="utf-8") + f"\nUpdated ({search}).\n", encoding="utf-8")
        run(site.build_command())
        run(site.publish_command())
        emergency[search] = []
        for number in range(1, EMERGENCY_REPEAT + 1):
            # A new notice each time (a new banner on every page, a new post), then its removal published,
            # so that each emergency starts from a site without one, as the first did.
            slug = f"gas-leak-station-road-{number}"
            notice = site.folder / "content" / "notices" / f"{slug}.md"
            notice.write_text(EMERGENCY, encoding="utf-8")
            emergency[search].append(site.emergency_publish())
            posted = [json.loads(p.read_text()) for p in (site.folder / "outbox").rglob("*.json")]
            if not any(slug in json.dumps(message) for message in posted):
                raise SystemExit("the emergency notice was not posted to the outbox")
            if not (site.folder / "public" / "notices" / slug / "index.html").is_file():
                raise SystemExit("the emergency notice's page was not deployed")
            notice.unlink()
            run(site.build_command())
            run(site.publish_command())
    site.search = True
    steps = median_run(emergency[True])

    cold, cold_nosearch, plain_median = median(ours), median(ours_nosearch), median(theirs)
    peak, plain_peak = max(r.peak_mib for r in ours), max(r.peak_mib for r in theirs)
    return {
        "entries": size,
        "pages": sum(1 for _ in (site.folder / "output").rglob("*.html")),
        "runs": repeat,
        "cold_s": round(cold, 2),
        "cold_no_search_s": round(cold_nosearch, 2),
        "plain_pelican_s": round(plain_median, 2),
        "ratio": round(cold / plain_median, 2),
        "ratio_no_search": round(cold_nosearch / plain_median, 2),
        "cpu_ratio": round(median(ours, cpu=True) / median(theirs, cpu=True), 2),
        "cpu_ratio_no_search": round(median(ours_nosearch, cpu=True) / median(theirs, cpu=True), 2),
        "hugo_s": round(median(hugos), 2) if hugos else None,
        "rebuild_one_notice_s": round(median(rebuilds), 2),
        "rebuild_ratio": round(median(rebuilds) / cold, 2),
        "rebuild_cpu_ratio": round(median(rebuilds, cpu=True) / median(ours, cpu=True), 2),
        "rebuild_no_search_s": round(median(rebuilds_nosearch), 2),
        "rebuild_no_search_ratio": round(median(rebuilds_nosearch) / cold_nosearch, 2),
        "peak_mib": round(peak),
        "peak_no_search_mib": round(max(r.peak_mib for r in ours_nosearch)),
        "plain_pelican_peak_mib": round(plain_peak),
        "peak_ratio": round(peak / plain_peak, 2),
        "peak_no_search_ratio": round(max(r.peak_mib for r in ours_nosearch) / plain_peak, 2),
        "footprint_mib": _rounded(memory[True]),
        "footprint_no_search_mib": _rounded(memory[False]),
        "plain_pelican_footprint_mib": _rounded(plain_memory),
        "footprint_ratio": _ratio(memory[True], plain_memory),
        "footprint_no_search_ratio": _ratio(memory[False], plain_memory),
        "emergency_s": round(statistics.median(sum(run.values()) for run in emergency[True]), 2),
        "emergency_live_s": round(statistics.median(live(run) for run in emergency[True]), 2),
        "emergency_steps_s": {name: round(seconds, 2) for name, seconds in steps.items()},
        "emergency_runs_s": [round(sum(run.values()), 2) for run in emergency[True]],
        "emergency_live_runs_s": [round(live(run), 2) for run in emergency[True]],
        "emergency_no_search_s": round(statistics.median(sum(run.values()) for run in emergency[False]), 2),
        "emergency_no_search_steps_s": {name: round(seconds, 2) for name, seconds in
                                        median_run(emergency[False]).items()},
        "emergency_no_search_runs_s": [round(sum(run.values()), 2) for run in emergency[False]],
        "cold_runs_s": [round(r.seconds, 2) for r in ours],
        "cold_no_search_runs_s": [round(r.seconds, 2) for r in ours_nosearch],
        "plain_pelican_runs_s": [round(r.seconds, 2) for r in theirs],
    }


def _rounded(mib: float | None) -> int | None:
    return None if mib is None else round(mib)


def _ratio(ours: float | None, theirs: float | None) -> float | None:
    return None if ours is None or not theirs else round(ours / theirs, 2)


def live(steps: dict[str, float]) -> float:
    """Seconds until the emergency notice was live and posted (the search index may follow)."""
    return steps["build (checks first)"] + steps["deploy and post"]


def median_run(runs: list[dict[str, float]]) -> dict[str, float]:
    """The steps of the run whose total is the median (the lower middle one of an even number)."""
    return sorted(runs, key=lambda steps: sum(steps.values()))[(len(runs) - 1) // 2]


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    hugo = shutil.which("hugo")
    hugo_version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1] if hugo else None
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} "
            f"{platform.release()}; Hugo {hugo_version or 'not installed'}")


ROWS = (
    ("cold build (publishconf, search index)", "cold_s", "s"),
    ("cold build without the search index", "cold_no_search_s", "s"),
    ("plain Pelican (default theme, feeds)", "plain_pelican_s", "s"),
    ("ratio to plain Pelican (target <= 1.5)", "ratio", "x"),
    ("ratio without search (target <= 1.2)", "ratio_no_search", "x"),
    ("the same in CPU time (user + system)", "cpu_ratio", "x"),
    ("the same without search, in CPU time", "cpu_ratio_no_search", "x"),
    ("Hugo on the same texts", "hugo_s", "s"),
    ("rebuild after one notice changed", "rebuild_one_notice_s", "s"),
    ("rebuild / cold build (target <= 0.25)", "rebuild_ratio", "x"),
    ("the same in CPU time", "rebuild_cpu_ratio", "x"),
    ("rebuild without the search index", "rebuild_no_search_s", "s"),
    ("the same / cold build without it (target <= 0.25)", "rebuild_no_search_ratio", "x"),
    ("peak memory, our build's largest process (Pagefind's included)", "peak_mib", " MiB"),
    ("peak memory, our build's largest process without the search index", "peak_no_search_mib", " MiB"),
    ("peak memory, plain Pelican (one process)", "plain_pelican_peak_mib", " MiB"),
    ("peak memory ratio, largest process, with Pagefind's (target <= 2)", "peak_ratio", "x"),
    ("peak memory ratio, largest process, without the search index (target <= 2)", "peak_no_search_ratio", "x"),
    ("peak footprint, all our build's processes together (PSS)", "footprint_mib", " MiB"),
    ("peak footprint, all our build's processes together, without the search index", "footprint_no_search_mib",
     " MiB"),
    ("peak footprint, plain Pelican (PSS)", "plain_pelican_footprint_mib", " MiB"),
    ("peak footprint ratio, all processes together (not the RSS target; see docs/speed.md)", "footprint_ratio", "x"),
    ("peak footprint ratio, all processes together, without the search index", "footprint_no_search_ratio", "x"),
    ("emergency: make publish (check, build, deploy, post, search index; target <= 15 s)", "emergency_s", "s"),
    ("emergency: the notice live and posted (the index follows)", "emergency_live_s", "s"),
    ("emergency: make publish without the search index", "emergency_no_search_s", "s"),
)
#: The size issue 16 sets its targets at; smaller sites are measured against the same figures, for reference.
TARGETS_AT = 10_000
#: Each target of issue 16: (what, key, limit); met when the figure is at most the limit.
TARGETS = (
    ("cold build <= 1.2x plain Pelican without search", "ratio_no_search", 1.2),
    ("cold build <= 1.5x plain Pelican with search", "ratio", 1.5),
    ("one-notice rebuild <= 0.25x our cold build", "rebuild_ratio", 0.25),
    ("one-notice rebuild <= 0.25x our cold build, without the search index", "rebuild_no_search_ratio", 0.25),
    ("peak memory <= 2x plain Pelican, largest process, Pagefind's included", "peak_ratio", 2),
    ("peak memory <= 2x plain Pelican, largest process, without the search index", "peak_no_search_ratio", 2),
    ("emergency path (make publish) <= 15 s", "emergency_s", 15),
    ("emergency notice live and posted <= 15 s", "emergency_live_s", 15),
)


#: Figures held to the same limits for the team to see, that are not issue 16's targets: its memory target is
#: peak RSS, the largest process's; the footprint of all the processes is what a runner must have free.
ALSO_HELD_TO = (
    ("footprint of all the build's processes <= 2x plain Pelican's", "footprint_ratio", 2),
    ("footprint of all the build's processes <= 2x plain Pelican's, without the search index",
     "footprint_no_search_ratio", 2),
)


def verdicts(result: dict, targets: tuple = TARGETS, words: tuple[str, str] = ("met", "NOT met")) -> list[str]:
    return [f"{what}: not measured on this system" if result.get(key) is None else
            f"{what}: {result[key]} -> {words[0] if result[key] <= limit else words[1]}"
            for what, key, limit in targets]


def table(results: list[dict]) -> str:
    header = "| | " + " | ".join(f"{r['entries']:,} entries" for r in results) + " |"
    lines = [header, "|---|" + "---:|" * len(results)]
    for label, key, unit in ROWS:
        cells = [("n/a" if r.get(key) is None else f"{r[key]}{unit}") for r in results]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def record(results: list[dict], where: str) -> None:
    """Merge into the results file under "build"; refresh README's table when it is the project's own file."""
    stored = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    stored["build"] = {"machine": where, "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                       **{str(r["entries"]): r for r in results}}
    RESULTS.write_text(json.dumps(stored, indent=2, sort_keys=True) + "\n")
    if "BENCH_RESULTS" in os.environ or not README.is_file():
        return
    readme = README.read_text(encoding="utf-8")
    start, end = README_MARKERS
    if start in readme and end in readme:
        before, rest = readme.split(start, 1)
        after = rest.split(end, 1)[1]
        block = f"{start}\n{table(results)}\n\nMeasured {stored['build']['measured_at']} on {where}.\n{end}"
        README.write_text(before + block + after, encoding="utf-8")


def main() -> None:
    results = []
    with contextlib.ExitStack() as scratches:  # removed at the end (see the module's text)
        for index, size in enumerate(entry_sizes()):
            scratch = Path(scratches.enter_context(tempfile.TemporaryDirectory()))
            results.append(measure(size, scratch, REPEATS[min(index, len(REPEATS) - 1)]))
            print(f"build: {size:,} entries measured", file=sys.stderr, flush=True)
    where = machine()
    runs = ", ".join(f"{r['entries']:,} entries: {r['runs']}" for r in results)
    print(f"build benchmark (alternating cold runs of each build, medians; {runs}), {where}")
    print(table(results))
    for r in results:
        print(f"cold builds at {r['entries']:,} entries, each run in turn: " + "; ".join(
            f"{name} {', '.join(f'{seconds}s' for seconds in r[key])}" for name, key in
            (("ours", "cold_runs_s"), ("ours without search", "cold_no_search_runs_s"),
             ("plain Pelican", "plain_pelican_runs_s"))))
        for search, key, runs in (("with", "emergency_steps_s", "emergency_runs_s"),
                                  ("without", "emergency_no_search_steps_s", "emergency_no_search_runs_s")):
            print(f"emergency path at {r['entries']:,} entries, {search} the search index: each run "
                  f"{', '.join(f'{seconds}s' for seconds in r[runs])}; the median run " +
                  ", ".join(f"{step} {seconds}s" for step, seconds in r[key].items()))
        stated = "" if r["entries"] >= TARGETS_AT else f" (set for {TARGETS_AT:,}, shown for reference)"
        print(f"targets at {r['entries']:,} entries{stated}:\n  " + "\n  ".join(verdicts(r)))
        print(f"beside the targets at {r['entries']:,} entries, not one of them (the memory target is peak RSS; "
              "docs/speed.md):\n  " + "\n  ".join(verdicts(r, ALSO_HELD_TO, ("within", "ABOVE"))))
    record(results, where)


if __name__ == "__main__":
    main()
