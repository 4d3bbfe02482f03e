"""The ssh command line shared by the git and rsync targets, built from the environment.

``NOTICEBOARD_SSH_KEY`` and ``NOTICEBOARD_SSH_KNOWN_HOSTS`` each hold a file path or the text
itself (how CI secrets arrive). Text is written to a private temporary file for the life of the
process; neither the text nor the key path ever appears in a message. Host keys are always
checked: an unknown host is refused, never trusted on first use.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from publish.errors import ConfigError

KEY_VAR = "NOTICEBOARD_SSH_KEY"
KNOWN_HOSTS_VAR = "NOTICEBOARD_SSH_KNOWN_HOSTS"
CONNECT_TIMEOUT_SECONDS = 20


def _file_from_env(env: Mapping[str, str], var: str, scratch: list[Path]) -> str | None:
    """The path the variable names, or a private file holding the text it carries."""
    value = env.get(var, "").strip()
    if not value:
        return None
    looks_like_path = "\n" not in value and " " not in value and not value.startswith("-----")
    if looks_like_path:
        if not Path(value).expanduser().is_file():
            raise ConfigError(f"{var}: no such file; give the path of a readable file or the file's text itself")
        return str(Path(value).expanduser())
    if not scratch:
        folder = Path(tempfile.mkdtemp(prefix="noticeboard-ssh-"))
        atexit.register(shutil.rmtree, folder, True)
        scratch.append(folder)
    path = scratch[0] / var.lower()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(value + "\n")
    return str(path)


def ssh_command(env: Mapping[str, str], port: int | None = None) -> list[str]:
    """``ssh`` with batch mode, strict host key checking, and the key and known hosts from ``env``."""
    scratch: list[Path] = []
    command = ["ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
               "-o", f"ConnectTimeout={CONNECT_TIMEOUT_SECONDS}", "-o", "LogLevel=ERROR"]
    known_hosts = _file_from_env(env, KNOWN_HOSTS_VAR, scratch)
    if known_hosts:
        command += ["-o", f"UserKnownHostsFile={known_hosts}", "-o", "GlobalKnownHostsFile=/dev/null"]
    key = _file_from_env(env, KEY_VAR, scratch)
    if key:
        command += ["-o", "IdentitiesOnly=yes", "-i", key]
    if port:
        command += ["-p", str(port)]
    return command
