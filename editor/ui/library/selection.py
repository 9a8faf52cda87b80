"""The library list's selection: several posts at a time.

    view = LibraryView(parent)      # whole rows; Shift/Ctrl+click, Shift+arrows, Ctrl+A
    view.extending                  # True while the user moves the current row without
                                    # choosing that one post (Shift/Ctrl, a drag, a right-click)
    rows = selected_rows(view)      # the selected rows, top to bottom
    reselect(view, rows, current)   # select those rows again (after the model was reset)
    trashed = trash_posts(entries, prompts)   # one question, then send2trash for each

A plain click or arrow key on a row opens its post (the panel listens to the current row);
a Shift or Ctrl click, Shift/Ctrl+arrow, a drag or a right-click only selects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import Any, Protocol

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QItemSelectionRange, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from editor.core.library import actions as library_actions
from editor.core.library.types import PostEntry

__all__ = ["LibraryView", "TrashPrompts", "reselect", "selected_rows", "trash_posts"]

_EXTEND = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier


class TrashPrompts(Protocol):
    def confirm_trash(self, entry: PostEntry) -> bool: ...
    def confirm_trash_posts(self, entries: Sequence[PostEntry]) -> bool: ...
    def error(self, message: str) -> None: ...


class LibraryView(QTableView):
    """The library's table: rows selected several at a time (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._extending = False

    @property
    def extending(self) -> bool:
        """Whether the input being handled only selects (the current row is no choice)."""
        return self._extending

    def mousePressEvent(self, event: QMouseEvent) -> None:
        right_or_middle = event.button() != Qt.MouseButton.LeftButton
        self._extending = bool(event.modifiers() & _EXTEND) or right_or_middle
        try:
            super().mousePressEvent(event)
        finally:
            self._extending = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extending = True  # a drag selects the rows it passes
        try:
            super().mouseMoveEvent(event)
        finally:
            self._extending = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._extending = bool(event.modifiers() & _EXTEND)
        try:
            super().keyPressEvent(event)
        finally:
            self._extending = False


def selected_rows(view: QAbstractItemView) -> list[int]:
    """The rows selected in `view`, top to bottom."""
    rows: set[int] = set()
    for span in view.selectionModel().selection():
        rows.update(range(span.top(), span.bottom() + 1))
    return sorted(rows)


def reselect(view: QAbstractItemView, rows: Iterable[int], current: int) -> None:
    """Select exactly `rows` (whole rows, in runs) and make `current` the current row
    without changing that selection (-1: leave the current row)."""
    model: Any = view.model()
    last_column = max(model.columnCount() - 1, 0)
    selection = QItemSelection()
    ordered = sorted(set(rows))
    for _key, run in groupby(enumerate(ordered), key=lambda pair: pair[1] - pair[0]):
        run_rows = [row for _i, row in run]
        top, bottom = model.index(run_rows[0], 0), model.index(run_rows[-1], last_column)
        selection.append(QItemSelectionRange(top, bottom))  # runs never overlap: no merging
    chooser = view.selectionModel()
    if current >= 0:
        chooser.setCurrentIndex(model.index(current, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    chooser.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def trash_posts(entries: Sequence[PostEntry], prompts: TrashPrompts) -> list[PostEntry]:
    """Ask once (one post: `confirm_trash`, several: `confirm_trash_posts`), then move
    each post to the trash; the posts moved. Failures are told in one `prompts.error`."""
    if not entries:
        return []
    if len(entries) == 1:
        asked = prompts.confirm_trash(entries[0])
    else:
        asked = prompts.confirm_trash_posts(entries)
    if not asked:
        return []
    trashed: list[PostEntry] = []
    errors: list[str] = []
    for entry in entries:
        try:
            library_actions.trash_post(entry.path)
        except (OSError, ValueError) as exc:
            errors.append(str(exc))
            continue
        trashed.append(entry)
    if errors:
        prompts.error("\n".join(errors))
    return trashed
