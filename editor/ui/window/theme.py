"""Light and dark palettes for the whole application (Fusion style).

Fusion draws the edge of a line edit, combo box, spin or date box, check box and radio button
in its palette's window colour made darker; on a dark window that edge is as dark as the
field and disappears. `InkpostStyle` is Fusion with those edges drawn in DARK_EDGE on a dark
palette (3:1 against the window and the field, WCAG's contrast for a control's boundary).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

_DARK = {
    QPalette.ColorRole.Window: "#20242b",
    QPalette.ColorRole.WindowText: "#e5e7eb",
    QPalette.ColorRole.Base: "#181b20",
    QPalette.ColorRole.AlternateBase: "#232830",
    QPalette.ColorRole.Text: "#e5e7eb",
    QPalette.ColorRole.Button: "#2a2f38",
    QPalette.ColorRole.ButtonText: "#e5e7eb",
    QPalette.ColorRole.Highlight: "#3b82f6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#2a2f38",
    QPalette.ColorRole.ToolTipText: "#e5e7eb",
    QPalette.ColorRole.PlaceholderText: "#8b93a1",
    QPalette.ColorRole.Link: "#93c5fd",
    QPalette.ColorRole.Mid: "#3a404b",
    QPalette.ColorRole.Dark: "#14171c",
}
_LIGHT = {
    QPalette.ColorRole.Window: "#f3f4f6",
    QPalette.ColorRole.WindowText: "#1f2937",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f7f8fa",
    QPalette.ColorRole.Text: "#1f2937",
    QPalette.ColorRole.Button: "#f3f4f6",
    QPalette.ColorRole.ButtonText: "#1f2937",
    QPalette.ColorRole.Highlight: "#2563eb",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#1f2937",
    QPalette.ColorRole.PlaceholderText: "#9ca3af",
    QPalette.ColorRole.Link: "#2563eb",
}


DARK_EDGE = "#6b7280"  # the edge of a field, a check box, a combo box on the dark palette
_EDGED_PRIMITIVES = (
    QStyle.PrimitiveElement.PE_FrameLineEdit,
    QStyle.PrimitiveElement.PE_PanelLineEdit,
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
)
_EDGED_CONTROLS = (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox)


class InkpostStyle(QProxyStyle):
    """Fusion, with fields' edges that show on a dark palette. See the module docstring."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.dark = False

    def _edged(self, option: Any) -> Any:
        """`option` with the window colour Fusion darkens into DARK_EDGE (dark palette)."""
        if not self.dark or option is None:
            return option
        edged = type(option)(option)
        palette = QPalette(option.palette)
        palette.setColor(QPalette.ColorRole.Window, QColor(DARK_EDGE).lighter(140))
        edged.palette = palette
        return edged

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element in _EDGED_PRIMITIVES:
            option = self._edged(option)
        super().drawPrimitive(element, option, painter, widget)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if control in _EDGED_CONTROLS:
            option = self._edged(option)
        super().drawComplexControl(control, option, painter, widget)


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve_dark(theme: str) -> bool:
    """ "dark" / "light" as chosen, "system" following the platform's colour scheme."""
    if theme == "dark":
        return True
    if theme == "light":
        return False
    return system_prefers_dark()


def apply_palette(app: QApplication, dark: bool) -> None:
    """The light or dark palette for every widget (restyles open windows at once)."""
    style = app.style()
    if not isinstance(style, InkpostStyle):  # setting it again would repolish everything
        style = InkpostStyle()
        app.setStyle(style)
    style.dark = dark
    palette = QPalette()
    for role, color in (_DARK if dark else _LIGHT).items():
        palette.setColor(role, QColor(color))
    disabled = QColor("#6b7280" if dark else "#9ca3af")
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    app.setPalette(palette)
