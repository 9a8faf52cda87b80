"""The PDF of a hostile post (an `unsafe = true` site) carries no javascript: link action."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pypdf
from pytestqt.qtbot import QtBot

from editor.core.export.html import standalone_html
from editor.core.post.model import Post
from editor.core.site.config import SiteConfig
from editor.ui.export.pdf import print_to_pdf

HOSTILE = Path(__file__).resolve().parents[2] / "hostile"


def link_actions(pdf: Path) -> list[str]:
    """Every link annotation's action target (URI, or the action's type)."""
    out: list[str] = []
    for page in pypdf.PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            obj = annot.get_object()
            action = obj.get("/A")
            if action is None:
                continue
            action = action.get_object()
            out.append(str(action.get("/URI") or action.get("/JS") or action.get("/S")))
    return out


def test_no_javascript_action_reaches_the_pdf(qtbot: QtBot, tmp_path: Path) -> None:
    site = SiteConfig.hugo_defaults(tmp_path)
    site = replace(site, goldmark=replace(site.goldmark, unsafe=True))
    text = (HOSTILE / "html-export-javascript-href.md").read_text(encoding="utf-8")
    text += '\n\n[a web link](https://example.org/ok) and <a href="javascript:alert(9)">x</a>\n'
    document, _warnings = standalone_html(Post.from_text(text, tmp_path / "p.md"), site)
    html_file = tmp_path / "post.html"
    html_file.write_text(document, encoding="utf-8")
    pdf = tmp_path / "post.pdf"
    print_to_pdf(html_file, pdf)
    actions = link_actions(pdf)
    assert "https://example.org/ok" in actions  # link annotations are read
    assert not [a for a in actions if "javascript" in a.lower() or a == "/JavaScript"]


def test_the_unsanitised_page_would_have_kept_it(qtbot: QtBot, tmp_path: Path) -> None:
    """The check above can fail: a raw javascript: link does become a PDF link action."""
    html_file = tmp_path / "raw.html"
    html_file.write_text(
        '<!DOCTYPE html><html><body><a href="javascript:alert(1)">x</a></body></html>',
        encoding="utf-8",
    )
    pdf = tmp_path / "raw.pdf"
    print_to_pdf(html_file, pdf)
    assert any("javascript" in a.lower() for a in link_actions(pdf))
