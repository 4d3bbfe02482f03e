"""The default target: a folder swapped in whole, its state carried over, one publish at a time."""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from publish.errors import DeployError, LockHeld
from publish.targets import open_target
from publish.targets.local import LocalTarget
from tests.targets.sites import files, make_site


def test_deploy_replaces_the_site_and_keeps_state(tmp_path):
    target = LocalTarget(tmp_path / "public")
    target.deploy(make_site(tmp_path / "v1", {"index.html": "one", "old.html": "stale"}))
    target.write_state("ledger.json", b'{"posted": 1}')
    target.deploy(make_site(tmp_path / "v2", {"index.html": "two", "news/index.html": "news"}))
    assert files(tmp_path / "public") == {
        "index.html": "two", "news/index.html": "news", ".noticeboard/ledger.json": '{"posted": 1}',
    }
    assert target.read_state("ledger.json") == b'{"posted": 1}'
    assert sorted(p.name for p in tmp_path.iterdir()) == [".public.deployed.json", ".public.previous", "public", "v1", "v2"]


def test_a_site_folder_carrying_its_own_state_never_becomes_the_state(tmp_path):
    copy = make_site(tmp_path / "copy", {"index.html": "one", ".noticeboard/ledger.json": '{"posted": 0}'})
    target = LocalTarget(tmp_path / "public")
    target.deploy(copy)
    assert target.read_state("ledger.json") is None
    target.write_state("ledger.json", b'{"posted": 2}')
    target.deploy(copy)
    assert files(tmp_path / "public") == {"index.html": "one", ".noticeboard/ledger.json": '{"posted": 2}'}


def test_every_deploy_serves_exactly_the_new_site_and_rewrites_only_what_changed(tmp_path):
    target = LocalTarget(tmp_path / "public")
    sites = [
        {"index.html": "one", "news/a.html": "a", "news/old/gone.html": "x", "feed.xml": "f1"},
        {"index.html": "two", "news/a.html": "a", "feed.xml": "f1", "news/b.html": "b"},
        {"index.html": "two", "news/a.html": "a", "feed.xml": "f2", "news/old": "now a file"},
        {"index.html": "three", "news/a.html": "a", "news/old/back.html": "a folder again"},
    ]
    written = []
    for number, pages in enumerate(sites):
        target.deploy(make_site(tmp_path / f"v{number}", pages))
        target.write_state("ledger/snapshot.json", f"after {number}".encode())
        assert files(tmp_path / "public") == {**pages, ".noticeboard/ledger/snapshot.json": f"after {number}"}
        written.append((tmp_path / "public" / "news" / "a.html").stat().st_ctime_ns)
    # Releases alternate between two folders; news/a.html never changed, so neither folder rewrote it.
    assert written[2] == written[0] and written[3] == written[1]


def test_a_release_brought_up_to_date_from_its_listing_is_recorded_as_it_is(tmp_path):
    """The listing of a release made from the one before it is written from what the deploy copied
    (no walk of the release): the same site again must still be found to be served already."""
    target = LocalTarget(tmp_path / "public")
    pages = {"index.html": "one", "news/a.html": "a", "news/b.html": "b", "old/x.html": "x"}
    target.deploy(make_site(tmp_path / "v1", pages))
    target.deploy(make_site(tmp_path / "v2", {**pages, "index.html": "two"}))
    # Against the first release: a page changed, one kept, one removed, a new folder, a folder now a file.
    third = {"index.html": "three", "news/a.html": "a", "events/new.html": "new", "old": "now a file"}
    target.deploy(make_site(tmp_path / "v3", third))
    served = (tmp_path / "public").stat().st_ino
    target.deploy(make_site(tmp_path / "v3-again", third))
    assert (tmp_path / "public").stat().st_ino == served
    assert files(tmp_path / "public") == third


def test_a_deploy_that_fails_midway_leaves_the_old_site(tmp_path, monkeypatch):
    target = LocalTarget(tmp_path / "public")
    target.deploy(make_site(tmp_path / "v1", {"index.html": "one"}))
    copied, real_copy = [], shutil.copy2

    def disk_fills_up(src, dst, **kwargs):
        if len(copied) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        copied.append(src)
        return real_copy(src, dst, **kwargs)

    monkeypatch.setattr(shutil, "copy2", disk_fills_up)
    new = make_site(tmp_path / "v2", {f"page{i}.html": "new" for i in range(5)})
    with pytest.raises(DeployError, match=r"page\d.html failed \(\[Errno 28\] No space left on device\); the previous site is unchanged"):
        target.deploy(new)
    assert files(tmp_path / "public") == {"index.html": "one"}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".public")] == [".public.deployed.json"]


