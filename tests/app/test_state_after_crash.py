"""After a crash the open tabs and the library's sort come back, as after a clean quit.

The real app runs in a child process (settings, data and cache folders redirected): the first
opens a second post and sorts the library by title, newest... Z first, waits until state.ini
says so, and is killed with SIGKILL; the second starts with no arguments (the site from
state.ini) and reports its tabs and its library's sort.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 180

_COMMON = r"""
import json, os, sys
from editor.app.main import main, prepare_qt_environment
prepare_qt_environment()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from editor.app.settings import Settings
from editor.core.library.types import SortKey
from editor.ui.library.model import TITLE
app = QApplication([sys.argv[0]])
state = {}

def window():
    found = [w for w in app.topLevelWidgets() if w.objectName() == "mainWindow"]
    return found[0] if found else None

def panel():
    w = window()
    p = None if w is None or not w.isVisible() else w.library.panel
    return p if p is not None and p.model.rowCount() else None

def say(*parts):
    print(*parts, flush=True)
"""

_CHANGE_THEN_WAIT = (
    _COMMON
    + r"""
SECOND = os.environ["STATE_TEST_SECOND"]

def step():
    p = panel()
    if p is None:
        return
    w = window()
    if "done" not in state:
        state["done"] = True
        w.open_post(SECOND)
        p.sort_combo.setCurrentIndex(p.sort_combo.findData(SortKey.TITLE))
        p.view.horizontalHeader().sectionClicked.emit(TITLE)  # a second click: Z to A
        return
    saved = Settings(os.environ["INKPOST_CONFIG_DIR"]).window_state()
    if len(saved.open_posts) == 2 and (saved.library_sort, saved.library_descending) == (
        "title", True
    ):
        timer.stop()
        say("READY", json.dumps({"open_posts": list(saved.open_posts)}))

timer = QTimer()
timer.timeout.connect(step)
timer.start(20)
sys.exit(main(sys.argv[1:]))
"""
)

_REPORT = (
    _COMMON
    + r"""
def step():
    p = panel()
    w = window()
    if p is None or len(w.tab_list()) < 2:
        return
    timer.stop()
    key, descending = p.sort()
    tabs = [str(t.document.path) for t in w.tab_list()]
    titles = [p.model.entry(r).title for r in range(p.model.rowCount())]
    say("STATE", json.dumps({"tabs": tabs, "sort": [str(key), descending], "titles": titles}))
    os._exit(0)

timer = QTimer()
timer.timeout.connect(step)
timer.start(20)
sys.exit(main(sys.argv[1:]))
"""
)


def _start(script: str, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _line(proc: subprocess.Popen[str], word: str) -> str | None:
    """The rest of the child's first stdout line starting with `word` (None if it ends
    first); a watchdog kills a child that hangs."""
    watchdog = threading.Timer(TIMEOUT_S, proc.kill)
    watchdog.start()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            head, _, rest = line.rstrip("\n").partition(" ")
            if head == word:
                return rest
    finally:
        watchdog.cancel()
    return None


def _finish(proc: subprocess.Popen[str]) -> str:
    if proc.poll() is None:
        proc.kill()
    return proc.communicate()[1][-3000:]


@pytest.mark.slow
def test_tabs_and_library_sort_survive_sigkill(tmp_path: Path) -> None:
    site = tmp_path / "site"
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "State Blog"\n', encoding="utf-8")
    first_post, second_post = posts / "apple.md", posts / "zebra.md"
    first_post.write_text("---\ntitle: Apple\ndate: 2026-03-01\n---\nA.\n", encoding="utf-8")
    second_post.write_text("---\ntitle: Zebra\ndate: 2026-01-01\n---\nZ.\n", encoding="utf-8")
    (posts / "mango.md").write_text("---\ntitle: Mango\ndate: 2026-02-01\n---\nM.\n")
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        INKPOST_CONFIG_DIR=str(tmp_path / "config"),
        INKPOST_DATA_DIR=str(tmp_path / "data"),
        INKPOST_CACHE_DIR=str(tmp_path / "cache"),
        STATE_TEST_SECOND=str(second_post),
        PYTHONPATH=str(ROOT),
    )
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"

    first = _start(_CHANGE_THEN_WAIT, env, str(site), str(first_post), "--new-instance")
    try:
        ready = _line(first, "READY")
        assert ready is not None, _finish(first)
        first.send_signal(signal.SIGKILL)
        assert first.wait(timeout=30) == -signal.SIGKILL
    finally:
        _finish(first)

    second = _start(_REPORT, env, "--new-instance")  # no site named: the one state.ini has
    try:
        report = _line(second, "STATE")
        assert report is not None, _finish(second)
        state = json.loads(report)
    finally:
        _finish(second)
    assert sorted(state["tabs"]) == [str(first_post), str(second_post)]
    assert state["sort"] == ["title", True]
    assert state["titles"] == ["Zebra", "Mango", "Apple"]
