"""The library table's column widths: Title stretches; Date, State, Read and Git are as
narrow as their widest content (measured from the font, never from the rows: the list may
hold 10,000 posts) or their header. When the table is too narrow for the title to show
`TITLE_CHARS` characters beside them, the Read column gives way (the row's tooltip still
tells the reading time) and comes back once there is room."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionViewItem, QTableView

from editor.ui.library.model import (
    DATE,
    GIT,
    READING,
    STATE,
    TITLE,
    LibraryModel,
    badge_texts,
    reading_text,
)

TITLE_CHARS = 11  # a title shows at least this many characters, where there is room at all


class LibraryColumns(QObject):
    """Sizes the view's columns now and on each font change; hides Read when it is narrow."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._auto_hidden = False  # Read is hidden by us (not by anyone else)
        self._read_width = 0  # Read's width while shown (a hidden column's width is 0)
        self._hiding = False  # make_room is showing or hiding Read
        self._icons = self._model().has_problems()  # State has room for a problem icon
        header = view.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (DATE, STATE, READING, GIT):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self.fit()
        view.installEventFilter(self)  # font and style changes
        view.viewport().installEventFilter(self)  # its width (the window, a scroll bar)
        header.sectionResized.connect(self._on_section_resized)  # Git shown, a drag
        model = self._model()
        model.dataChanged.connect(self._on_model_changed)  # problems found or fixed
        model.modelReset.connect(self._on_model_changed)

    def _model(self) -> LibraryModel:
        model = self._view.model()
        assert isinstance(model, LibraryModel)
        return model

    def _on_model_changed(self) -> None:
        if self._model().has_problems() != self._icons:
            self._icons = not self._icons
            self._view.horizontalHeader().resizeSection(STATE, self.natural_width(STATE))
            self.make_room()

    def natural_width(self, col: int) -> int:
        """The width `col` needs: its widest sample in a cell as the style draws it (State:
        its widest badge, with a problem icon beside it when a post has one), or its
        header, whichever is wider."""
        samples = {DATE: "2026-12-31", READING: reading_text(12, exact=False), GIT: "M"}
        texts = badge_texts() if col == STATE else (samples[col],)
        content = max(self._cell_width(text, icon=col == STATE and self._icons) for text in texts)
        return max(content, self._header_width(col))

    def _header_width(self, col: int) -> int:
        """The header label's width, its margins, and the sort arrow (Date sorts)."""
        header = self._view.horizontalHeader()
        style = header.style()
        label = str(self._view.model().headerData(col, Qt.Orientation.Horizontal))
        width = header.fontMetrics().horizontalAdvance(label)
        width += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header) * 4 + 4
        if col == DATE:
            width += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
        return width

    def _cell_width(self, text: str, *, icon: bool) -> int:
        view = self._view
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.text = text
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        if icon:
            option.icon = view.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
        size = view.style().sizeFromContents(
            QStyle.ContentsType.CT_ItemViewItem, option, QSize(), view
        )
        return size.width() + 2  # the text's elision starts a pixel or two early

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
