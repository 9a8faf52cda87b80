"""Settings: typed preferences and window state in a folder tests choose."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from editor.app.settings import Settings
from editor.ui.window.preferences import Preferences, WindowState


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
        journal_delay_ms=4000,
        save_to_file=True,
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
        "[preferences]\ntheme=purple\njournal_delay_ms=soon\nline_numbers=false\n",
        encoding="utf-8",
    )
    prefs = Settings(tmp_path).preferences()
    assert prefs.theme == "system"
    assert prefs.journal_delay_ms == Preferences().journal_delay_ms
    assert prefs.line_numbers is False


def test_old_autosave_interval_becomes_save_to_file(tmp_path: Path) -> None:
    (tmp_path / "preferences.ini").write_text(
        "[preferences]\nautosave_interval=30\ntheme=dark\n", encoding="utf-8"
    )
    prefs = Settings(tmp_path).preferences()
    assert (prefs.save_to_file, prefs.theme) == (True, "dark")
    text = (tmp_path / "preferences.ini").read_text(encoding="utf-8")
    assert "autosave_interval" not in text and "save_to_file=true" in text
    assert Settings(tmp_path).preferences().save_to_file is True


def test_old_autosave_off_stays_off(tmp_path: Path) -> None:
    (tmp_path / "preferences.ini").write_text(
        "[preferences]\nautosave_interval=0\n", encoding="utf-8"
    )
    assert Settings(tmp_path).preferences().save_to_file is False
    assert "autosave_interval" not in (tmp_path / "preferences.ini").read_text(encoding="utf-8")


def test_cache_dir_is_apart_from_config_and_data() -> None:
    from editor.app.settings import default_cache_location, default_data_location

    assert default_cache_location() != default_data_location()
