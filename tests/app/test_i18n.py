"""Translations: a .qm compiled by pyside6-lrelease translates an action title, a menu, a
dialog and a widget's strings once installed; no file for the locale installs nothing."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QMenuBar, QWidget
from pytestqt.qtbot import QtBot

from editor.app.i18n import install_translators, translations_dir
from editor.ui.window.actions import ACTIONS, build_actions, build_menus
from editor.ui.window.preferences import Preferences, PreferencesDialog
from editor.ui.window.status import StatusPanel

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context><name>Actions</name>
<message><source>&amp;Bold</source><translation>&amp;Gras</translation></message>
<message><source>F&amp;ormat</source><translation>F&amp;ormat (fr)</translation></message>
<message><source>Bold (**text**)</source><translation>Gras (**texte**)</translation></message>
</context>
<context><name>PreferencesDialog</name>
<message><source>Preferences</source><translation>Préférences</translation></message>
<message><source>Dark</source><translation>Sombre</translation></message>
</context>
<context><name>StatusPanel</name>
<message><source>Words</source><translation>Mots</translation></message>
</context>
</TS>
"""


def _lrelease() -> Path:
    exe = Path(sys.executable).with_name("pyside6-lrelease")
    if not exe.exists():
        pytest.fail("pyside6-lrelease (shipped with PySide6) is missing")
    return exe


@pytest.fixture
def french(tmp_path: Path, qapp: QCoreApplication) -> Iterator[list[QTranslator]]:
    source = tmp_path / "inkpost_fr.ts"
    source.write_text(TS, encoding="utf-8")
    subprocess.run(
        [str(_lrelease()), str(source), "-qm", str(tmp_path / "inkpost_fr.qm")],
        check=True,
        capture_output=True,
    )
    installed = install_translators(qapp, QLocale("fr_FR"), tmp_path)
    yield installed
    for translator in installed:
        qapp.removeTranslator(translator)


def test_an_action_a_menu_a_dialog_and_a_widget_are_translated(
    french: list[QTranslator], qtbot: QtBot
) -> None:
    assert any(not t.isEmpty() and t.language() == "fr_FR" for t in french)
    host = QWidget()
    qtbot.addWidget(host)
    actions = build_actions(host, _AnyHandler(), ACTIONS)
    assert actions["bold"].text() == "&Gras"
    assert actions["bold"].statusTip() == "Gras (**texte**)"
    assert actions["italic"].text() == "&Italic"  # no translation: the English stays
    bar = QMenuBar(host)
    build_menus(bar, actions)
    assert "F&ormat (fr)" in [a.text() for a in bar.actions()]
    dialog = PreferencesDialog(Preferences(), host)
    assert dialog.windowTitle() == "Préférences"
    assert "Sombre" in [dialog.theme_box.itemText(i) for i in range(dialog.theme_box.count())]
    panel = StatusPanel(host)
    assert panel.words.accessibleName() == "Mots"


def test_without_a_file_for_the_locale_nothing_of_ours_is_installed(
    tmp_path: Path, qapp: QCoreApplication, qtbot: QtBot
) -> None:
    installed = install_translators(qapp, QLocale("de_DE"), tmp_path)
    try:
        assert not any(t.filePath().startswith(str(tmp_path)) for t in installed)
        host = QWidget()
        qtbot.addWidget(host)
        assert build_actions(host, _AnyHandler(), ACTIONS)["bold"].text() == "&Bold"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_the_shipped_folder_is_optional() -> None:
    folder = translations_dir()
    assert folder is None or folder.is_dir()


class _AnyHandler(dict[str, object]):
    def __missing__(self, key: str) -> object:
        return lambda *args: None


def test_extraction_lists_the_action_table_and_the_widgets_strings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
    try:
        import update_translations
    finally:
        sys.path.pop(0)
    monkeypatch.setattr(update_translations, "OUT", tmp_path)
    update_translations.update(["fr"])
    ts = (tmp_path / "inkpost_fr.ts").read_text(encoding="utf-8")
    assert "<name>Actions</name>" in ts and "<source>&amp;Bold</source>" in ts
    assert "<source>Preferences</source>" in ts  # a dialog's self.tr
    assert "<source>Search posts</source>" in ts  # the library's names
    update_translations.release()
    assert (tmp_path / "inkpost_fr.qm").is_file()
