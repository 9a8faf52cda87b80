"""New Post from the window (Ctrl+N, File > New Post, the toolbar) is the library's New Post."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from editor.ui.library.dialogs import NewPostChoice
from editor.ui.window.main_window import MainWindow
from tests.files import write_site
from tests.ui.windows import WindowMaker, scanned

ARCHETYPE = '---\ntitle: "{{ .Title }}"\ndraft: true\ncategories: [fresh-from-archetype]\n---\n'


class Prompts:
    """Answers the New Post question with `choice`, and remembers what it was asked."""

    def __init__(self, choice: NewPostChoice | None) -> None:
        self.choice = choice
        self.asked: list[tuple[list[str], str]] = []
        self.errors: list[str] = []

    def new_post(self, sections: Sequence[str], section: str) -> NewPostChoice | None:
        self.asked.append((list(sections), section))
        return self.choice

    def error(self, message: str) -> None:
        self.errors.append(message)


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    root = write_site(tmp_path / "site", {"old.md": "---\ntitle: Old\n---\n"})
    (root / "archetypes").mkdir()
    (root / "archetypes" / "default.md").write_text(ARCHETYPE, encoding="utf-8")
    return root


@pytest.fixture
def window(qtbot: QtBot, make_window: WindowMaker, site_dir: Path) -> MainWindow:
    win = make_window(site_dir)
    panel = make_window.library(win)
    qtbot.waitUntil(lambda: scanned(panel, 1))
    return win


def _press_ctrl_n(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_n_asks_the_library_dialog_and_opens_the_archetypes_post(
    qtbot: QtBot, window: MainWindow, site_dir: Path
) -> None:
    prompts = Prompts(NewPostChoice("Brand New", "posts", bundle=True))
    window.library.panel.prompts = prompts
    _press_ctrl_n(qtbot, window)
    assert prompts.asked == [(["posts"], "")]
    path = site_dir / "content" / "posts" / "brand-new" / "index.md"
    qtbot.waitUntil(lambda: window.current_tab() is not None)
    tab = window.current_tab()
    assert tab is not None and tab.document.path == path.resolve()
    text = path.read_text(encoding="utf-8")
    assert "fresh-from-archetype" in text and "Brand New" in text
    assert "fresh-from-archetype" in tab.document.text_document.toPlainText()
    assert len(window.tab_list()) == 1 and prompts.errors == []


def test_the_menu_and_toolbar_new_post_is_the_same_command(
    window: MainWindow, site_dir: Path
) -> None:
    prompts = Prompts(NewPostChoice("Single", "", bundle=False))
    window.library.panel.prompts = prompts
    window.actions_by_id["new"].trigger()
    assert len(prompts.asked) == 1
    assert (site_dir / "content" / "single.md").is_file()
    assert [tab.document.path for tab in window.tab_list()] == [
        (site_dir / "content" / "single.md").resolve()
    ]


def test_cancelling_the_dialog_creates_and_opens_nothing(
    window: MainWindow, site_dir: Path
) -> None:
    prompts = Prompts(None)
    window.library.panel.prompts = prompts
    window.actions_by_id["new"].trigger()
    assert len(prompts.asked) == 1
    assert window.tab_list() == []
    assert sorted(p.name for p in (site_dir / "content").rglob("*.md")) == ["old.md"]


def test_without_a_library_new_post_opens_an_untitled_tab(
    make_window: WindowMaker, site_dir: Path
) -> None:
    window = make_window(site_dir)
    window.actions_by_id["new"].trigger()
    assert len(window.tab_list()) == 1
    assert window.tab_list()[0].document.path is None
