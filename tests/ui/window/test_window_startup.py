"""Start-up order: the post first, then the preview (already rendered) and the library."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from editor.ui.library.panel import LibraryPanel
from editor.ui.window.main_window import LIBRARY_WIDTH
from editor.ui.window.preferences import WindowState
from editor.ui.workers import RenderController
from tests.files import write_site
from tests.ui.preview.pages import RESOURCES
from tests.ui.windows import WindowMaker

POST = "---\ntitle: Early\ndate: 2026-03-09\n---\n\n" + "word " * 600 + "\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", {"early.md": POST})


def test_the_post_is_rendered_before_the_preview_exists_and_shown_when_it_does(
    qtbot: Any, make_window: WindowMaker, site: Path
) -> None:
    controller = RenderController(debounce_ms=-1)  # renders at once, in this process
    win = make_window(site, preview_dir=RESOURCES, render_controller=controller)
    win.open_post(site / "content" / "posts" / "early.md")
    assert win.preview is None
    assert controller.last_outcome is not None  # asked for without a pane
    assert win.status_panel.words.text() == "600 words"  # the status bar has it already
    revision = controller.revision
    win.create_preview()
    with qtbot.waitSignal(win.preview.contentPainted, timeout=30000):
        pass
    assert controller.revision == revision  # shown from the early rendering, not again
    html: list[str] = []
    win.preview.run_js("document.body.innerText", html.append)
    qtbot.waitUntil(lambda: bool(html), timeout=10000)
    assert "Early" in html[0] and "word word" in html[0]


def test_without_a_coming_preview_nothing_is_rendered(make_window: WindowMaker, site: Path) -> None:
    controller = RenderController(debounce_ms=-1)
    win = make_window(site, create_preview=False, render_controller=controller)
    win.open_post(site / "content" / "posts" / "early.md")
    assert controller.last_outcome is None


def test_preview_and_library_arrive_after_the_first_paint(
    qtbot: Any, make_window: WindowMaker, site: Path, tmp_path: Path
) -> None:
    win = make_window(
        site, preview_dir=RESOURCES, render_controller=RenderController(debounce_ms=-1)
    )
    win.reserve_library()
    win.resize(1200, 800)
    win.open_post(site / "content" / "posts" / "early.md")
    panels: list[LibraryPanel] = []

    def attach() -> None:
        panel = LibraryPanel(win, figures=False)
        panels.append(panel)
        win.set_library(panel, tmp_path / "cache")

    win.first_paint.then(attach)
    assert win.preview is None and not panels
    win.show()
    qtbot.waitUntil(lambda: win.preview is not None and bool(panels), timeout=30000)
    assert win.library_dock.isVisible() and win.library_dock.widget() is panels[0]
    assert abs(win.library_dock.width() - LIBRARY_WIDTH) <= 20
    panels[0].close_site()


def test_the_editor_keeps_its_width_when_the_preview_arrives(
    qtbot: Any, make_window: WindowMaker, site: Path
) -> None:
    """The post is on the screen before the preview exists: the pane taking the
    placeholder's place must not move the splitter (the editor would rewrap its text)."""
    win = make_window(
        site, preview_dir=RESOURCES, render_controller=RenderController(debounce_ms=-1)
    )
    win.resize(1200, 800)
    win.open_post(site / "content" / "posts" / "early.md")
    win.show()
    qtbot.waitExposed(win)
    assert win.preview is None
    sizes, width = win.splitter.sizes(), win.editor_pane.width()
    qtbot.waitUntil(lambda: win.preview is not None, timeout=30000)
    with qtbot.waitSignal(win.preview.contentPainted, timeout=30000):
        pass  # the splitter has laid out its new pane long before the page is painted
    assert win.splitter.sizes() == sizes
    assert win.editor_pane.width() == width


