"""The preview's header keeps the last good metadata while the front matter does not parse
(mid-typing), per tab, instead of going blank (pytest-qt)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from editor.core.post.model import Post
from editor.core.site.config import SiteConfig
from editor.ui.editor.documents import Document, DocumentTab
from editor.ui.preview.link import PreviewLink
from editor.ui.workers import RenderController

GOOD = "---\ntitle: Kept title\ntags: [a, b]\n---\n\nSome words here.\n"


class FakePreview(QObject):
    lineScrolled = Signal(int)  # noqa: N815

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[Any] = []

    def set_site(self, _site: object) -> None:
        pass

    def show_result(self, _result: object, header: Any, **_kw: object) -> None:
        self.headers.append(header)

    def scroll_to_line(self, _line: int) -> None:
        pass


class Status:
    def show_stats(self, _stats: object) -> None:
        pass


def make_tab(qtbot: QtBot, tmp_path: Path, name: str, text: str) -> DocumentTab:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    tab = DocumentTab(Document(Post.load(path)))
    qtbot.addWidget(tab)
    return tab


def test_header_keeps_last_good_metadata_while_front_matter_is_broken(
    qtbot: QtBot, tmp_path: Path
) -> None:
    link = PreviewLink(
        RenderController(debounce_ms=-1), Status(), SiteConfig.hugo_defaults(tmp_path)
    )
    preview = FakePreview()
    link.set_preview(preview)
    tab = make_tab(qtbot, tmp_path, "a.md", GOOD)
    link.set_tab(tab)
    qtbot.waitUntil(lambda: len(preview.headers) >= 1)
    assert preview.headers[-1].title == "Kept title"
    broken = GOOD.replace("tags: [a, b]", "tags: [a, b").replace("Some words", "More words here")
    tab.document.text_document.setPlainText(broken)
    count = len(preview.headers)
    link.text_changed(tab)
    qtbot.waitUntil(lambda: len(preview.headers) > count)
    header = preview.headers[-1]
    assert header.title == "Kept title" and header.tags == ("a", "b")
    assert "words" in header.meta_line  # the figures are the new text's

    other = make_tab(qtbot, tmp_path, "b.md", broken)  # never parsed: nothing to keep
    count = len(preview.headers)
    link.set_tab(other)
    qtbot.waitUntil(lambda: len(preview.headers) > count)
    assert preview.headers[-1].title == ""
