"""Building into last build's folder: only pages whose bytes changed are written again, and what the
site no longer has (a deleted entry's page) is removed; images and the search index stay."""

from __future__ import annotations

from conftest import build


def test_a_rebuild_rewrites_only_the_pages_that_changed(content_copy, tmp_path):
    output = tmp_path / "output"
    assert build(content_copy, output) == 0
    faq_page = output / "faq" / "missed-bin" / "index.html"
    notice_page = output / "notices" / "mill-lane-resurfacing" / "index.html"
    before = {page: page.stat().st_mtime_ns for page in (faq_page, notice_page)}
    notice = content_copy / "notices" / "mill-lane-resurfacing.md"
    notice.write_text(notice.read_text() + "\nWork on the drains starts first.\n")

    assert build(content_copy, output) == 0
    assert faq_page.stat().st_mtime_ns == before[faq_page]
    assert notice_page.stat().st_mtime_ns != before[notice_page]
    assert "Work on the drains starts first." in notice_page.read_text()


def test_a_deleted_entry_leaves_the_site_and_the_rest_stays(content_copy, tmp_path):
    output = tmp_path / "output"
    assert build(content_copy, output) == 0
    (content_copy / "posts" / "christmas-parking.md").unlink()
    (output / "stray.html").write_text("left by hand")
    (output / "old" / "deeper").mkdir(parents=True)
    (output / "old" / "deeper" / "index.html").write_text("an earlier site's page")

    assert build(content_copy, output) == 0
    assert not (output / "news" / "christmas-parking").exists()
    assert not (output / "stray.html").exists()
    assert not (output / "old").exists()
    sitemap = (output / "sitemap.xml").read_text()
    assert "/news/new-recycling-bins/</loc>" in sitemap
    assert "christmas-parking" not in sitemap and "stray" not in sitemap and "/old/" not in sitemap
    assert "christmas-parking" not in (output / "entries.json").read_text()
    for kept in ("images/recycling-bins.png", "index.html", "news/new-recycling-bins/index.html", "sitemap.xml"):
        assert (output / kept).is_file(), kept
    assert any((output / "pagefind").rglob("*.pf_fragment"))
