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
import signal
import subprocess
from pathlib import Path

import pytest

from editor.app.settings import Settings
from editor.core.safety.journal import Journal
from editor.ui.window.preferences import Preferences
from tests.app.child_app import PREAMBLE, RUN_STEPS, app_env, read_lines_until, start
from tests.files import write_site

ORIGINAL = "---\ntitle: Crash test\ndate: 2026-03-09\n---\n\nWritten before the crash.\n"
TYPED = "Typed, then killed: ünïcode ✓ 42 [link](https://example.org) *ok*"

_COMMON = (
    PREAMBLE
    + r"""
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
"""
)

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
"""
    + RUN_STEPS
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
"""
    + RUN_STEPS
)


def _start(script: str, env: dict[str, str], site: Path, post: Path) -> subprocess.Popen[str]:
    return start(script, env, str(site), str(post))


@pytest.fixture
def world(tmp_path: Path) -> tuple[dict[str, str], Path, Path, Path]:
    site = write_site(tmp_path / "site", {"crash.md": ORIGINAL}, 'title = "Crash Blog"\n')
    post = site / "content" / "posts" / "crash.md"
    Settings(tmp_path / "config").save_preferences(Preferences(journal_delay_ms=50))
    env = app_env(tmp_path, CRASH_TEST_TEXT=TYPED)
    return env, site, post, tmp_path / "data"


def test_sigkill_then_restart_offers_exactly_the_typed_text(world) -> None:  # type: ignore[no-untyped-def]
    env, site, post, data = world
    expected = ORIGINAL + TYPED

    first = _start(_TYPE_THEN_WAIT, env, site, post)
    try:
        found = read_lines_until(first, {"READY"})
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
        found = read_lines_until(second, {"ITEMS", "RESTORED"})
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
