"""FindBar: find with options, replace, and replace all as one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from editor.ui.editor.find_bar import FindBar, expand_template


def _bar(qtbot: QtBot, text: str) -> tuple[FindBar, QPlainTextEdit]:
    editor = QPlainTextEdit()
    editor.setPlainText(text)
    bar = FindBar()
    qtbot.addWidget(editor)
    qtbot.addWidget(bar)
    bar.set_editor(editor)
    return bar, editor


def test_find_next_wraps_and_selects(qtbot: QtBot) -> None:
    bar, editor = _bar(qtbot, "cat dog cat")
    bar.find_edit.setText("cat")
    assert editor.textCursor().selectionStart() == 0
    assert bar.find_next()
    assert editor.textCursor().selectionStart() == 8
    assert bar.find_next()
    assert editor.textCursor().selectionStart() == 0
    assert bar.find_previous()
    assert editor.textCursor().selectionStart() == 8
    assert bar.status.text() == "2 matches"


def test_options_case_word_regex(qtbot: QtBot) -> None:
    bar, _editor = _bar(qtbot, "Hugo hugo hugolib")
    bar.find_edit.setText("hugo")
    assert bar.count_matches() == 3
    bar.case_box.setChecked(True)
    assert bar.count_matches() == 2
    bar.word_box.setChecked(True)
    assert bar.count_matches() == 1
    bar.case_box.setChecked(False)
    bar.word_box.setChecked(False)
    bar.regex_box.setChecked(True)
    bar.find_edit.setText(r"hugo\w+")
    assert bar.count_matches() == 1
    bar.find_edit.setText("(")
    assert bar.pattern() is None
    assert "Bad pattern" in bar.status.text()
    bar.regex_box.setChecked(False)
    assert bar.pattern() is not None  # "(" is literal without regex


def test_replace_current_and_next(qtbot: QtBot) -> None:
    bar, editor = _bar(qtbot, "a-1 a-2")
    bar.find_edit.setText("a")
    bar.replace_edit.setText("b")
    bar.replace_current()
    assert editor.toPlainText() == "b-1 a-2"
    assert editor.textCursor().selectedText() == "a"


def test_replace_all_is_one_undo_step(qtbot: QtBot) -> None:
    text = "teh cat, teh dog\nand teh end"
    bar, editor = _bar(qtbot, text)
    bar.find_edit.setText("teh")
    bar.replace_edit.setText("the")
    assert bar.replace_all() == 3
    assert editor.toPlainText() == "the cat, the dog\nand the end"
    editor.undo()
    assert editor.toPlainText() == text
    editor.redo()
    assert editor.toPlainText() == "the cat, the dog\nand the end"


def test_replace_all_with_groups_and_non_bmp_text(qtbot: QtBot) -> None:
    bar, editor = _bar(qtbot, "😀 2026-03-09 and 😀 2025-12-31")
    bar.regex_box.setChecked(True)
    bar.find_edit.setText(r"(\d{4})-(\d\d)-(\d\d)")
    bar.replace_edit.setText(r"\3.\2.$1")
    assert bar.replace_all() == 2
    assert editor.toPlainText() == "😀 09.03.2026 and 😀 31.12.2025"


def test_no_match_says_so(qtbot: QtBot) -> None:
    bar, editor = _bar(qtbot, "abc")
    bar.find_edit.setText("zzz")
    assert not bar.find_next()
    assert bar.replace_all() == 0
    assert bar.status.text() == "No matches"
    assert editor.toPlainText() == "abc"


def test_open_seeds_selection_and_escape_closes(qtbot: QtBot) -> None:
    bar, editor = _bar(qtbot, "find me")
    editor.selectAll()
    bar.open_find(replace=True)
    assert bar.find_edit.text() == "find me"
    assert not bar.replace_edit.isHidden()
    with qtbot.waitSignal(bar.closed):
        bar.close_bar()
    assert bar.isHidden()


def test_expand_template() -> None:
    assert expand_template(r"\2-\1 \\ $0", ["ab", "a", "b"]) == "b-a \\ ab"
    assert expand_template(r"\9", ["x"]) == ""


def test_undoing_replace_all_puts_the_cursor_back(qtbot: QtBot) -> None:
    text = "teh cat, teh dog\nand teh end\nmore words here"
    bar, editor = _bar(qtbot, text)
    cursor = editor.textCursor()
    cursor.setPosition(text.index("words"))
    editor.setTextCursor(cursor)
    bar.find_edit.setText("teh")  # selects the first match from the cursor on (wraps)
    where = editor.textCursor().position()
    bar.replace_edit.setText("the")
    assert bar.replace_all() == 3
    editor.undo()  # one step, the cursor where it was
    assert editor.toPlainText() == text
    assert editor.textCursor().position() == where
    assert where > 0


def test_escape_in_the_editor_closes_the_bar(qtbot: QtBot) -> None:
    bar, editor = _bar(qtbot, "find me")
    bar.show()
    editor.show()
    with qtbot.waitSignal(bar.closed):
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert bar.isHidden()
    other = QPlainTextEdit()
    qtbot.addWidget(other)
    bar.set_editor(other)  # follows the current post
    bar.show()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not bar.isHidden()
    qtbot.keyClick(other, Qt.Key.Key_Escape)
    assert bar.isHidden()
    with qtbot.assertNotEmitted(bar.closed):  # hidden: Escape is the editor's again
        qtbot.keyClick(other, Qt.Key.Key_Escape)


def test_the_bar_never_asks_for_more_width_than_its_pane_has(qtbot: QtBot) -> None:
    pane = QWidget()
    layout = QVBoxLayout(pane)
    editor = QPlainTextEdit(pane)
    editor.setMinimumWidth(50)
    bar = FindBar(pane)
    layout.addWidget(editor)
    layout.addWidget(bar)
    qtbot.addWidget(pane)
    bar.set_editor(editor)
    bar.hide()
    before = pane.minimumSizeHint().width()
    bar.open_find(replace=True)
    assert pane.minimumSizeHint().width() == before
    assert bar.sizeHint().width() < 420  # compact: fits a 40-character editor