def test_a_reserved_library_keeps_the_restored_visibility(
    qtbot: Any, make_window: WindowMaker, site: Path, tmp_path: Path
) -> None:
    win = make_window(
        site, create_preview=False, render_controller=RenderController(debounce_ms=-1)
    )
    win.reserve_library()
    assert win.actions_by_id["toggle_sidebar"].isChecked()
    win.restore_state(WindowState(sidebar_visible=False), reopen_posts=False)
    panel = LibraryPanel(win, figures=False)
    win.set_library(panel, tmp_path / "cache")
    win.show()
    qtbot.waitExposed(win)
    assert not win.library_dock.isVisible()
    assert not win.actions_by_id["toggle_sidebar"].isChecked()
    assert win.dockWidgetArea(win.library_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    panel.close_site()


def test_the_parts_arrive_after_the_first_paint_and_follow_the_open_post(
    qtbot: Any, make_window: WindowMaker, site: Path
) -> None:
    """With `defer_parts` the first frame has the post but not the docks' panels, File >
    Open Recent or spelling; once they arrive they know the post opened before them."""
    win = make_window(site, create_preview=False, defer_parts=True)
    win.first_paint.then(win.build_parts)  # as the app does, later
    win.resize(1200, 800)
    post = site / "content" / "posts" / "headed.md"
    post.write_text("---\ntitle: Headed\n---\n\n# One\n\nText.\n\n## Two\n", encoding="utf-8")
    tab = win.open_post(post)
    assert win._parts is None
    seen: dict[str, bool] = {}
    win.first_paint.painted.connect(lambda: seen.setdefault("parts", win._parts is not None))
    win.show()
    qtbot.waitUntil(lambda: win._parts is not None, timeout=10000)
    assert seen == {"parts": False}
    assert str(post) in [str(p) for p in win.recent.recent.posts]
    assert win.spelling.for_tab(tab) is not None  # the open post is spell-checked
    win.outline.set_visible(True)  # the headings of the post opened before
    qtbot.waitUntil(lambda: len(win.outline.panel.sections) == 1, timeout=10000)
    assert [s.title for s in win.outline.panel.sections] == ["One"]
    checked: list[object] = []
    win.problems.runner.request_post = checked.append  # the checks follow its edits
    tab.editor.insertPlainText("x")
    assert checked


def test_a_part_used_before_the_first_paint_is_made_at_once(
    make_window: WindowMaker, site: Path
) -> None:
    win = make_window(site, create_preview=False, defer_parts=True)
    assert win._parts is None
    assert win.problems.dock.objectName() == "problemsDock"  # made now, on first use
    assert win._parts is not None
    win.build_parts()  # once only
    assert win.findChildren(type(win.problems.dock), "problemsDock") == [win.problems.dock]


def test_a_dock_restored_visible_shows_before_its_panel_arrives(
    qtbot: Any, make_window: WindowMaker, site: Path
) -> None:
    """The restored layout places the parts' docks at once (their shells), so nothing moves
    when the panels arrive after the first paint, and View's actions follow them."""
    shown = make_window(site, create_preview=False)
    shown.resize(1200, 800)
    shown.problems.set_visible(True)
    shown.show()
    qtbot.waitExposed(shown)
    state = shown.window_state()
    win = make_window(site, create_preview=False, defer_parts=True)
    win.first_paint.then(win.build_parts)
    win.resize(1200, 800)
    win.restore_state(state, reopen_posts=False)
    dock = win.findChild(type(shown.problems.dock), "problemsDock")
    win.show()
    qtbot.waitExposed(win)
    assert dock.isVisible()
    height = dock.height()
    qtbot.waitUntil(lambda: win._parts is not None, timeout=10000)
    assert win.problems.dock is dock and dock.widget() is win.problems.panel
    assert win.actions_by_id["toggle_problems"].isChecked()
    assert abs(dock.height() - height) <= 2


def test_a_very_long_post_renders_once_typing_pauses(
    qtbot: Any,
    make_window: WindowMaker,
    site: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from editor.ui.preview import link as preview_link

    # A pause long enough that a loaded machine cannot let it run out between two keys, and
    # the second key comes 500 ms into it: its restart shows however slow that key is.
    monkeypatch.setattr(preview_link, "LARGE_POST_PAUSE_MS", 1500)

    long_post = tmp_path / "long.md"
    long_post.write_text(
        "---\ntitle: Long\n---\n\n" + "word " * (preview_link.LARGE_POST_CHARS // 5 + 10),
        encoding="utf-8",
    )
    controller = RenderController(debounce_ms=-1)
    win = make_window(site, preview_dir=RESOURCES, render_controller=controller)
    win.open_post(long_post)
    editor = win.current_editor()
    assert editor is not None
    revision = controller.revision
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    timer = win.preview_link._render_timer
    editor.insertPlainText("a")
    assert timer.isActive() and timer.interval() == preview_link.LARGE_POST_PAUSE_MS
    qtbot.waitUntil(lambda: timer.remainingTime() < preview_link.LARGE_POST_PAUSE_MS - 500)
    before = timer.remainingTime()
    editor.insertPlainText("b")  # each key starts the pause again
    assert timer.remainingTime() > before and controller.revision == revision
    qtbot.waitUntil(lambda: controller.revision == revision + 1, timeout=5000)
    assert controller.last_outcome is not None and not timer.isActive()


def test_a_short_post_renders_while_typing(make_window: WindowMaker, site: Path) -> None:
    from editor.ui.preview import link as preview_link

    win = make_window(
        site, preview_dir=RESOURCES, render_controller=RenderController(debounce_ms=-1)
    )
    win.open_post(site / "content" / "posts" / "early.md")
    editor = win.current_editor()
    assert editor is not None
    timer = win.preview_link._render_timer
    editor.insertPlainText("a")
    assert timer.interval() == preview_link.RENDER_COALESCE_MS
    started = timer.timerId()
    editor.insertPlainText("b")  # not restarted (a restart is a new timer): it follows typing
    assert timer.isActive() and timer.timerId() == started
