"""slugify's ASCII shortcut gives what Go's rune-by-rune sanitizer gives."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.markdown.heading_ids import slugify


def _rune_by_rune(text: str) -> str:
    """Hugo's sanitizeAnchorName ("github"), one rune at a time."""
    out: list[str] = []
    for ch in text.strip(" \t\n\r\v\f"):
        if ch in " -":
            out.append("-")
        elif ch == "_" or unicodedata.category(ch)[0] == "L" or unicodedata.category(ch) == "Nd":
            out.append(ch.lower())
    return "".join(out)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_ascii_headings_slugify_as_go_does(text: str) -> None:
    assert slugify.__wrapped__(text) == _rune_by_rune(text)


def test_examples() -> None:
    assert slugify.__wrapped__("  Hello, World! 2_x - y\t") == "hello-world-2_x---y"
    assert slugify.__wrapped__("Émigré Café") == "émigré-café"
    assert slugify.__wrapped__("Émigré Café", "github-ascii") == "emigre-cafe"
