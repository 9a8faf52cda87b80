"""Hugo's `enableEmoji`: goldmark-emoji's `:short_name:` parser and entity renderer.

`:smile:` becomes `&#x1f604;` wherever inline text is parsed (not in code), inside words too
(`a:smile:b`); a name that is not in the GitHub set stays text. As in goldmark-emoji, the
name is ASCII letters, digits, `_`, `+` and `-` up to the next `:` on the same line, and the
parser comes after every other inline parser. A heading's id takes the short name (Hugo:
`# Head :smile:` is `head-smile`); its TOC entry the entities (characters in a title that
holds markup). The table (emoji_table.py) is generated from goldmark-emoji's own data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

__all__ = ["TOKEN", "install"]

TOKEN = "goldmark_emoji"
_LONGEST = 64  # longer than any short name: a long run of letters is not scanned to its end
_NAME_RE = re.compile(rf"[A-Za-z0-9_+-]{{0,{_LONGEST}}}:")


@cache
def _table() -> dict[str, str]:
    from editor.core.markdown.goldmark.emoji_table import EMOJI  # only for sites that use it

    return EMOJI


def install(md: MarkdownIt) -> None:
    """Parse and render emoji short names in `md` (after its other inline rules)."""
    md.inline.ruler.push(TOKEN, _emoji)
    md.add_render_rule(TOKEN, _render)


def _emoji(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if state.src[pos] != ":":
        return False
    match = _NAME_RE.match(state.src, pos + 1)
    if match is None:
        return False
    name = state.src[pos + 1 : match.end() - 1]
    html = _table().get(name)
    if html is None:
        return False
    if not silent:
        token = state.push(TOKEN, "", 0)
        token.content = html
        token.markup = name
    state.pos = match.end()
    return True


def _render(
    _self: RendererHTML, tokens: Sequence[Token], idx: int, _options: OptionsDict, _env: EnvType
) -> str:
    return tokens[idx].content
