"""The Problems panel, its check runner, and the library's "With problems" filter (pytest-qt)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from editor.app.settings import Settings
from editor.core.diagnostics import Severity
from editor.core.post.model import Post
from editor.core.site.config import find_site
from editor.ui.checks.problems import ProblemsPanel
from editor.ui.checks.runner import CheckRunner, site_marks
from editor.ui.library.model import PROBLEM_ROLE, STATE
from editor.ui.library.panel import LibraryPanel
from editor.ui.window.main_window import MainWindow
from tests.files import TINY_PNG, write_site
from tests.ui.windows import WindowMaker

POSTS = {
    "alpha.md": "---\ntitle: Alpha\ndate: 2024-01-01\n---\n\nFirst words.\n",
    "beta.md": "---\ntitle: Beta\ndate: 2024-02-01\n---\n\nSecond.\n\n{{< nosuch >}}\n",
    "gamma.md": "---\ntitle: Gamma\ndate: 2024-03-01\n---\n\nThird.\n\n![a cat](/img/gone.png)\n",
}


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    config = 'title = "Checked"\nbaseURL = "https://example.org/"\n'
    return write_site(tmp_path / "site", POSTS, config)


@pytest.fixture
def window(make_window: WindowMaker, site_dir: Path) -> MainWindow:
    win = make_window(site_dir)
    win.problems.runner.set_debounce_ms(-1)
    return win


def _append(win: MainWindow, text: str) -> None:
    editor = win.current_editor()
    assert editor is not None
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.insertPlainText(text)


def _rows(panel: ProblemsPanel) -> list[tuple[str, str]]:
    view = panel.view
    return [
        (view.topLevelItem(i).text(1), view.topLevelItem(i).text(2))
        for i in range(view.topLevelItemCount())
    ]


def test_typing_a_broken_shortcode_shows_it_and_fixing_it_removes_it(
    window: MainWindow, site_dir: Path
) -> None:
    window.open_post(site_dir / "content" / "posts" / "alpha.md")
    panel = window.problems.panel
    assert ("6", "unknown-shortcode") not in _rows(panel)
    _append(window, "\n{{< nosuch >}}\n")
    assert ("8", "unknown-shortcode") in _rows(panel)
    assert "1 error" in panel.summary.text()
    window.current_editor().undo()
    assert all(code != "unknown-shortcode" for _line, code in _rows(panel))


def test_a_missing_image_shows_with_its_line(window: MainWindow, site_dir: Path) -> None:
    window.open_post(site_dir / "content" / "posts" / "alpha.md")
    _append(window, "\n![a dog](/img/nowhere.png)\n")
    assert ("8", "missing-image") in _rows(window.problems.panel)


def test_double_click_and_enter_go_to_the_line(
    qtbot: QtBot, window: MainWindow, site_dir: Path
) -> None:
    window.open_post(site_dir / "content" / "posts" / "beta.md")
    window.problems.dock.show()
    window.show()
    qtbot.waitExposed(window)
    view = window.problems.panel.view
    item = next(
        view.topLevelItem(i)
        for i in range(view.topLevelItemCount())
        if view.topLevelItem(i).text(2) == "unknown-shortcode"
    )
    editor = window.current_editor()
    assert editor is not None and editor.textCursor().blockNumber() == 0
    rect = view.visualItemRect(item)
    with qtbot.waitSignal(window.problems.goToLineRequested) as blocker:
        # a double click is a press then a double-click event (QTest sends only the latter)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [8]
    assert editor.textCursor().blockNumber() == 7
    editor.go_to_line(1)
    view.setCurrentItem(item)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert editor.textCursor().blockNumber() == 7


def test_view_problems_action_shows_the_dock(window: MainWindow) -> None:
    action = window.actions_by_id["toggle_problems"]
    assert not action.isChecked() and window.problems.dock.isHidden()
    action.trigger()
    assert not window.problems.dock.isHidden()
    assert window.problems.panel.view.accessibleName()
    action.trigger()
    assert window.problems.dock.isHidden()


def test_checks_run_off_the_gui_thread_and_stale_results_drop(qtbot: QtBot, site_dir: Path) -> None:
    runner = CheckRunner(find_site(site_dir), debounce_ms=0)
    try:
        post = Post.load(site_dir / "content" / "posts" / "beta.md")
        with qtbot.waitSignal(runner.postChecked, timeout=20000) as blocker:
            runner.request_post(Post.from_text("---\ntitle: x\n---\n{{< old >}}\n"))
            runner.request_post(post)
        path, found = blocker.args
        assert path == post.path
        assert [d.code for d in found if d.severity == Severity.ERROR] == ["unknown-shortcode"]
        assert runner.worker_thread_ids
        assert threading.get_ident() not in runner.worker_thread_ids
        with qtbot.waitSignal(runner.siteChecked, timeout=20000) as site_blocker:
            runner.request_site()
        report, marks = site_blocker.args
        assert report.posts == 3
        assert marks == site_marks(report, runner.site.root)  # grouped on the checks' thread
        assert set(marks.values()) == {Severity.ERROR, Severity.WARNING}
        assert threading.get_ident() not in runner.worker_thread_ids
    finally:
        runner.shutdown()


def test_library_filter_with_problems(qtbot: QtBot, tmp_path: Path, window: MainWindow) -> None:
    panel = LibraryPanel(window, figures=False)
    panel.set_debounce_ms(-1)
    window.set_library(panel, tmp_path / "cache")
    combo = panel.state_combo
    qtbot.waitUntil(lambda: combo.findText("With problems (2)") >= 0, timeout=30000)
    combo.setCurrentIndex(combo.findText("With problems (2)"))
    titles = sorted(panel.model.entry(r).title for r in range(panel.model.rowCount()))
    assert titles == ["Beta", "Gamma"]
    marks = {
        panel.model.entry(r).title: panel.model.index(r, STATE).data(PROBLEM_ROLE)
        for r in range(panel.model.rowCount())
    }
    assert marks == {"Beta": Severity.ERROR, "Gamma": Severity.WARNING}
    combo.setCurrentIndex(0)
    assert panel.model.rowCount() == 3


def test_the_dock_is_remembered_across_restarts(
    qtbot: QtBot,
    make_window: WindowMaker,
    tmp_path: Path,
    site_dir: Path,
    window: MainWindow,
) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.actions_by_id["toggle_problems"].trigger()
    state = window.window_state()
    again = make_window(site_dir, settings=Settings(tmp_path / "config2"))
    assert again.problems.dock.isHidden()
    again.restore_state(state)
    assert not again.problems.dock.isHidden()
    assert again.actions_by_id["toggle_problems"].isChecked()


def test_typing_is_checked_on_the_checks_thread(
    qtbot: QtBot, window: MainWindow, site_dir: Path
) -> None:
    runner = window.problems.runner
    runner.set_debounce_ms(0)
    window.open_post(site_dir / "content" / "posts" / "alpha.md")
    _append(window, "\n{{< nosuch >}}\n")
    panel = window.problems.panel
    qtbot.waitUntil(lambda: ("8", "unknown-shortcode") in _rows(panel), timeout=20000)
    assert runner.worker_thread_ids
    assert threading.get_ident() not in runner.worker_thread_ids
    window.current_editor().undo()
    qtbot.waitUntil(lambda: not runner.busy and ("8", "unknown-shortcode") not in _rows(panel))


def test_save_as_checks_the_post_where_it_now_lives(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, site_dir: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    bundle = site_dir / "content" / "posts" / "delta"
    bundle.mkdir()
    (bundle / "cat.png").write_bytes(TINY_PNG)
    window.open_post(site_dir / "content" / "posts" / "alpha.md")
    _append(window, "\n![a cat](cat.png)\n")
    assert any(code == "missing-image" for _line, code in _rows(window.problems.panel))
    target = bundle / "index.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    assert window.documents.save_as()
    # No edit since: the problems are those of the post in its bundle, where cat.png is.
    assert all(code != "missing-image" for _line, code in _rows(window.problems.panel))
