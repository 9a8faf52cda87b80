"""The Outline: OutlinePanel (tree, click, drop) and the window's dock (OutlineLink)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from editor.app.settings import Settings
from editor.core.editing.sections import scan_headings
from editor.ui.outline.panel import OutlinePanel
from editor.ui.window.main_window import MainWindow
from editor.ui.window.outline_link import scan_sections
from tests.files import write_site
from tests.ui.windows import WindowMaker

POST = """---
title: Outline
---

Intro.

# One

one

## One.a

```
# in code
```

# Two *x*

two
"""


def _titles(item: QTreeWidgetItem) -> list[object]:
    return [
        (item.child(i).text(0), _titles(item.child(i)))
        if item.child(i).childCount()
        else item.child(i).text(0)
        for i in range(item.childCount())
    ]


def test_the_panel_shows_the_tree_highlights_the_cursors_section_and_goes_to_a_click(
    qtbot: QtBot,
) -> None:
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    panel.set_sections(scan_sections(POST))
    assert _titles(panel.tree.invisibleRootItem()) == [("One", ["One.a"]), "Two *x*"]
    panel.highlight_line(14)
    assert panel.current_section().title == "One.a"  # type: ignore[union-attr]
    panel.highlight_line(2)
    assert panel.current_section() is None
    panel.show()
    item = panel.item_for(17)
    assert item is not None
    with qtbot.waitSignal(panel.goToLineRequested) as went:
        qtbot.mouseClick(
            panel.tree.viewport(),
            Qt.MouseButton.LeftButton,
            pos=panel.tree.visualItemRect(item).center(),
        )
    assert went.args == [17]


def _drop(panel: OutlinePanel, source_line: int, pos: QPoint) -> QDropEvent:
    source = panel.item_for(source_line)
    panel.tree.setCurrentItem(source)
    data = panel.tree.model().mimeData([panel.tree.indexFromItem(source)])
    event = QDropEvent(
        pos, Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    panel.tree.dropEvent(event)
    return event


def test_a_drop_asks_to_move_the_section_before_or_after_a_heading(qtbot: QtBot) -> None:
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    panel.resize(300, 400)
    panel.show()
    panel.set_sections(scan_sections(POST))
    one = panel.item_for(7)
    two = panel.item_for(17)
    assert one is not None and two is not None
    moves: list[tuple[object, object]] = []
    panel.moveRequested.connect(lambda s, b: moves.append((s.title, b and b.title)))
    _drop(panel, 17, panel.tree.visualItemRect(one).center())  # onto One: before it
    rect = panel.tree.visualItemRect(two)
    _drop(panel, 11, QPoint(rect.center().x(), rect.bottom() - 1))  # below Two: to the end
    event = _drop(panel, 7, panel.tree.visualItemRect(panel.item_for(11)).center())  # type: ignore[arg-type]
    assert moves == [("Two *x*", "One"), ("One.a", None)]  # into itself: nothing
    assert event.dropAction() == Qt.DropAction.IgnoreAction
    assert _titles(panel.tree.invisibleRootItem()) == [("One", ["One.a"]), "Two *x*"]


@pytest.fixture
def window(make_window: WindowMaker, tmp_path: Path) -> MainWindow:
    root = write_site(tmp_path / "site", {"p.md": POST}, 'title = "T"\n')
    win = make_window(root)
    win.open_post(root / "content" / "posts" / "p.md")
    return win


def test_view_outline_shows_the_headings_without_a_preview_and_follows_edits(
    qtbot: QtBot, window: MainWindow
) -> None:
    action = window.actions_by_id["toggle_outline"]
    assert action.shortcut().toString() == "Ctrl+Shift+K"
    window.show()
    action.trigger()
    assert window.outline.dock.isVisible()
    panel = window.outline.panel
    qtbot.waitUntil(lambda: panel.item_for(17) is not None)
    editor = window.current_editor()
    assert editor is not None
    editor.go_to_line(10)
    assert panel.current_section().title == "One"  # type: ignore[union-attr]
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText("\n## Three\n")
    qtbot.waitUntil(lambda: not window.outline.pending and panel.item_for(21) is not None)
    assert panel.item_for(21).text(0) == "Three"  # type: ignore[union-attr]


def test_the_outline_takes_the_renderers_headings_when_posts_are_rendered(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show()
    window.outline.set_visible(True)
    window.preview_link.prerender = True  # renders as if the preview were there
    window.preview_link.request_render()
    qtbot.waitUntil(lambda: (item := window.outline.panel.item_for(17)) and item.text(0) == "Two x")


def test_a_drop_moves_the_section_in_the_editor_as_one_undo_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show()
    window.outline.set_visible(True)
    panel = window.outline.panel
    qtbot.waitUntil(lambda: panel.item_for(17) is not None)
    tab = window.current_tab()
    assert tab is not None
    sections = panel.sections
    panel.moveRequested.emit(sections[1], sections[0])
    text = tab.document.text()
    assert text.index("# Two *x*") < text.index("# One") < text.index("## One.a")
    assert sorted(text.split("\n")) == sorted(POST.split("\n"))
    assert [h.text for h in scan_headings(text)] == ["Two *x*", "One", "One.a"]
    assert tab.editor.cursor_line() == 7  # on the moved heading
    qtbot.waitUntil(
        lambda: (
            not window.outline.pending
            and (item := panel.item_for(7)) is not None
            and item.text(0) == "Two *x*"
        )
    )
    tab.editor.undo()
    assert tab.document.text() == POST


def test_the_outline_dock_is_remembered_with_the_window(
    make_window: WindowMaker, window: MainWindow, tmp_path: Path
) -> None:
    window.show()
    window.actions_by_id["toggle_outline"].trigger()
    state = window.window_state()
    again = make_window(window.site, settings=Settings(tmp_path / "config2"))
    assert not again.actions_by_id["toggle_outline"].isChecked()
    again.show()
    again.restore_state(state, reopen_posts=False)
    assert again.outline.dock.isVisible()
    assert again.actions_by_id["toggle_outline"].isChecked()
