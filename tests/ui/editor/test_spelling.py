"""Spell checking in the editor (editor.ui.editor.spelling) and its LatestJob worker."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from editor.core.site.config import SiteConfig
from editor.ui.editor.documents import Document, DocumentTab
from editor.ui.editor.latest_job import LatestJob
from editor.ui.editor.spelling import EditorSpelling, SpellingService

if TYPE_CHECKING:
    from tests.ui.windows import WindowMaker

TEXT = """---
title: "A tilte"
slug: wrngslug
---

Teh quick brown fox.

```
nott checked
```

Some `kode` and https://exampel.com here.
"""


@pytest.fixture
def site(tmp_path: Path) -> SiteConfig:
    return SiteConfig.hugo_defaults(tmp_path)


def _checked(qtbot: QtBot, site: SiteConfig, text: str = TEXT):  # type: ignore[no-untyped-def]
    service = SpellingService()
    service.set_site(site)
    document = Document(text=text)
    tab = DocumentTab(document)
    document.setParent(tab)  # the editor goes before its document, as in the window
    service.setParent(tab)
    qtbot.addWidget(tab)
    tab.resize(600, 500)
    tab.show()
    spelling = EditorSpelling(tab.editor, tab.highlighter, service)
    qtbot.waitUntil(lambda: service.speller is not None and not spelling.pending, timeout=10_000)
    return service, tab, spelling


def _words(spelling: EditorSpelling) -> list[tuple[int, str]]:
    return [(block, word) for block, _start, _end, word in spelling.misspellings()]


def test_misspellings_of_prose_are_underlined_and_code_urls_and_keys_are_not(
    qtbot: QtBot, site: SiteConfig
) -> None:
    _service, tab, spelling = _checked(qtbot, site)
    assert _words(spelling) == [(1, "tilte"), (5, "Teh")]
    (selection,) = [s for s in tab.editor.extraSelections() if s.cursor.selectedText() == "Teh"]
    assert selection.format.underlineStyle().name == "SpellCheckUnderline"


def test_an_edit_is_checked_off_the_gui_thread_and_a_fixed_word_loses_its_underline(
    qtbot: QtBot, site: SiteConfig
) -> None:
    _service, tab, spelling = _checked(qtbot, site)
    threads: list[str] = []
    original = spelling._job.submit

    def spy(fn, *args):  # type: ignore[no-untyped-def]
        def run(*a):  # type: ignore[no-untyped-def]
            threads.append(threading.current_thread().name)
            return fn(*a)

        original(run, *args)

    spelling._job.submit = spy  # type: ignore[method-assign]
    cursor = tab.editor.textCursor()
    block = tab.editor.document().findBlockByNumber(5)
    cursor.setPosition(block.position())
    cursor.setPosition(block.position() + 3, cursor.MoveMode.KeepAnchor)
    cursor.insertText("The wrold")
    qtbot.waitUntil(lambda: not spelling.pending and (5, "wrold") in _words(spelling))
    assert (5, "Teh") not in _words(spelling)
    assert threads and threading.main_thread().name not in threads


def test_the_menu_offers_suggestions_that_replace_the_word_in_one_undo_step(
    qtbot: QtBot, site: SiteConfig
) -> None:
    _service, tab, spelling = _checked(qtbot, site)
    editor = tab.editor
    block = editor.document().findBlockByNumber(5)
    cursor = editor.textCursor()
    cursor.setPosition(block.position() + 1)
    menu = QMenu()
    editor_menu = editor.createStandardContextMenu()
    for action in editor_menu.actions():
        menu.addAction(action)
    spelling.fill_menu(menu, editor.cursorRect(cursor).center())
    titles = [a.text() for a in menu.actions()]
    assert titles[0] == "The"
    assert "Add to Dictionary" in titles and "Ignore" in titles
    menu.actions()[0].trigger()
    assert editor.document().findBlockByNumber(5).text() == "The quick brown fox."
    editor.undo()
    assert editor.document().findBlockByNumber(5).text() == "Teh quick brown fox."


def test_add_to_dictionary_is_kept_in_the_site_and_ignore_for_the_session(
    qtbot: QtBot, site: SiteConfig
) -> None:
    service, _tab, spelling = _checked(qtbot, site)
    service.add_to_dictionary("tilte")
    service.ignore("Teh")
    qtbot.waitUntil(lambda: not spelling.pending and _words(spelling) == [])
    assert (site.root / ".inkpost" / "dictionary.txt").read_text() == "tilte\n"
    _again, _tab2, spelling2 = _checked(qtbot, site)
    assert _words(spelling2) == [(5, "Teh")]


def test_check_spelling_off_removes_the_underlines(qtbot: QtBot, site: SiteConfig) -> None:
    service, _tab, spelling = _checked(qtbot, site)
    service.set_enabled(False)
    assert _words(spelling) == []
    service.set_enabled(True)
    qtbot.waitUntil(lambda: not spelling.pending and len(_words(spelling)) == 2)


def test_the_sites_language_is_used_and_an_unsupported_one_is_said(
    qtbot: QtBot, site: SiteConfig
) -> None:
    french = replace(site, language_code="fr-FR")
    _service, _tab, spelling = _checked(qtbot, french, "Bonjour le mondde.\n")
    assert _words(spelling) == [(0, "mondde")]
    service = SpellingService()
    with qtbot.waitSignal(service.message) as said:
        service.set_site(replace(site, language_code="ja"))
    assert "ja" in said.args[0]
    assert service.speller is None and not service.active


def test_a_british_english_site_is_checked_with_the_british_forms(
    qtbot: QtBot, site: SiteConfig
) -> None:
    british = replace(site, language_code="en-GB")
    service, _tab, spelling = _checked(qtbot, british, "The colour of teh sky.\n")
    assert service.british and service.language == "en"
    assert _words(spelling) == [(0, "teh")]
    service.set_site(replace(site, language_code="en-US"))
    qtbot.waitUntil(lambda: service.speller is not None and not spelling.pending, timeout=10_000)
    qtbot.waitUntil(lambda: _words(spelling) == [(0, "colour"), (0, "teh")], timeout=10_000)


def test_latest_job_runs_one_at_a_time_and_drops_stale_results(qtbot: QtBot) -> None:
    job = LatestJob()
    gate = threading.Event()
    results: list[object] = []
    job.finished.connect(results.append)
    job.submit(lambda: gate.wait(5) and "first")
    job.submit(lambda: "second")  # waits, then is replaced
    job.submit(lambda: "third")
    gate.set()
    qtbot.waitUntil(lambda: not job.busy)
    assert results == ["third"]
    assert job.dropped == 2


def test_edit_check_spelling_is_a_remembered_preference(
    make_window: WindowMaker, tmp_path: Path
) -> None:
    from editor.app.settings import Settings
    from editor.ui.window.main_window import MainWindow

    def make() -> MainWindow:  # each window reads the settings afresh
        return make_window(
            SiteConfig.hugo_defaults(tmp_path), settings=Settings(tmp_path / "config")
        )

    window = make()
    action = window.actions_by_id["check_spelling"]
    assert action.isChecked() and window.spelling.service.enabled
    assert action in window.menuBar().actions()[1].menu().actions()  # the Edit menu
    action.trigger()
    assert not window.spelling.service.enabled
    assert not make().actions_by_id["check_spelling"].isChecked()


def test_a_right_click_on_a_misspelled_word_opens_the_menu_with_its_suggestions(
    qtbot: QtBot, site: SiteConfig
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    _service, tab, _spelling = _checked(qtbot, site)
    editor = tab.editor
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(5).position() + 1)
    pos = editor.cursorRect(cursor).center()
    seen: list[str] = []

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(10, read_and_close)
            return
        seen.extend(action.text() for action in menu.actions())
        menu.close()

    QTimer.singleShot(0, read_and_close)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, editor.viewport().mapToGlobal(pos)
    )
    editor.contextMenuEvent(event)  # returns when the menu closes
    assert seen[0] == "The"
    assert "Add to Dictionary" in seen
    assert any("Copy" in title for title in seen)  # the editor's own entries stay


def test_of_a_very_long_block_only_the_part_on_the_screen_is_checked(
    qtbot: QtBot, site: SiteConfig
) -> None:
    from editor.ui.editor import spelling as module

    text = "Teh " + "word " * 3000 + "wrold end\n"
    sizes: list[int] = []
    check = module.check_blocks
    _service, tab, spelling = _checked(qtbot, site, "short\n")
    spelling._job.finished.disconnect()

    def spy(speller, lines):  # type: ignore[no-untyped-def]
        sizes.extend(len(t) for t, _kind in lines)
        return check(speller, lines)

    original_submit = spelling._job.submit
    spelling._job.submit = lambda fn, *args: original_submit(spy, *args)  # type: ignore[method-assign]
    spelling._job.finished.connect(spelling._on_job_finished)
    tab.editor.setPlainText(text)
    qtbot.waitUntil(lambda: not spelling.pending and _words(spelling) == [(0, "Teh")])
    assert sizes and max(sizes) < module.LONG_BLOCK
    tab.editor.moveCursor(tab.editor.textCursor().MoveOperation.End)
    tab.editor.ensureCursorVisible()
    qtbot.waitUntil(lambda: not spelling.pending and (0, "wrold") in _words(spelling))
    (start, end) = next((s, e) for _b, s, e, w in spelling.misspellings() if w == "wrold")
    assert text[start:end] == "wrold"


def test_the_paragraph_being_typed_is_underlined_once_typing_pauses(
    qtbot: QtBot, site: SiteConfig
) -> None:
    _service, tab, spelling = _checked(qtbot, site)
    editor = tab.editor
    tab.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(5).position())
    editor.setTextCursor(cursor)
    spelling._pause.setInterval(60_000)  # typing has not paused yet
    qtbot.keyClicks(editor, "Wrng ")
    qtbot.waitUntil(lambda: not spelling._timer.isActive() and not spelling._job.busy)
    assert _words(spelling) == [(1, "tilte")]  # the other paragraphs' underlines stay
    spelling._pause.setInterval(1)  # the pause
    spelling._pause.start()
    qtbot.waitUntil(lambda: not spelling.pending)
    assert _words(spelling) == [(1, "tilte"), (5, "Wrng"), (5, "Teh")]


def test_keys_typed_on_in_a_paragraph_are_checked_once_it_pauses_not_per_key(
    qtbot: QtBot, site: SiteConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    _service, tab, spelling = _checked(qtbot, site)
    editor = tab.editor
    tab.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(5).position())
    editor.setTextCursor(cursor)
    refreshes: list[bool] = []
    refresh = spelling.refresh
    monkeypatch.setattr(spelling, "refresh", lambda **kw: (refreshes.append(True), refresh(**kw)))
    spelling._timer.timeout.disconnect()
    spelling._timer.timeout.connect(spelling.refresh)
    spelling._pause.setInterval(60_000)  # typing has not paused yet
    for char in "Wrng words ":  # each key after the last one's check was due
        qtbot.keyClicks(editor, char)
        qtbot.waitUntil(lambda: not spelling._timer.isActive() and not spelling._job.busy)
    assert len(refreshes) <= 2  # the first key hid the paragraph's underlines (+ its check)
    assert _words(spelling) == [(1, "tilte")]
    spelling._pause.setInterval(1)  # the pause: the paragraph is checked
    spelling._pause.start()
    qtbot.waitUntil(lambda: not spelling.pending)
    assert (5, "Wrng") in _words(spelling)
