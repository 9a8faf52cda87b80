"""After a crash the open tabs and the library's sort come back, as after a clean quit.

The real app runs in a child process (settings, data and cache folders redirected): the first
opens a second post and sorts the library by title, newest... Z first, waits until state.ini
says so, and is killed with SIGKILL; the second starts with no arguments (the site from
state.ini) and reports its tabs and its library's sort.
"""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from tests.app.child_app import PREAMBLE, RUN_STEPS, app_env, finish, read_lines_until, start
from tests.files import write_site

_COMMON = (
    PREAMBLE
    + r"""
from editor.app.settings import Settings
from editor.core.library.types import SortKey
from editor.ui.library.model import TITLE

def panel():
    w = window()
    p = None if w is None or not w.isVisible() else w.library.panel
    return p if p is not None and p.model.rowCount() else None
"""
)

_CHANGE_THEN_WAIT = (
    _COMMON
    + r"""
SECOND = os.environ["STATE_TEST_SECOND"]

def step():
    p = panel()
    if p is None:
        return
    w = window()
    if "done" not in state:
        state["done"] = True
        w.open_post(SECOND)
        p.sort_combo.setCurrentIndex(p.sort_combo.findData(SortKey.TITLE))
        p.view.horizontalHeader().sectionClicked.emit(TITLE)  # a second click: Z to A
        return
    saved = Settings(os.environ["INKPOST_CONFIG_DIR"]).window_state()
    if len(saved.open_posts) == 2 and (saved.library_sort, saved.library_descending) == (
        "title", True
    ):
        timer.stop()
        say("READY", json.dumps({"open_posts": list(saved.open_posts)}))
"""
    + RUN_STEPS
)

_REPORT = (
    _COMMON
    + r"""
def step():
    p = panel()
    w = window()
    if p is None or len(w.tab_list()) < 2:
        return
    timer.stop()
    key, descending = p.sort()
    tabs = [str(t.document.path) for t in w.tab_list()]
    titles = [p.model.entry(r).title for r in range(p.model.rowCount())]
    say("STATE", json.dumps({"tabs": tabs, "sort": [str(key), descending], "titles": titles}))
    os._exit(0)
"""
    + RUN_STEPS
)


@pytest.mark.slow
def test_tabs_and_library_sort_survive_sigkill(tmp_path: Path) -> None:
    texts = {
        "apple.md": "---\ntitle: Apple\ndate: 2026-03-01\n---\nA.\n",
        "zebra.md": "---\ntitle: Zebra\ndate: 2026-01-01\n---\nZ.\n",
        "mango.md": "---\ntitle: Mango\ndate: 2026-02-01\n---\nM.\n",
    }
    site = write_site(tmp_path / "site", texts, 'title = "State Blog"\n')
    posts = site / "content" / "posts"
    first_post, second_post = posts / "apple.md", posts / "zebra.md"
    env = app_env(tmp_path, STATE_TEST_SECOND=str(second_post))

    first = start(_CHANGE_THEN_WAIT, env, str(site), str(first_post), "--new-instance")
    try:
        ready = read_lines_until(first, {"READY"}).get("READY")
        assert ready is not None, finish(first)
        first.send_signal(signal.SIGKILL)
        assert first.wait(timeout=30) == -signal.SIGKILL
    finally:
        finish(first)

    second = start(_REPORT, env, "--new-instance")  # no site named: the one state.ini has
    try:
        report = read_lines_until(second, {"STATE"}).get("STATE")
        assert report is not None, finish(second)
        state = json.loads(report)
    finally:
        finish(second)
    assert sorted(state["tabs"]) == [str(first_post), str(second_post)]
    assert state["sort"] == ["title", True]
    assert state["titles"] == ["Zebra", "Mango", "Apple"]
