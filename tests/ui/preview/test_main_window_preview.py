"""The real window with its real preview and render process: typing reaches the preview and
the status bar, the figures are Hugo's, and scrolling is synchronised both ways."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLabel

from editor.app.settings import Settings
from editor.core.markdown.renderer import Renderer
from editor.core.post.model import Post
from editor.core.site.config import find_site
from editor.core.stats.figures import post_stats
from editor.ui.window.main_window import MainWindow
from tests.files import write_site
from tests.ui.preview.pages import RESOURCES, js
from tests.ui.windows import close_window

LONG_POST = (
    "---\ntitle: Sync\ndate: 2026-03-09\n---\n\n# Top\n\n"
    + "\n\n".join(f"Paragraph {i} " + "words in a row " * 30 for i in range(40))
    + "\n"
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def window(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MainWindow]:
    root = write_site(tmp_path_factory.mktemp("site"), {"sync.md": LONG_POST})
    posts = root / "content" / "posts"
    settings = Settings(tmp_path_factory.mktemp("config"))
    win = MainWindow(settings, find_site(root), preview_dir=RESOURCES)
    win.resize(1200, 800)
    win.open_post(posts / "sync.md")
    win.show()
    yield win
    close_window(win)


def _settled(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.preview is not None, timeout=30000)
    controller = window.render_controller
    qtbot.waitUntil(
        lambda: (
            not window.render_pending
            and controller.last_outcome is not None
            and controller.last_outcome.text_revision == controller.revision
            and not window.preview._busy
        ),
        timeout=30000,
    )


def test_typing_updates_preview_and_status(qtbot: Any, window: MainWindow) -> None:
    _settled(qtbot, window)
    editor = window.current_editor()
    assert editor is not None
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, "Typed live into the window.")
    _settled(qtbot, window)
    text = window.current_tab().document.text()  # type: ignore[union-attr]
    expected = post_stats(Post.from_text(text), window.site, Renderer(window.site).render(text))
    words = window.findChild(QLabel, "statusWords")
    minutes = window.findChild(QLabel, "statusReadingTime")
    assert words is not None and minutes is not None
    assert words.text() == f"{expected.word_count:,} words"
    assert minutes.text() == f"{expected.reading_time} min"
    qtbot.waitUntil(
        lambda: (
            "Typed live into the window."
            in js(qtbot, window.preview, "document.getElementById('ip-content').textContent")
        ),
        timeout=10000,
    )
    assert js(qtbot, window.preview, "document.querySelector('.post-title').textContent") == "Sync"
    assert window.tabs.tabText(0) == "sync.md*"


def test_cursor_scrolls_the_preview_and_back(qtbot: Any, window: MainWindow) -> None:
    _settled(qtbot, window)
    editor = window.current_editor()
    assert editor is not None
    target = next(i for i, t in enumerate(LONG_POST.split("\n"), 1) if t.startswith("Paragraph 30"))
    editor.go_to_line(target)
    top_block = (
        "(function(){var e=document.elementFromPoint(innerWidth / 2, 4);"
        "while(e && e.parentElement && e.parentElement.id!=='ip-content'){e=e.parentElement}"
        "return e && e.getAttribute('data-line')})()"
    )
    qtbot.waitUntil(lambda: js(qtbot, window.preview, top_block) == str(target), timeout=10000)
    # The preview scrolled by the user moves the editor.
    with qtbot.waitSignal(window.preview.lineScrolled, timeout=10000) as blocker:
        window.preview.run_js("window.scrollTo(0, 0)")
    assert blocker.args[0] < 10
    qtbot.waitUntil(lambda: editor.top_line() < 10, timeout=10000)


def test_switching_tabs_shows_the_other_post(qtbot: Any, window: MainWindow) -> None:
    _settled(qtbot, window)
    other = Path(window.site.content_dir) / "posts" / "other.md"
    other.write_text("---\ntitle: Other post\n---\n\nShort.\n", encoding="utf-8")
    window.open_post(other)
    title = "document.querySelector('.post-title').textContent"
    qtbot.waitUntil(lambda: js(qtbot, window.preview, title) == "Other post", timeout=15000)
    words = window.findChild(QLabel, "statusWords")
    assert words is not None
    qtbot.waitUntil(lambda: words.text() == "1 word", timeout=15000)
    window.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: js(qtbot, window.preview, title) == "Sync", timeout=15000)


def test_zoom_reaches_the_preview(qtbot: Any, window: MainWindow) -> None:
    _settled(qtbot, window)
    view = window.preview.view
    editor = window.current_editor()
    assert editor is not None
    window.actions_by_id["zoom_in"].trigger()
    window.actions_by_id["zoom_in"].trigger()
    assert editor.zoom() == 2
    assert view.zoomFactor() == pytest.approx(1.2)
    window.actions_by_id["zoom_out"].trigger()
    assert view.zoomFactor() == pytest.approx(1.1)
    window.actions_by_id["zoom_reset"].trigger()
    assert editor.zoom() == 0 and view.zoomFactor() == pytest.approx(1.0)


def test_front_matter_that_does_not_parse_is_marked_on_its_line(
    qtbot: Any, window: MainWindow
) -> None:
    _settled(qtbot, window)
    editor = window.current_editor()
    assert editor is not None
    original = editor.toPlainText()
    cursor = editor.textCursor()
    cursor.setPosition(original.index("Sync") + len("Sync"))
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, ": broken: [")
    qtbot.waitUntil(lambda: bool(editor.diagnostic_marks()), timeout=30000)
    ((block, (severity, message)),) = editor.diagnostic_marks().items()
    assert severity == "error"
    assert "YAML" in message
    assert 1 <= block <= 3  # within the front matter block
    editor.setPlainText(original)
    qtbot.waitUntil(lambda: not editor.diagnostic_marks(), timeout=30000)


def test_an_early_preview_comes_before_the_figures_and_they_follow(
    qtbot: Any, window: MainWindow
) -> None:
    _settled(qtbot, window)
    controller = window.render_controller
    early: list[Any] = []
    controller.previewed.connect(early.append)
    controller.early_after_ms = 0.0  # every rendering answers early
    try:
        editor = window.current_editor()
        assert editor is not None
        editor.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(editor, " Shown early.")
        _settled(qtbot, window)
    finally:
        controller.early_after_ms = 8.0
        controller.previewed.disconnect(early.append)
    assert early and early[-1].stats is None
    assert early[-1].text_revision == controller.revision
    assert early[-1].blocks == controller.last_outcome.blocks  # type: ignore[union-attr]
    words = controller.last_outcome.stats.word_count  # type: ignore[union-attr]
    qtbot.waitUntil(
        lambda: (
            f"{words} words"
            in js(qtbot, window.preview, "document.getElementById('ip-header').textContent")
        ),
        timeout=10000,
    )
    content = js(qtbot, window.preview, "document.getElementById('ip-content').textContent")
    assert content.rstrip().endswith("Shown early.")
