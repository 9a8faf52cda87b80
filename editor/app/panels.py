"""`--show PANEL[,PANEL]`: the panels a start (a screenshot run) shows besides the default.

Each name stands for a View menu action; showing a panel checks its action, as the user
would, so the window's own rules (first widths, the library hidden first in a narrow
window) apply as they do by hand.
"""

from __future__ import annotations

import argparse
from typing import Any

PANELS: dict[str, str] = {  # name on the command line -> the View menu's action
    "library": "toggle_sidebar",
    "preview": "toggle_preview",
    "front-matter": "toggle_front_matter",
    "outline": "toggle_outline",
    "problems": "toggle_problems",
}


def panel_list(text: str) -> tuple[str, ...]:
    """The panel names in `text` ("front-matter,outline"); argparse's type for `--show`."""
    names = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [name for name in names if name not in PANELS]
    if unknown:
        choices = ", ".join(PANELS)
        raise argparse.ArgumentTypeError(f"unknown panel {unknown[0]!r} (one of: {choices})")
    return names


def show_panels(window: Any, names: tuple[str, ...]) -> None:
    """Show the panels `names` of `window` (a MainWindow) through their View actions."""
    for name in names:
        window.actions_by_id[PANELS[name]].setChecked(True)
