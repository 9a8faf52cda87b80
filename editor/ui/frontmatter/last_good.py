"""LastGoodHeaders: the preview's header card keeps a post's last good metadata while its
front matter does not parse (mid-typing: `tags: [a` before the `]`), instead of going
blank; per tab, so another post's metadata never shows."""

from __future__ import annotations

import weakref
from dataclasses import replace
from typing import Any

from PySide6.QtGui import QTextDocument

from editor.core.post.form import front_part
from editor.core.post.frontmatter import read_front_matter
from editor.core.preview.header import PreviewHeader, meta_parts
from editor.ui.frontmatter.apply import head_text

SEPARATOR = " · "


def front_matter_broken(document: QTextDocument) -> bool:
    """Whether the document's front matter exists but does not parse (its head only)."""
    front = read_front_matter(front_part(head_text(document)))
    return bool(front.broken) or (
        front.split.fm_format is not None
        and not front.fields
        and any(d.severity == "error" for d in front.diagnostics)
    )


class LastGoodHeaders:
    """Remembers each tab's last header made from front matter that parsed."""

    def __init__(self) -> None:
        self._kept: weakref.WeakKeyDictionary[Any, PreviewHeader] = weakref.WeakKeyDictionary()

    def header(self, tab: Any, header: PreviewHeader, stats: Any) -> PreviewHeader:
        """`header` for `tab` (a DocumentTab), or its last good one (with the new figures)
        when the tab's front matter does not parse now."""
        if not front_matter_broken(tab.document.text_document):
            self._kept[tab] = header
            return header
        good = self._kept.get(tab)
        if good is None:
            return header
        parts = meta_parts(good.date_text, stats, good.author)
        return replace(good, meta_line=SEPARATOR.join(parts))
