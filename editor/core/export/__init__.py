"""Posts out of Inkpost: into a site's content folder (Hugo, Jekyll, Zola) or to HTML and PDF.

`plan` decides what an export would write and what stands in its way (`plan_export`,
`ExportPlan`, `with_choice`; `layout` places each format's files, `naming` makes the
slugs, `document` makes one post's files, `paths` keeps them inside the target), `execute`
writes it (`execute.execute`, `ExportReport`; the function shares its module's name, so it
is not on this face), `formats` writes each target's front matter, `html` makes one
self-contained HTML file (`html_maker`) and `images` checks and embeds the local images a
post refers to.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = [
    "FORMATS",
    "ExportError",
    "ExportPlan",
    "ExportReport",
    "PdfPrinter",
    "html_maker",
    "plan_export",
    "standalone_html",
    "with_choice",
]

if TYPE_CHECKING:
    from editor.core.export.execute import ExportError, ExportReport, PdfPrinter
    from editor.core.export.html import html_maker, standalone_html
    from editor.core.export.layout import FORMATS
    from editor.core.export.plan import ExportPlan, plan_export, with_choice
else:
    __getattr__, __dir__ = lazy_face(
        __name__,
        {
            "plan": ["ExportPlan", "plan_export", "with_choice"],
            "layout": ["FORMATS"],
            "execute": ["ExportError", "ExportReport", "PdfPrinter"],
            "html": ["html_maker", "standalone_html"],
        },
    )
