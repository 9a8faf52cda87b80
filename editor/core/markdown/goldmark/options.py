"""What changes the HTML: markup.goldmark, markup.highlight and the TOC levels, as one value.

`MarkupOptions.from_site(site)` reads them from a SiteConfig (any object with `goldmark`,
`highlight` and `toc` attributes works; missing fields take Hugo's defaults). Its goldmark
fields are GoldmarkConfig's own (editor.core.site.model), not a copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from editor.core.markdown.highlight import CodeOptions
from editor.core.site.model import GoldmarkConfig

__all__ = ["MarkupOptions"]


@dataclass(frozen=True)
class MarkupOptions(GoldmarkConfig):
    """Everything that changes the HTML: markup.goldmark (the fields of the site's
    GoldmarkConfig, with Hugo's defaults stated there once), the linkify protocol,
    markup.highlight and the TOC levels."""

    linkify_protocol: str = "https"
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
            guess_syntax=pick(hl, "guess_syntax", False),
            wrapper_class=pick(hl, "wrapper_class", "highlight"),
        )
        markup = {f.name: pick(gm, f.name, getattr(base, f.name)) for f in fields(GoldmarkConfig)}
        return cls(
            **markup,
            linkify_protocol=pick(gm, "linkify_protocol", base.linkify_protocol),
            code=code,
            toc_start=pick(toc, "start_level", base.toc_start),
            toc_end=pick(toc, "end_level", base.toc_end),
            toc_ordered=pick(toc, "ordered", base.toc_ordered),
        )
