"""Clicked links and requested files of the preview, on the Qt side of editor.core.preview.links.

`LinkRouter.route(url)` does what a user's click on `url` may do: a post opens in Inkpost
(`openPostRequested(Path)`), another local file is named in a dialog that offers "Show in
Folder" (the folder opens, never the file), http(s) and mailto go to the desktop's browser
or mail client (`linkOpened(QUrl)`), anything else does nothing. `prompts` is replaceable
(tests). `RequestGuard` refuses requests for what is not on this machine, and file: requests
outside the folders the preview may read (the site's, the post's, the preview's own).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor
from PySide6.QtWidgets import QMessageBox, QWidget

from editor.core.preview.links import LinkKind, allowed_file, classify_link, content_dirs
from editor.core.site.model import SiteConfig

_LOCAL_SCHEMES = frozenset((b"data", b"qrc", b"blob"))
_REMOTE_SCHEMES = frozenset((b"http", b"https"))


class RequestGuard(QWebEngineUrlRequestInterceptor):
    """Refuses every request for something not on this machine unless remote content is
    on, and every file: request outside `folders` (plus the post's folder)."""

    def __init__(self, parent: QObject | None = None, folders: Iterable[Path] = ()) -> None:
        super().__init__(parent)
        self.allow_remote = False
        self.blocked: list[QUrl] = []
        self.site_folders: tuple[Path, ...] = ()
        self.fixed_folders = tuple(folders)  # the preview's resources
        self.post_folder: Path | None = None

    def folders(self) -> tuple[Path, ...]:
        post = (self.post_folder,) if self.post_folder is not None else ()
        return self.fixed_folders + self.site_folders + post

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        scheme = url.scheme().encode()
        if scheme in _LOCAL_SCHEMES or (self.allow_remote and scheme in _REMOTE_SCHEMES):
            return
        if scheme == b"file" and allowed_file(url.toLocalFile(), self.folders()):
            return
        self.blocked.append(QUrl(url))
        info.block(True)


class Prompts(Protocol):
    def local_file(self, path: Path) -> bool:
        """Tell the user `path` is not opened; True: show its folder."""
        ...


class LinkPrompts:
    """The dialog a link to a local file shows."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent

    def local_file(self, path: Path) -> bool:
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Information)
        tr = QCoreApplication.translate
        box.setWindowTitle(tr("LinkPrompts", "A link to a file"))
        box.setText(
            tr("LinkPrompts", "This link points to a file on this computer:") + f"\n\n{path}"
        )
        box.setInformativeText(tr("LinkPrompts", "Inkpost does not open files from the preview."))
        show = box.addButton(tr("LinkPrompts", "Show in Folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        show.setEnabled(path.parent.is_dir())
        box.exec()
        return box.clickedButton() is show


class LinkRouter(QObject):
    """Does what a clicked link may do (see the module docstring)."""

    openPostRequested = Signal(Path)  # noqa: N815 (Qt signal naming)
    linkOpened = Signal(QUrl)  # noqa: N815 (Qt signal naming)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.prompts: Prompts = LinkPrompts(parent)
        self._content_dirs: tuple[Path, ...] = ()
        self._base_url = ""

    def set_site(self, site: SiteConfig) -> None:
        self._content_dirs = content_dirs(site)
        self._base_url = site.base_url

    def route(self, url: QUrl) -> None:
        """A user clicked `url`."""
        target = classify_link(url.toString(), self._content_dirs, self._base_url)
        if target.kind is LinkKind.POST and target.path is not None:
            self.openPostRequested.emit(target.path)
        elif target.kind is LinkKind.LOCAL_FILE and target.path is not None:
            if self.prompts.local_file(target.path) and target.path.parent.is_dir():
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.path.parent)))
        elif target.kind is LinkKind.WEB:
            QDesktopServices.openUrl(url)
            self.linkOpened.emit(url)
