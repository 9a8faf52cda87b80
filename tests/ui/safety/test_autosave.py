"""AutosaveController: each open document's text reaches the recovery journal, exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from editor.core.safety.journal import Journal, digest
from editor.ui.editor.documents import Document
from editor.ui.safety.autosave import AutosaveController

POST = b"---\ntitle: Hello\n---\n\nFirst words.\n"


@pytest.fixture
def post_path(tmp_path: Path) -> Path:
    path = tmp_path / "site" / "hello.md"
    path.parent.mkdir()
    path.write_bytes(POST)
    return path


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    return Journal(tmp_path / "data" / "journal")


def _type(document: Document, text: str) -> None:
    cursor = QTextCursor(document.text_document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(text)


def test_typing_is_journaled_after_the_idle_delay(
    qtbot: QtBot, journal: Journal, post_path: Path
) -> None:
    controller = AutosaveController(journal, idle_ms=10)
    document = Document.open(post_path)
    doc_id = controller.track(document)
    assert journal.read(doc_id) is None  # nothing unsaved yet
    with qtbot.waitSignal(controller.entryWritten) as blocker:
        _type(document, "Ünïcode\u00a0text\n")
    assert blocker.args == [doc_id]
    entry = journal.read(doc_id)
    assert entry is not None
    assert entry.text == document.text() == POST.decode() + "Ünïcode\u00a0text\n"
    assert entry.path == post_path
    assert entry.title == "Hello"
    assert entry.disk_digest == digest(POST)
    assert post_path.read_bytes() == POST  # the post itself is untouched


def test_a_never_saved_document_is_journaled(qtbot: QtBot, journal: Journal) -> None:
    controller = AutosaveController(journal, idle_ms=0)
    document = Document.new()
    with qtbot.waitSignal(controller.entryWritten):
        doc_id = controller.track(document)  # a new post is unsaved from the start
    entry = journal.read(doc_id)
    assert entry is not None and entry.path is None
    assert entry.text == document.text()


def test_the_maximum_interval_writes_while_typing_goes_on(
    qtbot: QtBot, journal: Journal, post_path: Path
) -> None:
    controller = AutosaveController(journal, idle_ms=600_000, max_interval_ms=5)
    document = Document.open(post_path)
    doc_id = controller.track(document)
    with qtbot.waitSignal(controller.entryWritten):
        _type(document, "a")
        _type(document, "b")
    entry = journal.read(doc_id)
    assert entry is not None and entry.text.endswith("ab")


def test_saving_or_undoing_to_the_saved_text_discards_the_entry(
    qtbot: QtBot, journal: Journal, post_path: Path
) -> None:
    controller = AutosaveController(journal, idle_ms=0)
    document = Document.open(post_path)
    doc_id = controller.track(document)
    with qtbot.waitSignal(controller.entryWritten):
        _type(document, "more")
    assert journal.read(doc_id) is not None
    document.text_document.undo()
    assert not document.is_dirty
    assert journal.read(doc_id) is None
    with qtbot.waitSignal(controller.entryWritten):
        _type(document, "kept")
    document.save()
    assert journal.read(doc_id) is None
    assert post_path.read_bytes().endswith(b"kept")


def test_untrack_discards_unless_told_to_keep(
    qtbot: QtBot, journal: Journal, post_path: Path
) -> None:
    controller = AutosaveController(journal, idle_ms=600_000)
    first, second = Document.open(post_path), Document.new()
    first_id, second_id = controller.track(first), controller.track(second)
    _type(first, "x")
    assert controller.flush()
    assert journal.read(first_id) is not None and journal.read(second_id) is not None
    controller.untrack(first)
    controller.untrack(second, discard=False)
    assert journal.read(first_id) is None
    assert journal.read(second_id) is not None
    assert not controller.is_tracked(first)


def test_an_adopted_id_is_kept(qtbot: QtBot, journal: Journal) -> None:
    controller = AutosaveController(journal, idle_ms=600_000)
    document = Document.new()
    assert controller.track(document, "abc123") == "abc123"
    assert controller.doc_id(document) == "abc123"
    controller.flush(document)
    entry = journal.read("abc123")
    assert entry is not None and entry.owner_pid == journal.pid


def test_large_texts_go_through_the_thread_pool_and_the_latest_wins(
    qtbot: QtBot, journal: Journal, post_path: Path
) -> None:
    controller = AutosaveController(journal, idle_ms=0, thread_threshold=0)
    document = Document.open(post_path)
    doc_id = controller.track(document)
    for word in ("one ", "two ", "three"):
        _type(document, word)
    qtbot.waitUntil(lambda: (e := journal.read(doc_id)) is not None and e.text == document.text())
    assert controller.wait_for_writes()
    entry = journal.read(doc_id)
    assert entry is not None and entry.text.endswith("one two three")


def test_a_write_finishing_after_a_save_does_not_bring_the_entry_back(
    qtbot: QtBot, journal: Journal, post_path: Path
) -> None:
    controller = AutosaveController(journal, idle_ms=0, thread_threshold=0)
    document = Document.open(post_path)
    doc_id = controller.track(document)
    _type(document, "typed")
    qtbot.waitUntil(lambda: controller._tracked[document].in_flight or journal.read(doc_id))
    document.save()  # discards, whether the threaded write ran yet or not
    assert controller.wait_for_writes()
    qtbot.waitUntil(lambda: not controller._tracked[document].in_flight)
    assert journal.read(doc_id) is None


def test_a_delay_of_minus_one_turns_the_journal_off(
    qtbot: QtBot, journal: Journal, post_path: Path
) -> None:
    controller = AutosaveController(journal, idle_ms=-1)
    document = Document.open(post_path)
    doc_id = controller.track(document)
    _type(document, "x")
    assert not controller._tracked[document].idle.isActive()
    assert journal.read(doc_id) is None
    controller.set_idle_ms(0)
    with qtbot.waitSignal(controller.entryWritten):
        _type(document, "y")
    assert journal.read(doc_id) is not None


def test_save_to_file_asks_for_a_save_of_posts_with_a_file(
    qtbot: QtBot, journal: Journal, post_path: Path
) -> None:
    controller = AutosaveController(journal, idle_ms=0)
    controller.set_save_to_file(True)
    requested: list[Document] = []
    controller.fileSaveRequested.connect(requested.append)
    document, new = Document.open(post_path), Document.new()
    controller.track(document)
    with qtbot.waitSignal(controller.entryWritten):
        controller.track(new)
    with qtbot.waitSignal(controller.fileSaveRequested):
        _type(document, "z")
    assert requested == [document]


def test_a_journal_that_cannot_be_written_says_so(
    qtbot: QtBot, tmp_path: Path, post_path: Path
) -> None:
    blocker_file = tmp_path / "not-a-folder"
    blocker_file.write_text("x")
    controller = AutosaveController(Journal(blocker_file / "journal"), idle_ms=0)
    document = Document.open(post_path)
    controller.track(document)
    with qtbot.waitSignal(controller.writeFailed) as blocker:
        _type(document, "x")
    assert "journal" in blocker.args[0] and "not-a-folder" in blocker.args[0]
    assert not controller.flush(document)


def test_a_document_marked_unsaved_without_typing_is_journaled(
    qtbot: QtBot, journal: Journal, post_path: Path
) -> None:
    controller = AutosaveController(journal, idle_ms=0)
    document = Document.open(post_path)
    doc_id = controller.track(document)
    with qtbot.waitSignal(controller.entryWritten):
        document.text_document.setModified(True)  # what a deleted file does
    entry = journal.read(doc_id)
    assert entry is not None and entry.text == POST.decode()
