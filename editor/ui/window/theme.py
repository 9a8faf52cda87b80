"""Light and dark palettes for the whole application (Fusion style)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

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
    if app.style().name().lower() != "fusion":  # setting it again would repolish everything
        app.setStyle("Fusion")
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