def test_a_second_publish_is_refused_while_the_first_holds_the_lock(tmp_path):
    target = LocalTarget(tmp_path / "public")
    with target.lock(wait_seconds=0), pytest.raises(LockHeld, match="another publish is running"):
        with LocalTarget(tmp_path / "public").lock(wait_seconds=0.3):
            pass


def test_a_killed_publish_does_not_leave_the_lock_behind(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from publish.targets.local import LocalTarget\n"
         f"with LocalTarget({str(tmp_path / 'public')!r}).lock(0):\n print('held', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2],
    )
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(LockHeld):
        with LocalTarget(tmp_path / "public").lock(wait_seconds=0):
            pass
    holder.kill()
    holder.wait()
    with LocalTarget(tmp_path / "public").lock(wait_seconds=2):
        pass


def test_a_folder_target_is_chosen_by_path_or_file_url(tmp_path):
    assert open_target("public", {}, tmp_path).describe() == f"folder {tmp_path / 'public'}"
    assert open_target("file:///srv/www", {}, tmp_path).describe() == "folder /srv/www"


def test_a_site_with_nothing_new_leaves_the_served_folder_as_it_is(tmp_path):
    target = LocalTarget(tmp_path / "public")
    pages = {"index.html": "one", "news/a.html": "a"}
    target.deploy(make_site(tmp_path / "v1", pages))
    served = (tmp_path / "public").stat().st_ino
    # The same bytes built again (new file times): no new release is swapped in.
    target.deploy(make_site(tmp_path / "v2", pages))
    assert (tmp_path / "public").stat().st_ino == served
    assert files(tmp_path / "public") == pages


def test_a_served_file_changed_by_hand_is_put_right_by_the_next_deploy(tmp_path):
    target = LocalTarget(tmp_path / "public")
    site = make_site(tmp_path / "v1", {"index.html": "one", "news/a.html": "a"})
    target.deploy(site)
    (tmp_path / "public" / "news" / "a.html").write_text("edited on the server")
    (tmp_path / "public" / "stray.html").write_text("left on the server")
    target.deploy(site)
    assert files(tmp_path / "public") == {"index.html": "one", "news/a.html": "a"}


def test_the_previous_release_changed_by_hand_is_put_right_before_it_is_served_again(tmp_path):
    """The next deploy trusts the previous release's listing only for files whose size and time it recorded."""
    target = LocalTarget(tmp_path / "public")
    pages = {"index.html": "one", "news/a.html": "a", "news/b.html": "b"}
    target.deploy(make_site(tmp_path / "v1", pages))
    target.deploy(make_site(tmp_path / "v2", {**pages, "index.html": "two"}))
    previous = tmp_path / ".public.previous"
    (previous / "news" / "a.html").write_text("edited")
    (previous / "news" / "b.html").unlink()
    (previous / "stray.html").write_text("left there")
    (previous / "news" / "c").mkdir()
    target.deploy(make_site(tmp_path / "v3", {**pages, "index.html": "three"}))
    assert files(tmp_path / "public") == {**pages, "index.html": "three"}


INDEX_V1 = {"pagefind/pagefind-entry.json": "entry: a", "pagefind/fragment/a.pf": "old words"}
INDEX_V2 = {"pagefind/pagefind-entry.json": "entry: b, c", "pagefind/fragment/b.pf": "new words",
            "pagefind/parts/1/pagefind-entry.json": "entry: c", "pagefind/parts/1/c.pf": "more words"}


def test_a_new_search_index_alone_is_updated_in_the_served_release(tmp_path):
    """invoke publish deploys the pages, then the index: the index goes into the release being served,
    rather than a new release that would copy every page again (15,000 after an emergency notice)."""
    target = LocalTarget(tmp_path / "public")
    pages = {"index.html": "one", "news/a.html": "a"}
    target.deploy(make_site(tmp_path / "v1", {**pages, **INDEX_V1}))
    target.deploy(make_site(tmp_path / "v2", {**pages, "index.html": "banner", **INDEX_V1}))
    served, previous = (tmp_path / "public").stat().st_ino, files(tmp_path / ".public.previous")
    target.write_state("ledger.json", b"kept")
    site = make_site(tmp_path / "v3", {**pages, "index.html": "banner", **INDEX_V2})
    target.deploy_within(site, ["pagefind"])
    assert (tmp_path / "public").stat().st_ino == served
    assert files(tmp_path / "public") == {**files(site), ".noticeboard/ledger.json": "kept"}
    assert files(tmp_path / ".public.previous") == previous
    # Its listing is right: the same site again is nothing new, and the next pages make a new release.
    target.deploy_within(site, ["pagefind"])
    assert (tmp_path / "public").stat().st_ino == served
    target.deploy(make_site(tmp_path / "v4", {**pages, **INDEX_V2}))
    assert (tmp_path / "public").stat().st_ino != served
    assert files(tmp_path / "public") == {**pages, **INDEX_V2, ".noticeboard/ledger.json": "kept"}


