"""The parts of a token field: a layout that wraps its items onto several lines, and a chip.

`FlowLayout` places its items left to right and starts a new line when the next one does
not fit (height-for-width, so a narrow dock grows the field downwards). `TokenChip` is one
value: a rounded label and a × button that asks for its removal; a chip whose value
differs only in case from the site's own spelling has a warning border and says so in its
tooltip. `chip_style_sheet(palette)` is a chip's look, from the palette (light and dark
themes alike); the field that holds the chips sets it on each.

Signals (TokenChip):
    removeRequested(str): the chip's value, when × is clicked (or Delete/Backspace on it).
    stepRequested(int): -1 or +1, for Left or Right on the chip (to the next one).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QToolButton,
    QWidget,
)

AMBER_LIGHT = QColor("#b26a00")  # warning border on a light palette
AMBER_DARK = QColor("#ffb74d")  # on a dark one


class FlowLayout(QLayout):
    """Items left to right, wrapped onto new lines as the width requires."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def order(self, widgets: list[QWidget]) -> None:
        """Put the items of `widgets` in that order (any others after them)."""

        def rank(item: QLayoutItem) -> int:
            widget = item.widget()
            return next((i for i, w in enumerate(widgets) if w is widget), len(widgets))

        self._items.sort(key=rank)
        self.invalidate()

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in `rect` (moving them when `move`); the height used."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, line_height = area.x(), y + line_height + self._gap, 0
            if move:
                width = min(hint.width(), area.width())
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += hint.width() + self._gap
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


class TokenChip(QFrame):
    """One value of a token field (objectName ``tokenChip``); see the module docstring."""

    removeRequested = Signal(str)  # noqa: N815 (Qt signal naming)
    stepRequested = Signal(int)  # noqa: N815

    def __init__(self, value: str, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tokenChip")
        self.value = value
        self.site_spelling: str | None = None
        self.label = QLabel(value, self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.remove = QToolButton(self)
        self.remove.setObjectName("tokenRemove")
        self.remove.setText("×")
        self.remove.setAutoRaise(True)
        self.remove.setCursor(Qt.CursorShape.PointingHandCursor)
        self.remove.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves focus where it is
        self.remove.setAccessibleName(
            self.tr("%1 %2, remove").replace("%1", noun).replace("%2", value)
        )
        self.remove.setToolTip(self.tr("Remove %1").replace("%1", value))
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self.value))
        self.remove.installEventFilter(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 2, 1)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.remove)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setProperty("variant", False)

    def set_site_spelling(self, spelling: str | None) -> None:
        """Mark the chip as a case variant of the site's `spelling` (None: no warning)."""
        if spelling == self.site_spelling:
            return
        self.site_spelling = spelling
        self.setToolTip(
            "" if spelling is None else self.tr("The site uses '%1'").replace("%1", spelling)
        )
        self.setAccessibleDescription(self.toolTip())
        self.setProperty("variant", spelling is not None)
        self.style().unpolish(self)  # the field's sheet styles the property
        self.style().polish(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Delete or Backspace on the × button removes the chip, Left and Right step."""
        if (
            watched is self.remove
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            key = event.key()
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.removeRequested.emit(self.value)
                return True
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                self.stepRequested.emit(-1 if key == Qt.Key.Key_Left else 1)
                return True
        return super().eventFilter(watched, event)

    def border_colour(self) -> str:
        """The colour of the chip's edge as drawn (for tests and the theme check)."""
        image = self.grab().toImage()
        return image.pixelColor(image.width() // 2, 0 if self.site_spelling else 1).name()


def chip_style_sheet(palette: QPalette) -> str:
    """A chip's look for `palette`: rounded, filled with its button colour, a mid edge;
    a case variant's edge amber (lighter on a dark palette). Border and margin add up to
    2 px either way, so the chips line up. The colours are written out, not palette(...):
    a widget with a style sheet keeps the palette it had when the sheet was set (Qt does
    not pass it a new theme's), so the field sets each chip a new sheet on a theme switch
    and keeps none of its own (its empty area and input follow the palette)."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    mid = palette.color(QPalette.ColorRole.Mid).name()
    button = palette.color(QPalette.ColorRole.Button).name()
    text = palette.color(QPalette.ColorRole.ButtonText).name()
    amber = (AMBER_DARK if dark else AMBER_LIGHT).name()
    return (
        f"QFrame#tokenChip {{ background: {button}; color: {text};"
        f" border: 1px solid {mid}; margin: 1px; border-radius: 9px; }}"
        f' QFrame#tokenChip[variant="true"] {{ border: 2px solid {amber}; margin: 0px; }}'
        f" QFrame#tokenChip QLabel {{ color: {text}; }}"
        f" QToolButton#tokenRemove {{ border: none; padding: 0 2px; color: {text}; }}"
    )
