"""Write only the files whose bytes changed, and remove what the build no longer makes.

Last in PLUGINS: its generator runs after every other plugin's, so its clean-up comes once every page is written.
"""

from pelican import signals

from changed_files.writer import (
    ChangedFilesWriter,
    StaleFilesRemover,
    keep_compiled_templates,
    keep_static_files,
    start_build,
    track_reads,
)


def get_writer(pelican):
    return ChangedFilesWriter


def get_generators(pelican):
    return StaleFilesRemover


def register() -> None:
    signals.initialized.connect(start_build)
    signals.initialized.connect(keep_compiled_templates)
    signals.get_writer.connect(get_writer)
    signals.generator_init.connect(track_reads)
    signals.static_generator_finalized.connect(keep_static_files)
    signals.get_generators.connect(get_generators)