def test_a_change_outside_the_index_or_a_release_changed_by_hand_makes_a_new_release(tmp_path):
    target = LocalTarget(tmp_path / "public")
    target.deploy(make_site(tmp_path / "v1", {"index.html": "one", **INDEX_V1}))
    served = (tmp_path / "public").stat().st_ino
    target.deploy_within(make_site(tmp_path / "v2", {"index.html": "two", **INDEX_V2}), ["pagefind"])
    assert (tmp_path / "public").stat().st_ino != served
    assert files(tmp_path / "public") == {"index.html": "two", **INDEX_V2}
    served = (tmp_path / "public").stat().st_ino
    (tmp_path / "public" / "index.html").write_text("edited on the server")
    target.deploy_within(make_site(tmp_path / "v3", {"index.html": "two", **INDEX_V1}), ["pagefind"])
    assert (tmp_path / "public").stat().st_ino != served
    assert files(tmp_path / "public") == {"index.html": "two", **INDEX_V1}


def test_each_reader_of_an_index_updated_in_place_finds_whole_files_it_names(tmp_path, monkeypatch):
    """New files first, then the entry files by rename, then the old files go: at each step every entry
    file names files that are there. A deploy that fails halfway leaves whole files, and the next puts it right."""
    import publish.targets.local as local

    target = LocalTarget(tmp_path / "public")
    target.deploy(make_site(tmp_path / "v1", {"index.html": "one", **INDEX_V1}))
    seen, replace = [], local.os.replace

    def watched(source, destination):
        seen.append(files(tmp_path / "public"))
        if len(seen) == 4:  # the entry file replaced: the last file written
            raise OSError(errno.ENOSPC, "No space left on device")
        replace(source, destination)

    monkeypatch.setattr(local.os, "replace", watched)
    site = make_site(tmp_path / "v2", {"index.html": "one", **INDEX_V2})
    with pytest.raises(DeployError, match="No space left on device"):
        target.deploy_within(site, ["pagefind"])
    assert [sorted(name for name in state if "/." not in name) for state in seen] == [
        ["index.html", "pagefind/fragment/a.pf", "pagefind/pagefind-entry.json"],
        ["index.html", "pagefind/fragment/a.pf", "pagefind/fragment/b.pf", "pagefind/pagefind-entry.json"],
        ["index.html", "pagefind/fragment/a.pf", "pagefind/fragment/b.pf", "pagefind/pagefind-entry.json",
         "pagefind/parts/1/c.pf"],
        ["index.html", "pagefind/fragment/a.pf", "pagefind/fragment/b.pf", "pagefind/pagefind-entry.json",
         "pagefind/parts/1/c.pf", "pagefind/parts/1/pagefind-entry.json"],
    ]
    assert seen[3]["pagefind/pagefind-entry.json"] == "entry: a"  # replaced only once every new file is there
    assert files(tmp_path / "public")["pagefind/fragment/a.pf"] == "old words"  # the old index stays whole
    monkeypatch.setattr(local.os, "replace", replace)
    target.deploy_within(site, ["pagefind"])
    assert files(tmp_path / "public") == files(site)


def test_a_deploy_alone_refuses_a_folder_that_is_not_a_built_site(publisher, tmp_path):
    """`python -m publish --deploy-only` (the search index's deploy) needs the manifest there, not read."""
    built = {"index.html": "one", "entries.json": '{"entries": []}'}
    assert publisher.run(make_site(tmp_path / "site", built), None, "--deploy-only").returncode == 0
    assert files(publisher.public) == built

    refused = publisher.run(make_site(tmp_path / "not-built", {"index.html": "two"}), None, "--deploy-only")
    assert refused.returncode != 0
    assert "entries.json: no manifest; build the site first (make build)" in refused.stderr
    assert files(publisher.public) == built
