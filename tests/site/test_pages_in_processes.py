"""The build writes its pages in several processes (BUILD_PROCESSES, one per core by default): every page
is written once, with what its own render gave, and a page that fails stops the build with its error,
whichever process wrote it. (test_page_memo.py builds the sample site both ways and compares the bytes.)"""

from __future__ import annotations

import os
import time

import jinja2
import pytest
from pelican.settings import read_settings

import changed_files.writer
from changed_files.memo import ReadingContext
from changed_files.writer import KEPT_SETTING, MEMO_SETTING, ChangedFilesWriter
from conftest import ROOT, SAMPLE_CONTENT


def writer(output, processes: int) -> ChangedFilesWriter:
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(SAMPLE_CONTENT), "OUTPUT_PATH": str(output), "BUILD_PROCESSES": processes,
        "CONTENT_CACHE_PATH": None, "PAGE_SLOTS": {}})
    settings[KEPT_SETTING] = set()
    return ChangedFilesWriter(str(output), settings=settings)


def page_text(name: str) -> str:
    if name == "page-7.html":
        raise ValueError("page-7.html: the notice it shows has no title")
    return f"<p>{name}, written by one process of several</p>"


def queue(pages_writer: ChangedFilesWriter, count: int) -> None:
    environment = jinja2.Environment()
    environment.context_class = ReadingContext
    template = environment.from_string("{{ page_text(output_file) }}")
    context = {"page_text": page_text, "DEFAULT_LANG": "en-GB"}
    for number in range(count):
        if number != 7:
            pages_writer.write_file(f"page-{number}.html", template, context)


@pytest.mark.parametrize("processes", [1, 3])
def test_every_page_is_written_once_with_its_own_text(tmp_path, processes):
    pages = writer(tmp_path, processes)
    queue(pages, 40)
    pages.write_pages()

    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(f"page-{n}.html" for n in range(40) if n != 7)
    for name in written:
        assert (tmp_path / name).read_text() == f"<p>{name}, written by one process of several</p>"
    memo = pages.settings[MEMO_SETTING]
    assert memo.rendered == memo.pages == 39, "the memo knows every page, whichever process wrote it"
    assert pages.settings[KEPT_SETTING] == set()


def test_a_job_alongside_runs_in_this_process_and_its_pages_are_written(tmp_path):
    pages = writer(tmp_path, 2)
    queue(pages, 40)
    template, context = pages._pages[0][1], pages._pages[0][2]
    ran_in = []
    pages.alongside(lambda: (ran_in.append(os.getpid()), pages.write_file("from-a-job.html", template, context)))
    pages.write_pages()
    assert ran_in == [os.getpid()]
    assert (tmp_path / "from-a-job.html").read_text() == "<p>from-a-job.html, written by one process of several</p>"
    assert pages.settings[MEMO_SETTING].pages == 40


def test_a_page_that_fails_in_another_process_stops_the_build_with_its_error(tmp_path, monkeypatch):
    pages = writer(tmp_path, 3)
    queue(pages, 12)
    pages.write_file("page-7.html", pages._pages[0][1], pages._pages[0][2])
    monkeypatch.setattr(changed_files.writer, "BATCH", 1)
    pages.alongside(lambda: time.sleep(1))  # this process is busy: the children take every page
    children, fork = [], os.fork
    monkeypatch.setattr(os, "fork", lambda: children.append(fork()) or children[-1])

    with pytest.raises(ValueError, match="page-7.html: the notice it shows has no title"):
        pages.write_pages()
    assert len(children) == 2
    for child in children:
        with pytest.raises(ChildProcessError):
            os.waitpid(child, os.WNOHANG)  # each was waited for: none left behind
