"""Error and warning text stays readable (4.5:1) in the light and the dark theme, and follows
a theme switch."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from editor.ui.frontmatter.panel import FrontMatterPanel
from editor.ui.tones import set_tone
from editor.ui.window import theme


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in (color.redF(), color.greenF(), color.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(widget: QWidget) -> float:
    palette = widget.palette()
    one = _luminance(palette.color(QPalette.ColorRole.WindowText))
    other = _luminance(palette.color(QPalette.ColorRole.Window))
    return (max(one, other) + 0.05) / (min(one, other) + 0.05)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    theme.apply_palette(qapp, False)
    yield qapp
    theme.apply_palette(qapp, False)  # the next tests start light


def test_a_tone_follows_the_theme_both_ways(qtbot: QtBot, app: QApplication) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    label = QLabel("Front matter does not parse", parent)
    set_tone(label, "error")
    light = label.palette().color(QPalette.ColorRole.WindowText)
    assert _contrast(label) >= 4.5
    theme.apply_palette(app, True)
    qtbot.waitUntil(lambda: label.palette().color(QPalette.ColorRole.Window).lightness() < 128)
    assert _contrast(label) >= 4.5
    assert label.palette().color(QPalette.ColorRole.WindowText) != light
    theme.apply_palette(app, False)
    qtbot.waitUntil(lambda: label.palette().color(QPalette.ColorRole.WindowText) == light)


def test_the_front_matter_panel_messages_read_in_the_dark(qtbot: QtBot, app: QApplication) -> None:
    theme.apply_palette(app, True)
    panel = FrontMatterPanel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    for label in (panel.message, panel.warnings):
        label.ensurePolished()  # a style sheet's colour is in the palette once polished
    # Before: #c62828 and #b26a00 on the dark window, 2.8:1 and 3.7:1.
    for label in (panel.message, panel.warnings):
        assert _contrast(label) >= 4.5, label.objectName()


def test_no_tone_gives_the_label_its_palette_back(qtbot: QtBot, app: QApplication) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    label = QLabel("Checking the posts…", parent)
    plain = label.palette().color(QPalette.ColorRole.WindowText)
    set_tone(label, "error")
    assert label.palette().color(QPalette.ColorRole.WindowText) != plain
    set_tone(label, None)
    assert label.palette().color(QPalette.ColorRole.WindowText) == plain
    theme.apply_palette(app, True)  # and it follows the theme again, untoned
    qtbot.waitUntil(lambda: label.palette().color(QPalette.ColorRole.WindowText) != plain)
    assert _contrast(label) >= 4.5


def _ratio(one: QColor, other: QColor) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_item_view_tones_read_in_both_themes(app: QApplication) -> None:
    """The library's state and git colours (tone_brush) follow the application's palette.
    Before: fixed light-theme colours, e.g. Scheduled #1565c0 on the dark window, about 3:1."""
    from editor.ui.tones import TONES, tone_brush

    for dark in (False, True):
        theme.apply_palette(app, dark)
        window = app.palette().color(QPalette.ColorRole.Window)
        for tone in TONES:
            shade = tone_brush(tone).color()
            assert shade == QColor(TONES[tone][dark])
            assert _ratio(shade, window) >= 4.5, (tone, dark)
