"""The same content and clock give the same bytes: no wall-clock time in any feed."""

from __future__ import annotations

from feed_validation import feed_files


def test_a_rebuild_writes_byte_identical_feeds(sample_site, content_copy, site_builder, tmp_path):
    assert site_builder(content_copy) == 0
    site = tmp_path / "output"
    files = [path for paths in feed_files(sample_site).values() for path in paths]
    assert len(files) > 70
    for path in files:
        assert (site / path.relative_to(sample_site)).read_bytes() == path.read_bytes(), path
    assert (site / "subscribe/index.html").read_bytes() == (sample_site / "subscribe/index.html").read_bytes()
    assert sorted(p.relative_to(site) for p in site.rglob("*.xml")) == sorted(
        p.relative_to(sample_site) for p in sample_site.rglob("*.xml"))
