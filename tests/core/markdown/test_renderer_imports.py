"""The render process of a Goldmark site loads neither Python-Markdown nor the library
figures' MarkdownIt (each costs its import in every process that starts); the sites and the
pass that use them load them on first use."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]

_CODE = """
import dataclasses, sys
from pathlib import Path
from editor.core.preview.service import RenderRequest, RenderService
from editor.core.site.model import SiteConfig

LATER = (
    "markdown",
    "editor.core.markdown.python_markdown",
    "editor.core.markdown.figures_markdown",
)
hugo = SiteConfig.hugo_defaults(Path("."))
outcome = RenderService().handle(RenderRequest(1, 1, "# Title\\n\\nSome *text*.\\n", None, hugo))
assert outcome.result is not None and "<em>text</em>" in outcome.result.html, outcome
loaded = [name for name in LATER if name in sys.modules]
assert not loaded, loaded

pelican = dataclasses.replace(hugo, kind="pelican", markdown_engine="python-markdown")
outcome = RenderService().handle(RenderRequest(2, 1, "Some *text*.\\n", None, pelican))
assert outcome.result is not None and "<em>text</em>" in outcome.result.html, outcome
assert "markdown" in sys.modules

from editor.core.markdown.renderer import Renderer
figures = Renderer(hugo, cache=False, defer_fences=True).render("Some *text*.\\n", preview=False)
assert "<em>text</em>" in figures.html
assert "editor.core.markdown.figures_markdown" in sys.modules
"""


def test_a_goldmark_render_leaves_python_markdown_for_the_sites_that_use_it() -> None:
    subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_CODE)],
        check=True,
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "INKPOST_BLOCK_QT": "1"},
    )
