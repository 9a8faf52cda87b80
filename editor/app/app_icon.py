"""Inkpost's icon for its windows, from the bundled SVG and PNG sizes."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from editor.app.desktop_entry import ICON_SIZES
from editor.app.resources import resource_path


def application_icon() -> QIcon:
    """Every bundled PNG size (exact pixels at small sizes), and the SVG for the others."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path(f"icons/inkpost-{size}.png")), QSize(size, size))
    icon.addFile(str(resource_path("icons/inkpost.svg")))
    return icon
