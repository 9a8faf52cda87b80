"""The app's folders: platformdirs' `inkpost` folders shared with the CLI, and older versions'
QStandardPaths folders moved on start-up (temporary HOME and XDG_* variables)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths

from editor.app.settings import (
    Settings,
    default_cache_location,
    default_data_location,
    default_location,
    move_legacy_folders,
)
from editor.core.folders import MARKER_NAME, legacy_locations
from editor.core.library.index import LibraryIndex, default_index_path
from editor.core.site.config import find_site
from tests.files import write_site

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the XDG layout")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh home: HOME and XDG_* point into tmp_path, no INKPOST_*_DIR override."""
    root = tmp_path / "home"
    monkeypatch.setenv("HOME", str(root))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(root / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / ".cache"))
    for name in ("INKPOST_CONFIG_DIR", "INKPOST_DATA_DIR", "INKPOST_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    return root


@pytest.fixture
def named_like_the_app(qapp: QCoreApplication) -> Iterator[None]:
    """Organisation and application "Inkpost", as main() names them (restored after)."""
    before = (QCoreApplication.organizationName(), QCoreApplication.applicationName())
    QCoreApplication.setOrganizationName("Inkpost")
    QCoreApplication.setApplicationName("Inkpost")
    yield
    QCoreApplication.setOrganizationName(before[0])
    QCoreApplication.setApplicationName(before[1])


def test_one_folder_of_each_kind(home: Path) -> None:
    assert default_location() == home / ".config" / "inkpost"
    assert default_data_location() == home / ".local" / "share" / "inkpost"
    assert default_cache_location() == home / ".cache" / "inkpost"
    assert Settings().location == home / ".config" / "inkpost"


def test_the_overrides_still_win(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INKPOST_CONFIG_DIR", str(home / "c"))
    monkeypatch.setenv("INKPOST_DATA_DIR", str(home / "d"))
    monkeypatch.setenv("INKPOST_CACHE_DIR", str(home / "k"))
    assert (default_location(), default_data_location(), default_cache_location()) == (
        home / "c",
        home / "d",
        home / "k",
    )
    assert move_legacy_folders() is None  # a redirected run moves none of the user's files


def test_the_old_locations_are_qt_s(home: Path, named_like_the_app: None) -> None:
    def qt(location: QStandardPaths.StandardLocation) -> Path:
        return Path(QStandardPaths.writableLocation(location))

    old = legacy_locations()
    generic_config = qt(QStandardPaths.StandardLocation.GenericConfigLocation)
    assert old["config"] == (
        generic_config / "inkpost",  # the old Settings folder
        qt(QStandardPaths.StandardLocation.AppConfigLocation),
    )
    assert old["data"] == (qt(QStandardPaths.StandardLocation.AppDataLocation),)
    assert old["cache"][0] == qt(QStandardPaths.StandardLocation.CacheLocation)
    assert old["data"][0] == home / ".local" / "share" / "Inkpost" / "Inkpost"


def test_start_up_moves_the_old_folders_once(home: Path) -> None:
    old_data = home / ".local" / "share" / "Inkpost" / "Inkpost"
    (old_data / "journal").mkdir(parents=True)
    (old_data / "journal" / "post.json").write_text("unsaved words", encoding="utf-8")
    old_index = home / ".cache" / "Inkpost" / "Inkpost" / "library" / "abc.sqlite"
    old_index.parent.mkdir(parents=True)
    old_index.write_bytes(b"SQLite")
    report = move_legacy_folders()
    assert report is not None and report.ok and len(report.moved) == 2
    new_data = default_data_location()
    assert (new_data / "journal" / "post.json").read_text(encoding="utf-8") == "unsaved words"
    assert (default_cache_location() / "library" / "abc.sqlite").read_bytes() == b"SQLite"
    assert not (home / ".local" / "share" / "Inkpost").exists()
    assert (default_location() / MARKER_NAME).is_file()
    again = move_legacy_folders()
    assert again is not None and again.already_done


def test_the_cli_reuses_the_index_the_app_points_to(home: Path, tmp_path: Path) -> None:
    posts = {"a.md": "---\ntitle: A\ndate: 2024-01-02\n---\nSome words.\n"}
    site_root = write_site(tmp_path / "site", posts, 'title = "S"\n')
    site = find_site(site_root)
    app_index = default_index_path(site.root, default_cache_location())  # as the window does
    index = LibraryIndex.open(site, app_index)
    index.scan()
    index.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("INKPOST_")}
    done = subprocess.run(
        [sys.executable, "-m", "editor", "library", str(site_root), "--json", "--estimate"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env=env,
    )
    assert [post["title"] for post in json.loads(done.stdout)] == ["A"]
    assert default_index_path(site.root) == app_index
    assert sorted((home / ".cache").rglob("*.sqlite")) == [app_index]  # no second index
