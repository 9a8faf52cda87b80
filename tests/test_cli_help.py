"""`inkpost --help` lists the commands and every environment variable Inkpost reads, without
importing Qt."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from editor import cli
from editor.app.usage import ENVIRONMENT

REPO = Path(__file__).resolve().parent.parent
_READ = re.compile(r"""(?:environ|env)\.get\(\s*["']([A-Z][A-Z0-9_]+)["']""")


def _help() -> str:
    code = (
        "import sys; from editor.__main__ import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit as e:\n    code = e.code\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_help_lists_every_command_and_variable_without_qt() -> None:
    text = _help()
    commands = text.split("commands (")[1].split("environment variables:")[0]
    for name in cli.COMMANDS:
        assert re.search(rf"^  {name} ", commands, re.MULTILINE), name
    variables = text.split("environment variables:")[1]
    for name in ("INKPOST_CONFIG_DIR", "INKPOST_DATA_DIR", "INKPOST_CACHE_DIR", "XDG_DATA_HOME"):
        assert name in variables
    assert "--install-desktop-entry" in text and "--uninstall-desktop-entry" in text


def test_every_variable_the_code_reads_is_documented() -> None:
    documented = {name for names, _ in ENVIRONMENT for name in names.split(", ")}
    read = set()
    for path in (REPO / "editor").rglob("*.py"):
        read |= set(_READ.findall(path.read_text(encoding="utf-8")))
    read |= {"INKPOST_CONFIG_DIR", "INKPOST_DATA_DIR", "INKPOST_CACHE_DIR"}  # core/folders.py
    read -= {"PYTHONPATH", "HOME", "APPDATA", "LOCALAPPDATA"}  # Python's, the platform's
    assert read, "no variable found: the pattern is stale"
    assert read <= documented, sorted(read - documented)
