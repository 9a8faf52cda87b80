"""Open posts: a Document (Post + QTextDocument) and the DocumentTab that edits it.

`Document` is the model: the Post as last loaded or saved, and the QTextDocument the user
edits. Its dirty flag is the QTextDocument's modified flag, so Undo back to the saved text
clears it. `meta` says whether its site reads `Key: value` metadata lines (Pelican, MkDocs:
the tab's `set_site` sets it); every Post the document holds is read that way. Saving goes
through the core (`Post.with_text(...).save(path)`: atomic).
`DocumentTab` is the widget: a PostEditor and its highlighter on that document.

Signals (Document):
    dirtyChanged(bool): the text differs from the saved post, or no longer does.
    pathChanged(object): the post's file changed (Save As, a rename); carries the new Path.
    saved(object): the post was written; carries the saved Post.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout, QVBoxLayout, QWidget

from editor.core.post.model import Post
from editor.core.site.model import RunsTable
from editor.ui.editor.highlighter import DEFAULT_RUNS, MarkdownHighlighter
from editor.ui.editor.post_editor import PostEditor


def document_text(document: QTextDocument) -> str:
    """The document's text exactly as typed: toPlainText() would turn no-break spaces into
    spaces and U+2028 into newlines, which would silently change the post on save."""
    return document.toRawText().replace("\u2029", "\n")


def blank_post_text(now: datetime) -> str:
    """The text of a new, unsaved post: YAML front matter with a title, a date and draft."""
    stamp = now.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return f'---\ntitle: "Untitled"\ndate: {stamp}\ndraft: true\n---\n\n'


class Document(QObject):
    """One post open in the window. See the module docstring."""

    dirtyChanged = Signal(bool)  # noqa: N815 (Qt signal naming)
    pathChanged = Signal(object)  # noqa: N815
    saved = Signal(object)

    def __init__(
        self, post: Post | None = None, text: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._meta = post is not None and post.meta
        self._post = post
        self.text_document = QTextDocument(self)
        self.text_document.setDocumentLayout(QPlainTextDocumentLayout(self.text_document))
        self.text_document.setDocumentMargin(12)
        initial = post.text if post is not None else (text or "")
        self.text_document.setPlainText(initial)
        self.text_document.setModified(post is None and bool(text))
        self.text_document.modificationChanged.connect(self.dirtyChanged)

    @property
    def post(self) -> Post | None:
        """The post as last loaded or saved."""
        return self._post

    @post.setter
    def post(self, post: Post | None) -> None:
        if post is not None and post.meta != self._meta:
            post = post.read_with_meta(self._meta)
        self._post = post

    @property
    def meta(self) -> bool:
        return self._meta

    @meta.setter
    def meta(self, meta: bool) -> None:
        self._meta = meta
        self.post = self._post

    @classmethod
    def open(cls, path: Path, parent: QObject | None = None) -> Document:
        """Load the post at `path` (raises StorageError / OSError when it cannot be read)."""
        return cls(Post.load(path), parent=parent)

    @classmethod
    def new(cls, now: datetime | None = None, parent: QObject | None = None) -> Document:
        return cls(None, blank_post_text(now or datetime.now(UTC)), parent=parent)

    @property
    def path(self) -> Path | None:
        return None if self.post is None else self.post.path

    @property
    def is_dirty(self) -> bool:
        return self.text_document.isModified()

    def display_name(self) -> str:
        """The tab's name: the file (the bundle folder for index.md), or "Untitled"."""
        path = self.path
        if path is None:
            return "Untitled"
        if path.stem in ("index", "_index") and path.parent.name:
            return path.parent.name
        return path.name

    def text(self) -> str:
        return document_text(self.text_document)

    def current_post(self) -> Post:
        """The post as it is in the editor now (not saved)."""
        text = self.text()
        if self.post is None:
            return Post.from_text(text, meta=self._meta)
        if text == self.post.text:
            return self.post
        return self.post.with_text(text)

    def save(self, path: Path | None = None, *, replace_read_only: bool = False) -> Post:
        """Write the post (atomically) to `path` or its own file; raises OSError on failure
        (`ReadOnlyError` for a read-only file unless `replace_read_only`)."""
        target = path if path is not None else self.path
        if target is None:
            raise ValueError("an untitled post needs a file name: use Save As")
        text = self.text()
        if self.post is None:
            post = Post.from_text(text, path=target, meta=self._meta)
        else:
            post = self.post if text == self.post.text else self.post.with_text(text)
        moved = target != self.path
        # A post read from bytes that were not UTF-8 is only written when the user edited it
        # and saves explicitly (the contract's rule); an unedited one keeps its bytes.
        saved = post.save(target, force=self.is_dirty or moved, replace_read_only=replace_read_only)
        self.post = saved
        self.text_document.setModified(False)
        if moved:
            self.pathChanged.emit(target)
        self.saved.emit(saved)
        return saved

    def retarget(self, path: Path) -> None:
        """The post's file was moved or renamed outside this document (the library's Rename):
        follow it without writing anything; the text and its unsaved changes stay."""
        if self.post is None or path == self.post.path:
            return
        self.post = replace(self.post, path=path)
        self.pathChanged.emit(path)


class DocumentTab(QWidget):
    """The widget for one open post: a PostEditor with its highlighter on the Document."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.editor = PostEditor(self)
        self.editor.setDocument(document.text_document)
        self.highlighter = MarkdownHighlighter(document.text_document)
        self.editor.in_code_block = self.highlighter.is_code_block
        self.editor.in_front_matter = self.highlighter.is_front_matter
        self.editor.post_path = document.path
        document.pathChanged.connect(self._on_document_path_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.editor)
        self._layout = layout

    def add_bar(self, bar: QWidget) -> None:
        """Put a notice bar (e.g. "changed on disk") above the editor."""
        self._layout.insertWidget(self._layout.indexOf(self.editor), bar)

    def set_site(
        self,
        root: Path | None,
        static_dir: Path | None,
        meta: bool = False,
        runs: RunsTable | None = None,
    ) -> None:
        """The site the post belongs to: its root, static folder, `meta` (whether it reads
        `Key: value` metadata lines, `SiteConfig.meta_lines`) and the runs its Markdown makes
        tags of (`SiteConfig.runs_table`; None: Goldmark's strikethrough only)."""
        self.editor.site_root = root
        self.editor.static_dir = static_dir
        self.document.meta = meta
        self.highlighter.set_meta(meta)
        self.highlighter.set_runs(DEFAULT_RUNS if runs is None else runs)

    def _on_document_path_changed(self, path: Path) -> None:
        self.editor.post_path = path
