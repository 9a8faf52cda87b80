"""Editor text -> RenderController (child process) -> PreviewPane and StatusPanel, for real."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from editor.core.markdown.renderer import Renderer
from editor.core.post.model import Post
from editor.core.site.config import SiteConfig
from editor.core.stats.figures import post_stats
from editor.ui.preview.pane import PreviewPane
from editor.ui.window.status import StatusPanel
from editor.ui.workers import RenderController
from tests.ui.preview.pages import RESOURCES, js

POST = (
    """\
---
title: "Scroll test"
date: 2026-03-09
author: Ada
---

# Heading one

"""
    + "\n\n".join(f"Paragraph {i} " + "lorem ipsum " * 40 for i in range(12))
    + """

```python
"""
    + "".join(f"line_{i} = {i}\n" for i in range(60))
    + """```

"""
    + "".join(f"- item {i} with a few words\n" for i in range(40))
    + """
Closing paragraph.
"""
)


class Rig(QWidget):
    def __init__(self, site: SiteConfig) -> None:
        super().__init__()
        self.site = site
        self.editor = QPlainTextEdit()
        self.preview = PreviewPane(RESOURCES)
        self.status = StatusPanel()
        self.controller = RenderController(self, debounce_ms=0)
        panes = QHBoxLayout()
        panes.addWidget(self.editor, 1)
        panes.addWidget(self.preview, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(panes, 1)
        layout.addWidget(self.status)
        self.outcomes: list[Any] = []
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.controller.rendered.connect(self._on_controller_rendered)

    def _on_editor_text_changed(self) -> None:
        self.controller.request(self.editor.toPlainText(), self.site, None)

    def _on_controller_rendered(self, outcome: Any) -> None:
        self.outcomes.append(outcome)
        self.preview.show_result(outcome.result, outcome.header, blocks=outcome.blocks)
        self.status.show_stats(outcome.stats)


@pytest.fixture(scope="module")
def rig(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    widget = Rig(SiteConfig.hugo_defaults(tmp_path_factory.mktemp("site")))
    widget.resize(1400, 800)
    widget.show()
    yield widget
    widget.controller.shutdown()
    assert widget.controller.process_id() is None
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def settle(qtbot: Any, rig: Rig) -> None:
    """Wait until the preview shows a rendering of the editor's current text."""
    qtbot.waitUntil(lambda: not rig.controller.busy, timeout=30000)
    qtbot.waitUntil(
        lambda: (
            bool(rig.outcomes)
            and rig.outcomes[-1].text_revision == rig.controller.revision
            and not rig.preview._busy
        ),
        timeout=30000,
    )


def test_typing_updates_preview_and_status_with_hugo_figures(qtbot: Any, rig: Rig) -> None:
    rig.editor.setPlainText("---\ntitle: Typing\n---\n\nStart.")
    rig.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(rig.editor, " Typed words appear live, 2,495 of them not quite.")
    settle(qtbot, rig)
    text = rig.editor.toPlainText()
    expected = post_stats(Post.from_text(text), rig.site, Renderer(rig.site).render(text))
    assert rig.status.words.text() == f"{expected.word_count:,} words"
    assert rig.status.reading_time.text() == f"{expected.reading_time} min"
    body = js(qtbot, rig.preview, "document.getElementById('ip-content').textContent")
    assert "Typed words appear live, 2,495 of them not quite." in body
    meta = js(qtbot, rig.preview, "document.querySelector('.post-meta').textContent")
    assert meta == f"{expected.reading_time} min · {expected.word_count} words"
    assert js(qtbot, rig.preview, "document.querySelector('.post-title').textContent") == "Typing"


def test_the_cursor_line_maps_to_its_block(qtbot: Any, rig: Rig) -> None:
    rig.editor.setPlainText(POST)
    settle(qtbot, rig)
    result = rig.outcomes[-1].result
    lines = POST.split("\n")
    code_line = lines.index("line_30 = 30") + 1
    para_line = next(i for i, t in enumerate(lines, 1) if t.startswith("Paragraph 7 "))
    item_line = lines.index("- item 5 with a few words") + 1
    top_block = (
        "(function(){var e=document.elementFromPoint(innerWidth / 2, 2);"
        "while(e && e.parentElement && e.parentElement.id!=='ip-content'){e=e.parentElement}"
        "return e && e.getAttribute('data-line')})()"
    )
    for line in (para_line, code_line, item_line):
        first = max(f for f, _last in result.line_map if f <= line)
        cursor = rig.editor.textCursor()
        cursor.setPosition(rig.editor.document().findBlockByNumber(line - 1).position())
        rig.editor.setTextCursor(cursor)
        rig.preview.scroll_to_line(rig.editor.textCursor().blockNumber() + 1)
        qtbot.waitUntil(lambda first=first: js(qtbot, rig.preview, top_block) == str(first))
    # Inside the 60-line code block the preview lands about halfway down it.
    code_first, code_last = next((f, la) for f, la in result.line_map if f <= code_line <= la)
    box = js(
        qtbot,
        rig.preview,
        f"(function(r){{return [r.top + scrollY, r.height]}})(document.querySelector("
        f"'[data-line=\"{code_first}\"]').getBoundingClientRect())",
    )
    fraction = (code_line - code_first) / (code_last + 1 - code_first)
    rig.preview.scroll_to_line(code_line)
    qtbot.waitUntil(
        lambda: abs(js(qtbot, rig.preview, "scrollY") - (box[0] + fraction * box[1])) <= 1
    )


def test_unsafe_site_html_shows_but_its_script_never_runs(qtbot: Any, rig: Rig) -> None:
    """Goldmark `unsafe = true` passes raw HTML through: shown, yet no script runs."""
    from dataclasses import replace

    rig.site = replace(rig.site, goldmark=replace(rig.site.goldmark, unsafe=True))
    rig.editor.setPlainText(
        'Before.\n\n<div class="raw">raw <b>HTML</b></div>\n\n'
        "<script>document.body.dataset.pwned = 'yes'; document.title = 'pwned';</script>\n\n"
        '<img src="https://example.com/x.png" onerror="document.body.dataset.pwned = 1">\n\n'
        "![remote](https://example.com/remote.png)\n\nAfter.\n"
    )
    try:
        settle(qtbot, rig)
        assert "<script" in rig.outcomes[-1].result.html  # the renderer kept it
        state = js(
            qtbot,
            rig.preview,
            "[document.querySelector('.raw b').textContent, document.title,"
            " document.body.dataset.pwned || null,"
            " document.querySelectorAll('.ip-remote-image').length]",
        )
        assert state == ["HTML", "", None, 2]
        assert [u for u in rig.preview.guard.blocked if u.scheme().startswith("http")] == []
    finally:
        rig.site = replace(rig.site, goldmark=replace(rig.site.goldmark, unsafe=False))
