"""The search index is made beside the site and then put in it: a failed run leaves the last index whole,
and a new index rewrites only the files that changed (so a deploy sends only those)."""

from __future__ import annotations

import pytest
from search.pagefind import ENTRY, SearchIndexError, SearchIndexRun, install_index


def test_a_failed_index_leaves_the_last_one_whole(tmp_path):
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / ENTRY).write_text('{"version": "the last index"}')

    with pytest.raises(SearchIndexError, match="pagefind exited with status 1: .*not able to build an index"):
        SearchIndexRun(site, "**/*.{html}").finish()  # a site with no page to index
    assert (site / "pagefind" / ENTRY).read_text() == '{"version": "the last index"}'
    assert [path.name for path in tmp_path.iterdir()] == ["site"], "nothing left beside the site"


def test_a_new_index_keeps_the_files_it_shares_with_the_last(tmp_path):
    index, new = tmp_path / "site" / "pagefind", tmp_path / "new"
    for folder, files in ((index, {"fragment/en_1.pf_fragment": "one", "fragment/en_2.pf_fragment": "two",
                                   ENTRY: "last"}),
                          (new, {"fragment/en_1.pf_fragment": "one", "fragment/en_3.pf_fragment": "three",
                                 ENTRY: "new"})):
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
    kept = (index / "fragment" / "en_1.pf_fragment").stat()

    install_index(new, index)

    assert {str(p.relative_to(index)): p.read_text() for p in index.rglob("*") if p.is_file()} == {
        "fragment/en_1.pf_fragment": "one", "fragment/en_3.pf_fragment": "three", ENTRY: "new"}
    after = (index / "fragment" / "en_1.pf_fragment").stat()
    assert (after.st_ino, after.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns), "an unchanged file is not rewritten"
