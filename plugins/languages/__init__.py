"""Languages: the theme's words from gettext catalogues, and each page's language, alternates and switcher."""

from pelican import signals

from languages.generator import LanguagePagesGenerator
from languages.plugin import add_globals, install_translations


def get_generators(pelican):
    return LanguagePagesGenerator


def register() -> None:
    signals.initialized.connect(add_globals)
    signals.generator_init.connect(install_translations)
    signals.get_generators.connect(get_generators)
