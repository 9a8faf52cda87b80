"""A Hugo site's settings with some Goldmark options changed, and one paragraph's HTML: what
the renderer tests of single Goldmark features share."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from editor.core.markdown.renderer import Renderer
from editor.core.site.config import SiteConfig


def goldmark_site(**goldmark: object) -> SiteConfig:
    """Hugo's defaults (a site that is not on disk) with these GoldmarkConfig fields."""
    site = SiteConfig.hugo_defaults(Path("/nonexistent-site"))
    return dataclasses.replace(site, goldmark=dataclasses.replace(site.goldmark, **goldmark))


def paragraph(renderer: Renderer, text: str) -> str:
    """The inside of the one <p> `text` renders to."""
    html = renderer.render(text).html
    assert html.startswith("<p>") and html.endswith("</p>\n"), html
    return html[3:-5]
