"""Keep credentials out of every message: they come from the environment and never leave it."""

from __future__ import annotations

from collections.abc import Mapping

SECRET_SUFFIXES = ("TOKEN", "PASSWORD", "SECRET", "SECRET_ACCESS_KEY", "KEY")


#: Variables holding lists of URLs with credentials inside (apprise URLs): each URL is a secret.
SECRET_LIST_SUFFIXES = ("_URLS",)


def secret_values(env: Mapping[str, str]) -> list[str]:
    """Values of variables whose names mark them as credentials, longest first."""
    values = {value for name, value in env.items() if name.endswith(SECRET_SUFFIXES) and len(value) >= 4}
    values |= {item for name, value in env.items() if name.endswith(SECRET_LIST_SUFFIXES) for item in value.split()
               if len(item) >= 4}
    return sorted(values, key=len, reverse=True)


def redact(text: str, env: Mapping[str, str]) -> str:
    """``text`` with every credential from ``env`` replaced by ``***``."""
    for value in secret_values(env):
        text = text.replace(value, "***")
    return text
