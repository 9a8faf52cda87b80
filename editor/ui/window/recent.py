"""File > Open Recent: the last posts and sites opened, newest first, kept between runs.

`RecentList` is the two lists (posts, sites), at most `limit` each, kept in any string
key-value store (the app gives an INI file beside the settings, `recent.ini`: window state
rather than a preference). `RecentMenu` records every post the window opens (its
`postOpened`, whatever opened it: the library, the Open dialog, the command line, a second
start, a drop) and every site (`siteChanged`), and shows them in a submenu of File after
Open Site; a post or site no longer on disk is shown greyed out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from editor.core.site.config import find_site

RECENT_LIMIT = 10
POSTS_KEY = "recent/posts"
SITES_KEY = "recent/sites"


class TextStore(Protocol):
    """Where the lists are kept (the export dialog's IniStore fits)."""

    def get(self, key: str, default: str = "") -> str: ...
    def set(self, key: str, value: str) -> None: ...


def _load(store: TextStore, key: str) -> list[str]:
    try:
        value = json.loads(store.get(key, "[]") or "[]")
    except ValueError:
        return []  # a hand-edited file: start again rather than fail
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str) and item]


def _push(items: list[str], path: str, limit: int) -> list[str]:
    return [path, *(item for item in items if item != path)][:limit]


class RecentList:
    """The recent posts and sites, newest first. Without a store they live in memory until
    `attach` gives one (what was recorded before then goes on top of what it held)."""

    def __init__(self, store: TextStore | None = None, limit: int = RECENT_LIMIT) -> None:
        self.limit = limit
        self._store = store
        self.posts: list[str] = _load(store, POSTS_KEY)[:limit] if store else []
        self.sites: list[str] = _load(store, SITES_KEY)[:limit] if store else []

    def attach(self, store: TextStore) -> None:
        posts, sites = self.posts, self.sites
        self._store = store
        self.posts = _load(store, POSTS_KEY)[: self.limit]
        self.sites = _load(store, SITES_KEY)[: self.limit]
        for post in reversed(posts):
            self.posts = _push(self.posts, post, self.limit)
        for site in reversed(sites):
            self.sites = _push(self.sites, site, self.limit)
        self._save()

    def add_post(self, path: Path) -> None:
        self.posts = _push(self.posts, str(Path(path).absolute()), self.limit)
        self._save()

    def add_site(self, path: Path) -> None:
        self.sites = _push(self.sites, str(Path(path).absolute()), self.limit)
        self._save()

    def clear(self) -> None:
        self.posts, self.sites = [], []
        self._save()

    def _save(self) -> None:
        if self._store is not None:
            self._store.set(POSTS_KEY, json.dumps(self.posts))
            self._store.set(SITES_KEY, json.dumps(self.sites))


def _entry_text(path: Path) -> str:
    """The menu's text for `path`: its name, then its folder ("&" kept as text)."""
    parent = path.parent
    home = Path.home()
    shown = f"~/{parent.relative_to(home)}" if parent.is_relative_to(home) else str(parent)
    return f"{path.name}  —  {shown}".replace("&", "&&")


class RecentMenu(QObject):
    """File > Open Recent for `window` (a MainWindow), placed after the `after` action."""

    changed = Signal()

    def __init__(self, window: Any, after: QAction) -> None:
        super().__init__(window)
        self._window = window
        self.recent = RecentList()
        self.menu = QMenu(self.tr("Open &Recent"), window)
        self.menu.setObjectName("recentMenu")
        self.menu.aboutToShow.connect(self.rebuild)
        self._insert_after(after)
        window.postOpened.connect(self._on_post_opened)
        window.siteChanged.connect(lambda site: self._on_site(Path(site.root)))
        self._on_site(Path(window.site.root))
        current = window.current_tab()
        for tab in [*window.tab_list(), current]:  # posts opened before this menu was made
            if tab is not None and tab.document.path is not None:
                self.recent.add_post(tab.document.path)
        self.rebuild()

    def _insert_after(self, after: QAction) -> None:
        for owner in after.associatedObjects():
            if isinstance(owner, QMenu):
                actions = owner.actions()
                index = actions.index(after) + 1
                before = actions[index] if index < len(actions) else None
                if before is None:
                    owner.addMenu(self.menu)
                else:
                    owner.insertMenu(before, self.menu)
                return

    def attach(self, store: TextStore) -> None:
        """Keep the lists in `store` from now on (merged with what it already held)."""
        self.recent.attach(store)
        self._changed()

    def _on_post_opened(self, path: Path) -> None:
        self.recent.add_post(Path(path))
        self._changed()

    def _on_site(self, root: Path) -> None:
        self.recent.add_site(root)
        self._changed()

    def _changed(self) -> None:
        # The entries are made again when the menu opens (`aboutToShow`), never here: the
        # entry being triggered may be what changed the list.
        self.changed.emit()

    def rebuild(self) -> None:
        """The submenu from the lists (and the disk): posts, then sites, then Clear Recent."""
        self.menu.clear()
        if not self.recent.posts and not self.recent.sites:
            empty = self.menu.addAction(self.tr("No Recent Posts or Sites"))
            empty.setEnabled(False)
        if self.recent.posts:
            self.menu.addSection(self.tr("Posts"))
            for post in self.recent.posts:
                self._add_entry(Path(post), is_site=False)
        if self.recent.sites:
            self.menu.addSection(self.tr("Sites"))
            for site in self.recent.sites:
                self._add_entry(Path(site), is_site=True)
        self.menu.addSeparator()
        clear = self.menu.addAction(self.tr("&Clear Recent"))
        clear.setObjectName("recentClear")
        clear.setEnabled(bool(self.recent.posts or self.recent.sites))
        clear.triggered.connect(self.clear)

    def _add_entry(self, path: Path, *, is_site: bool) -> None:
        action = self.menu.addAction(_entry_text(path))
        action.setData(str(path))
        action.setToolTip(str(path))
        exists = path.is_dir() if is_site else path.is_file()
        action.setEnabled(exists)  # greyed out: moved or deleted since
        if not exists:
            action.setStatusTip(self.tr("{path} is no longer there").format(path=path))
        elif is_site:
            action.triggered.connect(lambda _=False, p=path: self.open_site(p))
        else:
            action.triggered.connect(lambda _=False, p=path: self._window.open_post(p))
        self.menu.setToolTipsVisible(True)

    def open_site(self, root: Path) -> None:
        self._window.set_site(find_site(root))

    def clear(self) -> None:
        self.recent.clear()
        self._changed()

    def entries(self) -> list[tuple[str, bool]]:
        """(path, enabled) of each post and site entry, in menu order, as the menu showed them
        when it last opened (tests read it)."""
        return [
            (str(action.data()), action.isEnabled())
            for action in self.menu.actions()
            if action.data()
        ]
