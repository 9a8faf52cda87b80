"""The Problems panel: the current post's problems from the site checks, live as one types.

    panel = ProblemsPanel()
    dock.setWidget(panel)
    panel.set_problems(diagnostics)            # a CheckRunner's postChecked
    panel.goToLineRequested.connect(editor.go_to_line)

Each row shows the severity (the style's icon, so it reads in light and dark palettes), the
message, the line and the check's id; errors first, then by line. Double-click or Enter on a
row with a line asks to go to it.

Signals: `goToLineRequested(int)`: the 1-based line of the row activated.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.diagnostics import Diagnostic, Severity
from editor.ui.translate import fill

__all__ = ["ProblemsPanel"]

COLUMNS = (  # marked for lupdate, translated when the view is built
    QT_TRANSLATE_NOOP("ProblemsPanel", "Problem"),
    QT_TRANSLATE_NOOP("ProblemsPanel", "Line"),
    QT_TRANSLATE_NOOP("ProblemsPanel", "Check"),
)
MESSAGE, LINE, CODE = range(3)
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}
_LINE_ROLE = Qt.ItemDataRole.UserRole + 1


def summary_text(diagnostics: Sequence[Diagnostic]) -> str:
    """ "No problems", or the counts: "1 error, 2 warnings"."""
    counts = {s: sum(1 for d in diagnostics if d.severity == s) for s in Severity}
    one = {Severity.ERROR: _tr("1 error"), Severity.WARNING: _tr("1 warning")}
    many = {Severity.ERROR: _tr("%1 errors"), Severity.WARNING: _tr("%1 warnings")}
    one[Severity.INFO], many[Severity.INFO] = _tr("1 note"), _tr("%1 notes")
    parts = [one[s] if n == 1 else fill(many[s], n) for s in Severity if (n := counts[s]) > 0]
    return ", ".join(parts) if parts else _tr("No problems")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProblemsPanel", text)


class ProblemsPanel(QWidget):
    """The dock's content (see the module docstring)."""

    goToLineRequested = Signal(int)  # noqa: N815 (Qt signal naming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems")
        self.summary = QLabel(self.tr("No problems"), self)
        self.summary.setObjectName("problemsSummary")
        self.summary.setAccessibleName(self.tr("Problems summary"))
        self.view = QTreeWidget(self)
        self.view.setObjectName("problemsView")
        self.view.setAccessibleName(self.tr("Problems of the current post"))
        self.view.setAccessibleDescription(self.tr("Double-click or press Enter to go to the line"))
        self.view.setColumnCount(len(COLUMNS))
        self.view.setHeaderLabels([self.tr(title) for title in COLUMNS])
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(LINE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CODE, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        self.view.itemActivated.connect(self._on_view_item_activated)
        self._problems: list[Diagnostic] = []

    @property
    def problems(self) -> list[Diagnostic]:
        """The problems shown, in their order."""
        return list(self._problems)

    def set_problems(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Show `diagnostics` (one post's), errors first, then by line."""
        ordered = sorted(diagnostics, key=lambda d: (_ORDER[d.severity], d.line or 0))
        if ordered == self._problems:
            return  # typing that changes nothing keeps the selection and scroll
        self._problems = ordered
        self.view.clear()
        style = self.style()
        icons: dict[Severity, QIcon] = {s: style.standardIcon(p) for s, p in _ICONS.items()}
        items = []
        for diagnostic in ordered:
            line = "" if diagnostic.line is None else str(diagnostic.line)
            item = QTreeWidgetItem([diagnostic.message, line, diagnostic.code or ""])
            item.setIcon(MESSAGE, icons[diagnostic.severity])
            item.setToolTip(MESSAGE, f"{diagnostic.severity.value}: {diagnostic.message}")
            item.setData(MESSAGE, _LINE_ROLE, diagnostic.line)
            item.setTextAlignment(LINE, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        self.view.addTopLevelItems(items)
        self.summary.setText(summary_text(ordered))

    def _on_view_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        line = item.data(MESSAGE, _LINE_ROLE)
        if isinstance(line, int) and line > 0:
            self.goToLineRequested.emit(line)
