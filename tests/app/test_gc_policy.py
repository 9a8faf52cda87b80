"""The GUI process's garbage-collector policy (editor/app/gc_policy.py) is applied when
the app wires its window, and the library's scans freeze their entries."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor.app import gc_policy
from editor.app.main import wire_window
from tests.ui.windows import WindowMaker


@pytest.fixture(autouse=True)
def _restore_gc() -> Iterator[None]:
    yield
    gc.unfreeze()


def test_apply_at_start_freezes_what_is_alive() -> None:
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    gc_policy.apply_at_start()
    assert gc.get_freeze_count() > 0


def test_wiring_the_window_applies_it_and_each_scan_freezes_again(
    qtbot: QtBot, make_window: WindowMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INKPOST_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://e.org/"\ntitle = "T"\n')
    (root / "content" / "a.md").write_text("---\ntitle: A\n---\nText.\n", encoding="utf-8")
    window = make_window(root)
    gc.unfreeze()
    wire_window(window, make_window.settings, tmp_path / "preview")
    assert gc.get_freeze_count() > 0
    gc.unfreeze()  # what the scan's entries bring is frozen once they arrive
    panel = window.library.panel
    with qtbot.waitSignal(panel.scanning.entriesChanged, timeout=20000):
        panel.rescan()
    assert gc.get_freeze_count() > 0


def test_recent_cyclic_garbage_is_freed_not_frozen() -> None:
    import weakref

    class Node:
        pass

    gc.unfreeze()
    node = Node()
    node.self = node  # type: ignore[attr-defined]
    alive = weakref.ref(node)
    del node
    gc_policy.freeze_long_lived()
    gc.unfreeze()
    assert alive() is None


def test_start_up_pauses_the_collector_until_the_post_is_painted(qtbot: QtBot) -> None:
    from PySide6.QtCore import QObject, Signal

    class _Paint(QObject):
        painted = Signal()

    window = type("W", (), {"first_paint": _Paint()})()
    try:
        gc_policy.pause_for_start()
        assert not gc.isenabled()
        gc_policy.resume_after_paint(window)
        assert not gc.isenabled()  # not before the paint
        window.first_paint.painted.emit()
        assert gc.isenabled()
    finally:
        gc.enable()


def test_main_leaves_the_collector_on_whatever_happens() -> None:
    from editor.app import main as app_main

    with pytest.raises(SystemExit):
        app_main.main(["--size", "bad"])  # argparse refuses: SystemExit
    assert gc.isenabled()
