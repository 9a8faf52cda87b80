"""Previous versions: kept before each save, listed with a diff, restored as an undoable edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from editor.app.settings import Settings
from editor.core.safety.versions import VersionStore
from editor.ui.editor.documents import Document, DocumentTab
from editor.ui.safety import versions_dialog
from editor.ui.safety.versions_dialog import VersionsDialog, load_versions, restore_version
from editor.ui.window.main_window import MainWindow
from editor.ui.window.preferences import Preferences, PreferencesDialog
from tests.ui.windows import WindowMaker

V1 = "---\ntitle: Post\n---\n\nVersion one.\n"


@pytest.fixture
def post(tmp_path: Path) -> Path:
    path = tmp_path / "site" / "content" / "post.md"
    path.parent.mkdir(parents=True)
    (tmp_path / "site" / "hugo.toml").write_text('title = "B"\n', encoding="utf-8")
    path.write_text(V1, encoding="utf-8")
    return path


@pytest.fixture
def window(make_window: WindowMaker, tmp_path: Path, post: Path) -> MainWindow:
    make_window.settings.save_preferences(Preferences(versions_kept=2))
    return make_window(post.parent.parent, data_dir=tmp_path / "data")


def _set_body(tab: DocumentTab, body: str) -> None:
    text = tab.document.text()
    cursor = tab.editor.textCursor()
    cursor.setPosition(text.index("\n\n") + 2)
    cursor.movePosition(cursor.MoveOperation.End, cursor.MoveMode.KeepAnchor)
    cursor.insertText(body)


def test_each_save_keeps_the_replaced_text_up_to_the_preference(
    window: MainWindow, post: Path
) -> None:
    tab = window.open_post(post)
    assert tab is not None and window.safekeeping is not None
    for n in ("two", "three", "four"):
        _set_body(tab, f"Version {n}.\n")
        assert window.save()
    texts = [t for _v, t in load_versions(window.safekeeping.versions, tab)]
    assert texts == [V1.replace("one", "three"), V1.replace("one", "two")]  # kept: 2


def test_the_dialog_shows_a_diff_and_restores_as_an_undoable_edit(  # type: ignore[no-untyped-def]
    qtbot: QtBot, window: MainWindow, post: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = window.open_post(post)
    assert tab is not None and window.safekeeping is not None
    _set_body(tab, "Version two.\n")
    assert window.save()
    seen: dict[str, str] = {}

    def pick_first(dialog: VersionsDialog) -> str | None:
        qtbot.addWidget(dialog)
        assert dialog.list.count() == 1
        assert "bytes" in dialog.list.item(0).text()
        seen["diff"] = dialog.diff.diff_text()
        dialog.restore_button.click()
        return dialog.chosen_text()

    monkeypatch.setattr(versions_dialog, "run_versions_dialog", pick_first)
    assert window.actions_by_id["restore_version"].text().startswith("Restore Previous")
    window.actions_by_id["restore_version"].trigger()
    assert "-Version two." in seen["diff"] and "+Version one." in seen["diff"]
    assert tab.document.text() == V1
    assert tab.document.is_dirty  # restored in the editor; the user saves
    assert post.read_text(encoding="utf-8") == V1.replace("one", "two")
    tab.editor.undo()
    assert tab.document.text() == V1.replace("one", "two")


def test_cancel_changes_nothing_and_no_versions_says_so(  # type: ignore[no-untyped-def]
    qtbot: QtBot, tmp_path: Path, post: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = VersionStore(tmp_path / "versions")
    tab = DocumentTab(Document.open(post))
    qtbot.addWidget(tab)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    assert not restore_version(tab, store, None)
    assert "no previous version" in told[0]
    store.record(post, b"older\n", keep=3)
    monkeypatch.setattr(versions_dialog, "run_versions_dialog", lambda dialog: None)
    assert not restore_version(tab, store, None)
    assert tab.document.text() == V1 and not tab.document.is_dirty


def test_the_preferences_hold_the_journal_and_versions_choices(
    qtbot: QtBot, tmp_path: Path
) -> None:
    prefs = Preferences(save_to_file=True, versions_kept=3, journal_delay_ms=250)
    dialog = PreferencesDialog(prefs)
    qtbot.addWidget(dialog)
    assert dialog.save_to_file.isChecked() and dialog.versions_kept.value() == 3
    dialog.versions_kept.setValue(0)
    dialog.save_to_file.setChecked(False)
    chosen = dialog.preferences()
    assert (chosen.versions_kept, chosen.save_to_file, chosen.journal_delay_ms) == (0, False, 250)
    settings = Settings(tmp_path / "config")
    settings.save_preferences(chosen)
    assert Settings(tmp_path / "config").preferences() == chosen
    assert Preferences(journal_delay_ms=-5, versions_kept=-1).normalized().journal_delay_ms == -1
    assert Preferences(versions_kept=-1).normalized().versions_kept == 0
