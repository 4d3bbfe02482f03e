"""The web editor: Decap CMS at /admin/, configured from the same schemas the checks use."""

from pelican import signals

from cms.admin import write_admin


def register() -> None:
    signals.finalized.connect(write_admin)
