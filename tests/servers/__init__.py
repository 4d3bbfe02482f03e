"""Loopback servers that speak the documented APIs of the platforms we post to.

Each records every request it receives, so tests assert on what reached the platform, and can be
told to fail the next requests to a path (500, 429 with Retry-After, ...).
"""
