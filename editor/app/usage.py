"""What `inkpost --help` says after the options: the commands and the environment variables.

The commands come from the CLI's own table, so a new command is listed without an edit
here; the variables are every one Inkpost reads (editor/core/folders.py, editor/app/*).
Qt-free: `--help` answers before the GUI is imported.
"""

from __future__ import annotations

import textwrap

from editor import cli

ENVIRONMENT: tuple[tuple[str, str], ...] = (
    ("INKPOST_CONFIG_DIR", "the settings folder (default: the platform's config folder)"),
    ("INKPOST_DATA_DIR", "the recovery journal and previous versions (the data folder)"),
    ("INKPOST_CACHE_DIR", "the library's index, shared with the commands (the cache folder)"),
    ("INKPOST_GPU", "1: draw the preview with OpenGL (default: on the CPU)"),
    ("INKPOST_QUICK_BACKEND", "default: Qt Quick's own backend (default: software)"),
    ("QTWEBENGINE_DISABLE_SANDBOX", "1: run the preview without Chromium's sandbox"),
    ("QTWEBENGINE_CHROMIUM_FLAGS", "the preview's Chromium flags (Inkpost's are added)"),
    ("XDG_RUNTIME_DIR", "where the running Inkpost listens for later starts"),
    (
        "INKPOST_WATCHDOG",
        "a file: `python -m editor.app.watchdog` logs there every stretch of 8 ms or more "
        "that the window's thread works without a break, and what ran (JSON lines)",
    ),
    ("WAYLAND_DISPLAY, DISPLAY", "one running Inkpost per display"),
    (
        "XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME",
        "the default folders' parents on Linux; --install-desktop-entry writes the launcher "
        "entry and icons under XDG_DATA_HOME",
    ),
)


_NAME_COLUMN = 28


def _rows(rows: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> list[str]:
    """Name and text in two columns; a name too long for its column has a line of its own."""
    width = min(max(len(name) for name, _ in rows), _NAME_COLUMN) + 2
    lines = []
    for name, text in rows:
        wrapped = textwrap.wrap(text, 78 - width) or [""]
        if len(name) > _NAME_COLUMN:
            lines.append(f"  {name}")
        else:
            lines.append(f"  {name:<{width}}{wrapped.pop(0)}")
        lines.extend(f"  {'':<{width}}{more}" for more in wrapped)
    return lines


def epilog() -> str:
    """The text under the options of `inkpost --help`."""
    commands = [(name, text.split(": ")[0].rstrip(".")) for name, text in cli.command_summaries()]
    return "\n".join(
        [
            "commands (no window; `inkpost COMMAND --help` for each):",
            *_rows(commands),
            "",
            "environment variables:",
            *_rows(ENVIRONMENT),
        ]
    )
