"""A Pelican site in the real window: a post opening with `Key: value` metadata lines shows
its title in the preview and the form, the lines are no words of the status bar, and
editing a field through the form changes only that line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from editor.core.site.config import find_site
from editor.ui.window.main_window import MainWindow
from tests.files import TINY_PNG
from tests.ui.preview.pages import RESOURCES
from tests.ui.windows import WindowMaker

POST = (
    "Title: Hello Pelican\nDate: 2024-01-02 10:20\nTags: rust, async io\nStatus: draft\n"
    "\nNote: four words here.\n"
)

pytestmark = pytest.mark.slow


@pytest.fixture
def window(make_window: WindowMaker, tmp_path: Path) -> MainWindow:
    root = tmp_path / "blog"
    (root / "content").mkdir(parents=True)
    conf = 'SITENAME = "Notes"\nPATH = "content"\nSITEURL = "https://notes.example"\n'
    (root / "pelicanconf.py").write_text(conf, "utf-8")
    (root / "content" / "hello.md").write_text(POST, encoding="utf-8")
    site = find_site(root)
    assert site.kind == "pelican"
    win = make_window(site, preview_dir=RESOURCES)
    win.resize(1200, 800)
    win.show()
    return win


def _js(qtbot: Any, window: MainWindow, code: str) -> Any:
    out: list[Any] = []
    assert window.preview is not None
    window.preview.run_js(code, out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=10000)
    return out[0]


def test_a_pelican_post_in_the_window(qtbot: Any, window: MainWindow) -> None:
    path = Path(window.site.content_dir) / "hello.md"
    tab = window.open_post(path)
    assert tab is not None and tab.document.meta
    post = tab.document.current_post()
    assert post.title == "Hello Pelican" and post.draft and post.tags == ("rust", "async io")
    qtbot.waitUntil(lambda: window.preview is not None, timeout=30000)
    title = "document.querySelector('.post-title').textContent"
    # `Status: draft` is a draft: PaperMod's mark follows the title
    qtbot.waitUntil(lambda: _js(qtbot, window, title) == "Hello Pelican [draft]", timeout=15000)
    tags = "[...document.querySelectorAll('.post-tags span')].map(e => e.textContent).join('|')"
    assert _js(qtbot, window, tags) == "rust|async io"
    content = _js(qtbot, window, "document.getElementById('ip-content').innerHTML")
    assert content.strip() == '<p data-line="6">Note: four words here.</p>'
    words = window.findChild(QLabel, "statusWords")
    assert words is not None
    qtbot.waitUntil(lambda: words.text() == "4 words", timeout=15000)

    window.actions_by_id["toggle_front_matter"].trigger()
    panel = window.front_matter.panel
    qtbot.waitUntil(lambda: panel.title.text() == "Hello Pelican")
    assert panel.draft.isChecked() and panel.tags.tokens() == ["rust", "async io"]
    assert panel.url.url() == "https://notes.example/drafts/hello-pelican.html"  # Pelican's
    panel.draft.setChecked(False)
    qtbot.waitUntil(lambda: "Status: published\n" in tab.document.text())
    assert tab.document.text() == POST.replace("Status: draft", "Status: published")
    assert not tab.document.current_post().draft
    qtbot.waitUntil(lambda: panel.url.url() == "https://notes.example/hello-pelican.html")


def test_a_static_image_shows_in_the_preview(qtbot: Any, window: MainWindow) -> None:
    content = Path(window.site.content_dir)
    (content / "images").mkdir()
    (content / "images" / "pic.png").write_bytes(TINY_PNG)
    path = content / "pics.md"
    path.write_text("Title: Pics\nDate: 2024-01-02\n\n![p]({static}/images/pic.png)\n", "utf-8")
    tab = window.open_post(path)
    assert tab is not None
    qtbot.waitUntil(lambda: window.preview is not None, timeout=30000)
    loaded = "(() => { const i = document.querySelector('#ip-content img'); "
    loaded += "return i && i.complete ? i.naturalWidth : -1; })()"
    qtbot.waitUntil(lambda: _js(qtbot, window, loaded) == 1, timeout=15000)  # drawn, not blocked
