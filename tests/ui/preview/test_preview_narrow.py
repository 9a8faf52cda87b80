"""A narrow preview (beside the front matter form in a small window) breaks no title word."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from editor.core.preview.header import PreviewHeader
from editor.ui.preview.pane import PreviewPane
from editor.ui.window.pane_sizes import PREVIEW_MIN_WIDTH
from tests.ui.preview.pages import RESOURCES, Result

TITLE = "The Index That Made Our Dashboard 40× Faster"
# Each word of the title and of the post's headings: the number of lines it is drawn on.
WORD_LINES = """(() => {
  const counts = [];
  for (const el of document.querySelectorAll('.post-title, h1, h2')) {
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE) continue;
      let at = 0;
      for (const word of node.textContent.split(' ')) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + word.length);
        if (word) counts.push([word, range.getClientRects().length]);
        at += word.length + 1;
      }
    }
  }
  return counts;
})()"""


@pytest.fixture
def pane(qapp: QApplication) -> Iterator[PreviewPane]:
    widget = PreviewPane(RESOURCES)
    widget.resize(PREVIEW_MIN_WIDTH, 600)
    widget.show()
    yield widget
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_preview_at_its_minimum_width_keeps_title_words_whole(
    qtbot: Any, pane: PreviewPane
) -> None:
    html = (
        '<h1 data-line="1">Dashboards everybody watches</h1>\n'
        '<h2 data-line="3">Measuring the incidents</h2>\n'
    )
    with qtbot.waitSignal(pane.contentPainted, timeout=20000):
        pane.show_result(Result(html, ((1, 1), (3, 3))), PreviewHeader(title=TITLE, meta_line="m"))
    out: list[Any] = []
    pane.run_js(f"JSON.stringify({WORD_LINES})", out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=10000)
    counts = json.loads(out[0])
    assert ["Dashboard", 1] in counts  # the title was read
    # Before: at 40 px the title's "Dashboard" was drawn on two lines ("Dashb" / "oard").
    assert [word for word, lines in counts if lines != 1] == []
