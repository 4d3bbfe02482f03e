"""Deploy a built Noticeboard site and cross-post its new entries.

This package never imports Pelican: it reads the built folder, its manifest
(``entries.json``, see docs/manifest.md) and the settings file as plain Python.
"""
