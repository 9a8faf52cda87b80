"""PreviewSlot: the preview's place in the window's splitter, filled after the first paint.

Until the `PreviewPane` (QtWebEngine) exists a plain placeholder holds its side of the
splitter; the window calls `create()` once the post is on the screen (ui/first_paint.py), so
Chromium starts after the first frame (docs/window.md has the measurements). It also keeps
whether the preview is shown and its zoom, applied when the pane arrives.

Signals:
    created(object): the PreviewPane exists and sits in the splitter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSplitter, QWidget

ZOOM_STEP = 0.1  # the preview's zoom factor per editor zoom step


class PreviewSlot(QObject):
    """The preview side of the splitter. See the module docstring."""

    created = Signal(object)

    def __init__(
        self,
        splitter: QSplitter,
        resource_dir: Path | None,
        options: Callable[[], dict[str, Any]],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._splitter = splitter
        self._resource_dir = resource_dir
        self._options = options
        self._parent = parent
        self.preview: Any = None
        self.visible = True
        self.zoom_level = 0
        self.placeholder = QWidget(parent)
        self.placeholder.setObjectName("previewPlaceholder")
        self.placeholder.setAutoFillBackground(True)
        splitter.addWidget(self.placeholder)

    def create(self) -> None:
        """Create the PreviewPane (QtWebEngine) in the splitter."""
        if self.preview is not None:
            return
        from editor.ui.preview.pane import PreviewPane  # QtWebEngine loads here, after first paint

        assert self._resource_dir is not None, "the window was made without preview resources"
        preview = PreviewPane(self._resource_dir, self._parent, **self._options())
        # The placeholder's stretch (the splitter keeps it in the size policy): without it the
        # splitter's next layout moves its handle by a few pixels and the editor, already on
        # the screen, rewraps its text.
        preview.setSizePolicy(self.placeholder.sizePolicy())
        self._splitter.replaceWidget(self._splitter.indexOf(self.placeholder), preview)
        self.placeholder.deleteLater()
        self.preview = preview
        preview.setVisible(self.visible)
        self.set_zoom(self.zoom_level)
        self.created.emit(preview)

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        (self.preview if self.preview is not None else self.placeholder).setVisible(visible)

    def set_zoom(self, level: int) -> None:
        """Follow the editor's zoom level (0: 100 %)."""
        self.zoom_level = level
        if self.preview is not None:
            self.preview.view.setZoomFactor(max(0.3, min(3.0, 1.0 + ZOOM_STEP * level)))
