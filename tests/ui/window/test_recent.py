"""File > Open Recent: posts and sites opened by any path, kept between runs, missing ones
greyed out, Clear Recent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu

from editor.core.site.config import find_site
from editor.ui.export.store import IniStore
from editor.ui.window.main_window import MainWindow
from editor.ui.window.recent import RECENT_LIMIT, RecentList
from tests.files import write_site
from tests.ui.windows import WindowMaker


class _Memory:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, key: str, default: str = "") -> str:
        return self.values.get(key, default)

    def set(self, key: str, value: str) -> None:
        self.values[key] = value


def _site(root: Path, posts: tuple[str, ...] = ("a", "b")) -> Path:
    return write_site(
        root, {f"{name}.md": f"# {name}\n" for name in posts}, f'title = "{root.name}"\n'
    )


@pytest.fixture
def recent_window(make_window: WindowMaker, tmp_path: Path) -> Callable[[Path], MainWindow]:
    """A window on the site at `root`, File > Open Recent's list in tmp_path/config."""

    def make(root: Path) -> MainWindow:
        window = make_window(root)
        window.recent.attach(IniStore(tmp_path / "config" / "recent.ini"))
        return window

    return make


def _file_menu(window: MainWindow) -> QMenu:
    (menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    assert isinstance(menu, QMenu)
    return menu


def test_open_recent_sits_after_open_site_in_the_file_menu(
    recent_window: Callable[[Path], MainWindow], tmp_path: Path
) -> None:
    window = recent_window(_site(tmp_path / "blog"))
    titles = [a.text() for a in _file_menu(window).actions()]
    assert titles[titles.index("Open S&ite…") + 1] == "Open &Recent"
    assert window.recent.menu.title() == "Open &Recent"


def test_posts_and_sites_opened_by_any_path_are_listed_newest_first(
    recent_window: Callable[[Path], MainWindow], tmp_path: Path
) -> None:
    blog = _site(tmp_path / "blog")
    other = _site(tmp_path / "other", ("c",))
    window = recent_window(blog)
    posts = blog / "content" / "posts"
    window.open_post(posts / "a.md")  # the command line and a second start use open_post
    window.library.openPostRequested.emit(posts / "b.md")  # the library
    window.set_site(find_site(other))  # Open Site…
    window.open_post(other / "content" / "posts" / "c.md")
    window.recent.menu.aboutToShow.emit()
    assert window.recent.entries() == [
        (str(other / "content" / "posts" / "c.md"), True),
        (str(posts / "b.md"), True),
        (str(posts / "a.md"), True),
        (str(other), True),
        (str(blog), True),
    ]
    sections = [a.text() for a in window.recent.menu.actions() if a.isSeparator() and a.text()]
    assert sections == ["Posts", "Sites"]


def test_the_list_survives_a_restart_and_missing_files_are_greyed(
    recent_window: Callable[[Path], MainWindow], tmp_path: Path
) -> None:
    blog = _site(tmp_path / "blog")
    first = recent_window(blog)
    first.open_post(blog / "content" / "posts" / "a.md")
    first.open_post(blog / "content" / "posts" / "b.md")
    first.close()
    (blog / "content" / "posts" / "a.md").unlink()

    second = recent_window(blog)
    second.recent.menu.aboutToShow.emit()
    assert second.recent.entries() == [
        (str(blog / "content" / "posts" / "b.md"), True),
        (str(blog / "content" / "posts" / "a.md"), False),
        (str(blog), True),
    ]


def test_choosing_an_entry_opens_it(
    recent_window: Callable[[Path], MainWindow], tmp_path: Path
) -> None:
    blog = _site(tmp_path / "blog")
    other = _site(tmp_path / "other", ("c",))
    window = recent_window(blog)
    window.recent.recent.add_post(blog / "content" / "posts" / "b.md")
    window.recent.recent.add_site(other)
    window.recent.menu.aboutToShow.emit()
    by_path = {str(a.data()): a for a in window.recent.menu.actions() if a.data()}
    by_path[str(blog / "content" / "posts" / "b.md")].trigger()  # the list changes meanwhile
    current = window.current_tab()
    assert current is not None and current.document.path == blog / "content" / "posts" / "b.md"
    by_path[str(other)].trigger()
    assert Path(window.site.root) == other


def test_clear_recent_empties_both_lists(
    recent_window: Callable[[Path], MainWindow], tmp_path: Path
) -> None:
    blog = _site(tmp_path / "blog")
    window = recent_window(blog)
    window.open_post(blog / "content" / "posts" / "a.md")
    window.recent.menu.aboutToShow.emit()
    (clear,) = [a for a in window.recent.menu.actions() if a.objectName() == "recentClear"]
    assert clear.isEnabled()
    clear.trigger()
    window.recent.menu.aboutToShow.emit()
    assert window.recent.entries() == []
    assert window.recent.recent.posts == [] and window.recent.recent.sites == []
    titles = [a.text() for a in window.recent.menu.actions()]
    assert "No Recent Posts or Sites" in titles
    reread = RecentList(IniStore(tmp_path / "config" / "recent.ini"))
    assert reread.posts == [] and reread.sites == []


def test_the_list_keeps_the_newest_ten_without_duplicates(tmp_path: Path) -> None:
    store = _Memory()
    recent = RecentList(store)
    for number in range(RECENT_LIMIT + 3):
        recent.add_post(tmp_path / f"{number}.md")
    recent.add_post(tmp_path / "5.md")
    assert len(recent.posts) == RECENT_LIMIT
    assert recent.posts[0] == str(tmp_path / "5.md")
    assert recent.posts.count(str(tmp_path / "5.md")) == 1
    assert RecentList(store).posts == recent.posts


def test_what_was_recorded_before_the_store_goes_on_top(tmp_path: Path) -> None:
    store = _Memory()
    RecentList(store).add_post(tmp_path / "old.md")
    recent = RecentList()
    recent.add_post(tmp_path / "new.md")
    recent.attach(store)
    assert recent.posts == [str(tmp_path / "new.md"), str(tmp_path / "old.md")]
    assert RecentList(store).posts == recent.posts


def test_a_damaged_store_starts_an_empty_list() -> None:
    store = _Memory()
    store.set("recent/posts", "{not json")
    store.set("recent/sites", '{"a": 1}')
    recent = RecentList(store)
    assert recent.posts == [] and recent.sites == []
