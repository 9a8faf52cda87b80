"""The Publish dialog and File > Publish… in the window, on real git repositories (pytest-qt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from editor.core.publish.git import GitState
from editor.core.site.config import find_site
from editor.ui.library.model import GIT_ROLE
from editor.ui.publish.dialog import PublishDialog
from editor.ui.safety import external_changes
from editor.ui.window.main_window import MainWindow
from tests.core.publish.repos import clone, git, write
from tests.ui.publish.conftest import remote_log
from tests.ui.windows import WindowMaker, scanned

WAIT = 20_000  # ms: git and the checks run on threads of their own


@pytest.fixture
def window(qtbot: QtBot, make_window: WindowMaker, tmp_path: Path, git_site: Path) -> MainWindow:
    win = make_window(git_site, data_dir=tmp_path / "data")
    panel = make_window.library(win)
    qtbot.waitUntil(lambda: scanned(panel, 2))
    win.publisher.ask_save = lambda names: True  # "Save" whenever it asks
    return win


def _planned(qtbot: QtBot, dialog: PublishDialog) -> None:
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.running, timeout=WAIT)


def _publish(qtbot: QtBot, dialog: PublishDialog) -> None:
    _planned(qtbot, dialog)
    with qtbot.waitSignal(dialog.published, timeout=WAIT):
        assert dialog.start()


def _git_state(win: MainWindow, rel: str) -> GitState | None:
    model = win.library.panel.model
    row = model.row_of(rel)
    return None if row < 0 else model.index(row, 0).data(GIT_ROLE)


def test_a_new_post_goes_from_new_to_in_sync_and_its_clean_tab_reloads_undrafted(
    qtbot: QtBot, window: MainWindow, git_site: Path, tmp_path: Path
) -> None:
    post = write(
        git_site / "content/posts/gamma.md",
        "---\ntitle: Gamma\ndate: 2024-03-01\ndraft: true\n---\n\nThird words.\n",
    )
    window.library.panel.rescan()
    qtbot.waitUntil(
        lambda: _git_state(window, "content/posts/gamma.md") is GitState.NEW, timeout=WAIT
    )
    tab = window.open_post(post)
    assert tab is not None
    dialog = window.publisher.publish()
    assert dialog is not None and dialog.posts == (post.resolve(),)
    _planned(qtbot, dialog)
    files = [dialog.files_list.item(i).text() for i in range(dialog.files_list.count())]
    assert files == ["content/posts/gamma.md"]
    assert dialog.push_box.text() == "Push after committing (to origin/main)"
    assert dialog.publish_button.isEnabled()
    dialog.undraft_box.setChecked(True)
    dialog.message_edit.setPlainText("Publish Gamma")
    _publish(qtbot, dialog)
    assert dialog.outcome is not None and dialog.outcome.ok, dialog.output.toPlainText()
    assert "Published." in dialog.output.toPlainText()
    assert remote_log(tmp_path).splitlines()[0] == "Publish Gamma"
    assert "draft: false" in post.read_text(encoding="utf-8")
    # the clean tab shows the file as published, with no "changed on disk" question
    qtbot.waitUntil(lambda: "draft: false" in tab.document.text(), timeout=WAIT)
    assert not tab.document.is_dirty
    bar = window.safekeeping.monitor.bar(tab)  # type: ignore[union-attr]
    assert bar is not None and bar.isHidden()
    qtbot.waitUntil(
        lambda: _git_state(window, "content/posts/gamma.md") is GitState.SYNCED, timeout=WAIT
    )
    dialog.reject()


def test_a_check_error_blocks_and_nothing_is_committed(
    qtbot: QtBot, window: MainWindow, git_site: Path, tmp_path: Path
) -> None:
    post = write(
        git_site / "content/posts/broken.md",
        "---\ntitle: Broken\ndate: 2024-03-01\n---\n\nText.\n\n{{< nosuch >}}\n",
    )
    before = remote_log(tmp_path)
    dialog = PublishDialog(window.site, [post], window)
    qtbot.addWidget(dialog)
    _planned(qtbot, dialog)
    assert dialog.plan is not None and dialog.plan.blocked
    assert not dialog.publish_button.isEnabled()
    assert dialog.reason_label.text() == dialog.plan.reason != ""
    problems = [dialog.problems_list.item(i).text() for i in range(dialog.problems_list.count())]
    assert any("broken.md:" in text and "nosuch" in text for text in problems), problems
    assert not dialog.start()
    assert remote_log(tmp_path) == before
    assert "broken.md" in git(git_site, "status", "--porcelain")  # still untracked
    dialog.shutdown()


def test_unsaved_text_is_saved_first_and_cancel_publishes_nothing(
    qtbot: QtBot, window: MainWindow, git_site: Path
) -> None:
    alpha = git_site / "content/posts/alpha.md"
    tab = window.open_post(alpha)
    assert tab is not None
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    tab.editor.insertPlainText("More words.\n")
    window.publisher.ask_save = lambda names: False
    assert window.publisher.publish() is None
    assert tab.document.is_dirty
    assert "More words." not in alpha.read_text(encoding="utf-8")
    asked: list[list[str]] = []
    window.publisher.ask_save = lambda names: asked.append(names) or True
    dialog = window.publisher.publish()
    assert dialog is not None and asked == [["alpha.md"]]
    assert not tab.document.is_dirty
    assert "More words." in alpha.read_text(encoding="utf-8")
    _planned(qtbot, dialog)
    dialog.reject()


def test_a_pull_conflict_keeps_the_writers_text_in_the_editor_and_the_journal(
    qtbot: QtBot, window: MainWindow, git_site: Path, tmp_path: Path
) -> None:
    other = clone(tmp_path / "remote.git", tmp_path / "other")
    write(other / "content/posts/alpha.md", "---\ntitle: Alpha\n---\n\nTheir words.\n")
    git(other, "commit", "-qam", "theirs")
    git(other, "push", "-q")
    alpha = git_site / "content/posts/alpha.md"
    tab = window.open_post(alpha)
    assert tab is not None
    cursor = tab.editor.textCursor()
    text = tab.document.text().replace("First words.", "My own words.")
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(text)
    dialog = window.publisher.publish()  # saves first ("Save")
    assert dialog is not None
    _publish(qtbot, dialog)
    assert dialog.outcome is not None and not dialog.outcome.ok
    assert "conflict" in dialog.output.toPlainText().lower()
    assert "<<<<<<<" in alpha.read_text(encoding="utf-8")  # the repository as git left it
    assert tab.document.text() == text  # the writer's text stays, unsaved
    assert tab.document.is_dirty
    bar = window.safekeeping.monitor.bar(tab)  # type: ignore[union-attr]
    assert bar is not None and bar.kind == "conflict" and not bar.isHidden()
    autosave = window.safekeeping.autosave  # type: ignore[union-attr]
    assert autosave.flush(tab.document)
    doc_id = autosave.doc_id(tab.document)
    assert doc_id is not None
    entry = window.safekeeping.journal.read(doc_id)  # type: ignore[union-attr]
    assert entry is not None and "My own words." in entry.text
    dialog.reject()


def test_file_publish_and_the_library_menu_open_the_dialog_for_their_post(
    qtbot: QtBot, window: MainWindow, git_site: Path
) -> None:
    action = window.actions_by_id["publish"]
    assert action.shortcut().toString() == "Ctrl+Shift+U"
    others = [a for key, a in window.actions_by_id.items() if key != "publish"]
    assert all(action.shortcut() not in a.shortcuts() for a in others)
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    assert action in window.toolbar.actions()
    beta = (git_site / "content/posts/beta.md").resolve()
    window.open_post(beta)
    action.trigger()
    dialog = window.publisher.dialog
    assert dialog is not None and dialog.posts == (beta,)
    _planned(qtbot, dialog)
    dialog.reject()
    qtbot.waitUntil(lambda: window.publisher.dialog is None)
    # the library's context menu publishes its current post, whatever is being edited
    panel = window.library.panel
    alpha = (git_site / "content/posts/alpha.md").resolve()
    assert panel.select_path(alpha)
    panel._on_view_context_menu_requested(panel.view.rect().center())
    menu = panel.findChildren(QMenu)[-1]
    assert window.publisher.context_action in menu.actions()
    menu.close()
    window.publisher.context_action.trigger()
    dialog = window.publisher.dialog
    assert dialog is not None and dialog.posts == (alpha,)
    _planned(qtbot, dialog)
    dialog.reject()


def test_a_site_in_no_repository_cannot_be_published_and_says_why(
    qtbot: QtBot, plain_site: Path
) -> None:
    post = plain_site / "content/posts/alpha.md"
    dialog = PublishDialog(find_site(plain_site), [post])
    qtbot.addWidget(dialog)
    _planned(qtbot, dialog)
    assert dialog.plan is not None and dialog.plan.blocked
    assert "not in a git repository" in dialog.reason_label.text()
    assert not dialog.publish_button.isEnabled()
    dialog.shutdown()


def test_a_save_refreshes_the_git_column(qtbot: QtBot, window: MainWindow, git_site: Path) -> None:
    rel = "content/posts/alpha.md"
    qtbot.waitUntil(lambda: _git_state(window, rel) is GitState.SYNCED, timeout=WAIT)
    tab = window.open_post(git_site / rel)
    assert tab is not None
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    tab.editor.insertPlainText("Saved words.\n")
    assert window.save(tab)
    qtbot.waitUntil(lambda: _git_state(window, rel) is GitState.MODIFIED, timeout=WAIT)


def test_the_options_are_what_the_boxes_and_the_message_say(qtbot: QtBot, git_site: Path) -> None:
    dialog = PublishDialog(find_site(git_site), [git_site / "content/posts/beta.md"])
    qtbot.addWidget(dialog)
    _planned(qtbot, dialog)
    assert dialog.message_edit.toPlainText() == dialog.plan.default_message  # type: ignore[union-attr]
    options = dialog.options()
    assert (options.push, options.undraft, options.set_date) == (True, False, False)
    first = dialog.plan
    dialog.message_edit.setPlainText("  Mine  ")
    dialog.set_date_box.setChecked(True)  # plans again; the edited message stays
    dialog.push_box.setChecked(False)
    qtbot.waitUntil(lambda: dialog.plan is not first, timeout=WAIT)
    options = dialog.options()
    assert (options.message, options.push, options.set_date) == ("Mine", False, True)
    assert dialog.message_edit.toPlainText() == "  Mine  "
    dialog.shutdown()


def test_a_save_that_would_overwrite_a_change_on_disk_stops_and_keeps_the_text(
    qtbot: QtBot, window: MainWindow, git_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []
    monkeypatch.setattr(
        external_changes, "ask_overwrite", lambda _parent, path: asked.append(path) or "cancel"
    )
    alpha = git_site / "content/posts/alpha.md"
    tab = window.open_post(alpha)
    assert tab is not None
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    tab.editor.insertPlainText("Unsaved words.\n")
    theirs = "---\ntitle: Alpha\n---\n\nWritten elsewhere.\n"
    alpha.write_text(theirs, encoding="utf-8")
    assert window.publisher.publish() is None  # "Save" was answered; the save was cancelled
    assert asked == [alpha.resolve()]
    assert alpha.read_text(encoding="utf-8") == theirs
    assert "Unsaved words." in tab.document.text() and tab.document.is_dirty
