"""Settings: typed preferences and window state in a folder tests choose."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from editor.app.settings import Settings
from editor.ui.preferences import Preferences, WindowState


def test_defaults_in_an_empty_folder(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "config")
    assert settings.preferences() == Preferences()
    assert settings.window_state() == WindowState()


def test_round_trip(tmp_path: Path) -> None:
    settings = Settings(tmp_path)
    prefs = Preferences(
        editor_font="DejaVu Sans Mono,12,-1,5,400,0,0,0,0,0,0,0,0,0,0,1",
        theme="dark",
        code_style="github",
        autosave_interval=30,
        allow_remote=True,
        line_numbers=False,
        soft_wrap=False,
    )
    state = WindowState(
        geometry=b"\x01\x02\x00geo",
        dock_state=b"dock",
        splitter_sizes=(640, 760),
        preview_visible=False,
        sidebar_visible=True,
        site="/s",
        last_post="/s/a.md",
        open_posts=("/s/a.md", "/s/b.md"),
        zoom=2,
    )
    settings.save_preferences(prefs)
    settings.save_window_state(state)
    again = Settings(tmp_path)  # a fresh instance reads the files
    assert again.preferences() == prefs
    assert again.window_state() == state
    assert (tmp_path / "preferences.ini").is_file()
    assert (tmp_path / "state.ini").is_file()


def test_state_apart_from_preferences(tmp_path: Path) -> None:
    settings = Settings(tmp_path)
    settings.save_preferences(replace(Preferences(), theme="light"))
    settings.save_window_state(WindowState(site="/x"))
    (tmp_path / "state.ini").unlink()
    again = Settings(tmp_path)
    assert again.preferences().theme == "light"
    assert again.window_state().site == ""


def test_bad_values_fall_back_to_defaults(tmp_path: Path) -> None:
    (tmp_path / "preferences.ini").write_text(
        "[preferences]\ntheme=purple\nautosave_interval=soon\nline_numbers=false\n",
        encoding="utf-8",
    )
    prefs = Settings(tmp_path).preferences()
    assert prefs.theme == "system"
    assert prefs.autosave_interval == 0
    assert prefs.line_numbers is False
