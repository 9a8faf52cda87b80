"""View > Front Matter in the window: the action, its key, the dock following the current
tab, and the dock remembered across restarts (pytest-qt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from tests.files import write_site
from tests.ui.windows import WindowMaker


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    posts = {"a.md": "---\ntitle: Alpha\n---\nA\n", "b.md": "+++\ntitle = 'Beta'\n+++\nB\n"}
    return write_site(tmp_path / "site", posts)


def test_view_front_matter_toggles_the_dock_that_follows_the_tab(
    qtbot: QtBot, make_window: WindowMaker, site_dir: Path
) -> None:
    window = make_window(site_dir)
    action = window.actions_by_id["toggle_front_matter"]
    assert action.shortcut() == QKeySequence("Ctrl+Shift+I")
    others = [a for k, a in window.actions_by_id.items() if k != "toggle_front_matter"]
    assert all(QKeySequence("Ctrl+Shift+I") not in a.shortcuts() for a in others)
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert action in view.actions()
    window.show()
    dock = window.front_matter.dock
    assert dock.isHidden()
    action.trigger()
    assert dock.isVisible() and action.isChecked()
    posts = site_dir / "content" / "posts"
    window.open_post(posts / "a.md")
    qtbot.waitUntil(lambda: window.front_matter.panel.title.text() == "Alpha")
    window.open_post(posts / "b.md")
    qtbot.waitUntil(lambda: window.front_matter.panel.title.text() == "Beta")
    dock.close()
    assert not action.isChecked()


def test_the_dock_is_remembered_across_restarts(
    qtbot: QtBot, make_window: WindowMaker, site_dir: Path
) -> None:
    first = make_window(site_dir)
    first.show()
    first.actions_by_id["toggle_front_matter"].trigger()
    state = first.window_state()
    second = make_window(site_dir)
    second.restore_state(state, reopen_posts=False)
    second.show()
    qtbot.waitUntil(second.front_matter.dock.isVisible)
    assert second.actions_by_id["toggle_front_matter"].isChecked()


def test_closing_a_tab_with_a_broken_front_matter(
    qtbot: QtBot, make_window: WindowMaker, site_dir: Path
) -> None:
    window = make_window(site_dir)
    window.show()
    window.actions_by_id["toggle_front_matter"].trigger()
    posts = site_dir / "content" / "posts"
    window.open_post(posts / "b.md")
    tab = window.open_post(posts / "a.md")
    assert tab is not None
    tab.document.text_document.setPlainText("---\ntitle: [Alpha\n---\nA\n")
    qtbot.waitUntil(lambda: not window.front_matter.panel.form_box.isEnabled())
    assert tab.editor.diagnostic_marks()
    tab.document.text_document.setModified(False)
    window.documents.close_current()
    qtbot.waitUntil(lambda: window.front_matter.panel.title.text() == "Beta")
    assert window.front_matter.panel.form_box.isEnabled()
