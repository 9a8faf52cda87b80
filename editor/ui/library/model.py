"""A table model over a list of library entries (or search hits), for the sidebar.

Rows are `PostEntry` objects already sorted and filtered by the core index; `data()`
only formats what each entry holds (no disk access). Columns: title (a warning icon
when the post has problems, diagnostics in the tooltip), date, state badge ("Draft",
"Scheduled", "Expired"; nothing for published; an error or warning icon when the site
checks found problems, `set_problems`), reading time and, for a site in a git repository
(`set_git`), the post's git state as a one-character mark. In search mode the
title's second line is the matching snippet. A post without a title (Hugo shows none)
is listed by its file name, in grey italics and marked "(untitled)", for display only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QApplication, QStyle

from editor.core.diagnostics import Severity
from editor.core.library.types import PostEntry, PostState, SearchHit
from editor.core.publish.git import GitState
from editor.ui.tones import tone_brush
from editor.ui.translate import fill

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
PATH_ROLE = Qt.ItemDataRole.UserRole + 2
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 3
STATE_ROLE = Qt.ItemDataRole.UserRole + 4
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 6  # the site checks' worst Severity, or None
HIGHLIGHTS_ROLE = Qt.ItemDataRole.UserRole + 5  # (start, end) of matches in the snippet
GIT_ROLE = Qt.ItemDataRole.UserRole + 7  # the post's GitState, or None (no git, not known)

# Texts marked for lupdate (QT_TRANSLATE_NOOP), translated where they are shown (_tr).
COLUMNS = (
    QT_TRANSLATE_NOOP("LibraryModel", "Title"),
    QT_TRANSLATE_NOOP("LibraryModel", "Date"),
    QT_TRANSLATE_NOOP("LibraryModel", "State"),
    QT_TRANSLATE_NOOP("LibraryModel", "Read"),
    QT_TRANSLATE_NOOP("LibraryModel", "Git"),
)
TITLE, DATE, STATE, READING, GIT = range(5)
_BADGES = {
    PostState.DRAFT: (QT_TRANSLATE_NOOP("LibraryModel", "Draft"), "warning"),
    PostState.SCHEDULED: (QT_TRANSLATE_NOOP("LibraryModel", "Scheduled"), "info"),
    PostState.EXPIRED: (QT_TRANSLATE_NOOP("LibraryModel", "Expired"), "muted"),
    PostState.PUBLISHED: ("", ""),
}
_Index = QModelIndex | QPersistentModelIndex
_PROBLEM_ICONS = {  # error?
    True: QStyle.StandardPixmap.SP_MessageBoxCritical,
    False: QStyle.StandardPixmap.SP_MessageBoxWarning,
}
_GIT_MARKS = {  # mark, tone (ui/tones.py), tooltip
    GitState.NEW: ("N", "success", QT_TRANSLATE_NOOP("LibraryModel", "Git: new, never committed")),
    GitState.MODIFIED: (
        "M",
        "warning",
        QT_TRANSLATE_NOOP("LibraryModel", "Git: changed since the last commit"),
    ),
    GitState.STAGED: (
        "S",
        "info",
        QT_TRANSLATE_NOOP("LibraryModel", "Git: changes staged, not committed"),
    ),
    GitState.UNPUSHED: (
        "↑",
        "accent",
        QT_TRANSLATE_NOOP("LibraryModel", "Git: committed, not pushed yet"),
    ),
    GitState.SYNCED: (
        "✓",
        "muted",
        QT_TRANSLATE_NOOP("LibraryModel", "Git: committed and pushed"),
    ),
    GitState.IGNORED: (
        "–",
        "muted",
        QT_TRANSLATE_NOOP("LibraryModel", "Git: ignored (.gitignore), never published"),
    ),
}
UNPUBLISHED = frozenset({GitState.NEW, GitState.MODIFIED, GitState.STAGED, GitState.UNPUSHED})
_PROBLEM_TIPS = {
    Severity.ERROR: QT_TRANSLATE_NOOP(
        "LibraryModel", "Checks: errors (Hugo's build would fail); see View > Problems"
    ),
    Severity.WARNING: QT_TRANSLATE_NOOP("LibraryModel", "Checks: warnings; see View > Problems"),
}


def title_text(entry: PostEntry) -> str:
    """The title to show: the post's own, else its file name marked "(untitled)"."""
    return entry.title or fill(_tr("%1 (untitled)"), entry.display_title)


def reading_text(minutes: int, exact: bool) -> str:
    """The Read column's text: "~3 min" ("~": estimated from a body not read yet)."""
    return ("" if exact else "~") + fill(_tr("%1 min"), minutes)


def badge_texts() -> tuple[str, ...]:
    """The State column's texts, translated (for its width)."""
    return tuple(_tr(text) for text, _color in _BADGES.values() if text)


def _tr(text: str) -> str:
    return QCoreApplication.translate("LibraryModel", text) if text else text


