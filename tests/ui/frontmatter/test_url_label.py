"""The front matter panel's "Published at" line wraps a long URL instead of cutting it off,
and copying it gives the real URL (pytest-qt)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QGuiApplication, QTextLayout, QTextOption
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from editor.ui.frontmatter.panel import FrontMatterPanel
from editor.ui.frontmatter.url_label import ZWSP, UrlLabel, with_breaks, without_breaks

URL = "https://fieldnotes.example.org/2027/webassembly-components-one-year-later/"
WIDTH = 130  # px: the URL line beside the form labels in a narrow dock (as at 1400x900)


def _widest_line(label: UrlLabel, text: str, width: int) -> float:
    """The widest line of `text` in the label's font, wrapped at words only (as QLabel
    does) in `width` px."""
    layout = QTextLayout(text, label.font())
    layout.setTextOption(QTextOption(Qt.AlignmentFlag.AlignLeft))
    option = layout.textOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    widest = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return widest


def _shown(label: UrlLabel) -> str:
    """What QLabel draws (its C++ text), not the real text Python callers get."""
    return super(UrlLabel, label).text()


def test_breaks_go_after_separators_and_come_out_again() -> None:
    shown = with_breaks(URL)
    assert f"https:/{ZWSP}/{ZWSP}fieldnotes.{ZWSP}example" in shown
    assert shown.endswith("later/")  # nothing after the last one
    assert without_breaks(shown) == URL


def test_the_panels_url_line_wraps_within_its_width(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    panel = FrontMatterPanel(holder)
    QVBoxLayout(holder).addWidget(panel)
    panel.set_url(URL)
    label = panel.url
    assert isinstance(label, UrlLabel)
    assert label.text() == f"Published at: {URL}"  # the real text
    assert _widest_line(label, label.text(), WIDTH) > WIDTH  # as it was: cut off
    assert _widest_line(label, _shown(label), WIDTH) <= WIDTH  # every line fits
    assert label.heightForWidth(WIDTH) > label.fontMetrics().height() * 2  # it wraps
    assert label.toolTip() == URL


def test_copying_gives_the_real_url(qtbot: QtBot) -> None:
    label = UrlLabel()
    qtbot.addWidget(label)
    label.setText(f"Published at: {URL}")
    label.resize(WIDTH, 120)
    label.show()
    qtbot.waitExposed(label)
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    label.copy_url_action.trigger()
    assert clipboard.text() == URL
    clipboard.clear()
    label.setSelection(0, len(_shown(label)))
    label.setFocus()
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text(QClipboard.Mode.Clipboard) == f"Published at: {URL}"
    assert ZWSP not in clipboard.text()
    assert [a.text() for a in label.actions()] == ["Copy", "Copy URL"]
