"""The library sidebar and the Export dialog wired into the window (pytest-qt)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QTableView
from pytestqt.qtbot import QtBot

from editor.core.library import actions as library_actions
from editor.core.library.types import PostEntry
from editor.ui.export.dialog import ExportDialog, IniStore
from editor.ui.library.panel import LibraryPanel
from editor.ui.window.main_window import MainWindow
from tests.files import write_site
from tests.ui.windows import WindowMaker, scanned

POSTS = {
    "alpha.md": "---\ntitle: Alpha\ndate: 2024-01-01\n---\n\nFirst words.\n",
    "beta.md": "---\ntitle: Beta\ndate: 2024-02-01\n---\n\nSecond words.\n",
}


class Prompts:
    """Answers the library's questions (rename, trash) without dialogs."""

    def __init__(self) -> None:
        self.name: str | None = None
        self.errors: list[str] = []

    def new_post(self, sections: list[str], section: str) -> None:
        return None

    def rename(self, entry: PostEntry) -> str | None:
        return self.name

    def confirm_trash(self, entry: PostEntry) -> bool:
        return True

    def error(self, message: str) -> None:
        self.errors.append(message)


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", POSTS, 'title = "Wired Blog"\n')


@pytest.fixture
def window(
    qtbot: QtBot,
    make_window: WindowMaker,
    tmp_path: Path,
    site_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> MainWindow:
    # The trash is a plain delete here (the real one is the system's).
    monkeypatch.setattr(library_actions, "send2trash", os.remove)
    win = make_window(site_dir)
    panel = make_window.library(win, Prompts())
    win.set_export(IniStore(tmp_path / "config" / "export.ini"), "body { color: black; }")
    qtbot.waitUntil(lambda: scanned(panel, 2))
    return win


def _panel(win: MainWindow) -> LibraryPanel:
    panel = win.library.panel
    assert isinstance(panel, LibraryPanel)
    return panel


def _row_of(panel: LibraryPanel, title: str) -> int:
    model = panel.model
    for row in range(model.rowCount()):
        entry = model.entry(row)
        if entry is not None and entry.title == title:
            return row
    raise AssertionError(f"{title} is not listed")


def test_the_dock_shows_the_sites_posts_and_selecting_one_opens_it(
    window: MainWindow, qtbot: QtBot, site_dir: Path, tmp_path: Path
) -> None:
    view = window.findChild(QTableView, "library")
    panel = _panel(window)
    assert view is panel.view and window.library_dock.widget() is panel
    assert window.actions_by_id["toggle_sidebar"].isChecked()
    assert (tmp_path / "cache" / "library").is_dir()  # the index lives in the given cache
    with qtbot.waitSignal(window.postOpened) as opened:
        view.selectRow(_row_of(panel, "Alpha"))
    alpha = (site_dir / "content/posts/alpha.md").resolve()
    assert opened.args == [alpha]
    tab = window.current_tab()
    assert tab is not None and tab.document.path == alpha
    assert "First words." in tab.editor.toPlainText()
    view.selectRow(_row_of(panel, "Beta"))
    assert len(window.tab_list()) == 2
    view.selectRow(_row_of(panel, "Alpha"))  # its tab again, not a second one
    assert len(window.tab_list()) == 2 and window.current_tab() is tab


def test_switching_tabs_follows_in_the_library(window: MainWindow, site_dir: Path) -> None:
    panel = _panel(window)
    window.open_post(site_dir / "content/posts/alpha.md")
    window.open_post(site_dir / "content/posts/beta.md")
    entry = panel.current_entry()
    assert entry is not None and entry.title == "Beta"
    window.tabs.setCurrentIndex(0)
    entry = panel.current_entry()
    assert entry is not None and entry.title == "Alpha"
    assert len(window.tab_list()) == 2  # selecting it there opened nothing more


def test_renaming_an_open_post_retargets_its_tab(
    window: MainWindow, qtbot: QtBot, site_dir: Path
) -> None:
    panel = _panel(window)
    tab = window.open_post(site_dir / "content/posts/alpha.md")
    assert tab is not None
    tab.editor.textCursor().insertText("Unsaved. ")
    assert panel.select_path(site_dir / "content/posts/alpha.md")
    panel.prompts.name = "alpha-moved"  # type: ignore[attr-defined]
    with qtbot.waitSignal(panel.postRenamed):
        panel.rename_action.trigger()
    new = site_dir / "content/posts/alpha-moved.md"
    assert new.is_file() and tab.document.path == new
    assert tab.document.is_dirty and window.tabs.tabText(window.tabs.indexOf(tab)).startswith(
        "alpha-moved.md"
    )
    assert window.save(tab)
    assert "Unsaved. " in new.read_text(encoding="utf-8")
    assert not (site_dir / "content/posts/alpha.md").exists()


def test_trashing_an_open_post_closes_its_tab(
    window: MainWindow, qtbot: QtBot, site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]))
    panel = _panel(window)
    beta = site_dir / "content/posts/beta.md"
    window.open_post(site_dir / "content/posts/alpha.md")
    window.open_post(beta)
    assert panel.select_path(beta)
    with qtbot.waitSignal(panel.postTrashed):
        panel.trash_action.trigger()
    assert not beta.exists()
    assert [tab.document.display_name() for tab in window.tab_list()] == ["alpha.md"]
    assert asked == []  # a trashed post's clean tab closes without a question


