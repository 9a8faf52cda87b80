"""`python -m editor` and the `inkpost` script: a CLI command, or the GUI.

A first argument that names a CLI command (or `--version`) runs the Qt-free CLI;
anything else goes to the running Inkpost of this user and display, if there is one
(editor/app/instance.py), or starts the desktop app, which imports Qt only then.
"""

from __future__ import annotations

import os
import sys


def _may_be_cli(args: list[str]) -> bool:
    """False when the arguments cannot name a CLI command (no option, no bare word that is
    not a file): the CLI is not even imported then, so a post handed over to a running
    Inkpost, or the window of a first start, comes sooner."""
    if not args:
        return False
    first = args[0]
    return first.startswith("-") or (first.isalpha() and not os.path.exists(first))


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if _may_be_cli(args):
        from editor import cli

        if cli.wants_cli(args):
            return cli.main(args)
    if args and args[0] in ("--install-desktop-entry", "--uninstall-desktop-entry"):
        from editor.app.desktop_entry import main as desktop_entry_main

        return desktop_entry_main(args)
    from editor.app.instance import try_hand_over

    if try_hand_over(args):  # a running Inkpost opened the posts
        return 0
    from editor.app.main import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
