"""The library's count line says "post" for one, and its column headers sort the list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from editor.core.library.types import SortKey
from editor.core.site.config import find_site
from editor.ui.library.model import DATE, READING, TITLE
from editor.ui.library.panel import LibraryPanel

POSTS = {
    "posts/alpha.md": "---\ntitle: Alpha\ndate: 2024-01-01\n---\nOne.\n",
    "posts/beta.md": "---\ntitle: Beta\ndate: 2024-03-01\n---\nTwo two.\n",
    "posts/gamma.md": "---\ntitle: Gamma\ndate: 2024-02-01\n---\nThree three three.\n",
}


def _panel(qtbot: QtBot, tmp_path: Path, posts: dict[str, str]) -> LibraryPanel:
    root = tmp_path / "site"
    root.mkdir()
    (root / "hugo.toml").write_text('baseURL = "https://e.org/"\ntitle = "T"\n')
    for rel, text in posts.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    panel = LibraryPanel(figures=False)
    qtbot.addWidget(panel)
    panel.set_debounce_ms(-1)
    panel.set_site(find_site(root), tmp_path / "cache" / "library.sqlite")
    scanner = panel.scanner
    assert scanner is not None
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(posts) and not scanner.busy)
    return panel


@pytest.fixture
def panel(qtbot: QtBot, tmp_path: Path):  # type: ignore[no-untyped-def]
    widget = _panel(qtbot, tmp_path, POSTS)
    widget.resize(600, 400)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close_site()


def _titles(panel: LibraryPanel) -> list[str]:
    model = panel.model
    return [model.data(model.index(r, TITLE)).split("\n")[0] for r in range(model.rowCount())]


def _click_header(qtbot: QtBot, panel: LibraryPanel, column: int) -> None:
    header = panel.view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_one_post_is_singular(qtbot: QtBot, tmp_path: Path) -> None:
    panel = _panel(qtbot, tmp_path, {"posts/only.md": "---\ntitle: Only\n---\nAlone.\n"})
    try:
        assert panel.status_label.text() == "1 post"
        panel.search_edit.setText("alone")
        qtbot.waitUntil(lambda: panel.status_label.text() == "1 found · 1 post")
    finally:
        panel.close_site()


def test_counts_say_posts_for_many(panel: LibraryPanel, qtbot: QtBot) -> None:
    assert panel.status_label.text() == "3 posts"
    panel.search_edit.setText("three")
    qtbot.waitUntil(lambda: panel.status_label.text() == "1 found · 3 posts")


def test_header_clicks_sort_and_keep_the_combo_in_step(panel: LibraryPanel, qtbot: QtBot) -> None:
    header = panel.view.horizontalHeader()
    assert _titles(panel) == ["Beta", "Gamma", "Alpha"]  # newest first
    assert header.isSortIndicatorShown() and header.sortIndicatorSection() == DATE
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    with qtbot.waitSignal(panel.sortChanged):
        _click_header(qtbot, panel, TITLE)
    assert _titles(panel) == ["Alpha", "Beta", "Gamma"]
    assert panel.sort_combo.currentData() == SortKey.TITLE
    assert header.sortIndicatorSection() == TITLE
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder

    _click_header(qtbot, panel, TITLE)  # again: reversed
    assert _titles(panel) == ["Gamma", "Beta", "Alpha"]
    assert panel.sort() == (SortKey.TITLE, True)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    _click_header(qtbot, panel, DATE)
    assert _titles(panel) == ["Beta", "Gamma", "Alpha"]
    _click_header(qtbot, panel, DATE)
    assert _titles(panel) == ["Alpha", "Gamma", "Beta"]  # oldest first
    assert panel.sort() == (SortKey.DATE, False)

    _click_header(qtbot, panel, READING)  # no sort for it: nothing changes
    assert _titles(panel) == ["Alpha", "Gamma", "Beta"]
    assert header.sortIndicatorSection() == DATE
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder


def test_the_combo_moves_the_indicator_and_restores_a_saved_sort(panel: LibraryPanel) -> None:
    header = panel.view.horizontalHeader()
    panel.sort_combo.setCurrentIndex(panel.sort_combo.findData(SortKey.TITLE))
    assert header.sortIndicatorSection() == TITLE
    assert _titles(panel) == ["Alpha", "Beta", "Gamma"]
    panel.sort_combo.setCurrentIndex(panel.sort_combo.findData(SortKey.MODIFIED))
    assert header.sortIndicatorSection() == -1  # no column shows the last change
    panel.set_sort(SortKey.TITLE, descending=True)
    assert _titles(panel) == ["Gamma", "Beta", "Alpha"]
    assert panel.sort_combo.currentData() == SortKey.TITLE
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
