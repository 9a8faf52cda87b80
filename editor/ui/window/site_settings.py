"""SiteSettingsWatch: the window follows its site's config files while it runs.

A blogger who turns on `hasCJKLanguage`, changes `summaryLength` or a Goldmark extension
in hugo.toml (here or in another editor) sees the preview, the status bar's figures and the
library follow without reopening the site. The root's config files and `config/_default`
are watched (their folders too: editors save by replacing a file, and a config file may
appear); a change is read once the writes settle (`DEBOUNCE_MS`), and only when the files'
stamp (`editor.core.site.config.settings_stamp`) moved. A config that no longer parses
gives the site's usual diagnostics (file and line), shown like any other site's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from editor.core.site.config import SiteConfig, load_site, settings_folders, settings_stamp
from editor.ui.translate import fill

DEBOUNCE_MS = 300
MESSAGE_MS = 6000


class SiteSettingsWatch(QObject):
    """See the module docstring. `reloaded` carries the SiteConfig read again (after the
    window took it)."""

    reloaded = Signal(object)

    def __init__(self, window: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_watcher_changed)
        self._watcher.directoryChanged.connect(self._on_watcher_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.check)
        self._root = Path(window.site.root)
        self._stamp = settings_stamp(self._root)
        self._watch()
        window.siteChanged.connect(self._on_window_site_changed)

    def set_debounce_ms(self, ms: int) -> None:
        self._timer.setInterval(max(0, ms))

    def watched(self) -> list[str]:
        return self._watcher.files() + self._watcher.directories()

    def check(self) -> bool:
        """Read the site again if its config files changed; True when the window took new
        settings."""
        if not self._root.is_dir():  # the site moved or went: its settings stay as they were
            return False
        stamp = settings_stamp(self._root)
        changed, self._stamp = stamp != self._stamp, stamp
        self._watch()
        if not changed:
            return False
        site = load_site(self._root)
        if site == self.window.site:
            return False
        self.window.set_site(site)
        names = ", ".join(Path(path).name for path, _mtime, _size in stamp) or self.tr("none")
        self.window.statusBar().showMessage(
            fill(self.tr("Site settings read again (%1)"), names), MESSAGE_MS
        )
        self.reloaded.emit(site)
        return True

    def _watch(self) -> None:
        """Watch the folders and files of the current stamp (a replaced file is a new one)."""
        old = self.watched()
        if old:
            self._watcher.removePaths(old)
        paths = [str(p) for p in settings_folders(self._root) if p.is_dir()]
        paths += [path for path, _mtime, _size in self._stamp]
        if paths:
            self._watcher.addPaths(paths)

    def _on_watcher_changed(self, _path: str) -> None:
        self._timer.start()

    def _on_window_site_changed(self, site: SiteConfig) -> None:
        root = Path(site.root)
        if root != self._root:
            self._timer.stop()
            self._root = root
            self._stamp = settings_stamp(root)
            self._watch()
