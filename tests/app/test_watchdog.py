"""The opt-in event-loop watchdog logs the GUI thread's long stretches and the keys."""

from __future__ import annotations

import gc
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from editor.app import watchdog


def _busy(ms: float) -> None:
    """Work on the GUI thread for `ms`, with a full collection in it."""
    end = time.monotonic() + ms / 1000
    gc.collect()
    while time.monotonic() < end:
        sum(range(1000))


def _records(out: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_long_stretch_is_logged_with_its_collection_and_keys(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    out = io.StringIO()
    dog = watchdog.Watchdog(app, out)
    try:
        editor = QPlainTextEdit()
        qtbot.addWidget(editor)
        editor.show()
        qtbot.waitExposed(editor)
        qtbot.waitUntil(lambda: editor.windowHandle() in dog._watched, timeout=3000)
        qtbot.keyClick(editor.windowHandle(), Qt.Key.Key_A)
        QTimer.singleShot(0, lambda: _busy(60))
        qtbot.waitUntil(lambda: dog.gaps >= 1, timeout=5000)
        qtbot.waitUntil(lambda: any(r["kind"] == "key" for r in _records(out)), timeout=3000)
    finally:
        dog.stop()
    gaps = [r for r in _records(out) if r["kind"] == "gap"]
    longest = max(gaps, key=lambda r: float(r["cpu_ms"]))
    assert longest["cpu_ms"] >= 25  # of 60 (a loaded machine may split the stretch)
    assert longest["ms"] >= longest["cpu_ms"] - 1
    assert any(gen == 2 for gen, _ms in longest["gc"]) or longest["gc_small"]
    assert longest["stacks"]  # sampled while it lasted
    (key,) = [r for r in _records(out) if r["kind"] == "key"]
    assert key["cpu"] > 0  # the GUI thread's CPU clock when the key came


def test_off_without_the_variable(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> None:
    monkeypatch.delenv("INKPOST_WATCHDOG", raising=False)
    assert watchdog.install_from_env(qapp) is None


def test_the_variable_names_the_log(
    monkeypatch: pytest.MonkeyPatch, qapp: QApplication, tmp_path: Path
) -> None:
    log = tmp_path / "gaps.jsonl"
    monkeypatch.setenv("INKPOST_WATCHDOG", str(log))
    dog = watchdog.install_from_env(qapp)
    assert dog is not None
    dog.stop()
    assert log.exists()
