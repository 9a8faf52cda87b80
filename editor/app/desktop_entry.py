"""`inkpost --install-desktop-entry` and `--uninstall-desktop-entry`, for pip users.

A distribution package installs the desktop entry, the icons and the AppStream metainfo
itself; `pip install` cannot. These flags put them in the user's data folder
(`$XDG_DATA_HOME`, else ~/.local/share) so that Inkpost shows in the launcher and in file
managers' "Open with":

    applications/io.github.inkpost.Inkpost.desktop    (Exec: the absolute path of this inkpost)
    icons/hicolor/<N>x<N>/apps/io.github.inkpost.Inkpost.png, .../scalable/apps/...svg
    metainfo/io.github.inkpost.Inkpost.metainfo.xml

then refresh the desktop and icon caches when their tools are installed. Qt-free: it runs
before the GUI would start.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from editor.app.resources import resource_path

APP_ID = "io.github.inkpost.Inkpost"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
INSTALL_FLAG = "--install-desktop-entry"
UNINSTALL_FLAG = "--uninstall-desktop-entry"
FLAGS = (INSTALL_FLAG, UNINSTALL_FLAG)

Runner = Callable[[Sequence[str]], object]


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_DATA_HOME` when it is an absolute path (the spec ignores others), else
    ~/.local/share."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def inkpost_command() -> list[str]:
    """The command that starts this Inkpost: the `inkpost` script beside this Python (a
    venv's), else the one on PATH, else this Python running `-m editor`."""
    beside = Path(sys.executable).parent / "inkpost"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside.absolute())]
    found = shutil.which("inkpost")
    if found:
        return [str(Path(found).absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "editor"]


def exec_quote(argument: str) -> str:
    """One argument of an Exec key, quoted as the Desktop Entry spec asks when it must be."""
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    if argument and not (set(argument) & reserved):
        return argument.replace("%", "%%")
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return '"' + escaped.replace("%", "%%") + '"'


def desktop_entry_text(command: Sequence[str], template: str | None = None) -> str:
    """The bundled desktop entry with Exec (and TryExec) naming `command` absolutely."""
    text = template if template is not None else _read(f"{APP_ID}.desktop")
    lines = []
    for line in text.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + " ".join(exec_quote(part) for part in command) + " %F"
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0]
        lines.append(line)
    return "\n".join(lines) + "\n"


def planned_files(home: Path) -> dict[Path, str]:
    """Where each installed file goes under the data folder `home`, and its resource name."""
    files = {
        home / "applications" / f"{APP_ID}.desktop": f"{APP_ID}.desktop",
        home / "metainfo" / f"{APP_ID}.metainfo.xml": f"{APP_ID}.metainfo.xml",
        home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg": "icons/inkpost.svg",
    }
    for size in ICON_SIZES:
        folder = home / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        files[folder / f"{APP_ID}.png"] = f"icons/inkpost-{size}.png"
    return files


def install(home: Path, command: Sequence[str], run: Runner | None = None) -> list[Path]:
    """Write the desktop entry, icons and metainfo under `home`; the files written."""
    written = []
    for target, name in planned_files(home).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".desktop"):
            target.write_text(desktop_entry_text(command), encoding="utf-8")
        else:
            shutil.copyfile(resource_path(name), target)
        written.append(target)
    refresh_caches(home, run)
    return written


def uninstall(home: Path, run: Runner | None = None) -> list[Path]:
    """Remove what `install` wrote under `home`; the files removed."""
    removed = []
    for target in planned_files(home):
        if target.is_file():
            target.unlink()
            removed.append(target)
    refresh_caches(home, run)
    return removed


def refresh_caches(home: Path, run: Runner | None = None) -> None:
    """Run update-desktop-database and gtk-update-icon-cache when they are installed."""
    runner = run or _run_quietly
    if shutil.which("update-desktop-database"):
        runner(["update-desktop-database", "-q", str(home / "applications")])
    icons = home / "icons" / "hicolor"
    if shutil.which("gtk-update-icon-cache") and (icons / "index.theme").is_file():
        runner(["gtk-update-icon-cache", "-q", "-t", "-f", str(icons)])


def main(args: Sequence[str]) -> int:
    """Run `--install-desktop-entry` or `--uninstall-desktop-entry`; the exit code."""
    home = data_home()
    try:
        if args[0] == INSTALL_FLAG:
            done = install(home, inkpost_command())
            verb = "installed"
        else:
            done = uninstall(home)
            verb = "removed"
    except OSError as error:
        print(f"inkpost: {args[0][2:]} failed: {error}", file=sys.stderr)
        return 1
    print(f"inkpost: {verb} {len(done)} file(s) under {home}")
    for path in done:
        print(f"  {path}")
    return 0


def _read(name: str) -> str:
    return resource_path(name).read_text(encoding="utf-8")


def _run_quietly(command: Sequence[str]) -> object:
    try:
        return subprocess.run(list(command), check=False, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None  # a cache refresh that fails leaves the files in place: harmless
