"""The library's columns: Title stretches, the others fit their content; at the library's
minimum width a title still shows ~15 characters (the Read column gives way)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from editor.core.diagnostics import Severity
from editor.core.publish.git import GitState
from editor.core.site.config import find_site
from editor.ui.library.columns import TITLE_CHARS
from editor.ui.library.model import DATE, GIT, READING, STATE, TITLE
from editor.ui.library.panel import LibraryPanel
from editor.ui.window.pane_sizes import LIBRARY_MIN_WIDTH

TITLE_TEXT = "Profiling Python services in production"
POSTS = {
    "a.md": f"---\ntitle: {TITLE_TEXT}\ndate: 2026-12-31\n---\n" + "word " * 3000,
    "b.md": "---\ntitle: Later\ndate: 2099-01-01\n---\nScheduled.\n",
}


@pytest.fixture
def panel(qtbot: QtBot, tmp_path: Path) -> Iterator[LibraryPanel]:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://e.org/"\ntitle = "T"\n')
    for name, text in POSTS.items():
        (root / "content" / name).write_text(text, encoding="utf-8")
    widget = LibraryPanel(figures=False)
    qtbot.addWidget(widget)
    widget.set_debounce_ms(-1)
    widget.set_site(find_site(root), tmp_path / "cache" / "library.sqlite")
    qtbot.waitUntil(lambda: widget.model.rowCount() == 2 and not widget.scanner.busy)
    widget.set_git({"a.md": GitState.MODIFIED})
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close_site()


def _fits(panel: LibraryPanel, col: int, text: str) -> bool:
    """Whether `text` fits the column without eliding (cell margins included)."""
    return panel.view.fontMetrics().horizontalAdvance(text) + 6 <= panel.view.columnWidth(col)


def test_the_other_columns_are_as_narrow_as_their_content(panel: LibraryPanel) -> None:
    panel.resize(700, 400)
    metrics = panel.view.fontMetrics()
    assert _fits(panel, DATE, "2026-12-31")
    assert _fits(panel, READING, "~12 min")
    assert _fits(panel, STATE, "Scheduled")
    assert panel.model.index(1, STATE).data() == "Scheduled"
    # Narrow: no more than their content, its margins and an icon (State) or the header.
    assert panel.view.columnWidth(DATE) <= metrics.horizontalAdvance("2026-12-31") + 24
    assert panel.view.columnWidth(READING) <= metrics.horizontalAdvance("~12 min") + 24
    assert panel.view.columnWidth(GIT) <= metrics.horizontalAdvance("Git") + 24
    assert panel.view.columnWidth(STATE) <= metrics.horizontalAdvance("Scheduled") + 32
    # Title takes the rest.
    others = sum(panel.view.columnWidth(c) for c in (DATE, STATE, READING, GIT))
    assert panel.view.columnWidth(TITLE) >= panel.view.viewport().width() - others - 1


def test_a_title_shows_fifteen_characters_at_the_librarys_minimum_width(
    qtbot: QtBot, panel: LibraryPanel
) -> None:
    panel.resize(LIBRARY_MIN_WIDTH, 400)
    view = panel.view
    want = view.fontMetrics().horizontalAdvance(TITLE_TEXT[:TITLE_CHARS]) + 6
    qtbot.waitUntil(lambda: view.columnWidth(TITLE) >= want)
    assert not view.isColumnHidden(DATE) and not view.isColumnHidden(STATE)
    assert not view.isColumnHidden(GIT)
    assert view.isColumnHidden(READING)  # it gave way to the title...
    tip = panel.model.index(0, TITLE).data(3)  # ToolTipRole
    assert "min" in tip  # ...and the tooltip still tells the reading time
    panel.resize(700, 400)  # room again: Read comes back
    qtbot.waitUntil(lambda: not view.isColumnHidden(READING))
    assert view.columnWidth(TITLE) >= want


def test_read_hidden_by_someone_else_stays_hidden(qtbot: QtBot, panel: LibraryPanel) -> None:
    panel.resize(800, 400)
    qtbot.waitUntil(lambda: not panel.view.isColumnHidden(READING))
    panel.view.setColumnHidden(READING, True)
    panel.resize(LIBRARY_MIN_WIDTH, 400)
    qtbot.waitUntil(lambda: panel.view.viewport().width() < 400)
    panel.resize(800, 400)
    qtbot.waitUntil(lambda: panel.view.viewport().width() > 700)
    assert panel.view.isColumnHidden(READING)
    assert panel.model.index(1, STATE).data() == "Scheduled"


def _needed(panel: LibraryPanel, row: int, col: int) -> int:
    """The width the view's delegate asks for the cell (its text unelided)."""
    view = panel.view
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    index = panel.model.index(row, col)
    return view.itemDelegateForIndex(index).sizeHint(option, index).width()


def test_state_makes_room_for_a_problem_icon_only_while_a_post_has_one(
    qtbot: QtBot, panel: LibraryPanel
) -> None:
    panel.resize(700, 400)
    view, model = panel.view, panel.model
    scheduled = next(r for r in range(model.rowCount()) if model.index(r, STATE).data())
    narrow = view.columnWidth(STATE)
    assert narrow >= _needed(panel, scheduled, STATE)
    rel = model.entry(scheduled).rel_path
    model.set_problems({rel: Severity.WARNING}, replace=True)
    assert model.index(scheduled, STATE).data(1) is not None  # DecorationRole: the icon
    qtbot.waitUntil(lambda: view.columnWidth(STATE) >= _needed(panel, scheduled, STATE))
    assert view.columnWidth(STATE) > narrow
    model.set_problems({}, replace=True)
    qtbot.waitUntil(lambda: view.columnWidth(STATE) == narrow)
