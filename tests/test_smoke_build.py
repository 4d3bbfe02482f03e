from conftest import SITEURL


def test_sample_site_has_home_lists_and_manifest(sample_site):
    for page in ("index.html", "notices/index.html", "faq/index.html", "news/index.html", "404.html", "entries.json"):
        assert (sample_site / page).is_file(), page
    assert SITEURL in (sample_site / "index.html").read_text()
