"""Noticing changes made outside Inkpost (git pull, another editor) to a site's posts.

`LibraryWatcher.watch(index)` watches the content folders, every folder holding posts and,
while the budget lasts, the post files themselves (a folder watch on Linux misses a file
edited in place). Changes are collected per folder and, after a debounce
(`set_debounce_ms`, -1 = at once), reported as one `foldersChanged(list)` of Paths.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from editor.core.library.index import LibraryIndex

MAX_WATCHED = 4000  # inotify watches are a per-user budget; big sites get folders first


class LibraryWatcher(QObject):
    """Signals: `foldersChanged(list)` (the folders whose content changed)."""

    foldersChanged = Signal(list)  # noqa: N815 (Qt signal naming)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._debounce_ms = 250
        self._changed: set[Path] = set()
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_watcher_changed)
        self._watcher.fileChanged.connect(self._on_watcher_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)

    def set_debounce_ms(self, ms: int) -> None:
        self._debounce_ms = ms

    def watched(self) -> list[str]:
        return self._watcher.directories() + self._watcher.files()

    def watch(self, index: LibraryIndex) -> None:
        """Watch what `index` holds now (only the difference to the last call is applied)."""
        folders: set[str] = {str(p) for p in index.site.content_dirs.values()}
        files: list[str] = []
        for entry in index.entries.values():
            folder = Path(entry.file).parent
            folders.add(str(folder))
            if entry.bundle:
                folders.add(str(folder.parent))
            files.append(entry.file)
        wanted = sorted(folders)[:MAX_WATCHED]
        wanted += files[: max(0, MAX_WATCHED - len(wanted))]
        wanted_set = set(wanted)
        have = set(self.watched())
        extra = [p for p in have if p not in wanted_set]
        if extra:
            self._watcher.removePaths(extra)
        missing = [p for p in wanted if p not in have and Path(p).exists()]
        if missing:
            self._watcher.addPaths(missing)

    def clear(self) -> None:
        self._timer.stop()
        self._changed.clear()
        paths = self.watched()
        if paths:
            self._watcher.removePaths(paths)

    def _on_watcher_changed(self, path: str) -> None:
        changed = Path(path)
        self._changed.add(changed if changed.is_dir() else changed.parent)
        if self._debounce_ms < 0:
            self._on_timer_timeout()
        else:
            self._timer.start(self._debounce_ms)

    def _on_timer_timeout(self) -> None:
        changed, self._changed = self._changed, set()
        if changed:
            self.foldersChanged.emit(sorted(changed))
