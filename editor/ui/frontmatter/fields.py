"""The small editors of the front matter panel: a date picker that can be empty, a text line
with a character count, and the cover chooser's rule (files in the bundle or static/ only).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import QDateTimeEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

EMPTY = QDateTime(QDate(1900, 1, 1), QTime(0, 0))


class DatePicker(QDateTimeEdit):
    """A QDateTimeEdit for a front matter date: "—" when the post has none, the wall time
    in the date's own offset, a bare date for a post that writes bare dates.

    Signals:
        dateEdited(object): the picked aware datetime, once editing ends.
    """

    dateEdited = Signal(object)  # noqa: N815 (Qt signal naming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDateTime(EMPTY)
        self.setSpecialValueText("—")
        self._zone: timezone | None = None
        self._shown: datetime | None = None
        self.set_value(None, date_only=False)
        self.editingFinished.connect(self._commit)
        self.calendarWidget().clicked.connect(lambda _day: self._commit())

    def set_value(self, value: datetime | None, *, date_only: bool) -> None:
        layout = "yyyy-MM-dd" if date_only else "yyyy-MM-dd HH:mm:ss"
        if self.displayFormat() != layout:  # costly: re-parses the sections
            self.setDisplayFormat(layout)
        self._shown = value
        if value is None:
            self._zone = None
            self.setDateTime(EMPTY)
            return
        offset = value.utcoffset() or timedelta(0)
        self._zone = timezone(offset)
        wall = value.astimezone(self._zone)
        day, clock = (
            QDate(wall.year, wall.month, wall.day),
            QTime(wall.hour, wall.minute, wall.second),
        )
        self.setDateTime(QDateTime(day, clock))

    def value(self) -> datetime | None:
        """The picked date as an aware datetime (in the post's offset, else the local one)."""
        shown = self.dateTime()
        if shown == EMPTY:
            return None
        day, clock = shown.date(), shown.time()
        naive = datetime.combine(
            date(day.year(), day.month(), day.day()),
            time(clock.hour(), clock.minute(), clock.second()),
        )
        zone = self._zone or datetime.now(UTC).astimezone().tzinfo or UTC
        return naive.replace(tzinfo=zone)

    def set_now(self) -> None:
        """Pick the current moment (in the post's offset) and commit it."""
        now = datetime.now(UTC)
        self.set_value(
            now.astimezone(self._zone or now.astimezone().tzinfo),
            date_only=self.displayFormat() == "yyyy-MM-dd",
        )
        self._shown = None
        self._commit()

    def _commit(self) -> None:
        value = self.value()
        if value is not None and value != self._shown:
            self._shown = value
            self.dateEdited.emit(value)


class CountedLine(QWidget):
    """A QLineEdit with a live count of its characters beside it (`line` is the edit)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.count = QLabel(self)
        self.count.setObjectName("charCount")
        self.count.setAccessibleName(self.tr("Characters"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.count)
        self.line.textChanged.connect(self._on_line_text_changed)
        self._on_line_text_changed("")

    def _on_line_text_changed(self, text: str) -> None:
        self.count.setText(str(len(text)))
        self.count.setToolTip(self.tr("%n character(s)", "", len(text)))
