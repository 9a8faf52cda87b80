"""Drop a post or a site on the window to open it.

A dropped `.md` / `.markdown` file opens in a tab; a dropped folder that is a site (or is in
one: `find_site` walks up) becomes the window's site. Anything else dropped on the window or
on the preview (which navigates on no drop) is refused with a message in the status bar. On
an editor, a post or site dropped opens it too instead of pasting its path; other drops (text,
images) go to the editor as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from editor.core.site.config import SiteConfig, find_site

POST_SUFFIXES = (".md", ".markdown")


@dataclass(slots=True)
class Dropped:
    """What a drop holds: posts to open, a site to open, and what neither is."""

    posts: list[Path] = field(default_factory=list)
    site: SiteConfig | None = None
    other: list[str] = field(default_factory=list)

    @property
    def openable(self) -> bool:
        return bool(self.posts) or self.site is not None


def read_drop(mime: QMimeData) -> Dropped:
    """Sort the dropped URLs into posts, one site (the first) and the rest."""
    dropped = Dropped()
    for url in mime.urls() if mime.hasUrls() else []:
        if not url.isLocalFile():
            dropped.other.append(url.toString())
            continue
        path = Path(url.toLocalFile())
        if path.is_file() and path.suffix.lower() in POST_SUFFIXES:
            dropped.posts.append(path)
        elif path.is_dir() and dropped.site is None and (site := _site_at(path)) is not None:
            dropped.site = site
        else:
            dropped.other.append(path.name or str(path))
    return dropped


def _site_at(folder: Path) -> SiteConfig | None:
    site = find_site(folder)
    return None if site.kind == "folder" else site


class DropOpener(QObject):
    """Opens what is dropped on `window` (a MainWindow) or on its editors."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        self._take_all: list[QObject] = [window]  # every file drop: opened or refused
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        window.documents.follow_tabs(lambda tab: self.watch(tab.editor.viewport()))
        window.previewCreated.connect(lambda preview: self.watch(preview.view, take_all=True))
        if window.preview is not None:  # made before this opener
            self.watch(window.preview.view, take_all=True)

    def watch(self, widget: QWidget, *, take_all: bool = False) -> None:
        """Let drops of posts and sites on `widget` open them; with `take_all` (the preview)
        other file drops are refused with a message rather than left to the widget."""
        if take_all:
            self._take_all.append(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDragMoveEvent)
            return self._on_drag(watched, event)
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            return self._on_drop(watched, event)
        return False

    def _on_drag(self, watched: QObject, event: QDragMoveEvent) -> bool:
        mime = event.mimeData()
        if not mime.hasUrls():
            return False  # text for an editor; nothing the window takes
        if watched in self._take_all or read_drop(mime).openable:
            event.acceptProposedAction()  # the window hears every file drop, to say why not
            return True
        return False

    def _on_drop(self, watched: QObject, event: QDropEvent) -> bool:
        mime = event.mimeData()
        if not mime.hasUrls():
            return False
        dropped = read_drop(mime)
        if not dropped.openable and watched not in self._take_all:
            return False  # an editor's own drop (an image, a file to link)
        event.acceptProposedAction()
        self.open(dropped)
        return True

    def open(self, dropped: Dropped) -> None:
        """Open the dropped site, then the posts; say what was not opened."""
        if dropped.site is not None:
            self._window.set_site(dropped.site)
        for post in dropped.posts:
            self._window.open_post(post)
        if dropped.other:
            names = ", ".join(dropped.other[:3]) + ("…" if len(dropped.other) > 3 else "")
            self._window.statusBar().showMessage(
                self.tr("Not opened: {names} (Inkpost opens .md files and site folders)").format(
                    names=names
                ),
                8000,
            )
