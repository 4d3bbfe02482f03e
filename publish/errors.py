"""The few errors publishing can end with, each carrying the exit status the CLI returns.

Messages are written for the person reading the CI log: what failed, where, and what to do.
"""

from __future__ import annotations


class PublishError(Exception):
    """Something stopped the publish before anything was posted."""

    exit_status = 1


class ConfigError(PublishError):
    """A setting or environment variable is missing or wrong."""

    exit_status = 2


class DeployError(PublishError):
    """The site could not be deployed; the previous site is still being served."""

    exit_status = 1


class LockHeld(PublishError):
    """Another publish holds the deploy target's lock."""

    exit_status = 4
