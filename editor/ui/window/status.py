"""The status panel: Hugo's figures for the post, the cursor, the selection, the save state.

Every label is set from figures computed elsewhere (PostStats from the last render, the
cursor position, the selection's word count), so nothing here grows with the document.
Labels (objectNames): statusWords ("2,495 words"), statusReadingTime ("12 min"),
statusCharacters, statusSelection, statusCursor, statusSaveState.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from editor.ui.accessibility import label as accessible_label
from editor.ui.translate import fill

__all__ = ["StatusPanel", "format_count"]


def format_count(n: int, one: str, many: str) -> str:
    """ "1 word", "2,495 words"."""
    return f"{n:,} {one if n == 1 else many}"


class StatusPanel(QWidget):
    """A row of labels for the window's status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusPanel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(14)
        self.save_state = self._label(
            "statusSaveState", layout, self.tr("Save state"), self.tr("Whether the post is saved")
        )
        layout.addStretch(1)
        self.selection = self._label(
            "statusSelection", layout, self.tr("Selection"), self.tr("Words in the selection")
        )
        self._reading_time_tip = self.tr("Reading time, as Hugo's .ReadingTime")
        self._words_tip = self.tr("Words, as Hugo's .WordCount")
        self._marked: tuple[str, ...] = ()
        self.reading_time = self._label(
            "statusReadingTime", layout, self.tr("Reading time"), self._reading_time_tip
        )
        self.words = self._label("statusWords", layout, self.tr("Words"), self._words_tip)
        self.characters = self._label(
            "statusCharacters", layout, self.tr("Characters"), self.tr("Characters of the text")
        )
        self.cursor = self._label(
            "statusCursor", layout, self.tr("Cursor"), self.tr("Line and column")
        )
        self.selection.hide()
        self.stats: Any = None
        self._fix_cursor_size()

    def _fix_cursor_size(self) -> None:
        """A fixed size for the line:column label, which changes with every key: a label of
        fixed size asks for no new layout of the status bar when its text changes."""
        metrics = self.cursor.fontMetrics()
        self.cursor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.cursor.setFixedSize(
            metrics.horizontalAdvance("00000:0000") + 2, self.cursor.sizeHint().height()
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fix_cursor_size()

    @staticmethod
    def _label(name: str, layout: QHBoxLayout, title: str, tip: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setToolTip(tip)
        accessible_label(label, title, tip)
        layout.addWidget(label)
        return label

    def show_stats(self, stats: Any) -> None:
        """Show a PostStats: reading time, words and characters. With the site's own
        shortcodes in the post the figures are marked "≈": Hugo also counts the words their
        templates write, which only the site's Hugo knows (the tooltips say which)."""
        self.stats = stats
        minutes = fill(self.tr("%1 min"), stats.reading_time)
        words = format_count(stats.word_count, self.tr("word"), self.tr("words"))
        names = getattr(stats, "site_shortcodes", ())
        if names != self._marked:
            self._marked = names
            self._mark_tooltips(names)
        if names:
            minutes, words = f"≈{minutes}", f"≈{words}"
        self.reading_time.setText(minutes)
        self.words.setText(words)
        self.characters.setText(
            format_count(stats.characters, self.tr("character"), self.tr("characters"))
        )

    def _mark_tooltips(self, names: tuple[str, ...]) -> None:
        tips = (self._reading_time_tip, self._words_tip)
        if not names:
            self.reading_time.setToolTip(tips[0])
            self.words.setToolTip(tips[1])
            return
        shown = ", ".join("{{< " + name + " >}}" for name in names[:3])
        shown += "…" if len(names) > 3 else ""
        note = fill(
            self.tr(
                "≈: Hugo's figure also counts what the site's shortcodes (%1) write, which "
                "only their templates know. View > Site Preview (Hugo) shows the page as Hugo "
                "builds it."
            ),
            shown,
        )
        self.reading_time.setToolTip(f"{tips[0]}\n{note}")
        self.words.setToolTip(f"{tips[1]}\n{note}")

    def set_cursor(self, line: int, column: int) -> None:
        self.cursor.setText(f"{line}:{column}")

    def set_selection_words(self, words: int | None) -> None:
        """Words in the selection, or None when nothing is selected."""
        if words is None:
            self.selection.hide()
            self.selection.clear()
            return
        counted = format_count(words, self.tr("word"), self.tr("words"))
        self.selection.setText(fill(self.tr("%1 selected"), counted))
        self.selection.show()

    def set_save_state(self, text: str) -> None:
        self.save_state.setText(text)
