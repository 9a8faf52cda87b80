"""How the render process (editor/core/preview/service.py) is started: its command line,
environment and priority, for the app's early start and for the restarts alike.

This module imports nothing of the renderer, so the app can start the child before it
loads Qt and the window: the child's imports run beside the window's. It is the child's
entry point too (`python -m editor.core.preview.child`), which lowers the child's priority
before it imports the renderer, so the window's start comes first.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "CHILD_ARGS",
    "NICE",
    "child_pythonpath",
    "end_unused_child",
    "run",
    "spawn_render_child",
]

# After the interpreter. -P: the service comes from this package (PYTHONPATH), never from
# an `editor` folder in the working directory, which -m would put first on sys.path.
CHILD_ARGS = ("-P", "-m", "editor.core.preview.child")
NICE = 5  # the render process yields to the window (its thread draws what the user types)


def child_pythonpath(current: str) -> str:
    """PYTHONPATH for the child: the folder holding this `editor` package, then `current`."""
    root = str(Path(__file__).resolve().parents[3])
    return root + (os.pathsep + current if current else "")


def spawn_render_child(environ: Mapping[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start the render process with pipes on its stdin and stdout (stderr is ours)."""
    env = dict(os.environ if environ is None else environ)
    env["PYTHONPATH"] = child_pythonpath(env.get("PYTHONPATH", ""))
    return subprocess.Popen(
        [sys.executable, *CHILD_ARGS],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        close_fds=True,
    )


def end_unused_child(child: subprocess.Popen[bytes]) -> None:
    """End a render process that was never asked for anything: end of input stops it."""
    for pipe in (child.stdin, child.stdout):
        if pipe is not None:
            pipe.close()
    try:
        child.wait(3)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def run() -> int:
    """The child's entry: a lower priority first, then the render service on stdin/stdout."""
    if hasattr(os, "nice"):  # the window's thread and the X server come first (typing)
        with contextlib.suppress(OSError):
            os.nice(NICE)
    from editor.core.preview.service import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
