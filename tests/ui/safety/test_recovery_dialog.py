"""Recovery at start: what a crashed Inkpost left in the journal is offered back, exactly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor.core.safety.journal import Journal, digest, recovery_items
from editor.ui.editor.documents import Document, DocumentTab
from editor.ui.safety.diff_view import DiffView
from editor.ui.safety.recovery_dialog import RecoveryDialog
from editor.ui.safety.safekeeping import Safekeeping
from tests.ui.windows import WindowMaker

ON_DISK = "---\ntitle: On disk\n---\n\nSaved text.\n"
UNSAVED = "---\ntitle: On disk\n---\n\nSaved text.\nUnsaved line — ünïcode\u00a0!\n"


@pytest.fixture
def dead_pid() -> int:
    """The id of a process that has finished (and was reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def crashed(tmp_path: Path, dead_pid: int) -> tuple[Path, Path]:
    """A data folder whose journal holds what a crashed process left: a post that differs
    from its file, a never-saved post, and a post whose file is gone."""
    post = tmp_path / "site" / "post.md"
    post.parent.mkdir()
    post.write_text(ON_DISK, encoding="utf-8")
    data = tmp_path / "data"
    journal = Journal(data / "journal", pid=dead_pid)
    journal.write("a1", UNSAVED, path=post, title="On disk", disk_digest=digest(ON_DISK.encode()))
    journal.write("b2", "---\ntitle: Fresh\n---\n\nNever saved.\n", path=None, title="Fresh")
    journal.write("c3", "Gone file text\n", path=tmp_path / "site" / "gone.md", title="Gone")
    return data, post


def _item(dialog: RecoveryDialog, doc_id: str) -> int:
    return [i.entry.doc_id for i in dialog.items()].index(doc_id)


def test_the_dialog_lists_each_item_with_its_diff(qtbot: QtBot, crashed) -> None:  # type: ignore[no-untyped-def]
    data, post = crashed
    items = recovery_items(Journal(data / "journal"))
    dialog = RecoveryDialog(items)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 3
    labels = [dialog.list.item(i).text() for i in range(3)]
    assert any(str(post) in label and "differs from the file" in label for label in labels)
    assert any("Fresh" in label and "never saved" in label for label in labels)
    assert any("gone.md" in label and "the file is gone" in label for label in labels)
    dialog.list.setCurrentRow(_item(dialog, "a1"))
    view = dialog.findChild(DiffView, "diffView")
    assert view is not None
    assert "+Unsaved line — ünïcode\u00a0!" in view.diff_text()
    assert view.highlighter.line_format("+x") is view.highlighter.added
    assert view.highlighter.line_format("-x") is view.highlighter.removed


def test_restore_opens_the_exact_text_as_an_unsaved_document(qtbot: QtBot, crashed) -> None:  # type: ignore[no-untyped-def]
    data, post = crashed
    keeper = Safekeeping(data, idle_ms=600_000)
    shown: list[Document] = []
    keeper.documentRecovered.connect(shown.append)
    dialog = keeper.offer_recovery()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.restore(_item(dialog, "a1"))
    (document,) = shown
    assert document.text() == UNSAVED
    assert document.is_dirty and document.path == post
    assert post.read_text(encoding="utf-8") == ON_DISK
    # adopted: same id, rewritten by this process, so the next start does not offer it again
    entry = keeper.journal.read("a1")
    assert entry is not None and entry.owner_pid == keeper.journal.pid and entry.text == UNSAVED
    assert keeper.autosave.doc_id(document) == "a1"
    assert [i.entry.doc_id for i in keeper.pending_recovery()] == ["b2", "c3"] or sorted(
        i.entry.doc_id for i in keeper.pending_recovery()
    ) == ["b2", "c3"]
    # saving it ends the entry
    document.save()
    assert keeper.journal.read("a1") is None
    assert post.read_text(encoding="utf-8") == UNSAVED


def test_restore_all_and_discard(qtbot: QtBot, crashed) -> None:  # type: ignore[no-untyped-def]
    data, _post = crashed
    keeper = Safekeeping(data, idle_ms=600_000)
    shown: list[Document] = []
    keeper.documentRecovered.connect(shown.append)
    dialog = keeper.offer_recovery()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.discard(_item(dialog, "c3"))
    assert keeper.journal.read("c3") is None
    with qtbot.waitSignal(dialog.finished):
        dialog.restore_all_button.click()
    assert sorted(d.text() for d in shown) == sorted(
        [UNSAVED, "---\ntitle: Fresh\n---\n\nNever saved.\n"]
    )
    assert all(d.is_dirty for d in shown)
    assert keeper.pending_recovery() == []


def test_discard_all(qtbot: QtBot, crashed) -> None:  # type: ignore[no-untyped-def]
    data, _post = crashed
    keeper = Safekeeping(data)
    dialog = keeper.offer_recovery()
    assert dialog is not None
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished):
        dialog.discard_all_button.click()
    assert keeper.journal.entries() == ([], [])


def test_decide_later_keeps_the_entries(qtbot: QtBot, crashed) -> None:  # type: ignore[no-untyped-def]
    data, _post = crashed
    keeper = Safekeeping(data)
    dialog = keeper.offer_recovery()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.later_button.click()
    assert len(keeper.journal.entries()[0]) == 3


def test_entries_of_a_running_instance_are_not_offered(qtbot: QtBot, tmp_path: Path) -> None:
    other = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    try:
        Journal(tmp_path / "journal", pid=other.pid).write("live", "busy", path=None)
        keeper = Safekeeping(tmp_path)
        assert keeper.pending_recovery() == []
        assert keeper.offer_recovery() is None
        assert keeper.journal.read("live") is not None
    finally:
        other.communicate(b"")


def test_restoring_a_post_already_open_replaces_its_text(qtbot: QtBot, crashed) -> None:  # type: ignore[no-untyped-def]
    data, post = crashed
    keeper = Safekeeping(data, idle_ms=600_000)
    tab = DocumentTab(Document.open(post))
    qtbot.addWidget(tab)
    keeper.attach(tab)
    shown: list[Document] = []
    keeper.documentRecovered.connect(shown.append)
    item = next(i for i in keeper.pending_recovery() if i.entry.doc_id == "a1")
    assert keeper.restore_item(item) is tab.document
    assert shown == []
    assert tab.document.text() == UNSAVED and tab.document.is_dirty
    assert keeper.autosave.doc_id(tab.document) == "a1"
    tab.document.text_document.undo()  # back to the file's text
    assert tab.document.text() == ON_DISK


def test_the_window_shows_restored_documents_in_new_tabs(  # type: ignore[no-untyped-def]
    crashed, make_window: WindowMaker
) -> None:
    data, post = crashed
    window = make_window(post.parent, data_dir=data)
    assert window.safekeeping is not None
    dialog = window.safekeeping.offer_recovery()
    assert dialog is not None and dialog.isVisible()
    dialog.restore(_item(dialog, "b2"))
    tab = window.current_tab()
    assert tab is not None and tab.document.path is None
    assert tab.document.text() == "---\ntitle: Fresh\n---\n\nNever saved.\n"
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Untitled*"
    assert window.safekeeping.autosave.doc_id(tab.document) == "b2"
    # closing it with Discard removes the entry for good
    tab.document.text_document.setModified(False)
    assert window.close_current()
    assert window.safekeeping.journal.read("b2") is None
    dialog.reject()
