"""Site preview scroll sync from the page back to the editor, by heading ids (issue 14):
the real window on the site's real `hugo server`."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from editor.core.markdown.types import Heading
from editor.ui.preview.site_mode import heading_line
from editor.ui.preview.site_view import SCROLL_QUERY_MS, SiteView
from editor.ui.window.main_window import MainWindow
from tests.hugo_site import require_hugo
from tests.ui.preview.test_site_mode import (
    make_site,
    open_window,
    page_js,
    switch_to_site,
    wait_title,
)
from tests.ui.windows import close_window


def paragraphs(name: str, count: int) -> str:
    return "\n\n".join(f"{name} paragraph {i} " + "word " * 60 for i in range(count))


POST = (
    "---\ntitle: Sync Title\ndraft: true\n---\n\n"
    + paragraphs("Opening", 20)
    + "\n\n## Second Part\n\n"
    + paragraphs("Second", 20)
    + "\n\n## Third Part\n\n"
    + paragraphs("Third", 20)
    + "\n\n## Last Words\n\nThe end.\n"
)
LINES = POST.splitlines()
SECOND = LINES.index("## Second Part") + 1
THIRD = LINES.index("## Third Part") + 1
LAST = LINES.index("## Last Words") + 1
HEADER_PX = 48  # the theme's fixed header, which the page's scroll-padding-top leaves room for
LAYOUT = (
    "<!doctype html><html><head><title>{{ .Title }}</title>"
    f"<style>html{{scroll-padding-top:{HEADER_PX}px}}"
    f"header{{position:fixed;top:0;left:0;right:0;height:{HEADER_PX}px;background:#eee}}</style>"
    "</head><body><header>Blog</header>"
    "<h1 class='theme-title'>{{ .Title }}</h1>{{ .Content }}</body></html>"
)

pytestmark = [pytest.mark.slow, pytest.mark.hugo]


@pytest.fixture(scope="module")
def window(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MainWindow]:
    require_hugo()
    root = make_site(tmp_path_factory.mktemp("site"), post=POST, layout=LAYOUT)
    win = open_window(root, tmp_path_factory.mktemp("config"))
    yield win
    close_window(win)


@pytest.fixture
def view(qtbot: Any, window: MainWindow) -> SiteView:
    """Site mode showing the post, its headings known to the view, the page at its top."""
    switch_to_site(qtbot, window)
    wait_title(qtbot, window, "Sync Title")
    site_view = window.preview_modes.view
    assert site_view is not None
    qtbot.waitUntil(lambda: len(site_view.heading_ids) == 3, timeout=30000)
    qtbot.waitUntil(lambda: not window.render_pending, timeout=10000)
    return site_view


def heading_top(qtbot: Any, window: MainWindow, element_id: str) -> float:
    code = f"document.getElementById('{element_id}').getBoundingClientRect().top"
    return float(page_js(qtbot, window, code))


def settled(view: SiteView, answered: int) -> bool:
    """The view answered a heading query since `answered` and has none on its way."""
    return (
        view.queries_answered > answered and not view._query_timer.isActive() and not view._querying
    )


def user_scrolls_page(qtbot: Any, window: MainWindow, code: str) -> None:
    """Scroll the page the way the user would (not through the view's own scrolling)."""
    page_js(qtbot, window, f"({code}) || 0")


def line_at_page_top(qtbot: Any, window: MainWindow) -> int:
    """The source line of the last heading at or above the top of the page's viewport (under
    the fixed header), found here independently of the view (1 above the first)."""
    above = (
        "['second-part','third-part','last-words'].filter(function(i){"
        f"return document.getElementById(i).getBoundingClientRect().top<={HEADER_PX + 1};}})"
    )
    lines = {"second-part": SECOND, "third-part": THIRD, "last-words": LAST}
    ids = page_js(qtbot, window, above)
    return lines[ids[-1]] if ids else 1


def page_to_top(qtbot: Any, window: MainWindow, view: SiteView) -> None:
    """The page at its top, the view done with what that scroll made it ask."""
    if page_js(qtbot, window, "window.scrollY") != 0:
        answered = view.queries_answered
        user_scrolls_page(qtbot, window, "window.scrollTo(0, 0)")
        qtbot.waitUntil(lambda: settled(view, answered), timeout=10000)
    assert page_js(qtbot, window, "window.scrollY") == 0


def test_heading_line_maps_ids_to_source_lines() -> None:
    headings = (Heading(2, "A", "a", 7), Heading(2, "B", "b", 19))
    assert heading_line(headings, "b") == 19
    assert heading_line(headings, "") == 1  # the page's top
    assert heading_line(headings, "gone") is None


def test_scrolling_the_page_to_a_heading_scrolls_the_editor(
    qtbot: Any, window: MainWindow, view: SiteView
) -> None:
    editor = window.current_editor()
    assert editor is not None
    user_scrolls_page(
        qtbot, window, "document.getElementById('third-part').scrollIntoView({behavior:'instant'})"
    )
    qtbot.waitUntil(lambda: editor.top_line() == THIRD, timeout=10000)
    # A little further down, still under "Third Part": the editor stays on its heading.
    answered = view.queries_answered
    user_scrolls_page(qtbot, window, "window.scrollBy(0, 60)")
    qtbot.waitUntil(lambda: settled(view, answered), timeout=10000)
    assert editor.top_line() == THIRD
    # Up into "Second Part", then above the first heading: the editor follows.
    user_scrolls_page(qtbot, window, "window.scrollBy(0, -100)")
    qtbot.waitUntil(lambda: editor.top_line() == SECOND, timeout=10000)
    user_scrolls_page(qtbot, window, "window.scrollTo(0, 0)")
    qtbot.waitUntil(lambda: editor.top_line() == 1, timeout=10000)


def test_the_editor_moved_by_the_page_does_not_move_the_page(
    qtbot: Any, window: MainWindow, view: SiteView
) -> None:
    editor = window.current_editor()
    assert editor is not None
    page_to_top(qtbot, window, view)
    requested: list[int] = []
    window.preview.lineRequested.connect(requested.append)
    try:
        y = heading_top(qtbot, window, "second-part") + 40.0  # just below it: not at the top
        user_scrolls_page(qtbot, window, f"window.scrollTo(0, {y})")
        qtbot.waitUntil(lambda: editor.top_line() == SECOND, timeout=10000)
        answered = view.queries_answered
        user_scrolls_page(qtbot, window, "window.scrollBy(0, 1)")  # one more query, after it
        qtbot.waitUntil(lambda: settled(view, answered), timeout=10000)
        assert requested == []  # the editor asked nothing of the page
        assert page_js(qtbot, window, "window.scrollY") == pytest.approx(y + 1, abs=1)
    finally:
        window.preview.lineRequested.disconnect(requested.append)


@pytest.mark.parametrize(
    ("how", "line", "element_id"),
    [
        ("scroll", THIRD + 6, "third-part"),  # a heading the page can bring to its top
        ("cursor", LAST + 2, "last-words"),  # one too near the end: the page stops short of it
    ],
)
def test_moving_the_editor_does_not_bounce_back(
    qtbot: Any, window: MainWindow, view: SiteView, how: str, line: int, element_id: str
) -> None:
    editor = window.current_editor()
    assert editor is not None
    page_to_top(qtbot, window, view)
    scrolled: list[str] = []
    view.headingScrolled.connect(scrolled.append)
    try:
        answered = view.queries_answered
        if how == "scroll":
            block = editor.document().findBlockByNumber(line - 1)
            editor.verticalScrollBar().setValue(block.firstLineNumber())
            assert editor.top_line() == line
        else:
            editor.go_to_line(line)
        top = editor.top_line()
        assert top > THIRD
        page_bottom = "window.scrollY + window.innerHeight >= document.body.scrollHeight - 1"
        qtbot.waitUntil(
            lambda: (
                abs(heading_top(qtbot, window, element_id) - HEADER_PX) < 2
                or bool(page_js(qtbot, window, page_bottom))
            ),
            timeout=10000,
        )
        qtbot.waitUntil(lambda: settled(view, answered), timeout=10000)
        assert scrolled == []
        assert editor.top_line() == top  # not pulled back to a heading
    finally:
        view.headingScrolled.disconnect(scrolled.append)


def test_a_long_scroll_asks_the_page_once_per_interval(
    qtbot: Any, window: MainWindow, view: SiteView
) -> None:
    page_to_top(qtbot, window, view)
    answered = view.queries_answered
    start = time.monotonic()
    page_js(
        qtbot,
        window,
        "(function(){var n=0;window.__steps=0;var t=setInterval(function(){"
        "window.scrollBy(0, 50);if(++n>=100){clearInterval(t);window.__steps=n;}},4);})() || 0",
    )
    qtbot.waitUntil(lambda: page_js(qtbot, window, "window.__steps") == 100, timeout=10000)
    elapsed_ms = (time.monotonic() - start) * 1000
    qtbot.waitUntil(lambda: settled(view, answered), timeout=10000)
    asked = view.queries_answered - answered
    assert 1 <= asked <= elapsed_ms / SCROLL_QUERY_MS + 2, (asked, elapsed_ms)
    editor = window.current_editor()
    assert editor is not None
    assert editor.top_line() == line_at_page_top(qtbot, window) > 1  # it followed the page down


def test_the_mouse_wheel_on_the_page_scrolls_the_editor(
    qtbot: Any, window: MainWindow, view: SiteView
) -> None:
    editor = window.current_editor()
    assert editor is not None
    page_to_top(qtbot, window, view)
    target = view.view.focusProxy() or view.view
    centre = QPointF(target.width() / 2, target.height() / 2)

    def wheel_down() -> None:
        event = QWheelEvent(
            centre,
            target.mapToGlobal(centre),
            QPoint(),
            QPoint(0, -360),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(target, event)

    second = f"document.getElementById('second-part').getBoundingClientRect().top<={HEADER_PX}"
    qtbot.waitUntil(lambda: wheel_down() or bool(page_js(qtbot, window, second)), timeout=20000)
    qtbot.waitUntil(lambda: editor.top_line() == line_at_page_top(qtbot, window) > 1, timeout=10000)
