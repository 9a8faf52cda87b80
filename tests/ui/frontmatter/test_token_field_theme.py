"""A token field inside a panel follows a theme switch, both ways: its empty area and its
input take the palette's base colour, its chips the button colours (pytest-qt)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from editor.ui.frontmatter.tokens import TokenField
from editor.ui.window import theme


@pytest.fixture
def app() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply_palette(app, False)
    yield app
    theme.apply_palette(app, False)  # the next tests start light


def _panel_with_field(qtbot: QtBot) -> tuple[QWidget, TokenField]:
    panel = QWidget()  # a child field, as in the front matter panel (not a window itself)
    qtbot.addWidget(panel)
    field = TokenField(panel, noun="tag")
    field.set_tokens(["rust", "go"])
    QVBoxLayout(panel).addWidget(field)
    panel.resize(300, 120)
    panel.show()
    qtbot.waitExposed(panel)
    return panel, field


def _empty_area(field: TokenField) -> QColor:
    """The colour drawn at the field's bottom right, right of the input (no chip there)."""
    image = field.grab().toImage()
    return image.pixelColor(image.width() - 6, image.height() - 5)


def _input_area(field: TokenField) -> QColor:
    image = field.input.grab().toImage()
    return image.pixelColor(image.width() - 3, image.height() // 2)


@pytest.mark.parametrize("dark_first", [False, True])
def test_the_fields_empty_area_follows_a_theme_switch(
    qtbot: QtBot, app: QApplication, dark_first: bool
) -> None:
    theme.apply_palette(app, dark_first)
    _panel, field = _panel_with_field(qtbot)
    for dark in (dark_first, not dark_first, dark_first):
        theme.apply_palette(app, dark)
        base = app.palette().color(QPalette.ColorRole.Base)
        qtbot.waitUntil(lambda base=base: _empty_area(field) == base)
        assert _input_area(field) == base
        assert (base.lightness() < 100) == dark
        chip = field.chips()[0]
        button = app.palette().color(QPalette.ColorRole.Button)
        image = chip.grab().toImage()
        assert image.pixelColor(chip.width() // 2, chip.height() - 4) == button
