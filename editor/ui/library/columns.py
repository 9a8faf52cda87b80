"""The library table's column widths: Title stretches; Date, State, Read and Git are as
narrow as their widest content (measured from the font, never from the rows: the list may
hold 10,000 posts) or their header. When the table is too narrow for the title to show
`TITLE_CHARS` characters beside them, the Read column gives way (the row's tooltip still
tells the reading time) and comes back once there is room."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from editor.ui.library.model import DATE, GIT, READING, STATE, TITLE, badge_texts, reading_text

TITLE_CHARS = 15  # a title shows at least this many characters, where there is room at all


class LibraryColumns(QObject):
    """Sizes the view's columns now and on each font change; hides Read when it is narrow."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._auto_hidden = False  # Read is hidden by us (not by anyone else)
        self._read_width = 0  # Read's width while shown (a hidden column's width is 0)
        self._hiding = False  # make_room is showing or hiding Read
        header = view.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (DATE, STATE, READING, GIT):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self.fit()
        view.installEventFilter(self)  # font and style changes
        view.viewport().installEventFilter(self)  # its width (the window, a scroll bar)
        header.sectionResized.connect(self._on_section_resized)  # Git shown, a drag

    def natural_width(self, col: int) -> int:
        """The width `col` needs: its widest sample (State: its widest badge and a problem
        icon beside it) plus the cell's margins, or its header label, whichever is wider."""
        view = self._view
        style = view.style()
        metrics = view.fontMetrics()
        margin = (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) * 2
        if col == STATE:
            icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, view) + 4
            texts: tuple[str, ...] = badge_texts()
        else:
            samples = {DATE: "2026-12-31", READING: reading_text(12, exact=False), GIT: "M"}
            icon, texts = 0, (samples[col],)
        content = max(metrics.horizontalAdvance(t) for t in texts) + icon + margin
        return max(content, view.horizontalHeader().sectionSizeHint(col))

    def title_minimum(self) -> int:
        """The title column's wanted minimum: `TITLE_CHARS` lower-case letters, margins."""
        return self._view.fontMetrics().horizontalAdvance("x" * TITLE_CHARS) + 12

    def fit(self) -> None:
        """Give Date, State, Read and Git their natural widths, then make room for Title."""
        header = self._view.horizontalHeader()
        for col in (DATE, STATE, READING, GIT):
            header.resizeSection(col, self.natural_width(col))
        self._read_width = self.natural_width(READING)
        self.make_room()

    def make_room(self) -> None:
        """Hide Read while the title would get less than `title_minimum`; show it again
        when it fits."""
        view = self._view
        if view.isColumnHidden(READING) and not self._auto_hidden:
            return  # someone else hid it
        others = sum(
            view.columnWidth(col) for col in (DATE, STATE, GIT) if not view.isColumnHidden(col)
        )
        room = view.viewport().width() - others - self.title_minimum()
        hide = room < self._read_width
        if hide != view.isColumnHidden(READING):
            self._hiding = True
            try:
                view.setColumnHidden(READING, hide)
            finally:
                self._hiding = False
        self._auto_hidden = hide

    def _on_section_resized(self, col: int, _old: int, new: int) -> None:
        if col == READING:
            if new > 0:
                self._read_width = new
            if not self._hiding:
                self._auto_hidden = False  # shown or hidden by someone else: theirs now
        elif col != TITLE:
            self.make_room()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._view:
            if kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
                self.fit()
        elif kind == QEvent.Type.Resize:
            self.make_room()
        return False
