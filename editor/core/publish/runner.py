"""Running the system's `git` as a child process, safely for a GUI and a user's repository.

`run_git(args, cwd)` runs one command: no shell, never a prompt (`GIT_TERMINAL_PROMPT=0`, no
terminal, stdin closed, no editor), English messages (`LC_ALL=C`), a timeout after which git
and everything it started are killed, and its output read up to a bound.
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

__all__ = [
    "LOCAL_SECONDS",
    "NETWORK_SECONDS",
    "OUTPUT_LIMIT",
    "GitError",
    "GitOutput",
    "git_environment",
    "run_git",
]

LOCAL_SECONDS = 30.0  # a command that only reads or writes the repository on this machine
NETWORK_SECONDS = 120.0  # fetch, pull, push
OUTPUT_LIMIT = 32 * 1024 * 1024  # bytes of stdout kept; stderr keeps far less
_STDERR_LIMIT = 64 * 1024

# variables that would point git at another repository than the one asked about
_REPOSITORY_VARIABLES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
)


class GitError(Exception):
    """git could not be run (missing, timed out) or refused; the message is git's own text."""


@dataclass(frozen=True)
class GitOutput:
    """What one git command did: its exit code, stdout (raw) and stderr (text)."""

    returncode: int
    stdout: bytes
    stderr: str
    truncated: bool = False  # stdout was longer than the bound and was cut

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8", "surrogateescape")

    def message(self) -> str:
        """git's own words: stderr, else stdout, trimmed."""
        return (self.stderr.strip() or self.text.strip())[-4000:]


def git_environment(*, read_only: bool = False) -> dict[str, str]:
    """The environment git runs in: never prompts, speaks English, opens no editor."""
    env = {k: v for k, v in os.environ.items() if k not in _REPOSITORY_VARIABLES}
    env.update(
        GIT_TERMINAL_PROMPT="0",
        LC_ALL="C",
        LANGUAGE="C",
        GIT_EDITOR=":",
        GIT_SEQUENCE_EDITOR=":",
        GIT_MERGE_AUTOEDIT="no",
        GIT_PAGER="cat",
    )
    if read_only:
        env["GIT_OPTIONAL_LOCKS"] = "0"  # a status in the background takes no index.lock
    return env


def run_git(
    args: Sequence[str],
    cwd: Path,
    *,
    timeout: float = LOCAL_SECONDS,
    read_only: bool = False,
    limit: int = OUTPUT_LIMIT,
) -> GitOutput:
    """Run `git args...` in `cwd`. Raises GitError when git is missing or runs past `timeout`;
    a non-zero exit is returned, not raised."""
    import subprocess  # loaded with the first git command (a worker's), not with the window

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        try:
            child = subprocess.Popen(
                ["git", *args],
                cwd=cwd,
                env=git_environment(read_only=read_only),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,  # no terminal: ssh cannot ask on /dev/tty and hang
            )
        except FileNotFoundError as exc:
            raise GitError("git is not installed: Inkpost publishes with the system's git") from exc
        except OSError as exc:
            raise GitError(f"git could not be run: {exc}") from exc
        try:
            returncode = child.wait(timeout)
        except subprocess.TimeoutExpired as exc:
            _stop_group(child)
            raise GitError(f"git {args[0]} did not finish within {timeout:g} seconds") from exc
        size = out.seek(0, os.SEEK_END)  # read what is there: no buffer of `limit` bytes
        out.seek(0)
        stdout = out.read(min(size, limit + 1))
        err.seek(0)
        stderr = err.read(_STDERR_LIMIT).decode("utf-8", "replace")
    return GitOutput(returncode, stdout[:limit], stderr, truncated=len(stdout) > limit)


def _stop_group(child: subprocess.Popen[bytes]) -> None:
    """Kill git and what it started (ssh, a credential helper, a hook), then reap git."""
    killpg = getattr(os, "killpg", None)
    try:
        if killpg is not None:
            killpg(child.pid, signal.SIGKILL)
        else:
            child.kill()
    except OSError:
        pass
    child.wait()
