"""The PySide6 None-leak probe, and main() refusing a leaking pair."""

from __future__ import annotations

import pytest

from editor.app import main as app_main
from editor.app.qt_guard import LeakProbeResult, probe_none_leak


def test_the_installed_pair_does_not_leak() -> None:
    result = probe_none_leak()
    assert result.calls == 300
    assert not result.leaks, result.message()
    assert "no None leak" in result.message()


def _leaking() -> LeakProbeResult:
    return LeakProbeResult(
        calls=300, lost_references=300, pyside_version="6.12.0", python_version="3.11.7"
    )


def test_a_leaking_pair_is_described() -> None:
    result = _leaking()
    assert result.leaks
    assert "6.12.0" in result.message()
    assert "PySide6<6.12" in result.message()


def test_main_refuses_a_leaking_pair(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown: list[str] = []
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    monkeypatch.setattr(app_main, "probe_none_leak", _leaking)
    assert app_main.main([]) == app_main.EXIT_REFUSED
    assert "none_dealloc" in capsys.readouterr().err
    assert shown and "cannot run with PySide6 6.12.0" in shown[0]


def test_refusal_in_screenshot_mode_shows_no_box(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    def fail(*_args: object) -> None:
        raise AssertionError("no message box in screenshot mode")

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(fail))
    code = app_main.main(["--screenshot", str(tmp_path / "x.png")], probe=_leaking)
    assert code == 2
    assert "Inkpost cannot run" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()
