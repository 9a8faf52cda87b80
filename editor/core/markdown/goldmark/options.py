"""What changes the HTML: markup.goldmark, markup.highlight and the TOC levels, as one value.

`MarkupOptions.from_site(site)` reads them from a SiteConfig (any object with `goldmark`,
`highlight` and `toc` attributes works; missing fields take Hugo's defaults).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from editor.core.markdown.highlight import CodeOptions

__all__ = ["MarkupOptions"]


@dataclass(frozen=True)
class MarkupOptions:
    """Everything that changes the HTML: markup.goldmark, markup.highlight, TOC levels."""

    unsafe: bool = False
    typographer: bool = True
    linkify: bool = True
    linkify_protocol: str = "https"
    table: bool = True
    strikethrough: bool = True
    task_list: bool = True
    footnote: bool = True
    definition_list: bool = True
    attribute_title: bool = True
    attribute_block: bool = False
    auto_heading_id: bool = True
    auto_heading_id_type: str = "github"
    wrap_standalone_image: bool = True
    hard_wraps: bool = False
    xhtml: bool = False
    code: CodeOptions = field(default_factory=CodeOptions)
    toc_start: int = 2
    toc_end: int = 3
    toc_ordered: bool = False

    @classmethod
    def from_site(cls, site: object | None) -> MarkupOptions:
        if site is None:
            return cls()
        gm = getattr(site, "goldmark", None)
        hl = getattr(site, "highlight", None)
        toc = getattr(site, "toc", None)
        base = cls()

        def pick(obj: object, name: str, default: Any) -> Any:
            value = getattr(obj, name, default) if obj is not None else default
            return type(default)(value) if value is not None else default

        code = CodeOptions(
            style=pick(hl, "style", "monokai") or "monokai",
            no_classes=pick(hl, "no_classes", True),
            line_nos=pick(hl, "line_nos", False),
            line_numbers_in_table=pick(hl, "line_numbers_in_table", True),
            line_no_start=pick(hl, "line_no_start", 1),
            tab_width=pick(hl, "tab_width", 4),
            code_fences=pick(hl, "code_fences", True),
        )
        return cls(
            unsafe=pick(gm, "unsafe", base.unsafe),
            typographer=pick(gm, "typographer", base.typographer),
            linkify=pick(gm, "linkify", base.linkify),
            linkify_protocol=pick(gm, "linkify_protocol", base.linkify_protocol),
            table=pick(gm, "table", base.table),
            strikethrough=pick(gm, "strikethrough", base.strikethrough),
            task_list=pick(gm, "task_list", base.task_list),
            footnote=pick(gm, "footnote", base.footnote),
            definition_list=pick(gm, "definition_list", base.definition_list),
            attribute_title=pick(gm, "attribute_title", base.attribute_title),
            attribute_block=pick(gm, "attribute_block", base.attribute_block),
            auto_heading_id=pick(gm, "auto_heading_id", base.auto_heading_id),
            auto_heading_id_type=pick(gm, "auto_heading_id_type", base.auto_heading_id_type),
            wrap_standalone_image=pick(gm, "wrap_standalone_image", base.wrap_standalone_image),
            hard_wraps=pick(gm, "hard_wraps", base.hard_wraps),
            xhtml=pick(gm, "xhtml", base.xhtml),
            code=code,
            toc_start=pick(toc, "start_level", base.toc_start),
            toc_end=pick(toc, "end_level", base.toc_end),
            toc_ordered=pick(toc, "ordered", base.toc_ordered),
        )
