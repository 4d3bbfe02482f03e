"""Write only the files whose bytes changed, and remove what the build no longer makes.

Last in PLUGINS: its clean-up runs after every other plugin has written its files.
"""

from pelican import signals

from changed_files.writer import (
    ChangedFilesWriter,
    keep_static_files,
    remove_stale_files,
    start_build,
    track_reads,
)


def get_writer(pelican):
    return ChangedFilesWriter


def register() -> None:
    signals.initialized.connect(start_build)
    signals.get_writer.connect(get_writer)
    signals.generator_init.connect(track_reads)
    signals.static_generator_finalized.connect(keep_static_files)
    signals.finalized.connect(remove_stale_files)
