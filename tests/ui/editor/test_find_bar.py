"""FindBar: find with options, replace, and replace all as one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit
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
