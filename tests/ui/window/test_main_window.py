"""MainWindow: tabs, saving, asking before losing changes, state restore, actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from editor.app.settings import Settings
from editor.ui.editor.post_editor import PostEditor
from editor.ui.window.main_window import MainWindow
from editor.ui.window.preferences import Preferences
from tests.files import write_site
from tests.ui.windows import WindowMaker

Answer = QMessageBox.StandardButton


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    posts = {
        "first.md": "---\ntitle: First\n---\n\nOne.\n",
        "second.md": "+++\ntitle = 'Second'\n+++\n\nTwo.\n",
    }
    return write_site(tmp_path / "site", posts, 'title = "Test Blog"\n')


class _Asker:
    """Stands in for QMessageBox.question: answers from a list and records each question."""

    def __init__(self, *answers: QMessageBox.StandardButton) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []

    def __call__(self, _parent: object, _title: str, text: str, *_args: object) -> object:
        self.asked.append(text)
        return self.answers.pop(0)


def _type(window: MainWindow, text: str) -> None:
    editor = window.current_editor()
    assert editor is not None
    editor.textCursor().insertText(text)


def test_names_and_standard_shortcuts(make_window: WindowMaker, site_dir: Path) -> None:
    window = make_window(site_dir)
    tab = window.open_post(window.site.content_dir / "posts" / "first.md")
    assert tab is not None
    assert window.findChild(type(tab.editor), "postEditor") is tab.editor
    assert window.library_dock.objectName() == "libraryDock"
    actions = window.actions_by_id
    for action_id, key in [
        ("save", QKeySequence.StandardKey.Save),
        ("open", QKeySequence.StandardKey.Open),
        ("find", QKeySequence.StandardKey.Find),
        ("bold", QKeySequence.StandardKey.Bold),
        ("zoom_in", QKeySequence.StandardKey.ZoomIn),
    ]:
        assert actions[action_id].shortcut() == QKeySequence.keyBindings(key)[0]
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "F&ormat", "&View", "&Help"]


def test_dirty_mark_in_title_and_tab_and_save(make_window: WindowMaker, site_dir: Path) -> None:
    window = make_window(site_dir)
    path = window.site.content_dir / "posts" / "first.md"
    window.open_post(path)
    assert window.tabs.tabText(0) == "first.md"
    assert not window.isWindowModified()
    _type(window, "Hello ")
    assert window.tabs.tabText(0) == "first.md*"
    assert window.isWindowModified()
    assert "[*]" in window.windowTitle()
    window.actions_by_id["save"].trigger()
    assert window.tabs.tabText(0) == "first.md"
    assert path.read_text(encoding="utf-8").startswith("Hello ---")


def test_several_posts_in_tabs(make_window: WindowMaker, site_dir: Path) -> None:
    window = make_window(site_dir)
    posts = window.site.content_dir / "posts"
    window.open_post(posts / "first.md")
    window.open_post(posts / "second.md")
    window.open_post(posts / "first.md")  # already open: switches to it
    assert window.tabs.count() == 2
    assert window.tabs.currentIndex() == 0
    window.actions_by_id["next_tab"].trigger()
    assert window.tabs.currentIndex() == 1
    window.actions_by_id["new"].trigger()
    assert window.tabs.count() == 3
    assert window.tabs.tabText(2) == "Untitled"


def test_closing_with_unsaved_changes_asks(
    make_window: WindowMaker, site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(site_dir)
    path = window.site.content_dir / "posts" / "first.md"
    original = path.read_bytes()
    window.open_post(path)
    _type(window, "draft words ")
    asker = _Asker(Answer.Cancel, Answer.Discard)
    monkeypatch.setattr(QMessageBox, "question", asker)
    assert not window.close_current()
    assert window.tabs.count() == 1
    assert "first.md" in asker.asked[0]
    assert window.close_current()
    assert window.tabs.count() == 0
    assert path.read_bytes() == original


def test_save_from_the_question_writes_the_post(
    make_window: WindowMaker, site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(site_dir)
    path = window.site.content_dir / "posts" / "second.md"
    window.open_post(path)
    _type(window, "X")
    monkeypatch.setattr(QMessageBox, "question", _Asker(Answer.Save))
    assert window.close_current()
    assert path.read_text(encoding="utf-8").startswith("X+++")


def test_quit_asks_for_every_unsaved_post(
    make_window: WindowMaker, site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(site_dir)
    posts = window.site.content_dir / "posts"
    window.open_post(posts / "first.md")
    _type(window, "a")
    window.open_post(posts / "second.md")
    _type(window, "b")
    window.show()
    asker = _Asker(Answer.Discard, Answer.Cancel)
    monkeypatch.setattr(QMessageBox, "question", asker)
    assert not window.close()
    assert len(asker.asked) == 2
    assert window.isVisible()
    asker.answers = [Answer.Discard, Answer.Discard]
    assert window.close()


def test_settings_restore_the_window(
    make_window: WindowMaker, site_dir: Path, qtbot: QtBot
) -> None:
    window = make_window(site_dir)
    posts = window.site.content_dir / "posts"
    window.resize(760, 560)  # inside the offscreen screen (800x600): no clamping
    window.show()
    qtbot.waitExposed(window)
    window.open_post(posts / "first.md")
    window.open_post(posts / "second.md")
    window.open_post(posts / "first.md")
    window.splitter.setSizes([480, 260])
    window.actions_by_id["toggle_sidebar"].setChecked(True)
    window.actions_by_id["zoom_in"].trigger()
    sizes = window.splitter.sizes()
    assert window.close()
    state = make_window.settings.window_state()
    assert state.open_posts == (str(posts / "first.md"), str(posts / "second.md"))
    assert state.last_post == str(posts / "first.md")
    assert state.sidebar_visible and state.zoom == 1

    again = make_window(site_dir)
    again.restore_state(make_window.settings.window_state())
    again.show()
    qtbot.waitExposed(again)
    assert [tab.document.display_name() for tab in again.tab_list()] == ["first.md", "second.md"]
    assert again.current_tab() is again.tab_list()[0]
    assert again.size() == window.size(), (again.size(), window.size())
    # 760 px is too narrow for the library beside the editor and the preview: it is hidden
    # first (still wanted), and the editor and preview share its width as they did.
    assert again.library_dock.isHidden() and again.window_state().sidebar_visible
    share = again.splitter.sizes()[0] / sum(again.splitter.sizes())
    assert abs(share - sizes[0] / sum(sizes)) < 0.01, (again.splitter.sizes(), sizes)
    assert again.current_editor().zoom() == 1  # type: ignore[union-attr]
    assert again.size() == window.size()


def test_toggles_and_preferences(make_window: WindowMaker, site_dir: Path) -> None:
    window = make_window(site_dir)
    window.open_post(window.site.content_dir / "posts" / "first.md")
    editor = window.current_editor()
    assert editor is not None
    window.actions_by_id["line_numbers"].setChecked(False)
    assert not editor.line_numbers_visible()
    window.actions_by_id["soft_wrap"].setChecked(False)
    assert not editor.soft_wrap()
    assert make_window.settings.preferences().line_numbers is False
    window.actions_by_id["toggle_preview"].setChecked(False)
    assert window.window_state().preview_visible is False


def test_formatting_actions_reach_the_editor(make_window: WindowMaker, site_dir: Path) -> None:
    window = make_window(site_dir)
    window.new_post()
    editor = window.current_editor()
    assert editor is not None
    editor.selectAll()
    editor.textCursor().insertText("word")
    editor.selectAll()
    window.actions_by_id["bold"].trigger()
    window.actions_by_id["heading"].trigger()
    assert editor.toPlainText() == "# **word**"
    window.actions_by_id["find"].trigger()
    assert window.find_bar.isVisible() or not window.isVisible()


def test_preferences_dialog_round_trip(qtbot: QtBot) -> None:
    from editor.ui.window.preferences import Preferences, PreferencesDialog

    dialog = PreferencesDialog(Preferences(theme="dark", journal_delay_ms=5000))
    qtbot.addWidget(dialog)
    assert dialog.theme_box.currentData() == "dark"
    assert dialog.journal_delay.value() == 5
    assert not dialog.save_to_file.isChecked()
    assert not hasattr(dialog, "autosave")  # one autosave design: journal + save-to-file
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("light"))
    dialog.code_style_box.setCurrentIndex(dialog.code_style_box.findData("github"))
    dialog.allow_remote.setChecked(True)
    dialog.soft_wrap.setChecked(False)
    dialog.font_size.setValue(14)
    dialog.journal_delay.setValue(12)
    dialog.save_to_file.setChecked(True)
    prefs = dialog.preferences()
    assert (prefs.theme, prefs.code_style, prefs.allow_remote, prefs.soft_wrap) == (
        "light",
        "github",
        True,
        False,
    )
    assert prefs.font().pointSize() == 14
    assert (prefs.journal_delay_ms, prefs.save_to_file) == (12_000, True)


def test_the_editor_font_skips_shaping_only_for_the_system_fixed_font(qtbot: QtBot) -> None:
    from PySide6.QtGui import QFont, QFontDatabase

    from editor.ui.window.preferences import Preferences

    no_shaping = QFont.StyleStrategy.PreferNoShaping
    system = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    assert Preferences().font().styleStrategy() & no_shaping
    resized = QFont(system)
    resized.setPointSize(15)
    assert Preferences(editor_font=resized.toString()).font().styleStrategy() & no_shaping
    other = QFont("Serif", 12)
    assert other.family() != system.family()
    assert not Preferences(editor_font=other.toString()).font().styleStrategy() & no_shaping


def test_untouched_journal_delay_keeps_a_finer_value(qtbot: QtBot) -> None:
    from editor.ui.window.preferences import Preferences, PreferencesDialog

    dialog = PreferencesDialog(Preferences(journal_delay_ms=250))
    qtbot.addWidget(dialog)
    assert dialog.journal_delay.value() == 1  # shown as the nearest whole second
    assert dialog.preferences().journal_delay_ms == 250


def test_autosave_preferences_reach_the_safekeeping(
    make_window: WindowMaker, tmp_path: Path, site_dir: Path
) -> None:
    from dataclasses import replace

    window = make_window(site_dir, data_dir=tmp_path / "data")
    keeper = window.safekeeping
    assert keeper is not None and keeper.autosave.save_to_file is False
    window.appearance.change(save_to_file=True, journal_delay_ms=3000)
    assert keeper.autosave.save_to_file is True
    assert keeper.autosave.idle_ms == 3000
    again = Settings(tmp_path / "config").preferences()
    assert again == replace(Preferences(), save_to_file=True, journal_delay_ms=3000)
    assert not hasattr(window, "autosave_timer")


def test_about_names_the_versions() -> None:
    from editor import __version__
    from editor.ui.window.about import about_text

    text = about_text()
    assert f"Inkpost {__version__}" in text
    assert "PySide6" in text


def test_no_two_actions_share_a_shortcut(make_window: WindowMaker, site_dir: Path) -> None:
    window = make_window(site_dir)
    seen: dict[str, str] = {}
    for action_id, action in window.actions_by_id.items():
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert key not in seen, f"{key} is both {seen[key]} and {action_id}"
            seen[key] = action_id
    assert "Ctrl+S" in seen and "Ctrl+Q" in seen and "Ctrl+F" in seen


def test_new_post_save_goes_through_save_as(
    make_window: WindowMaker, site_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from editor.core.post.model import Post

    window = make_window(site_dir)
    window.new_post()
    target = window.site.content_dir / "posts" / "fresh.md"
    asked: list[str] = []

    def choose(_parent: object, caption: str, *_args: object) -> tuple[str, str]:
        asked.append(caption)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    window.actions_by_id["save"].trigger()
    assert asked == ["Save the post as"]
    assert Post.load(target).draft
    assert window.tabs.tabText(0) == "fresh.md"
    assert not window.isWindowModified()


def test_a_post_that_cannot_be_read_is_reported(
    make_window: WindowMaker, site_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(text))
    window = make_window(site_dir)
    assert window.open_post(tmp_path / "missing.md") is None
    assert window.tabs.count() == 0
    assert warned and "missing.md" in warned[0]


def test_closing_right_after_a_keystroke_renders_nothing_more(
    make_window: WindowMaker, site_dir: Path
) -> None:
    """The keystroke's render waits for more typing (a timer); the window closing stops the
    renderer, so the timer must not fire into it (that raised in the event loop)."""
    window = make_window(site_dir)
    window.preview_link.prerender = True
    window.open_post(window.site.content_dir / "posts" / "first.md")
    _type(window, "x")
    assert window.preview_link.pending
    for tab in window.tab_list():
        tab.document.text_document.setModified(False)
    assert window.close()
    assert not window.preview_link.pending


def _active_with_first_post(
    qtbot: QtBot, make_window: WindowMaker, site_dir: Path
) -> tuple[MainWindow, PostEditor]:
    """A shown, active window (shortcuts answer there) with first.md open."""
    window = make_window(site_dir)
    window.open_post(window.site.content_dir / "posts" / "first.md")
    make_window.show(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor = window.current_editor()
    assert editor is not None
    return window, editor


def test_format_keys_reach_the_current_post(
    qtbot: QtBot, make_window: WindowMaker, site_dir: Path
) -> None:
    window, editor = _active_with_first_post(qtbot, make_window, site_dir)
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.textCursor().insertText("milk")
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | SHIFT)
    assert editor.toPlainText().endswith("\n- milk")
    qtbot.keyClick(editor, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | SHIFT)
    assert editor.toPlainText().endswith("\n- [ ] milk")
    qtbot.keyClick(editor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | SHIFT)
    assert editor.toPlainText().endswith("\n> - [ ] milk")
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert editor.textCursor().selectedText().startswith("---")
    window.actions_by_id["full_screen"].trigger()
    qtbot.waitUntil(window.isFullScreen)
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowFullScreen)
    qtbot.waitUntil(lambda: not window.actions_by_id["full_screen"].isChecked())


SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_edit_actions_act_where_the_keyboard_is(
    qtbot: QtBot, make_window: WindowMaker, site_dir: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    window, editor = _active_with_first_post(qtbot, make_window, site_dir)
    before = editor.toPlainText()
    window.find_bar.open_find(replace=False)
    search = window.find_bar.find_edit
    qtbot.waitUntil(search.hasFocus)
    QApplication.clipboard().setText("pools")
    window.actions_by_id["paste"].trigger()  # Edit > Paste, from the menu
    assert search.text() == "pools" and editor.toPlainText() == before
    window.actions_by_id["select_all"].trigger()
    assert search.selectedText() == "pools" and not editor.textCursor().hasSelection()
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    window.actions_by_id["select_all"].trigger()
    assert editor.textCursor().selectedText().startswith("---")
