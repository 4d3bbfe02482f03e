"""Theme tests: pages as citizens meet them (browser, axe, Nu HTML Checker, metadata, weight)."""
