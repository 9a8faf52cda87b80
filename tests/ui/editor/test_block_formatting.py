"""PostEditor: strikethrough, lines as quotes and lists, code blocks, images chosen in a dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from editor.ui.editor import prompts
from editor.ui.editor.documents import Document, DocumentTab
from editor.ui.editor.post_editor import PostEditor
from tests.files import TINY_PNG


def _editor(qtbot: QtBot, text: str) -> PostEditor:
    editor = PostEditor()
    qtbot.addWidget(editor)
    editor.setPlainText(text)
    return editor


def _select(editor: PostEditor, start: int, end: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_strikethrough_wraps_and_unwraps(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "old price")
    _select(editor, 0, 3)
    editor.toggle_strikethrough()
    assert editor.toPlainText() == "~~old~~ price"
    editor.toggle_strikethrough()
    assert editor.toPlainText() == "old price"


def test_a_selection_becomes_a_list_in_one_undo_step(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "Intro\nmilk\neggs\nflour\nOutro")
    doc = editor.document()
    start = doc.findBlockByNumber(1).position() + 2  # inside "milk"
    _select(editor, start, doc.findBlockByNumber(4).position())  # ends at the start of "Outro"
    editor.toggle_lines("numbered")
    assert editor.toPlainText() == "Intro\n1. milk\n2. eggs\n3. flour\nOutro"
    assert editor.textCursor().selectedText() == "1. milk\u20292. eggs\u20293. flour"
    editor.toggle_lines("task")
    assert editor.toPlainText() == "Intro\n1. [ ] milk\n2. [ ] eggs\n3. [ ] flour\nOutro"
    editor.undo()
    assert editor.toPlainText() == "Intro\n1. milk\n2. eggs\n3. flour\nOutro"
    editor.undo()
    assert editor.toPlainText() == "Intro\nmilk\neggs\nflour\nOutro"


def test_tasks_are_ticked_and_cleared_in_one_undo_step(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "- [ ] milk\n- [x] eggs\nnot a task")
    editor.selectAll()
    editor.toggle_task_done()
    assert editor.toPlainText() == "- [x] milk\n- [x] eggs\nnot a task"
    editor.toggle_task_done()
    assert editor.toPlainText() == "- [ ] milk\n- [ ] eggs\nnot a task"
    editor.undo()
    assert editor.toPlainText() == "- [x] milk\n- [x] eggs\nnot a task"


def test_without_a_selection_the_cursor_line_changes_and_the_cursor_stays_in_its_word(
    qtbot: QtBot,
) -> None:
    editor = _editor(qtbot, "one\ntwo")
    _select(editor, 6, 6)  # "tw|o"
    editor.toggle_lines("quote")
    assert editor.toPlainText() == "one\n> two"
    assert editor.textCursor().positionInBlock() == 4  # "> tw|o"
    editor.toggle_lines("quote")
    assert editor.toPlainText() == "one\ntwo"
    assert editor.textCursor().positionInBlock() == 2


def test_fenced_code_in_the_selection_is_left_as_it_is(qtbot: QtBot) -> None:
    tab = DocumentTab(Document(text="a\n```\ncode\n```\nb"))
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.highlighter.is_code_block(2))  # highlighting is deferred
    tab.editor.selectAll()
    tab.editor.toggle_lines("bullet")
    assert tab.editor.toPlainText() == "- a\n```\ncode\n```\n- b"


def test_code_block_around_the_lines_and_back(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "Run:\ncargo build\ncargo test\nDone.")
    doc = editor.document()
    _select(
        editor, doc.findBlockByNumber(1).position() + 3, doc.findBlockByNumber(2).position() + 1
    )
    editor.toggle_code_block()
    assert editor.toPlainText() == "Run:\n```\ncargo build\ncargo test\n```\nDone."
    cursor = editor.textCursor()
    assert cursor.blockNumber() == 1 and cursor.positionInBlock() == 3  # the language goes here
    _select(editor, doc.findBlockByNumber(1).position(), doc.findBlockByNumber(4).position() + 3)
    editor.toggle_code_block()
    assert editor.toPlainText() == "Run:\ncargo build\ncargo test\nDone."


def test_code_block_on_an_empty_line(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "Before\n\nAfter")
    _select(editor, 7, 7)
    editor.toggle_code_block()
    assert editor.toPlainText() == "Before\n```\n\n```\nAfter"
    assert editor.textCursor().blockNumber() == 1


def _bundle_post(tmp_path: Path) -> Path:
    folder = tmp_path / "site" / "content" / "posts" / "trip"
    folder.mkdir(parents=True)
    (tmp_path / "site" / "hugo.toml").write_text('title = "T"\n', encoding="utf-8")
    post = folder / "index.md"
    post.write_text("---\ntitle: Trip\n---\n\n", encoding="utf-8")
    return post


def _png(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(TINY_PNG)
    return path


def test_images_chosen_in_the_dialog_are_linked_or_copied(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = _bundle_post(tmp_path)
    inside = _png(post.parent / "map.png")
    outside = _png(tmp_path / "Downloads" / "Route Sketch.png")
    tab = DocumentTab(Document.open(post))
    qtbot.addWidget(tab)
    tab.set_site(tmp_path / "site", None)
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    asked: list[str] = []

    def choose(_parent: object, _title: str, folder: str, _filter: str) -> tuple[list[str], str]:
        asked.append(folder)
        return [str(inside), str(outside)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    prompts.ask_images(tab, tab.editor)
    assert asked == [str(post.parent)]  # the dialog opens in the post's folder
    text = tab.editor.toPlainText()
    assert text.endswith("![map](map.png)\n![Route Sketch](route-sketch.png)")
    assert (post.parent / "route-sketch.png").read_bytes() == outside.read_bytes()
    assert sorted(p.name for p in post.parent.iterdir()) == [
        "index.md",
        "map.png",
        "route-sketch.png",
    ]


def test_image_filter_names_every_image_a_post_takes() -> None:
    assert "*.png" in prompts.image_filter() and "*.avif" in prompts.image_filter()


def test_go_to_line_asks_within_the_post(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    editor = _editor(qtbot, "a\nb\nc\nd")
    asked: list[tuple[int, int, int]] = []

    def answer(*args: object) -> tuple[int, bool]:
        value, low, high = args[3], args[4], args[5]
        assert isinstance(value, int) and isinstance(low, int) and isinstance(high, int)
        asked.append((value, low, high))
        return 3, True

    monkeypatch.setattr(QInputDialog, "getInt", answer)
    prompts.ask_line(editor, editor)
    assert asked == [(1, 1, 4)]
    assert editor.cursor_line() == 3


def test_the_front_matter_stays_out_of_lists_and_code_blocks(qtbot: QtBot) -> None:
    tab = DocumentTab(Document(text="---\ntitle: T\ntags:\n- a\n---\none\ntwo"))
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.highlighter.is_front_matter(2))  # highlighting is deferred
    tab.editor.selectAll()
    tab.editor.toggle_lines("bullet")
    assert tab.editor.toPlainText() == "---\ntitle: T\ntags:\n- a\n---\n- one\n- two"
    tab.editor.undo()
    tab.editor.selectAll()
    tab.editor.toggle_code_block()
    assert tab.editor.toPlainText() == "---\ntitle: T\ntags:\n- a\n---\n```\none\ntwo\n```"
    cursor = tab.editor.textCursor()
    cursor.setPosition(5)  # in "title: T", nothing selected
    tab.editor.setTextCursor(cursor)
    tab.editor.toggle_code_block()
    tab.editor.toggle_lines("quote")
    assert tab.editor.toPlainText().startswith("---\ntitle: T\ntags:")
