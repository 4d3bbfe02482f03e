"""`invoke publish` end to end in a copy of the project: build, check, deploy to public/."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import NOW

URGENT_NOTICE = """---
title: Gas leak on Hill Top Road
date: 2026-11-25 08:00
summary: Hill Top Road is closed while engineers repair a gas leak.
notice_type: emergency
severity: urgent
areas: [northgate]
---
Keep away from the area.
"""


def publish(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NOTICEBOARD_NOW": NOW}
    for name in [n for n in env if n.startswith(("NOTICEBOARD_", "GITHUB_"))]:
        if name != "NOTICEBOARD_NOW":
            del env[name]
    return subprocess.run([sys.executable, "-m", "invoke", "publish"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_publish_deploys_the_sample_site_and_a_bad_notice_stops_it(project):
    first = publish(project)
    assert first.returncode == 0, first.stderr
    public = project / "public"
    for page in ("index.html", "notices/index.html", "faq/index.html", "notices/flood-warning-river-ford/index.html"):
        assert (public / page).is_file(), page
    assert "current notices" in first.stdout
    before = tree_digest(public)

    (project / "content" / "notices" / "x.md").write_text(URGENT_NOTICE)
    second = publish(project)

    assert second.returncode != 0
    assert ('content/notices/x.md:6: severity: "urgent" is not one of info, advisory, warning, emergency. '
            'Did you mean "emergency"?') in second.stderr
    assert "nothing was deployed" in second.stderr
    assert tree_digest(public) == before


NEW_NOTICE = """---
title: Burst water main on Station Road
date: 2026-11-25 08:40
summary: Station Road is closed at the railway bridge while a burst water main is repaired.
notice_type: road_closure
severity: warning
starts: 2026-11-25 08:30
areas: [northgate]
location: Station Road at the railway bridge
---
Buses are diverted along Northgate Road.
"""


NEW_NOTICE_IN_WELSH = """---
lang: cy
title: Prif bibell ddŵr wedi byrstio ar Station Road
summary: Mae Station Road ar gau wrth bont y rheilffordd tra bo prif bibell ddŵr sydd wedi byrstio yn cael ei thrwsio.
location: Station Road wrth bont y rheilffordd
---
Mae bysiau’n cael eu dargyfeirio ar hyd Northgate Road.
"""


def searchable_pages(site: Path) -> set[str]:
    """The addresses of the pages the site's search index holds (from Pagefind's fragments)."""
    fragments = (gzip.decompress(path.read_bytes()) for path in (site / "pagefind" / "fragment").iterdir())
    return {json.loads(fragment.removeprefix(b"pagefind_dcd"))["url"] for fragment in fragments}


def outbox(project: Path, platform: str = "outbox") -> list[dict]:
    """The messages in the outbox folder for ``platform`` (outbox-cy: the Welsh ones)."""
    messages = [json.loads(p.read_text()) for p in sorted((project / "outbox").glob("*.json"))]
    return [message for message in messages if message["platform"] == platform]


def test_publish_writes_each_new_message_to_the_outbox_once(project):
    first = publish(project)
    assert first.returncode == 0, first.stderr
    assert "/faq/sandbags/" in searchable_pages(project / "public"), "no index yet: the first deploy waits for one"
    messages = outbox(project)
    assert len(messages) == 9, "5 entries and 4 flood updates from the last 48 hours"
    assert "first run: 24 events older than the backlog window" in first.stdout
    welsh = outbox(project, "outbox-cy")
    assert len(welsh) == 8, "the 4 translated entries and 4 flood updates from the last 48 hours"
    assert all(m["key"].startswith("cy/") and "/cy/" in m["url"] for m in welsh)

    second = publish(project)
    assert second.returncode == 0, second.stderr
    assert "publish: search index: 0 of 1 part indexed again (0 pages read)" in second.stdout, "nothing changed"
    assert len(re.findall(r"^deployed .*output to folder", second.stdout, re.M)) == 1, "no new index to deploy"
    assert len(outbox(project)) == 9 and len(outbox(project, "outbox-cy")) == 8

    (project / "content" / "notices" / "station-road.md").write_text(NEW_NOTICE)
    (project / "content" / "notices" / "station-road.cy.md").write_text(NEW_NOTICE_IN_WELSH, encoding="utf-8")
    third = publish(project)
    assert third.returncode == 0, third.stderr
    assert "/notices/station-road/" in searchable_pages(project / "public")
    assert "publish: search index: 1 of 1 part indexed again" in third.stdout
    assert len(re.findall(r"^deployed .*output to folder", third.stdout, re.M)) == 2, "the site, then its new index"
    # The index went into the served folder: the release before it (kept for the next deploy) is the one
    # from before this publish, not a copy of the new pages made for the index.
    assert not (project / ".public.previous" / "notices" / "station-road").exists()
    [new] = [m for m in outbox(project) if m not in messages]
    assert new["text"].startswith("Warning: Burst water main on Station Road\n\n")
    assert new["reply_to"] is None and new["entry"] == "notices/station-road"
    [new_welsh] = [m for m in outbox(project, "outbox-cy") if m not in welsh]
    assert new_welsh["text"].startswith("Rhybudd: Prif bibell ddŵr wedi byrstio ar Station Road\n\n")
    assert new_welsh["text"].endswith("/cy/notices/station-road/")
    assert new_welsh["reply_to"] is None and new_welsh["entry"] == "cy/notices/station-road"

    notice = project / "content" / "notices" / "station-road.md"
    notice.write_text(notice.read_text().replace(
        "location:", "updates:\n  - at: 2026-11-25 08:55\n    text: Engineers expect to finish by 6pm.\nlocation:"))
    fourth = publish(project)
    assert fourth.returncode == 0, fourth.stderr
    [reply] = [m for m in outbox(project) if m not in messages and m != new]
    assert reply["text"].startswith("Update 25 Nov 08:55: Engineers expect to finish by 6pm.")
    assert reply["reply_to"] == "notices--station-road.json"


def test_a_search_index_that_fails_after_the_deploy_leaves_the_notice_live_and_the_last_index(project):
    assert publish(project).returncode == 0
    index_before = tree_digest(project / "public" / "pagefind")
    pagefind = project / "plugins" / "search" / "pagefind.py"  # Pagefind broken, as a bad upgrade would
    pagefind.write_text(pagefind.read_text().replace('"-m", "pagefind"', '"-m", "pagefind_gone"'))
    (project / "content" / "notices" / "station-road.md").write_text(NEW_NOTICE)

    failed = publish(project)

    assert failed.returncode == 1
    assert "publish: search index: pagefind exited with status 1: " in failed.stderr
    assert "No module named pagefind_gone" in failed.stderr
    assert "publish: the site is live with its last search index." in failed.stderr
    assert (project / "public" / "notices" / "station-road" / "index.html").is_file()
    assert [m for m in outbox(project) if m["entry"] == "notices/station-road"], "posted before the index failed"
    assert tree_digest(project / "public" / "pagefind") == index_before
