"""Markdown files with YAML front matter: the schema, the checks and the Pelican reader."""

from pelican import signals

from frontmatter.plugin import add_filters, check_before_build, finish_reading, save_content_cache, use_reader


def register() -> None:
    signals.initialized.connect(check_before_build)
    signals.initialized.connect(add_filters)
    signals.readers_init.connect(use_reader)
    signals.all_generators_finalized.connect(finish_reading)
    signals.finalized.connect(save_content_cache)
