"""output/entries.json: the contract publish/ relies on (docs/manifest.md)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

from pelican.settings import read_settings

from conftest import NOW, ROOT, SITEURL
from manifest.generator import write_manifest_file


def entries(site) -> dict[str, dict]:
    manifest = json.loads((site / "entries.json").read_text())
    assert manifest["version"] == 1
    assert manifest["site"] == {"name": "Riverford District Council", "url": SITEURL, "timezone": "Europe/London"}
    return {entry["id"]: entry for entry in manifest["entries"]}


def test_a_live_notice_carries_its_thread(sample_site):
    flood = entries(sample_site)["notices/flood-warning-river-ford"]
    assert flood["url"] == f"{SITEURL}/notices/flood-warning-river-ford/"
    assert (flood["kind"], flood["severity"], flood["notice_type"], flood["status"]) == (
        "notice", "emergency", "emergency", "active")
    assert flood["areas"] == ["riverside", "millbrook"]
    assert flood["hashtags"] == ["RiversideRiverford"]
    assert [u["id"] for u in flood["updates"]] == [
        "notices/flood-warning-river-ford/updates/20261123T210000Z",
        "notices/flood-warning-river-ford/updates/20261124T073000Z",
        "notices/flood-warning-river-ford/updates/20261124T174500Z",
        "notices/flood-warning-river-ford/updates/20261125T013000Z",
    ]
    assert flood["updated"] == "2026-11-25T01:30:00+00:00"
    assert flood["social"] == {"enabled": True, "text": {"default": None}, "platforms": None}


def test_posts_faq_and_social_settings(sample_site):
    by_id = entries(sample_site)
    bins = by_id["posts/new-recycling-bins"]
    assert bins["image"] == {"url": f"{SITEURL}/images/recycling-bins.png",
                             "alt": "A row of blue recycling bins with green lids on a residential street"}
    assert bins["hashtags"] == ["RiverfordBins"]
    assert by_id["posts/christmas-parking"]["social"]["platforms"] == ["mastodon"]
    assert by_id["faq/report-a-problem"]["social"]["enabled"] is False
    assert by_id["notices/riverside-play-area-reopens"]["social"]["text"]["default"].startswith("The rebuilt")
    correction = by_id["notices/mill-lane-resurfacing"]["correction"]
    assert correction["id"] == "notices/mill-lane-resurfacing/correction/20261117T110000Z"
    assert "posts/new-website-notices" not in by_id


def test_the_manifest_is_byte_stable_and_follows_the_content(sample_site, content_copy, site_builder, tmp_path):
    assert site_builder(content_copy) == 0
    assert (tmp_path / "output" / "entries.json").read_bytes() == (sample_site / "entries.json").read_bytes()

    notice = content_copy / "notices" / "quay-street-closure.md"
    notice.write_text(notice.read_text().replace(
        "contact:", "updates:\n  - at: 2026-11-25 08:15\n    text: Water is going down.\ncontact:"))
    assert site_builder(content_copy) == 0
    before, after = entries(sample_site), entries(tmp_path / "output")
    changed = {key for key in before if before[key] != after[key]}
    assert changed == {"notices/quay-street-closure"}
    quay = after["notices/quay-street-closure"]
    assert quay["updates"][-1]["id"] == "notices/quay-street-closure/updates/20261125T081500Z"
    assert quay["content_hash"] != before["notices/quay-street-closure"]["content_hash"]
    assert quay["content_hash"] == "sha256:" + hashlib.sha256(notice.read_bytes()).hexdigest()


def test_the_manifest_written_entry_by_entry_is_what_one_json_text_would_be(tmp_path):
    """The build writes the manifest one entry at a time (memory); readers get the same bytes as before."""
    manifest = {"version": 1, "site": {"name": 'Cyngor "Afon" — Riverford', "url": SITEURL}, "words": {"cy": {"update": "Diweddariad"}}}
    records = [{"id": f"notices/n{number}", "title": f"Café {number} \"closed\"", "translations": {}} for number in range(3)]
    path = tmp_path / "entries.json"
    for listed in (records, []):
        write_manifest_file(path, manifest, iter(listed))
        assert path.read_text(encoding="utf-8") == json.dumps({**manifest, "entries": listed}, sort_keys=True,
                                                              ensure_ascii=False) + "\n"
    assert [p.name for p in tmp_path.iterdir()] == ["entries.json"]


def test_a_site_built_without_the_feeds_plugin_into_a_new_folder_has_its_manifest(content_copy, tmp_path):
    """The manifest is written before any page, so nothing else has made the output folder yet. Built in a
    process of its own: Pelican's signals keep the plugins an earlier build in this process connected."""
    plugins = [name for name in read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"] if name != "feeds"]
    output = tmp_path / "new" / "output"
    override = {"PATH": str(content_copy), "OUTPUT_PATH": str(output), "SITEURL": SITEURL, "PLUGINS": plugins}

    built = subprocess.run([sys.executable, "-c", "import sys; from frontmatter.build import build_site; "
                            f"sys.exit(build_site('pelicanconf.py', {override!r}))"], cwd=ROOT,
                           env={**os.environ, "NOTICEBOARD_NOW": NOW, "PYTHONPATH": f"{ROOT}:{ROOT / 'plugins'}"},
                           capture_output=True, text=True)

    assert built.returncode == 0, built.stderr[-2000:]
    assert entries(output)["notices/flood-warning-river-ford"]["severity"] == "emergency"
    assert (output / "notices" / "flood-warning-river-ford" / "index.html").is_file()
    assert not (output / "feeds").exists()
