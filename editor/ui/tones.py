"""Text tones (an error's red, a warning's amber, ...) that stay readable in light and dark themes.

`set_tone(label, "error")` colours the label's text with the tone's light or dark shade,
chosen from the label's own palette, and again whenever that palette changes (a theme
switch). Each shade has a contrast of 4.5:1 or more against its theme's window colour.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

TONES = {  # tone -> (on a light palette, on a dark palette)
    "error": ("#b91c1c", "#f87171"),
    "warning": ("#8a5300", "#fbbf24"),
    "info": ("#1565c0", "#60a5fa"),
    "success": ("#2e7d32", "#4ade80"),
    "accent": ("#6a1b9a", "#c084fc"),
    "muted": ("#616161", "#9ca3af"),
}
_brushes: dict[tuple[str, bool], QBrush] = {}


def is_dark(palette: QPalette) -> bool:
    """Is `palette` a dark one (its window colour dark)?"""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone_brush(tone: str) -> QBrush:
    """A brush of `tone`'s shade for the application's palette now (item views ask their
    model for colours at each paint, so a theme switch shows at the next repaint)."""
    key = (tone, is_dark(QGuiApplication.palette()))
    brush = _brushes.get(key)
    if brush is None:
        brush = _brushes[key] = QBrush(QColor(TONES[tone][key[1]]))
    return brush


class _Tone(QObject):
    """Keeps one widget's text in its tone's shade for its palette."""

    def __init__(self, widget: QWidget, tone: str) -> None:
        super().__init__(widget)
        self.tone = tone
        widget.installEventFilter(self)
        self.apply(widget)

    def apply(self, widget: QWidget) -> None:
        palette = widget.palette()
        shade = QColor(TONES[self.tone][is_dark(palette)])
        if palette.color(QPalette.ColorRole.WindowText) != shade:  # no change, no new event
            palette.setColor(QPalette.ColorRole.WindowText, shade)
            palette.setColor(QPalette.ColorRole.Text, shade)
            widget.setPalette(palette)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange and isinstance(watched, QWidget):
            self.apply(watched)
        return False


def set_tone(widget: QWidget, tone: str | None) -> None:
    """Colour `widget`'s text in `tone` ("error", "warning") for its palette, now and later;
    None: the palette's own text colour again."""
    keeper = widget.findChild(_Tone)
    if tone is None:
        if keeper is not None:
            widget.removeEventFilter(keeper)
            keeper.setParent(None)
            keeper.deleteLater()
            widget.setPalette(QPalette())  # every colour inherited again
        return
    if keeper is None:
        _Tone(widget, tone)
    else:
        keeper.tone = tone
        keeper.apply(widget)
