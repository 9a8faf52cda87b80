"""Switching theme in Preferences restyles the open window at once, both ways."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from editor.ui.editor.documents import DocumentTab
from editor.ui.window import theme
from editor.ui.window.main_window import MainWindow
from tests.files import write_site
from tests.ui.windows import WindowMaker, close_window


@pytest.fixture
def window(make_window: WindowMaker, tmp_path: Path) -> Iterator[MainWindow]:
    text = "---\ntitle: {}\ntags: [a]\n---\n\nSome *words*.\n"
    root = write_site(tmp_path / "site", {f"{n}.md": text.format(n) for n in ("first", "second")})
    posts = root / "content" / "posts"
    settings = make_window.settings
    settings.save_preferences(replace(settings.preferences(), theme="light"))
    win = make_window(root)
    win.open_post(posts / "first.md")
    win.open_post(posts / "second.md")
    make_window.show(win, (760, 560))
    yield win
    close_window(win)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply_palette(app, False)  # the next tests start light


def _is_dark(color: QColor) -> bool:
    return color.lightness() < 100


def _pixel(widget: QWidget, x: int, y: int) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(min(x, image.width() - 1), min(y, image.height() - 1))


def _contrast(image: QImage) -> float:
    """WCAG contrast between the lightest and darkest pixels (a glyph on its ground)."""

    def luminance(color: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(color.redF())
            + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF())
        )

    values = [
        luminance(image.pixelColor(x, y))
        for x in range(image.width())
        for y in range(image.height())
    ]
    return (max(values) + 0.05) / (min(values) + 0.05)


def _check_theme(window: MainWindow, dark: bool) -> None:
    tabs: list[DocumentTab] = window.tab_list()
    assert len(tabs) == 2
    for tab in tabs:  # the hidden tab's editor too
        editor = tab.editor
        viewport = editor.viewport()
        assert _is_dark(viewport.palette().color(viewport.backgroundRole())) == dark
        assert _is_dark(editor.palette().color(QPalette.ColorRole.Text)) != dark
        front_matter = editor.document().findBlockByNumber(1).layout().formats()
        assert front_matter and all(
            _is_dark(item.format.background().color()) == dark for item in front_matter
        )
    editor = window.current_editor()
    assert editor is not None
    blank = _pixel(
        editor.viewport(), editor.viewport().width() - 30, editor.viewport().height() - 5
    )
    assert _is_dark(blank) == dark, blank.name()
    gutter = editor.findChild(QWidget, "lineNumbers")
    assert gutter is not None and _is_dark(_pixel(gutter, 2, gutter.height() - 5)) == dark
    bar = window.tabs.tabBar()
    assert _is_dark(_pixel(bar, bar.width() - 5, bar.height() // 2)) == dark
    for index in range(window.tabs.count()):
        close = bar.tabButton(index, bar.ButtonPosition.RightSide)
        assert isinstance(close, QToolButton) and close.isVisible()
        ground = bar.grab(close.geometry()).toImage()  # the "×" as drawn on its tab
        assert _contrast(ground) >= 3.0, (index, dark)


def test_switching_theme_restyles_editors_gutters_highlighters_and_tabs(
    qtbot: QtBot, window: MainWindow
) -> None:
    _check_theme(window, dark=False)
    window.appearance.change(theme="dark")
    qtbot.waitUntil(lambda: _is_dark(window.palette().color(QPalette.ColorRole.Window)))
    _check_theme(window, dark=True)
    window.appearance.change(theme="light")
    qtbot.waitUntil(lambda: not _is_dark(window.palette().color(QPalette.ColorRole.Window)))
    _check_theme(window, dark=False)


def test_dark_fields_and_check_boxes_show_their_edges(qtbot: QtBot, window: MainWindow) -> None:
    """Fusion's edge is its window colour made darker: on the dark palette it matched the
    field (contrast 1.0). Now the edges of the front matter form's fields stand out."""
    window.appearance.change(theme="dark")
    qtbot.waitUntil(lambda: _is_dark(window.palette().color(QPalette.ColorRole.Window)))
    window.actions_by_id["toggle_front_matter"].setChecked(True)
    panel = window.front_matter.panel
    dock = window.front_matter.dock
    qtbot.waitUntil(lambda: dock.isVisible() and panel.title.width() > 40)
    assert _is_dark(_pixel(dock, dock.width() // 2, dock.height() - 3))  # the dock is dark
    ground = panel.palette().color(QPalette.ColorRole.Window)
    for field in (panel.title, panel.draft, panel.date):
        image = field.grab().toImage()
        edges = [image.pixelColor(x, image.height() // 2) for x in range(4)]
        assert max(_ratio(edge, ground) for edge in edges) >= 2.5, type(field).__name__


def _ratio(one: QColor, other: QColor) -> float:
    image = QImage(2, 1, QImage.Format.Format_RGB32)
    image.setPixelColor(0, 0, one)
    image.setPixelColor(1, 0, other)
    return _contrast(image)
