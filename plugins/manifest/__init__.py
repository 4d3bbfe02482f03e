"""Write output/entries.json, the contract with publish/ (docs/manifest.md)."""

from pelican import signals

from manifest.generator import ManifestGenerator


def get_generators(pelican):
    return ManifestGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
