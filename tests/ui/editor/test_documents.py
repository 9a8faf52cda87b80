"""Document: a Post and its QTextDocument; dirty flag, saving through the core."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor.core.post.model import Post
from editor.ui.editor.documents import Document, blank_post_text, document_text

CRLF_POST = b'---\r\ntitle: "Caf\xc3\xa9"\r\ndate: 2026-03-09\r\n---\r\n\r\nBody\xc2\xa0text\r\n'


def test_open_and_save_unchanged_keeps_the_bytes(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(CRLF_POST)
    document = Document.open(path)
    assert document.display_name() == "post.md"
    assert not document.is_dirty
    assert "\u00a0" in document.text()  # toPlainText() would have lost the no-break space
    document.save()
    assert path.read_bytes() == CRLF_POST


def test_editing_marks_dirty_and_saving_clears_it(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(CRLF_POST)
    document = Document.open(path)
    with qtbot.waitSignal(document.dirtyChanged) as blocker:
        document.text_document.setPlainText(document.text().replace("Body", "New body"))
    assert blocker.args == [True]
    with qtbot.waitSignal(document.saved):
        document.save()
    assert not document.is_dirty
    saved = path.read_bytes()
    assert b"New body\xc2\xa0text\r\n" in saved
    assert saved.startswith(b'---\r\ntitle: "Caf\xc3\xa9"\r\n')


def test_typed_lines_in_an_old_mac_file_read_back_as_typed(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "mac.md"
    path.write_bytes(b"---\rtitle: x\r---\rone\r")
    document = Document.open(path)
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(document.text_document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText("\ntwo")  # an empty line, then "two"
    document.save()
    assert path.read_bytes() == b"---\rtitle: x\r---\rone\r\rtwo"
    assert Post.load(path).text == document.text() == "---\ntitle: x\n---\none\n\ntwo"


def test_undo_to_the_saved_text_clears_dirty(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("hello\n", encoding="utf-8")
    document = Document.open(path)
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(document.text_document)
    cursor.insertText("x")
    assert document.is_dirty
    document.text_document.undo()
    assert not document.is_dirty


def test_new_post_needs_save_as(qtbot: QtBot, tmp_path: Path) -> None:
    document = Document.new(datetime(2026, 3, 9, 12, 0, tzinfo=UTC))
    assert document.path is None
    assert document.display_name() == "Untitled"
    assert document.is_dirty
    with pytest.raises(ValueError, match="Save As"):
        document.save()
    target = tmp_path / "content" / "new.md"
    target.parent.mkdir()
    with qtbot.waitSignal(document.pathChanged) as blocker:
        document.save(target)
    assert blocker.args == [target]
    assert Post.load(target).title == "Untitled"
    assert not document.is_dirty


def test_bundle_name_and_current_post(qtbot: QtBot, tmp_path: Path) -> None:
    bundle = tmp_path / "trip"
    bundle.mkdir()
    (bundle / "index.md").write_text("+++\ntitle = 'Trip'\n+++\nText\n", encoding="utf-8")
    document = Document.open(bundle / "index.md")
    assert document.display_name() == "trip"
    assert document.current_post() is document.post
    document.text_document.setPlainText("+++\ntitle = 'Other'\n+++\nText\n")
    assert document.current_post().title == "Other"


def test_helpers() -> None:
    text = blank_post_text(datetime(2026, 3, 9, 14, 5, 7, tzinfo=UTC))
    assert Post.from_text(text).draft
    assert "date: 2026-03-09T14:05:07Z" in text
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setPlainText("a\u00a0b\nc")
    assert document_text(doc) == "a\u00a0b\nc"
