"""`python -m editor`: CLI commands go to the Qt-free CLI, anything else to the GUI."""

from __future__ import annotations

import subprocess
import sys

import pytest

from editor import __version__, cli


def test_version_runs_without_qt() -> None:
    code = (
        "import sys; from editor.__main__ import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit as e:\n    code = e.code\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
        "sys.exit(code)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"inkpost {__version__}"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], False),
        (["--version"], True),
        (["info"], True),
        (["stats", "a.md"], True),
        (["some/site"], False),
        (["--screenshot", "x.png"], False),
    ],
)
def test_wants_cli(args: list[str], expected: bool) -> None:
    assert cli.wants_cli(args) is expected


def test_a_folder_named_like_a_command_opens_in_the_gui(tmp_path, monkeypatch) -> None:
    (tmp_path / "info").mkdir()
    monkeypatch.chdir(tmp_path)
    assert cli.wants_cli(["info"]) is False
