"""The real app in a child process, driven by a small script: for tests that kill it.

`PREAMBLE` starts a script: it prepares Qt, makes the QApplication and defines `window()`
(the main window, once it exists), `say(...)` (a flushed stdout line) and a `state` dict. A
script adds its own imports and a `step()` run by a QTimer, then calls `main(sys.argv[1:])`.
`app_env` redirects the app's folders into a test's temporary folder; `start` runs a script;
`read_lines_until` waits (with a watchdog) for the lines a script says.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from tests.files import write_site

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 180

PREAMBLE = r"""
import json, os, sys
from editor.app.main import main, prepare_qt_environment
prepare_qt_environment()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[0]])
state = {}

def window():
    found = [w for w in app.topLevelWidgets() if w.objectName() == "mainWindow"]
    return found[0] if found else None

def say(*parts):
    print(*parts, flush=True)
"""

RUN_STEPS = r"""
timer = QTimer()
timer.timeout.connect(step)
timer.start(20)
sys.exit(main(sys.argv[1:]))
"""


def app_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a child app whose config, data and cache live under `tmp_path`."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        INKPOST_CONFIG_DIR=str(tmp_path / "config"),
        INKPOST_DATA_DIR=str(tmp_path / "data"),
        INKPOST_CACHE_DIR=str(tmp_path / "cache"),
        PYTHONPATH=str(ROOT),
        **extra,
    )
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    return env


def start(script: str, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def read_lines_until(proc: subprocess.Popen[str], wanted: set[str]) -> dict[str, str]:
    """The child's stdout lines starting with the wanted words (stops at the last one or
    when the child ends); a watchdog kills the child if it hangs."""
    found: dict[str, str] = {}
    watchdog = threading.Timer(TIMEOUT_S, proc.kill)
    watchdog.start()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            word, _, rest = line.rstrip("\n").partition(" ")
            if word in wanted:
                found[word] = rest
                if set(found) == wanted:
                    break
    finally:
        watchdog.cancel()
    return found


def finish(proc: subprocess.Popen[str]) -> str:
    """End the child (killed if still running); the tail of its stderr, for messages."""
    if proc.poll() is None:
        proc.kill()
    return proc.communicate()[1][-3000:]


def run_on_one_post(script: str, tmp_path: Path, wanted: set[str]) -> tuple[dict[str, str], str]:
    """Run `script` (a single instance) on a new site holding one post, `first.md` ("First");
    returns the wanted lines it said and the tail of its stderr."""
    site = write_site(tmp_path / "site", {"first.md": "---\ntitle: First\n---\n\nWords.\n"})
    post = site / "content" / "posts" / "first.md"
    proc = start(script, app_env(tmp_path), str(site), str(post), "--new-instance")
    try:
        lines = read_lines_until(proc, wanted)
    finally:
        errors = finish(proc)
    return lines, errors
