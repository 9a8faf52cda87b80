"""`python -m editor FILE` hands over to a running Inkpost, or starts the GUI, without
importing the CLI (its imports would hold the post back)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from editor import cli
from editor.__main__ import _may_be_cli


@pytest.mark.parametrize(
    "args",
    [[], ["--version"], ["-V"], ["info"], ["stats", "a.md"], ["some/site"], ["post.md"], ["x"]],
)
def test_every_cli_command_may_be_one(args: list[str]) -> None:
    if cli.wants_cli(args):
        assert _may_be_cli(args)


def test_paths_are_not_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "info").mkdir()
    monkeypatch.chdir(tmp_path)
    assert not _may_be_cli(["info"])  # a folder named like a command
    assert not _may_be_cli(["blog/content/post.md"])
    assert not _may_be_cli([])
    assert _may_be_cli(["--new-instance"])  # options: the CLI's parser may know them


def test_a_hand_over_imports_neither_the_cli_nor_qt(tmp_path: Path) -> None:
    post = tmp_path / "a.md"
    post.write_text("---\ntitle: A\n---\n", encoding="utf-8")
    code = (
        "import sys\n"
        "import editor.app.instance as instance\n"
        "instance.try_hand_over = lambda args: True  # a running Inkpost took the post\n"
        "from editor.__main__ import main\n"
        f"assert main([{str(post)!r}]) == 0\n"
        "loaded = [m for m in sys.modules if m == 'editor.cli' or m.startswith('PySide6')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])


def test_the_gui_parser_needs_the_cli_only_for_help() -> None:
    code = (
        "import sys\n"
        "from editor.app.main import build_parser\n"
        "build_parser(with_epilog=False).parse_args(['site'])\n"
        "assert 'editor.cli' not in sys.modules\n"
        "assert 'info     Show the site' in build_parser().format_help()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])
