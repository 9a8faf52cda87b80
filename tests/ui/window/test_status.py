from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import QLabel

from editor.core.stats.figures import stats_from_html
from editor.ui.window.status import StatusPanel, format_count


def test_figures_come_from_post_stats(qtbot: Any) -> None:
    panel = StatusPanel()
    qtbot.addWidget(panel)
    stats = stats_from_html("<p>" + "word " * 2495 + "</p>", cjk=False)
    panel.show_stats(stats)
    words = panel.findChild(QLabel, "statusWords")
    minutes = panel.findChild(QLabel, "statusReadingTime")
    assert words is not None and minutes is not None
    assert words.text() == "2,495 words"
    assert minutes.text() == f"{stats.reading_time} min" == "12 min"
    assert panel.findChild(QLabel, "statusCharacters").text() == f"{stats.characters:,} characters"


def test_figures_with_site_shortcodes_are_marked_as_near(qtbot: Any) -> None:
    panel = StatusPanel()
    qtbot.addWidget(panel)
    plain = stats_from_html("<p>" + "word " * 2495 + "</p>", cjk=False)
    near = dataclasses.replace(plain, site_shortcodes=("notice", "tabs"))
    panel.show_stats(near)
    assert panel.words.text() == "≈2,495 words" and panel.reading_time.text() == "≈12 min"
    assert "{{< notice >}}, {{< tabs >}}" in panel.words.toolTip()
    assert "Site Preview (Hugo)" in panel.reading_time.toolTip()
    panel.show_stats(plain)
    assert panel.words.text() == "2,495 words"
    assert panel.words.toolTip() == "Words, as Hugo's .WordCount"


def test_cursor_selection_and_save_state(qtbot: Any) -> None:
    panel = StatusPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_cursor(12, 4)
    assert panel.cursor.text() == "12:4"
    panel.set_selection_words(1)
    assert panel.selection.isVisible() and panel.selection.text() == "1 word selected"
    panel.set_selection_words(None)
    assert not panel.selection.isVisible()
    panel.set_save_state("Saved")
    assert panel.save_state.text() == "Saved"


def test_format_count() -> None:
    assert format_count(1, "word", "words") == "1 word"
    assert format_count(0, "word", "words") == "0 words"
    assert format_count(1234567, "word", "words") == "1,234,567 words"


def test_the_cursor_label_keeps_its_size_while_typing(qtbot: Any) -> None:
    panel = StatusPanel()
    qtbot.addWidget(panel)
    panel.set_cursor(1, 1)
    size = panel.cursor.size()
    panel.set_cursor(12345, 678)  # a long post, far right: no new layout of the status bar
    assert panel.cursor.text() == "12345:678"
    assert panel.cursor.size() == size
    assert panel.cursor.minimumSize() == panel.cursor.maximumSize()
    assert panel.cursor.fontMetrics().horizontalAdvance("12345:678") <= size.width()