class LibraryModel(QAbstractTableModel):
    """Rows of PostEntry (optionally with search snippets); set with set_entries/set_hits."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[PostEntry] = []
        self._snippets: list[str] = []
        self._highlights: list[tuple[tuple[int, int], ...]] = []
        self._states: list[PostState] = []
        self._now = datetime.now(UTC)
        self._problems: dict[str, Severity] = {}  # rel_path -> the checks' worst severity
        self._git: dict[str, GitState] | None = None  # rel_path -> state; None: no git

    def has_problems(self) -> bool:
        """Whether any post has a problem icon (the State column makes room for it)."""
        return bool(self._problems)

    def set_problems(self, problems: dict[str, Severity | None], *, replace: bool) -> bool:
        """The site checks' worst severity per post (rel_path; None: no problem), shown as
        an icon in the state column; `replace` forgets the posts not named. True if that
        changed anything. One dataChanged for the column, only when something changed."""
        if replace:
            new = {rel: severity for rel, severity in problems.items() if severity is not None}
            if new == self._problems:
                return False
            self._problems = new
        elif not self._merge_problems(problems):
            return False
        if self._entries:
            last = self.index(len(self._entries) - 1, STATE)
            self.dataChanged.emit(self.index(0, STATE), last)
        return True

    def _merge_problems(self, problems: dict[str, Severity | None]) -> bool:
        changed = False
        for rel, severity in problems.items():
            if self._problems.get(rel) == severity:
                continue
            changed = True
            if severity is None:
                del self._problems[rel]
            else:
                self._problems[rel] = severity
        return changed

    def problem(self, rel_path: str) -> Severity | None:
        return self._problems.get(rel_path)

    def set_git(self, states: Mapping[str, GitState] | None) -> bool:
        """Each post's git state (rel_path; None: the site is no git repository), shown
        in the Git column. True if that changed anything."""
        new = None if states is None else dict(states)
        if new == self._git:
            return False
        self._git = new
        if self._entries:
            last = self.index(len(self._entries) - 1, GIT)
            self.dataChanged.emit(self.index(0, GIT), last)
        return True

    @property
    def has_git(self) -> bool:
        return self._git is not None

    def git_state(self, rel_path: str) -> GitState | None:
        return None if self._git is None else self._git.get(rel_path)

    def set_entries(self, entries: Sequence[PostEntry], now: datetime | None = None) -> None:
        self.beginResetModel()
        self._now = now or datetime.now(UTC)
        self._entries = list(entries)
        self._snippets = []
        self._states = [e.state(self._now) for e in self._entries]
        self.endResetModel()

    def set_hits(self, hits: Sequence[SearchHit], now: datetime | None = None) -> None:
        self.beginResetModel()
        self._now = now or datetime.now(UTC)
        self._entries = [h.entry for h in hits]
        self._snippets = [h.snippet for h in hits]
        self._highlights = [h.highlights for h in hits]
        self._states = [e.state(self._now) for e in self._entries]
        self.endResetModel()

    @property
    def searching(self) -> bool:
        return bool(self._snippets)

    def entry(self, row: int) -> PostEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, rel_path: str) -> int:
        for row, entry in enumerate(self._entries):
            if entry.rel_path == rel_path:
                return row
        return -1

    # --- Qt interface -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        entry = self._entries[row]
        if role == ENTRY_ROLE:
            return entry
        if role == PATH_ROLE:
            return entry.path
        if role == SNIPPET_ROLE:
            return self._snippets[row] if self._snippets else ""
        if role == HIGHLIGHTS_ROLE:
            return self._highlights[row] if self._snippets else ()
        if role == STATE_ROLE:
            return self._states[row]
        if role == PROBLEM_ROLE:
            return self._problems.get(entry.rel_path)
        if role == GIT_ROLE:
            return self.git_state(entry.rel_path)
        if col == GIT:
            return self._git_data(entry, role)
        if role == Qt.ItemDataRole.DecorationRole and col == STATE:
            return self._problem_icon(entry)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col, entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, entry)
        if role == Qt.ItemDataRole.DecorationRole and col == TITLE and entry.has_warning:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.ForegroundRole and col == STATE:
            tone = _BADGES[self._states[row]][1]
            return tone_brush(tone) if tone else None
        if col == TITLE and not entry.title:
            return self._untitled_look(role)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (DATE, READING):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _git_data(self, entry: PostEntry, role: int) -> Any:
        state = self.git_state(entry.rel_path)
        if state is None:
            return None
        mark, tone, tip = _GIT_MARKS[state]
        if role == Qt.ItemDataRole.DisplayRole:
            return mark
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tr(tip)
        if role == Qt.ItemDataRole.ForegroundRole:
            return tone_brush(tone)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _problem_icon(self, entry: PostEntry) -> Any:
        severity = self._problems.get(entry.rel_path)
        if severity is None:
            return None
        icon = _PROBLEM_ICONS[severity == Severity.ERROR]
        return QApplication.style().standardIcon(icon)

    @staticmethod
    def _untitled_look(role: int) -> QFont | QBrush | None:
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return tone_brush("muted")
        return None

    def _display(self, row: int, col: int, entry: PostEntry) -> str:
        if col == TITLE:
            if self._snippets:
                return f"{title_text(entry)}\n{self._snippets[row]}"
            return title_text(entry)
        if col == DATE:
            return entry.date.date().isoformat() if entry.date else ""
        if col == STATE:
            return _tr(_BADGES[self._states[row]][0])
        if entry.reading_time == 0 and not entry.body_indexed:
            return ""
        return reading_text(entry.reading_time, entry.figures_exact)

    def _tooltip(self, row: int, entry: PostEntry) -> str:
        lines = [title_text(entry), entry.rel_path]
        if entry.taxonomies:
            lines.append(
                "; ".join(f"{name}: {', '.join(terms)}" for name, terms in entry.taxonomies.items())
            )
        words = fill(_tr("%1 words"), entry.words)
        words = words if entry.figures_exact else fill(_tr("%1 (estimate)"), words)
        if reading := self._display(row, READING, entry):
            words += f" · {reading}"  # the Read column gives way in a narrow library
        lines.append(words)
        if self._snippets:
            lines.append(f"… {self._snippets[row]}")
        lines.extend(str(d.message) for d in entry.diagnostics)
        if (severity := self._problems.get(entry.rel_path)) is not None:
            lines.append(_tr(_PROBLEM_TIPS.get(severity, "")))
        return "\n".join(lines)
