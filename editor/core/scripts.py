"""Unicode script sets as Go's `unicode` package (Hugo 0.168's build) defines them.

Facts used in more than one place: Hugo's hasCJKLanguage test (editor.core.stats.figures)
and Goldmark's east Asian line breaks (editor.core.markdown.goldmark.cjk) both ask whether a
character is in Go's Han, Hangul, Hiragana or Katakana script; Hugo's word count and its
heading ids both use Go's white space.
"""

from __future__ import annotations

import functools
import re

__all__ = ["CJK_SCRIPTS", "GO_SPACES", "cjk_scripts_re"]

# unicode.IsSpace: what Go's strings.Fields splits on and strings.TrimSpace trims
GO_SPACES = (
    "\t\n\v\f\r \x85\xa0\u1680"
    + "".join(chr(code) for code in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)

# Han, Hangul, Hiragana and Katakana (Go's \p{Han}|\p{Hangul}|\p{Hiragana}|\p{Katakana}): the
# inside of a regular-expression character class
CJK_SCRIPTS = (
    "\u1100-\u11ff\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029"
    "\u302e\u302f\u3038-\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff"
    "\u3131-\u318e\u31f0-\u31ff\u3200-\u321e\u3260-\u327e\u32d0-\u32fe\u3300-\u3357"
    "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97c\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb"
    "\uf900-\ufa6d\ufa70-\ufad9\uff66-\uff6f\uff71-\uff9d\uffa0-\uffbe\uffc2-\uffc7"
    "\uffca-\uffcf\uffd2-\uffd7\uffda-\uffdc\U00016fe2\U00016fe3\U00016ff0\U00016ff1"
    "\U0001aff0-\U0001affe\U0001b000-\U0001b122\U0001b132\U0001b150-\U0001b152"
    "\U0001b155\U0001b164-\U0001b167\U0001f200\U00020000-\U0002a6df\U0002a700-\U0002ebe0"
    "\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U000323af"
)


@functools.cache
def cjk_scripts_re() -> re.Pattern[str]:
    """One character of CJK_SCRIPTS (compiled on first use: its ranges take ~5 ms)."""
    return re.compile(f"[{CJK_SCRIPTS}]")
