"""Typed settings over QSettings: preferences in one file, window state in another.

Preferences (`preferences.ini`) are what the user chooses in the Preferences dialog; window
state (`state.ini`) is what the app remembers by itself: geometry, splitter sizes, the open
site and posts. Keeping them apart means deleting the state never loses a preference.
`Settings(location)` takes the folder, so tests point it at a temporary one; by default it
is `editor.core.folders`' config folder, the one the CLI uses too (`INKPOST_CONFIG_DIR`
overrides it). Nothing here is global.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from editor.core.folders import (
    KINDS,
    MigrationReport,
    folders,
    legacy_locations,
    migrate_legacy,
    overridden,
)
from editor.ui.window.preferences import Preferences, WindowState

__all__ = [
    "Preferences",
    "Settings",
    "WindowState",
    "default_cache_location",
    "default_data_location",
    "default_location",
    "move_legacy_folders",
]


def default_location() -> Path:
    """Where the settings files live (`INKPOST_CONFIG_DIR`, else the platform's config
    folder `inkpost`)."""
    return folders().config


def default_data_location() -> Path:
    """Where the recovery journal and previous versions live (`INKPOST_DATA_DIR`, else the
    platform's data folder `inkpost`)."""
    return folders().data


def default_cache_location() -> Path:
    """Where the library's index lives, the CLI's too (`INKPOST_CACHE_DIR`, else the
    platform's cache folder `inkpost`). Deleting it loses nothing: the next start scans."""
    return folders().cache


def move_legacy_folders() -> MigrationReport | None:
    """Move what older versions kept in their folders (the GUI's doubled `Inkpost/Inkpost`,
    the CLI's cache) into today's; a kind an INKPOST_*_DIR variable redirects is left
    alone. After the first start this is one `stat` of the marker. None: nothing to do."""
    skip = overridden()
    if skip == frozenset(KINDS):
        return None
    old = {kind: paths for kind, paths in legacy_locations().items() if kind not in skip}
    return migrate_legacy(old, folders())


def _coerce(value: Any, default: Any) -> Any:
    """A value read from an INI file, converted to the type of `default` (or the default)."""
    if value is None:
        return default
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                return value.strip().lower() in ("true", "1", "yes", "on")
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, bytes):
            if isinstance(value, QByteArray):
                return bytes(value.data())
            return bytes(value) if isinstance(value, bytes | bytearray) else default
        if isinstance(default, tuple):
            items = json.loads(value) if isinstance(value, str) else list(value)
            kind = type(default[0]) if default else None
            return tuple(kind(item) if kind else item for item in items)
        if isinstance(default, str):
            return str(value)
    except (TypeError, ValueError):
        return default
    return value


def _encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return QByteArray(value)
    if isinstance(value, tuple):
        return json.dumps(list(value))
    return value


class Settings:
    """Preferences and window state, read and written as typed dataclasses."""

    def __init__(self, location: Path | None = None) -> None:
        self.location = Path(location) if location is not None else default_location()
        self.location.mkdir(parents=True, exist_ok=True)
        fmt = QSettings.Format.IniFormat
        self._prefs = QSettings(str(self.location / "preferences.ini"), fmt)
        self._state = QSettings(str(self.location / "state.ini"), fmt)

    @staticmethod
    def _read(store: QSettings, defaults: Any, group: str) -> dict[str, Any]:
        store.beginGroup(group)
        try:
            values = {}
            for field in fields(defaults):
                default = getattr(defaults, field.name)
                values[field.name] = _coerce(store.value(field.name), default)
            # Empty tuples are written as "[]" and read back with no element type: fine.
            return values
        finally:
            store.endGroup()

    @staticmethod
    def _write(store: QSettings, data: Any, group: str) -> None:
        store.beginGroup(group)
        for key, value in asdict(data).items():
            store.setValue(key, _encode(value))
        store.endGroup()
        store.sync()

    def preferences(self) -> Preferences:
        defaults = Preferences()
        prefs = replace(defaults, **self._read(self._prefs, defaults, "preferences")).normalized()
        return self._migrate(prefs)

    def _migrate(self, prefs: Preferences) -> Preferences:
        """Older files had "autosave every N s" besides the journal's save-to-file: a positive
        interval becomes save_to_file=True (written back once, the old key removed)."""
        legacy = "preferences/autosave_interval"
        value = self._prefs.value(legacy)
        if value is None:
            return prefs
        if _coerce(value, 0) > 0:
            prefs = replace(prefs, save_to_file=True)
        self._prefs.remove(legacy)
        self.save_preferences(prefs)
        return prefs

    def save_preferences(self, prefs: Preferences) -> None:
        self._write(self._prefs, prefs.normalized(), "preferences")

    def window_state(self) -> WindowState:
        defaults = WindowState()
        return replace(defaults, **self._read(self._state, defaults, "window"))

    def save_window_state(self, state: WindowState) -> None:
        self._write(self._state, state, "window")

    def sync(self) -> None:
        self._prefs.sync()
        self._state.sync()
