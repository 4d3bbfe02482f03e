"""Templates compiled once are kept in the content cache folder, and never used under other settings."""

from types import SimpleNamespace

from jinja2 import DictLoader, Environment

from changed_files.writer import keep_compiled_templates

TEMPLATE = "{% if true %}\nsaid{% endif %}"


def render(tmp_path, **options) -> str:
    """TEMPLATE rendered by a new environment, set up as a build sets up each generator's."""
    pelican = SimpleNamespace(settings={"PATH": str(tmp_path / "content"), "CONTENT_CACHE_PATH": ".cache",
                                        "JINJA_ENVIRONMENT": options})
    keep_compiled_templates(pelican)
    environment = Environment(loader=DictLoader({"page.html": TEMPLATE}), **pelican.settings["JINJA_ENVIRONMENT"])
    return environment.get_template("page.html").render()


def test_a_template_is_compiled_once_and_kept_for_the_next_build(tmp_path, monkeypatch):
    assert render(tmp_path, trim_blocks=True) == "said"
    kept = list((tmp_path / ".cache" / "templates").iterdir())
    assert len(kept) == 1
    monkeypatch.setattr(Environment, "_parse", lambda *args: (_ for _ in ()).throw(AssertionError("compiled again")))
    assert render(tmp_path, trim_blocks=True) == "said"


def test_other_settings_compile_the_template_again_and_drop_what_was_kept(tmp_path):
    assert render(tmp_path, trim_blocks=True) == "said"
    first = set((tmp_path / ".cache" / "templates").iterdir())
    assert render(tmp_path, trim_blocks=False) == "\nsaid"
    second = set((tmp_path / ".cache" / "templates").iterdir())
    assert len(second) == 1 and not first & second


def test_a_folder_that_cannot_be_written_leaves_templates_compiled_each_time(tmp_path):
    (tmp_path / ".cache").write_text("a file where the cache folder would go")
    assert render(tmp_path, trim_blocks=True) == "said"
