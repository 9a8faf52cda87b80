"""The Help menu's dialogs: Keyboard Shortcuts, User Guide and Report a Problem.

`HelpMenu(window)` opens them. The shortcuts list is generated from the window's menus and
actions (title, shortcut, menu), with a search box; the guide is a Markdown file the app
hands over (`guide_file`), rendered by Inkpost's own renderer into a QTextBrowser (nothing
is fetched); the problem report is plain text copied to the clipboard: versions, platform,
Inkpost's folders and the open site, with the project's issue page to paste it into.
"""

from __future__ import annotations

import html as html_lib
import platform
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import PySide6
from PySide6.QtCore import QObject, Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor import __version__
from editor.core.folders import Folders, folders
from editor.ui.accessibility import label
from editor.ui.window.actions import shortcut_text

ISSUES_URL = "https://github.com/inkpost/inkpost/issues"  # pyproject's [project.urls] Issues


@dataclass(frozen=True, slots=True)
class ShortcutRow:
    title: str
    shortcut: str
    menu: str

    def matches(self, query: str) -> bool:
        """Does `query` (any case) appear in the title, the shortcut or the menu?"""
        needle = query.strip().casefold()
        return not needle or any(needle in part.casefold() for part in self)

    def __iter__(self) -> Any:
        return iter((self.title, self.shortcut, self.menu))


def _plain(text: str) -> str:
    """A menu text without its mnemonic marks and the shortcut after a tab."""
    return text.partition("\t")[0].replace("&&", "\0").replace("&", "").replace("\0", "&")


_MEDIA_KEYS = 0x01000060  # Qt::Key_Back and above: keyboards' media and launch keys


def _typed(sequence: QKeySequence) -> bool:
    """A sequence typed on the keyboard (not a media key such as Copy or Save)."""
    return sequence.count() > 0 and sequence[0].key().value < _MEDIA_KEYS


def _shortcuts(action: QAction) -> str:
    """The action's shortcuts as menus show them, media keys left out."""
    sequences = action.shortcuts()
    first = shortcut_text(action) if sequences and _typed(sequences[0]) else ""
    others = [
        sequence.toString(QKeySequence.SequenceFormat.NativeText)
        for sequence in sequences[1:]
        if _typed(sequence)
    ]
    return ", ".join(text for text in [first, *others] if text)


def shortcut_rows(menu_bar: QMenuBar, actions: Iterable[QAction] = ()) -> list[ShortcutRow]:
    """Every action of the menus (submenus named "Menu > Submenu"), in menu order, then the
    `actions` no menu holds."""
    rows: list[ShortcutRow] = []
    seen: set[QAction] = set()

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{path} > {_plain(action.text())}")
                continue
            if action.objectName().startswith("action_"):  # the window's own, not a list entry
                seen.add(action)
                rows.append(ShortcutRow(_plain(action.text()), _shortcuts(action), path))

    for top in menu_bar.actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _plain(top.text()))
    for action in actions:
        if action not in seen and action.objectName().startswith("action_"):
            rows.append(ShortcutRow(_plain(action.text()), _shortcuts(action), ""))
    return rows


class ShortcutsDialog(QDialog):
    """A searchable table of the window's actions: title, shortcut, menu."""

    def __init__(self, rows: list[ShortcutRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.resize(560, 520)
        self.rows = rows
        self.search = QLineEdit(self)
        self.search.setObjectName("shortcutsSearch")
        self.search.setPlaceholderText(self.tr("Search actions, keys or menus"))
        self.search.setClearButtonEnabled(True)
        label(self.search, self.tr("Search shortcuts"), self.tr("Filters the list as you type"))
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setObjectName("shortcutsTable")
        label(self.table, self.tr("Shortcuts"), self.tr("Each action, its keys and its menu"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Action"), self.tr("Shortcut"), self.tr("Menu")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for row, entry in enumerate(rows):
            for column, text in enumerate(entry):
                self.table.setItem(row, column, QTableWidgetItem(text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.filter)
        self.search.setFocus()

    def filter(self, query: str) -> None:
        for row, entry in enumerate(self.rows):
            self.table.setRowHidden(row, not entry.matches(query))

    def visible_titles(self) -> list[str]:
        return [
            entry.title for row, entry in enumerate(self.rows) if not self.table.isRowHidden(row)
        ]


def guide_html(markdown: str) -> str:
    """The guide's Markdown as HTML, by Inkpost's own renderer (no site: Hugo's defaults)."""
    from editor.core.markdown.renderer import Renderer

    return Renderer(None, cache=False).render_fragment(markdown)


class GuideDialog(QDialog):
    """The user guide, rendered, in a browser that fetches nothing."""

    def __init__(self, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(self.tr("Inkpost User Guide"))
        self.resize(720, 640)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(True)  # the system's browser, on a click only
        self.browser.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


def problem_report(site_root: Path | None, found: Folders | None = None) -> str:
    """What a bug report needs: versions, platform, Inkpost's folders, the open site."""
    found = found or folders()
    python = ".".join(str(part) for part in sys.version_info[:3])
    lines = [
        f"Inkpost {__version__}",
        f"Python {python} ({sys.executable})",
        f"Qt {qVersion()}, PySide6 {PySide6.__version__}",
        f"Platform: {platform.platform()}",
        f"Qt platform: {QApplication.platformName() or '(none)'}",
        f"Config folder: {found.config}",
        f"Data folder: {found.data}",
        f"Cache folder: {found.cache}",
        f"Site: {site_root if site_root is not None else '(none)'}",
    ]
    return "\n".join(lines) + "\n"


class ReportDialog(QDialog):
    """Says what was copied to the clipboard, and where to report the problem."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle(self.tr("Report a Problem"))
        self.resize(620, 380)
        intro = QLabel(
            self.tr(
                "These details were copied to the clipboard. Please paste them into a new "
                "issue at <a href='{url}'>{url}</a>, with what you did and what happened."
            ).format(url=ISSUES_URL),
            self,
        )
        intro.setWordWrap(True)
        intro.setOpenExternalLinks(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.details = QPlainTextEdit(report, self)
        self.details.setObjectName("reportDetails")
        self.details.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details)
        layout.addWidget(buttons)


class HelpMenu(QObject):
    """Opens the Help menu's dialogs for `window` (a MainWindow: its menus, actions, site).
    `guide_file` is the user guide's Markdown (the app sets it; None: not installed)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        self.guide_file: Path | None = None
        self.dialog: QDialog | None = None  # the one shown last (tests read it)

    def _show(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: self._forget(dialog))
        dialog.show()
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def show_shortcuts(self) -> QDialog:
        rows = shortcut_rows(self._window.menuBar(), self._window.actions())
        return self._show(ShortcutsDialog(rows, self._window))

    def show_guide(self) -> QDialog:
        try:
            if self.guide_file is None:
                raise FileNotFoundError("the guide is not installed with this Inkpost")
            html = guide_html(self.guide_file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            message = self.tr("The user guide could not be read: {error}")
            html = f"<p>{html_lib.escape(message.format(error=error))}</p>"
        return self._show(GuideDialog(html, self._window))

    def report_problem(self) -> QDialog:
        site = getattr(self._window, "site", None)
        report = problem_report(Path(site.root) if site is not None else None)
        QApplication.clipboard().setText(report)
        return self._show(ReportDialog(report, self._window))
