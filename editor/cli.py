"""The command line: the same core as the app, no GUI and no Qt.

python -m editor --version
python -m editor info [PATH]
python -m editor stats [--site DIR] [--json] PATH...
python -m editor render [--site DIR] [--json] PATH...
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from editor import __version__

COMMANDS = ("info", "stats", "render", "library", "export")


def wants_cli(args: Sequence[str]) -> bool:
    """True when the arguments ask for a CLI command rather than the GUI."""
    if not args:
        return False
    first = args[0]
    if first in ("--version", "-V"):
        return True
    return first in COMMANDS and not Path(first).exists()


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="inkpost", description="Inkpost, without the GUI.")
    parser.add_argument("--version", "-V", action="version", version=f"inkpost {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (helptext, configure, _run) in _COMMANDS.items():
        configure(sub.add_parser(name, help=helptext, description=helptext))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    _helptext, _configure, run = _COMMANDS[args.command]
    try:
        return run(args)
    except BrokenPipeError:
        return 0


# --- commands -------------------------------------------------------------------------------

_CommandSpec = tuple[
    str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]
]
_COMMANDS: dict[str, _CommandSpec] = {}
