"""Links in the preview open posts in Inkpost, name local files, never open or run them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWidgets import QApplication

from editor.core.preview.header import PreviewHeader
from editor.core.site.config import find_site
from editor.ui.preview.pane import PreviewPane
from tests.files import TINY_PNG
from tests.ui.preview.pages import RESOURCES, Result
from tests.ui.windows import WindowMaker

CLICK = QWebEnginePage.NavigationType.NavigationTypeLinkClicked


class FakePrompts:
    def __init__(self, show_folder: bool = False) -> None:
        self.asked: list[Path] = []
        self.show_folder = show_folder

    def local_file(self, path: Path) -> bool:
        self.asked.append(path)
        return self.show_folder


@pytest.fixture(scope="module")
def site_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("linksite")
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "Blog"\n')
    posts = root / "content" / "posts"
    (posts / "bundle").mkdir(parents=True)
    (posts / "first.md").write_text("---\ntitle: First\n---\n[second](second.md)\n")
    (posts / "second.md").write_text("---\ntitle: Second\n---\nThe second post.\n")
    (posts / "bundle" / "index.md").write_text("---\ntitle: Bundle\n---\nBundled.\n")
    (posts / "bundle" / "evil.sh").write_text("#!/bin/sh\nrm -rf ~\n")
    (posts / "bundle" / "near.png").write_bytes(TINY_PNG)
    outside = tmp_path_factory.mktemp("outside")
    (outside / "far.png").write_bytes(TINY_PNG)
    return root


@pytest.fixture(scope="module")
def pane(qapp: QApplication, site_root: Path) -> Iterator[PreviewPane]:
    widget = PreviewPane(RESOURCES)
    widget.set_site(find_site(site_root))
    widget.resize(600, 400)
    widget.show()
    yield widget
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(urls.append))
    return urls


def click(pane: PreviewPane, url: QUrl | str, nav: Any = CLICK) -> bool:
    return bool(pane.page.acceptNavigationRequest(QUrl(url), nav, True))


def test_a_link_to_a_post_opens_it_in_inkpost(
    qtbot: Any, pane: PreviewPane, site_root: Path, opened: list[QUrl]
) -> None:
    second = site_root / "content" / "posts" / "second.md"
    with qtbot.waitSignal(pane.openPostRequested, timeout=3000) as signal:
        assert not click(pane, QUrl.fromLocalFile(str(second)))
    assert signal.args == [second]
    with qtbot.waitSignal(pane.openPostRequested, timeout=3000) as signal:
        click(pane, "https://example.org/posts/bundle/")  # what ref/relref write
    assert signal.args == [site_root / "content" / "posts" / "bundle" / "index.md"]
    assert opened == []


def test_a_local_file_is_named_never_opened(
    pane: PreviewPane, site_root: Path, opened: list[QUrl]
) -> None:
    evil = site_root / "content" / "posts" / "bundle" / "evil.sh"
    pane.links.prompts = prompts = FakePrompts()
    posts: list[Path] = []
    pane.openPostRequested.connect(posts.append)
    try:
        assert not click(pane, QUrl.fromLocalFile(str(evil)))
        assert not click(pane, "file:///usr/bin/env")
    finally:
        pane.openPostRequested.disconnect(posts.append)
    assert prompts.asked == [evil, Path("/usr/bin/env")]
    assert opened == [] and posts == []


def test_show_in_folder_opens_the_folder_not_the_file(
    pane: PreviewPane, site_root: Path, opened: list[QUrl]
) -> None:
    evil = site_root / "content" / "posts" / "bundle" / "evil.sh"
    pane.links.prompts = FakePrompts(show_folder=True)
    click(pane, QUrl.fromLocalFile(str(evil)))
    assert [u.toLocalFile() for u in opened] == [str(evil.parent)]


def test_web_links_open_on_a_click_only_and_other_schemes_do_nothing(
    qtbot: Any, pane: PreviewPane, opened: list[QUrl]
) -> None:
    pane.links.prompts = prompts = FakePrompts()
    for nav in (
        QWebEnginePage.NavigationType.NavigationTypeRedirect,
        QWebEnginePage.NavigationType.NavigationTypeOther,
        QWebEnginePage.NavigationType.NavigationTypeTyped,
        QWebEnginePage.NavigationType.NavigationTypeFormSubmitted,
    ):
        assert not click(pane, "https://example.com/x", nav)
    for url in ("javascript:alert(1)", "data:text/html,<b>x</b>", "vscode://file/etc/passwd"):
        assert not click(pane, url)
    assert opened == [] and prompts.asked == []
    with qtbot.waitSignal(pane.linkOpened, timeout=3000):
        click(pane, "https://example.com/x")
    assert [u.toString() for u in opened] == ["https://example.com/x"]


def test_files_outside_the_site_and_post_folders_are_blocked(
    qtbot: Any, pane: PreviewPane, site_root: Path
) -> None:
    bundle = site_root / "content" / "posts" / "bundle"
    far = next(site_root.parent.glob("outside*")) / "far.png"
    html = (
        f'<p data-line="1"><img id="near" src="near.png">'
        f'<img id="far" src="{QUrl.fromLocalFile(str(far)).toString()}">'
        '<img id="pw" src="file:///etc/passwd"></p>\n'
    )
    with qtbot.waitSignal(pane.contentPainted, timeout=20000):
        pane.show_result(Result(html, ((1, 1),)), PreviewHeader(title="T"), base_dir=bundle)
    qtbot.waitUntil(
        lambda: {u.toLocalFile() for u in pane.guard.blocked} >= {str(far), "/etc/passwd"},
        timeout=10000,
    )
    assert not [u for u in pane.guard.blocked if u.toLocalFile().endswith("near.png")]


@pytest.mark.slow
def test_the_window_opens_the_linked_post(
    qtbot: Any, make_window: WindowMaker, site_root: Path, opened: list[QUrl]
) -> None:
    win = make_window(site_root, preview_dir=RESOURCES)
    win.open_post(site_root / "content" / "posts" / "first.md")
    win.show()
    qtbot.waitUntil(lambda: win.preview is not None, timeout=30000)
    second = site_root / "content" / "posts" / "second.md"
    click(win.preview, QUrl.fromLocalFile(str(second)))
    qtbot.waitUntil(lambda: win.current_tab().document.path == second, timeout=5000)
    assert opened == []
