"""The desktop entry, icons and AppStream metainfo, and `inkpost --install-desktop-entry`."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer

from editor.app import desktop_entry
from editor.app.app_icon import application_icon
from editor.app.desktop_entry import APP_ID, ICON_SIZES
from editor.app.resources import resource_path

REPO = Path(__file__).resolve().parents[2]


def _entry(text: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(text)
    return parser["Desktop Entry"]


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_png_icon_has_its_size_and_is_not_empty(size: int) -> None:
    image = QImage(str(resource_path(f"icons/inkpost-{size}.png")))
    assert image.size() == QSize(size, size)
    assert image.hasAlphaChannel()
    middle = image.pixelColor(size // 2, size // 2)
    corner = image.pixelColor(0, 0)
    assert corner.alpha() == 0 and middle.alpha() == 255  # a drawing on a transparent ground


def test_the_svg_icon_is_a_valid_square_drawing() -> None:
    renderer = QSvgRenderer(str(resource_path("icons/inkpost.svg")))
    assert renderer.isValid()
    assert renderer.defaultSize() == QSize(256, 256)


def test_the_window_icon_offers_every_size(qapp: object) -> None:
    icon = application_icon()
    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} >= set(ICON_SIZES)


def test_the_desktop_entry_opens_markdown_and_launches_inkpost() -> None:
    entry = _entry(resource_path(f"{APP_ID}.desktop").read_text(encoding="utf-8"))
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Inkpost"
    assert entry["Exec"] == "inkpost %F"
    assert entry["Icon"] == APP_ID
    assert "text/markdown" in entry["MimeType"].split(";")
    assert entry["Categories"].split(";")[:3] == ["Office", "TextEditor", "Development"]


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils")
def test_desktop_file_validate_accepts_the_entry(tmp_path: Path) -> None:
    installed = tmp_path / f"{APP_ID}.desktop"
    installed.write_text(desktop_entry.desktop_entry_text(["/opt/my apps/inkpost"]))
    for path in (resource_path(f"{APP_ID}.desktop"), installed):
        done = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_metainfo_names_the_app_and_its_desktop_entry() -> None:
    root = ET.parse(resource_path(f"{APP_ID}.metainfo.xml")).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == "Inkpost"
    assert root.findtext("summary")
    assert root.findtext("metadata_license") and root.findtext("project_license") == "MIT"
    assert root.find("description/p") is not None
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert root.find("content_rating") is not None


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream is not installed")
def test_appstreamcli_validates_the_metainfo() -> None:
    path = resource_path(f"{APP_ID}.metainfo.xml")
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_exec_names_the_command_absolutely_and_quotes_spaces() -> None:
    entry = _entry(desktop_entry.desktop_entry_text(["/opt/my apps/inkpost"]))
    assert entry["Exec"] == '"/opt/my apps/inkpost" %F'
    assert entry["TryExec"] == "/opt/my apps/inkpost"
    python = _entry(desktop_entry.desktop_entry_text(["/usr/bin/python3", "-m", "editor"]))
    assert python["Exec"] == "/usr/bin/python3 -m editor %F"
    assert desktop_entry.exec_quote('a"b$') == '"a\\"b\\$"'
    assert desktop_entry.exec_quote("100%") == "100%%"


def test_the_command_is_the_inkpost_beside_this_python_when_there_is_one() -> None:
    command = desktop_entry.inkpost_command()
    assert Path(command[0]).is_absolute()
    beside = Path(sys.executable).parent / "inkpost"
    if beside.is_file():
        assert command == [str(beside.absolute())]


def test_data_home_follows_xdg_and_ignores_a_relative_value() -> None:
    assert desktop_entry.data_home({"XDG_DATA_HOME": "/x/share"}) == Path("/x/share")
    default = Path.home() / ".local" / "share"
    assert desktop_entry.data_home({"XDG_DATA_HOME": "rel/share"}) == default
    assert desktop_entry.data_home({}) == default


def _run_main(flag: str, home: Path) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys; from editor.__main__ import main\n"
        f"code = main([{flag!r}])\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "XDG_DATA_HOME": str(home), "PATH": os.defpath}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO
    )


def test_install_and_uninstall_desktop_entry_from_the_command_line(tmp_path: Path) -> None:
    home = tmp_path / "share"
    done = _run_main("--install-desktop-entry", home)
    assert done.returncode == 0, done.stderr
    desktop = home / "applications" / f"{APP_ID}.desktop"
    entry = _entry(desktop.read_text(encoding="utf-8"))
    assert entry["Exec"].endswith(" %F")
    assert Path(entry["TryExec"]).is_absolute() and Path(entry["TryExec"]).exists()
    for size in ICON_SIZES:
        png = home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert QImage(str(png)).size() == QSize(size, size)
    assert (home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (home / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert str(desktop) in done.stdout

    done = _run_main("--uninstall-desktop-entry", home)
    assert done.returncode == 0, done.stderr
    left = {path for path in home.rglob("*") if path.is_file()}
    assert not left & set(desktop_entry.planned_files(home))
    assert {path.name for path in left} <= {"mimeinfo.cache"}  # update-desktop-database's


def test_caches_are_refreshed_only_with_the_tools_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[list[str]] = []
    (tmp_path / "icons" / "hicolor").mkdir(parents=True)
    (tmp_path / "icons" / "hicolor" / "index.theme").write_text("[Icon Theme]\n")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    desktop_entry.refresh_caches(tmp_path, lambda command: ran.append(list(command)))
    assert ran == []
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    desktop_entry.refresh_caches(tmp_path, lambda command: ran.append(list(command)))
    assert [command[0] for command in ran] == ["update-desktop-database", "gtk-update-icon-cache"]
    assert ran[0][-1] == str(tmp_path / "applications")
