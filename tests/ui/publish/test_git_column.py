"""The library's Git column: each post's git state, read off the GUI thread (pytest-qt)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor.core.publish.git import GitState
from editor.core.site.config import find_site
from editor.ui.library.model import GIT, GIT_ROLE
from editor.ui.library.panel import LibraryPanel
from editor.ui.publish import git_watch
from editor.ui.publish.git_watch import GitWatch, LibraryGit
from tests.core.publish.repos import commit_all, git, write


@pytest.fixture
def made(qtbot: QtBot):  # type: ignore[no-untyped-def]
    """What a test made, closed after it (a scanner's or git's thread left running aborts)."""
    things: list[object] = []
    yield things
    for thing in things:
        if isinstance(thing, LibraryPanel):
            thing.close_site()
        else:
            thing.shutdown()  # type: ignore[attr-defined]


def _panel(qtbot: QtBot, root: Path, cache: Path, made: list[object]) -> LibraryPanel:
    panel = LibraryPanel(figures=False)
    qtbot.addWidget(panel)
    made.append(panel)
    panel.set_debounce_ms(-1)
    panel.set_site(find_site(root), cache / "index.db")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2 and not panel.scanner.busy)
    return panel


def _states(panel: LibraryPanel) -> dict[str, GitState | None]:
    model = panel.model
    return {
        model.entry(row).rel_path: model.index(row, 0).data(GIT_ROLE)  # type: ignore[union-attr]
        for row in range(model.rowCount())
    }


def _follow(qtbot: QtBot, panel: LibraryPanel, root: Path, made: list[object]) -> LibraryGit:
    follower = LibraryGit(debounce_ms=0)
    made.append(follower)
    follower.follow_library(panel)
    with qtbot.waitSignal(follower.statusChanged, timeout=10_000):
        follower.set_site(root)
    return follower


def test_a_committed_pushed_site_shows_each_post_in_sync_and_a_new_one_new(
    qtbot: QtBot, git_site: Path, tmp_path: Path, made: list[object]
) -> None:
    panel = _panel(qtbot, git_site, tmp_path, made)
    _follow(qtbot, panel, git_site, made)
    assert not panel.view.isColumnHidden(GIT)
    assert set(_states(panel).values()) == {GitState.SYNCED}
    write(git_site / "content/posts/gamma.md", "---\ntitle: Gamma\n---\n\nNew.\n")
    (git_site / "content/posts/alpha.md").write_text("---\ntitle: Alpha\n---\n\nEdited.\n")
    panel.rescan()  # what the library's watcher does after a change on disk
    qtbot.waitUntil(lambda: _states(panel).get("content/posts/gamma.md") is GitState.NEW)
    assert _states(panel)["content/posts/alpha.md"] is GitState.MODIFIED
    assert _states(panel)["content/posts/beta.md"] is GitState.SYNCED
    row = panel.model.row_of("content/posts/gamma.md")
    assert panel.model.index(row, GIT).data() == "N"
    assert "never committed" in panel.model.index(row, GIT).data(3)  # ToolTipRole


def test_the_not_pushed_filter_lists_new_changed_and_unpushed_posts(
    qtbot: QtBot, git_site: Path, tmp_path: Path, made: list[object]
) -> None:
    panel = _panel(qtbot, git_site, tmp_path, made)
    (git_site / "content/posts/beta.md").write_text("---\ntitle: Beta\n---\n\nChanged.\n")
    commit_all(git_site, "beta, not pushed")
    follower = _follow(qtbot, panel, git_site, made)
    assert _states(panel)["content/posts/beta.md"] is GitState.UNPUSHED
    combo = panel.state_combo
    found = combo.findText("Not pushed (1)")
    assert found >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(found)
    assert [panel.model.entry(r).rel_path for r in range(panel.model.rowCount())] == [  # type: ignore[union-attr]
        "content/posts/beta.md"
    ]
    git(git_site, "push", "-q")
    with qtbot.waitSignal(follower.statusChanged, timeout=10_000):
        follower.refresh()
    assert panel.model.rowCount() == 0
    assert combo.currentText() == "Not pushed (0)"
    panel.set_git(None)  # no repository any more: the filter goes, every post shows again
    assert combo.currentData() is None and panel.model.rowCount() == 2
    assert panel.view.isColumnHidden(GIT)


def test_a_site_in_no_repository_has_no_git_column(
    qtbot: QtBot, plain_site: Path, tmp_path: Path, made: list[object]
) -> None:
    panel = _panel(qtbot, plain_site, tmp_path, made)
    follower = _follow(qtbot, panel, plain_site, made)
    assert follower.status is None
    assert panel.view.isColumnHidden(GIT)
    assert not panel.model.has_git
    combo = panel.state_combo
    assert not any(combo.itemText(i).startswith("Not pushed") for i in range(combo.count()))


def test_the_status_runs_off_the_gui_thread_and_a_stale_result_is_dropped(
    qtbot: QtBot, git_site: Path, monkeypatch: pytest.MonkeyPatch, made: list[object]
) -> None:
    threads: list[int] = []
    started, release = threading.Event(), threading.Event()
    real = git_watch.post_states

    def spy(root: Path, posts: dict[str, str]):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        started.set()
        release.wait(10)  # the first job is still running when the second is asked for
        return real(root, posts)

    monkeypatch.setattr(git_watch, "post_states", spy)
    watch = GitWatch(debounce_ms=0)
    made.append(watch)
    alpha = str(git_site / "content/posts/alpha.md")
    seen: list[dict[str, GitState]] = []
    watch.statusChanged.connect(lambda _status, states: seen.append(states))
    watch.request(git_site, {"a": alpha})
    qtbot.waitUntil(started.is_set)
    watch.request(git_site, {"b": alpha})  # newer: the first result is stale
    release.set()
    qtbot.waitUntil(lambda: not watch.busy and bool(seen))
    assert seen == [{"b": GitState.SYNCED}]
    assert watch.dropped == 1
    assert len(threads) == 2 and threading.get_ident() not in threads
