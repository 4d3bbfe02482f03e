"""Keep credentials out of every message: they come from the environment and never leave it."""

from __future__ import annotations

from collections.abc import Mapping

SECRET_SUFFIXES = ("TOKEN", "PASSWORD", "SECRET", "SECRET_ACCESS_KEY", "KEY")


def secret_values(env: Mapping[str, str]) -> list[str]:
    """Values of variables whose names mark them as credentials, longest first."""
    values = {value for name, value in env.items() if name.endswith(SECRET_SUFFIXES) and len(value) >= 4}
    return sorted(values, key=len, reverse=True)


def redact(text: str, env: Mapping[str, str]) -> str:
    """``text`` with every credential from ``env`` replaced by ``***``."""
    for value in secret_values(env):
        text = text.replace(value, "***")
    return text
