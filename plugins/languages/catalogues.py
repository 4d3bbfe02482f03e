"""The theme's translations: ``theme/translations/<lang>/LC_MESSAGES/messages.po``, compiled at build.

Babel compiles each catalogue in memory, so there is no .mo file to forget to rebuild or commit.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Sequence
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "messages"


class CatalogueError(RuntimeError):
    """A catalogue cannot be read; the message names the file and the line."""


def catalogue_path(theme: Path, lang: str) -> Path:
    return theme / "translations" / lang.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalogue(path: Path, lang: str) -> gettext.NullTranslations:
    """The .po file as translations; a missing file means the theme's own (English) words."""
    if not path.is_file():
        return gettext.NullTranslations()
    try:
        with path.open("rb") as source:
            catalogue = read_po(source, locale=lang.replace("-", "_"), abort_invalid=True)
    except Exception as exc:  # Babel raises PoFileError and ValueError for broken catalogues
        raise CatalogueError(f"{path}: cannot be read as a gettext catalogue: {exc}") from exc
    problems = [f"{path}:{message.lineno}: {message.id!r}: {error}; the translation must keep the same %(...)s names"
                for message, errors in catalogue.check() for error in errors]
    if problems:
        raise CatalogueError("\n".join(problems))
    compiled = io.BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def load_catalogues(theme: Path, languages: Sequence[str]) -> dict[str, gettext.NullTranslations]:
    """Each language's translations, keyed by language code in lower case."""
    return {lang.lower(): compile_catalogue(catalogue_path(theme, lang), lang) for lang in languages}
