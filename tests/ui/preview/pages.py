"""What the preview's tests share: the checkout's preview resources, a stand-in for a
RenderResult, and a value computed in the page."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

RESOURCES = Path(__file__).resolve().parents[3] / "resources" / "preview"


@dataclass(frozen=True)
class Result:
    """What PreviewPane reads from a RenderResult."""

    html: str
    line_map: tuple[tuple[int, int], ...]


def js(qtbot: QtBot, page: Any, code: str) -> Any:
    """The value of the JavaScript expression `code` in `page`'s page (a PreviewPane, or
    anything with its run_js), through JSON."""
    out: list[Any] = []
    page.run_js(f"JSON.stringify({code})", out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=10000)
    return json.loads(out[0])
