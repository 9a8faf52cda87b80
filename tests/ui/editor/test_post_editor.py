"""PostEditor: list continuation, indentation, formatting, links and images."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextCursor
from pytestqt.qtbot import QtBot

from editor.ui.editor.documents import Document, DocumentTab
from editor.ui.editor.post_editor import PostEditor


def _editor(qtbot: QtBot, text: str) -> PostEditor:
    editor = PostEditor()
    qtbot.addWidget(editor)
    editor.setPlainText(text)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    return editor


def test_object_name_and_line_numbers(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "one\ntwo\n")
    assert editor.objectName() == "postEditor"
    editor.show()
    assert editor.viewportMargins().left() > 0
    editor.set_line_numbers_visible(False)
    assert editor.viewportMargins().left() == 0
    editor.set_soft_wrap(False)
    assert not editor.soft_wrap()


def test_enter_continues_a_bullet_list(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "- milk")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "eggs")
    assert editor.toPlainText() == "- milk\n- eggs"


def test_enter_numbers_tasks_and_quotes(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "1. first")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "1. first\n2. "
    editor.setPlainText("- [x] done")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "- [x] done\n- [ ] "
    editor.setPlainText("> quoted")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Enter)
    assert editor.toPlainText() == "> quoted\n> "


def test_enter_on_an_empty_item_ends_the_list(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "- milk")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "- milk\n"
    qtbot.keyClicks(editor, "prose")
    assert editor.toPlainText() == "- milk\nprose"


def test_enter_in_a_code_block_is_plain(qtbot: QtBot) -> None:
    tab = DocumentTab(Document(text="```sh\n- not a list"))
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.highlighter.is_code_block(1))  # highlighting is deferred
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(tab.editor, Qt.Key.Key_Return)
    assert tab.editor.toPlainText() == "```sh\n- not a list\n"


def test_enter_in_a_code_block_keeps_the_indentation(qtbot: QtBot) -> None:
    tab = DocumentTab(Document(text="```python\ndef f():\n    if x:\n\t\t- item\n```\n"))
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.highlighter.is_code_block(3))  # highlighting is deferred
    editor = tab.editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(2).position() + len("    if x:"))
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "y()")
    assert editor.document().findBlockByNumber(3).text() == "    y()"
    cursor.setPosition(editor.document().findBlockByNumber(4).position() + len("\t\t- item"))
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # tabs kept, no list marker inside code
    assert editor.document().findBlockByNumber(5).text() == "\t\t"
    editor.undo()
    assert editor.document().findBlockByNumber(4).text() == "\t\t- item"
    assert editor.document().findBlockByNumber(5).text() == "```"


def test_continuation_is_one_undo_step(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "3. third")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    editor.undo()
    assert editor.toPlainText() == "3. third"


def test_tab_and_shift_tab_indent_list_items(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "- a\n- b")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "- a\n  - b"
    assert editor.textCursor().positionInBlock() == len("  - b")
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText() == "- a\n- b"
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "  - a\n  - b"


def test_tab_outside_lists_inserts_a_tab(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "prose")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "prose\t"


def test_formatting_actions(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "make this bold")
    cursor = editor.textCursor()
    cursor.setPosition(10)
    cursor.setPosition(14, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.toggle_bold()
    assert editor.toPlainText() == "make this **bold**"
    editor.toggle_bold()
    assert editor.toPlainText() == "make this bold"
    editor.cycle_heading()
    assert editor.toPlainText() == "# make this bold"
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.toggle_code()
    assert editor.toPlainText().endswith("`text`")
    assert editor.textCursor().selectedText() == "text"


def test_link_and_pasted_url(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "see the docs")
    cursor = editor.textCursor()
    cursor.setPosition(8)
    cursor.setPosition(12, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    mime = QMimeData()
    mime.setText("https://gohugo.io/documentation/")
    editor.insertFromMimeData(mime)
    assert editor.toPlainText() == "see the [docs](https://gohugo.io/documentation/)"
    editor.selectAll()
    editor.insert_link("https://example.org")
    assert editor.textCursor().selectedText() == "https://example.org"


def test_a_link_leaves_the_selected_trailing_space_outside(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "read the docs today")
    cursor = editor.textCursor()
    cursor.setPosition(9)
    cursor.setPosition(14, QTextCursor.MoveMode.KeepAnchor)  # "docs " (a double-click)
    editor.setTextCursor(cursor)
    editor.insert_link("https://gohugo.io")
    assert editor.toPlainText() == "read the [docs](https://gohugo.io) today"
    assert editor.textCursor().selectedText() == "https://gohugo.io"


def test_pasting_plain_text_is_plain(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "")
    mime = QMimeData()
    mime.setText("https://gohugo.io")
    editor.insertFromMimeData(mime)
    assert editor.toPlainText() == "https://gohugo.io"


def _bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "site" / "content" / "posts" / "trip"
    folder.mkdir(parents=True)
    (tmp_path / "site" / "hugo.toml").write_text('title = "T"\n', encoding="utf-8")
    post = folder / "index.md"
    post.write_text("---\ntitle: Trip\n---\n\nText\n", encoding="utf-8")
    return post


def test_pasted_image_is_copied_into_the_bundle(qtbot: QtBot, tmp_path: Path) -> None:
    post = _bundle(tmp_path)
    tab = DocumentTab(Document.open(post))
    qtbot.addWidget(tab)
    tab.set_site(tmp_path / "site", None)
    editor = tab.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    image = QImage(8, 6, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    mime = QMimeData()
    mime.setImageData(image)
    with qtbot.waitSignal(editor.imageInserted) as blocker:
        editor.insertFromMimeData(mime)
    target = Path(blocker.args[0])
    assert target.parent == post.parent
    assert target.name.startswith("pasted-") and target.suffix == ".png"
    assert QImage(str(target)).size() == image.size()
    assert editor.toPlainText().endswith(f"](<{target.name}>)") or editor.toPlainText().endswith(
        f"]({target.name})"
    )
    assert tab.document.is_dirty


def test_dropped_image_file_is_copied(qtbot: QtBot, tmp_path: Path) -> None:
    post = _bundle(tmp_path)
    source = tmp_path / "My Diagram.png"
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert image.save(str(source))
    tab = DocumentTab(Document.open(post))
    qtbot.addWidget(tab)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    tab.editor.insertFromMimeData(mime)
    assert (post.parent / "my-diagram.png").read_bytes() == source.read_bytes()
    assert "![My Diagram](my-diagram.png)" in tab.editor.toPlainText()


def test_image_in_an_unsaved_post_is_refused(qtbot: QtBot) -> None:
    tab = DocumentTab(Document(text="new"))
    qtbot.addWidget(tab)
    image = QImage(2, 2, QImage.Format.Format_RGB32)
    mime = QMimeData()
    mime.setImageData(image)
    with qtbot.waitSignal(tab.editor.problem) as blocker:
        tab.editor.insertFromMimeData(mime)
    assert "save the post first" in blocker.args[0]
    assert tab.editor.toPlainText() == "new"


def test_scroll_to_line_is_silent(qtbot: QtBot) -> None:
    editor = _editor(qtbot, "\n".join(f"line {i}" for i in range(1, 400)))
    editor.resize(400, 300)
    editor.show()
    qtbot.waitExposed(editor)
    with qtbot.assertNotEmitted(editor.topLineChanged):
        editor.scroll_to_line(120)
    assert editor.top_line() == 120
    with qtbot.waitSignal(editor.topLineChanged) as blocker:
        editor.verticalScrollBar().setValue(10)
    assert blocker.args == [11]


def test_zoom_is_counted_and_reset(qtbot: QtBot) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    editor = _editor(qtbot, "text")
    size = editor.font().pointSizeF()
    editor.zoom_by(2)
    wheel = QWheelEvent(
        QPointF(5, 5),
        QPointF(5, 5),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    editor.wheelEvent(wheel)
    assert editor.zoom() == 3
    assert editor.font().pointSizeF() > size
    editor.reset_zoom()
    assert editor.zoom() == 0
    assert editor.font().pointSizeF() == size


def test_diagnostics_mark_their_lines_in_the_gutter(qtbot: QtBot) -> None:
    from editor.core.diagnostics import Diagnostic, Severity

    editor = PostEditor()
    qtbot.addWidget(editor)
    editor.setPlainText("---\ntitle: [\n---\n\n{{< nope >}}\n")
    editor.set_diagnostics(
        [
            Diagnostic("front matter is not valid YAML", None, 2, Severity.ERROR),
            Diagnostic("unknown shortcode nope", None, 5, Severity.WARNING),
            Diagnostic("also on line 5", None, 5, Severity.ERROR),
            Diagnostic("no line", None, None, Severity.ERROR),
            Diagnostic("just information", None, 1, Severity.INFO),
        ]
    )
    marks = editor.diagnostic_marks()
    assert marks == {
        1: (Severity.ERROR, "front matter is not valid YAML"),
        4: (Severity.ERROR, "unknown shortcode nope\nalso on line 5"),
    }
    editor.set_diagnostics([])
    assert editor.diagnostic_marks() == {}


def test_the_current_line_highlight_follows_typing_without_setting_selections_per_key(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = _editor(qtbot, "one\ntwo")
    editor.show()
    calls: list[int] = []
    set_selections = editor.setExtraSelections
    monkeypatch.setattr(
        editor, "setExtraSelections", lambda s: (calls.append(len(s)), set_selections(s))
    )

    def highlighted() -> tuple[int, int]:
        selections = editor.extraSelections()  # kept: its cursor lives as long as it does
        cursor = QTextCursor(selections[0].cursor)
        return cursor.blockNumber(), cursor.position()

    qtbot.keyClicks(editor, "abc")
    assert calls == []  # typing: the highlight's cursor moved along with the text
    assert highlighted() == (1, editor.textCursor().position())
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "x")
    assert highlighted() == (2, editor.textCursor().position())
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert highlighted() == (2, editor.textCursor().position())
    qtbot.keyClick(editor, Qt.Key.Key_Up)  # a move sets it again
    assert len(calls) == 1 and highlighted() == (1, editor.textCursor().position())
    editor.set_colors(dark=True)
    selections = editor.extraSelections()
    assert selections[0].format.background().color() == QColor("#2a2f38")
