"""The About box."""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from editor import __version__


def about_text() -> str:
    python = ".".join(str(part) for part in sys.version_info[:3])
    tr = QCoreApplication.translate
    blurb = tr(
        "About",
        "A desktop Markdown editor for static-site bloggers (Hugo first), with a live "
        "preview that counts words and reading time the way Hugo does.",
    )
    return (
        f"<h3>Inkpost {__version__}</h3>"
        f"<p>{blurb}</p>"
        f"<p>Qt {qVersion()} · PySide6 {PySide6.__version__} · Python {python}</p>"
        f"<p>{tr('About', 'MIT licence.')}</p>"
    )


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("About", "About Inkpost"), about_text())
