"""The app's start-up order: the library and the rest wait until the preview shows the post."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from editor.app.main import after_preview, preview_shows_post
from editor.ui.window.main_window import MainWindow
from editor.ui.workers import RenderController
from tests.files import write_site
from tests.ui.preview.pages import RESOURCES
from tests.ui.windows import WindowMaker


@pytest.fixture
def window(make_window: WindowMaker, tmp_path: Path) -> MainWindow:
    root = write_site(tmp_path / "site", {"a.md": "---\ntitle: A\n---\n\nSome words here.\n"})
    win = make_window(
        root, preview_dir=RESOURCES, render_controller=RenderController(debounce_ms=-1)
    )
    win.open_post(root / "content" / "posts" / "a.md")
    win.resize(1000, 700)
    return win


def test_runs_once_the_preview_has_the_post(qtbot: Any, window: MainWindow) -> None:
    seen: list[bool] = []
    painted: list[int] = []
    window.previewCreated.connect(lambda p: p.contentPainted.connect(lambda: painted.append(1)))
    after_preview(window, lambda: seen.append(bool(painted)))
    window.show()
    qtbot.waitUntil(lambda: bool(seen), timeout=30000)
    assert seen == [True]  # after the post reached the page, and only once
    window.preview_link.request_render()  # another paint of the preview: not run again
    qtbot.waitUntil(lambda: len(painted) >= 2, timeout=30000)
    assert seen == [True]


def test_waits_for_a_frame_that_shows_the_post(qtbot: Any, window: MainWindow) -> None:
    shown: list[bool] = []
    after_preview(window, lambda: shown.append(preview_shows_post(window.preview)))
    window.show()
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    assert shown == [True]  # the view drew the post before the callback's work began


def test_a_blank_page_does_not_hold_it_back(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("editor.app.main.PREVIEW_WAIT_MS", 600_000)
    monkeypatch.setattr("editor.app.main.preview_shows_post", lambda _preview: False)
    painted: list[int] = []
    window.previewCreated.connect(lambda p: p.contentPainted.connect(lambda: painted.append(1)))
    seen: list[bool] = []
    after_preview(window, lambda: seen.append(bool(painted)))
    window.show()
    qtbot.waitUntil(lambda: bool(seen), timeout=30000)  # FRAME_WAIT_MS after the content
    assert seen == [True]


def test_a_hidden_preview_does_not_hold_it_back(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("editor.app.main.PREVIEW_WAIT_MS", 600_000)  # only when shown
    window.set_preview_visible(False)
    seen: list[bool] = []
    after_preview(window, lambda: seen.append(window.first_paint.done))
    window.show()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert seen == [True]