def test_trashing_a_post_with_unsaved_changes_keeps_the_text(
    window: MainWindow, qtbot: QtBot, site_dir: Path
) -> None:
    panel = _panel(window)
    tab = window.open_post(site_dir / "content/posts/beta.md")
    assert tab is not None
    tab.editor.textCursor().insertText("Keep me. ")
    assert panel.select_path(site_dir / "content/posts/beta.md")
    with qtbot.waitSignal(panel.postTrashed):
        panel.trash_action.trigger()
    assert window.tab_list() == [tab] and tab.document.is_dirty
    assert "Keep me. " in tab.editor.toPlainText()
    assert "trash" in window.statusBar().currentMessage()


def test_file_export_opens_the_dialog_with_the_current_post(
    window: MainWindow, site_dir: Path
) -> None:
    action = window.actions_by_id["export"]
    assert action.isEnabled() and action.text() == "&Export…"
    window.open_post(site_dir / "content/posts/beta.md")
    action.trigger()
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog._posts == [(site_dir / "content/posts/beta.md").resolve()]
    dialog.reject()


def test_export_asks_to_save_unsaved_changes_first(
    window: MainWindow, site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    monkeypatch.setattr(QMessageBox, "question", lambda *args: answers.pop(0))
    tab = window.open_post(site_dir / "content/posts/alpha.md")
    assert tab is not None
    tab.editor.textCursor().insertText("Edited. ")
    assert window.exporter.export() is None  # Cancel: nothing exported, nothing saved
    assert tab.document.is_dirty
    dialog = window.exporter.export()
    assert isinstance(dialog, ExportDialog)
    assert not tab.document.is_dirty
    assert "Edited. " in (site_dir / "content/posts/alpha.md").read_text(encoding="utf-8")
    dialog.reject()


def test_export_takes_the_library_selection_when_it_has_the_focus(
    window: MainWindow, qtbot: QtBot, site_dir: Path
) -> None:
    window.resize(1200, 800)  # room for the library beside the editor and the preview
    window.show()
    qtbot.waitExposed(window)
    panel = _panel(window)
    window.open_post(site_dir / "content/posts/alpha.md")
    assert panel.select_path(site_dir / "content/posts/beta.md")
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    assert window.exporter.posts_to_export() == [site_dir / "content/posts/beta.md"]
    window.current_editor().setFocus()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not panel.view.hasFocus())
    assert window.exporter.posts_to_export() == [(site_dir / "content/posts/alpha.md").resolve()]


def test_closing_the_window_closes_the_library_index(window: MainWindow) -> None:
    panel = _panel(window)
    assert panel.index is not None
    window.close()
    assert panel.index is None and panel.scanner is None


def test_the_post_opened_before_the_scan_is_marked_when_its_row_arrives(
    qtbot: QtBot, make_window: WindowMaker, tmp_path: Path, site_dir: Path
) -> None:
    win = make_window(site_dir)
    win.open_post(site_dir / "content/posts/beta.md")  # opened first, as at start-up
    panel = LibraryPanel(win, figures=False)
    win.set_library(panel, tmp_path / "fresh-cache")
    assert panel.model.rowCount() == 0  # nothing indexed yet: the scan runs on its thread
    qtbot.waitUntil(lambda: panel.scanner is not None and not panel.scanner.busy)
    qtbot.waitUntil(lambda: panel.current_entry() is not None)
    entry = panel.current_entry()
    assert entry is not None and entry.title == "Beta"
    assert len(win.tab_list()) == 1
    win.library.close()
