"""A crash costs nothing: type into the real app, SIGKILL it, start it again, get the text back.

Each run is a child process starting the app through `editor.app.main.main([SITE, POST])`
with its settings and data folder redirected (INKPOST_CONFIG_DIR, INKPOST_DATA_DIR) and a
short journal delay set in its preferences. A small driver, installed as a QTimer before
main() runs, does what a user would: the first types with QTest.keyClicks and reports
READY once the app's journal holds the text; the second reads the recovery dialog the
app shows at start, prints its items and clicks Restore All.
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

from editor.app.settings import Settings
from editor.core.safety.journal import Journal
from editor.ui.window.preferences import Preferences

ROOT = Path(__file__).resolve().parents[2]
ORIGINAL = "---\ntitle: Crash test\ndate: 2026-03-09\n---\n\nWritten before the crash.\n"
TYPED = "Typed, then killed: ünïcode ✓ 42 [link](https://example.org) *ok*"
TIMEOUT_S = 180

_COMMON = r"""
import json, os, sys
from editor.app.main import main, prepare_qt_environment
prepare_qt_environment()
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[0]])
state = {}

def window():
    found = [w for w in app.topLevelWidgets() if w.objectName() == "mainWindow"]
    return found[0] if found else None

def say(*parts):
    print(*parts, flush=True)
"""

_TYPE_THEN_WAIT = (
    _COMMON
    + r"""
TEXT = os.environ["CRASH_TEST_TEXT"]

def step():
    w = window()
    if w is None or w.current_editor() is None or not w.isVisible():
        return
    editor = w.current_editor()
    if "typed" not in state:
        state["typed"] = True
        editor.setFocus()
        QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        for char in TEXT:  # QTest.keyClicks only knows ASCII: others go as key events
            if char.isascii():
                QTest.keyClicks(editor, char)
                continue
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(editor, event)
        return
    doc_id = w.safekeeping.autosave.doc_id(w.current_tab().document)
    entry = w.safekeeping.journal.read(doc_id) if doc_id else None
    if entry is not None and entry.text == w.current_tab().document.text():
        timer.stop()
        say("READY", json.dumps({"text": entry.text, "pid": os.getpid()}))

timer = QTimer()
timer.timeout.connect(step)
timer.start(20)
sys.exit(main(sys.argv[1:]))
"""
)

_RECOVER = (
    _COMMON
    + r"""
def step():
    w = window()
    dialogs = [d for d in app.topLevelWidgets() if d.objectName() == "recoveryDialog"]
    if w is None or w.current_tab() is None:
        return
    if not dialogs:
        dialogs = w.findChildren(object, "recoveryDialog")
    if not dialogs or not dialogs[0].isVisible():
        return
    timer.stop()
    dialog = dialogs[0]
    items = [
        {"path": str(i.entry.path), "text": i.entry.text, "status": i.status}
        for i in dialog.items()
    ]
    say("ITEMS", json.dumps(items))
    dialog.restore_all_button.click()
    tab = w.current_tab()
    doc = tab.document
    say("RESTORED", json.dumps({
        "text": doc.text(),
        "dirty": doc.is_dirty,
        "tabs": len(w.tab_list()),
        "doc_id": w.safekeeping.autosave.doc_id(doc),
    }))
    os._exit(0)

timer = QTimer()
timer.timeout.connect(step)
timer.start(20)
sys.exit(main(sys.argv[1:]))
"""
)


def _start(script: str, env: dict[str, str], site: Path, post: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, str(site), str(post)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _read_lines_until(proc: subprocess.Popen[str], wanted: set[str]) -> dict[str, str]:
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


@pytest.fixture
def world(tmp_path: Path) -> tuple[dict[str, str], Path, Path, Path]:
    site = tmp_path / "site"
    post = site / "content" / "posts" / "crash.md"
    post.parent.mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "Crash Blog"\n', encoding="utf-8")
    post.write_text(ORIGINAL, encoding="utf-8")
    config, data = tmp_path / "config", tmp_path / "data"
    Settings(config).save_preferences(Preferences(journal_delay_ms=50))
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        INKPOST_CONFIG_DIR=str(config),
        INKPOST_DATA_DIR=str(data),
        INKPOST_CACHE_DIR=str(tmp_path / "cache"),
        CRASH_TEST_TEXT=TYPED,
        PYTHONPATH=str(ROOT),
    )
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    return env, site, post, data


def test_sigkill_then_restart_offers_exactly_the_typed_text(world) -> None:  # type: ignore[no-untyped-def]
    env, site, post, data = world
    expected = ORIGINAL + TYPED

    first = _start(_TYPE_THEN_WAIT, env, site, post)
    try:
        found = _read_lines_until(first, {"READY"})
        assert "READY" in found, first.stderr.read() if first.stderr else ""
        assert json.loads(found["READY"])["text"] == expected
        first.send_signal(signal.SIGKILL)
        assert first.wait(timeout=30) == -signal.SIGKILL
    finally:
        if first.poll() is None:
            first.kill()
        first.communicate()
    assert post.read_text(encoding="utf-8") == ORIGINAL  # the post itself was never touched

    # what the journal folder the app uses holds, read as the next start will read it
    (entry,) = Journal(data / "journal").entries()[0]
    assert entry.text == expected and entry.path == post

    second = _start(_RECOVER, env, site, post)
    try:
        found = _read_lines_until(second, {"ITEMS", "RESTORED"})
        assert "ITEMS" in found, second.stderr.read() if second.stderr else ""
        items = json.loads(found["ITEMS"])
        assert items == [{"path": str(post), "text": expected, "status": "differs"}]
        restored = json.loads(found["RESTORED"])
        assert restored["text"] == expected
        assert restored["dirty"] is True
        assert restored["tabs"] == 1  # restored into the post's own tab, not a second one
        assert restored["doc_id"] == entry.doc_id  # the entry was adopted
        assert second.wait(timeout=30) == 0
    finally:
        if second.poll() is None:
            second.kill()
        second.communicate()
    (adopted,) = Journal(data / "journal").entries()[0]
    assert adopted.doc_id == entry.doc_id and adopted.owner_pid == second.pid
    assert adopted.text == expected
