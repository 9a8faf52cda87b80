"""MarkdownHighlighter: Markdown colouring with per-block work only.

Block states carry what crosses lines: the front matter block (YAML ``---`` or TOML ``+++``
at the very top, or with `set_meta(True)` a Pelican site's ``Key: value`` lines), and fenced
code (fence character, length, language). Inside a fence the language is coloured with
Pygments tokens, cached per (language, line text), so re-colouring a block costs one
dictionary lookup when its text did not change. Front matter is shown as front matter (keys
and values), never as a heading or a thematic break.

Fenced code's lexers are built lazily, a screen's worth first (editor/ui/editor/code_lexers.py).
The runs of "~", "^", "=", "+" the post's site makes tags of are coloured as its preview shows
them (`set_runs`, SiteConfig.runs_table).
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from editor.core.post.frontmatter import META_KEY, META_MORE
from editor.core.site.model import RunsTable, runs_table
from editor.ui.editor import code_lexers

NORMAL = -1
FRONT_MATTER_YAML = 1
FRONT_MATTER_TOML = 2
FRONT_MATTER_META = 3  # a metadata line (every one carries it: no closing line to find)
_FENCE_FLAG = 0x10000  # | lang_id << 8 | tilde << 7 | fence length (<= 127)


def in_fence(state: int, previous: int) -> bool:
    """Is a block inside a fenced code block (or a fence line), from its highlighter state
    and the previous block's (`QTextBlock.userState()`; -1 when not highlighted yet)?"""
    return bool(state > 0 and state & _FENCE_FLAG) or bool(previous > 0 and previous & _FENCE_FLAG)


def in_front_matter(state: int, previous: int, first: bool) -> bool:
    """Is a block front matter (its delimiters included), from its highlighter state, the
    previous block's and whether it is the document's first?"""
    if state == FRONT_MATTER_META:
        return True
    return (state if first else previous) in (FRONT_MATTER_YAML, FRONT_MATTER_TOML)


_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s{]*)")
_QUOTE = re.compile(r"^ {0,3}(?:>[ ]?)+")
_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)(?:[ \t]+\[[ xX]\])?")
_HR = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH = re.compile(
    r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)|(?<![_\w])_(?=\S)(.+?)(?<=\S)_(?!\w)"
)
_LINK = re.compile(
    r"(!?)\[([^\]\n]*)\]\(([^)\s]*(?:\s+\"[^\"]*\")?)\)|(!?)\[([^\]\n]+)\]\[[^\]\n]*\]"
)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]+>|(?<![(<\w])https?://[^\s<>)\]]+")
_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}")
_HTML_COMMENT = re.compile(r"<!--.*?-->")
_FM_KEY = re.compile(r"^(\s*-?\s*)([\w.\"'-]+)(\s*[:=])")
_FM_COMMENT = re.compile(r"^\s*#")
_FM_TABLE = re.compile(r"^\s*\[\[?[^\]]+\]\]?\s*$")

DEFAULT_RUNS = runs_table(True, ())  # Goldmark's strikethrough: ~del~ and ~~del~~
_RUN_FORMATS = {"del": "strike", "mark": "mark", "ins": "ins", "sub": "sub", "sup": "sup"}
_Run = tuple[str, re.Pattern[str], int, str]  # delimiter, span, its width, format name


@lru_cache(maxsize=16)
def _run_patterns(runs: tuple[tuple[str, str | None, str | None], ...]) -> tuple[_Run, ...]:
    """What to colour for a site's delimiter runs (SiteConfig.runs_table, as items):
    the runs of two first, then those of one (a longer run is text)."""
    twos: list[_Run] = []
    ones: list[_Run] = []
    for ch, one, two in runs:
        c = re.escape(ch)
        edge = f"[^\\s{c}]"
        if two:
            span = rf"(?<!{c}){c}{c}(?={edge}).*?(?<={edge}){c}{c}(?!{c})"
            twos.append((ch, re.compile(span), 2, _RUN_FORMATS[two]))
        if one:
            span = rf"(?<!{c}){c}(?={edge})[^{c}]*?(?<={edge}){c}(?!{c})"
            ones.append((ch, re.compile(span), 1, _RUN_FORMATS[one]))
    return (*twos, *ones)


def _fmt(
    color: str,
    *,
    bold: bool = False,
    italic: bool = False,
    background: str = "",
    mono: bool = False,
    strike: bool = False,
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if color:
        fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if background:
        fmt.setBackground(QColor(background))
    if strike:
        fmt.setFontStrikeOut(True)
    return fmt


_LIGHT = {
    "heading": ("#1f4e8c", True),
    "marker": ("#9aa3af", False),
    "emph": ("#374151", False),
    "code": ("#b4235a", False),
    "code_bg": "#f3f4f6",
    "fence": ("#6b7280", False),
    "link": ("#2563eb", False),
    "url": ("#6b7280", False),
    "quote": ("#4b5563", False),
    "list": ("#c2410c", True),
    "hr": ("#9aa3af", False),
    "fm": ("#6b7280", False),
    "fm_key": ("#7c3aed", True),
    "fm_bg": "#f5f3ff",
    "mark_bg": "#fef08a",
    "shortcode": ("#0f766e", False),
    "comment": ("#9aa3af", False),
    "tok_keyword": "#7c3aed",
    "tok_string": "#15803d",
    "tok_comment": "#9aa3af",
    "tok_number": "#c2410c",
    "tok_name": "#1d4ed8",
    "tok_builtin": "#0e7490",
    "tok_op": "#6b7280",
}
_DARK = {
    "heading": ("#8ab4f8", True),
    "marker": ("#6b7280", False),
    "emph": ("#e5e7eb", False),
    "code": ("#f9a8d4", False),
    "code_bg": "#272b33",
    "fence": ("#9ca3af", False),
    "link": ("#93c5fd", False),
    "url": ("#9ca3af", False),
    "quote": ("#cbd5e1", False),
    "list": ("#fdba74", True),
    "hr": ("#6b7280", False),
    "fm": ("#9ca3af", False),
    "fm_key": ("#c4b5fd", True),
    "fm_bg": "#24212f",
    "mark_bg": "#5c4a12",
    "shortcode": ("#5eead4", False),
    "comment": ("#6b7280", False),
    "tok_keyword": "#c4b5fd",
    "tok_string": "#86efac",
    "tok_comment": "#6b7280",
    "tok_number": "#fdba74",
    "tok_name": "#93c5fd",
    "tok_builtin": "#67e8f9",
    "tok_op": "#9ca3af",
}


class MarkdownHighlighter(QSyntaxHighlighter):
    """Colours a post's Markdown; `set_dark()` switches palettes."""

    def __init__(self, document: QTextDocument, *, dark: bool = False) -> None:
        super().__init__(document)
        self._utf16: list[int] | None = None  # str index -> UTF-16 position, when they differ
        self._languages: list[str] = [""]
        self._formats: dict[str, QTextCharFormat] = {}
        self._build_formats(dark)
        self._meta = False
        self._runs = _run_patterns(tuple((c, *tags) for c, tags in DEFAULT_RUNS.items()))
        code_lexers.register(self)

    # --- public -----------------------------------------------------------------------

    def set_dark(self, dark: bool) -> None:
        self._build_formats(dark)
        self.rehighlight()

    def set_meta(self, meta: bool) -> None:
        """Whether the post's site reads `Key: value` metadata lines at its top (Pelican,
        MkDocs: `SiteConfig.meta_lines`); they are then coloured as front matter."""
        if meta != self._meta:
            self._meta = meta
            self.rehighlight()

    def set_runs(self, runs: RunsTable) -> None:
        """The runs of "~", "^", "=", "+" the post's site makes tags of
        (SiteConfig.runs_table): ~~del~~, ==mark==, ++ins++, H~2~O, x^2^."""
        patterns = _run_patterns(tuple((c, *tags) for c, tags in runs.items()))
        if patterns != self._runs:
            self._runs = patterns
            self.rehighlight()

    def recolour_code(self, languages: set[str]) -> None:
        """Re-colour the code lines of fences in `languages` (their lexers just arrived)."""
        if not languages:
            return
        wanted = {i for i, lang in enumerate(self._languages) if lang in languages}
        document = self.document()
        # Colours are not an edit: no contentsChanged (no new rendering, no autosave).
        blocked = document.blockSignals(True)
        try:
            block = document.firstBlock()
            while block.isValid():
                previous = block.previous().userState() if block.blockNumber() > 0 else NORMAL
                if previous > 0 and previous & _FENCE_FLAG and (previous >> 8) & 0xFF in wanted:
                    self.rehighlightBlock(block)
                block = block.next()
        finally:
            document.blockSignals(blocked)

    def is_code_block(self, block_number: int) -> bool:
        """True when the block is inside a fenced code block (or is a fence line)."""
        block = self.document().findBlockByNumber(block_number)
        if not block.isValid():
            return False
        previous = block.previous().userState() if block.blockNumber() > 0 else NORMAL
        return in_fence(block.userState(), previous)

    def is_front_matter(self, block_number: int) -> bool:
        block = self.document().findBlockByNumber(block_number)
        if not block.isValid():
            return False
        previous = block.previous().userState() if block_number > 0 else NORMAL
        return in_front_matter(block.userState(), previous, block_number == 0)

    # --- formats ----------------------------------------------------------------------

    def _build_formats(self, dark: bool) -> None:
        palette = _DARK if dark else _LIGHT
        f: dict[str, QTextCharFormat] = {}
        for name in ("marker", "fence", "url", "hr", "fm", "shortcode", "comment", "quote"):
            color, bold = palette[name]  # type: ignore[misc]
            f[name] = _fmt(color, bold=bold, italic=name in ("quote", "comment"))
        color, _ = palette["heading"]  # type: ignore[misc]
        for level in range(1, 7):
            fmt = _fmt(color, bold=True)
            f[f"h{level}"] = fmt
        f["strong"] = _fmt("", bold=True)
        f["emph"] = _fmt("", italic=True)
        f["strike"] = _fmt(palette["marker"][0], strike=True)  # type: ignore[index]
        f["mark"] = _fmt("", background=str(palette["mark_bg"]))
        f["ins"] = _fmt("")
        f["ins"].setFontUnderline(True)
        f["sub"] = _fmt("")
        f["sub"].setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSubScript)
        f["sup"] = _fmt("")
        f["sup"].setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        f["code"] = _fmt(palette["code"][0], background=str(palette["code_bg"]))  # type: ignore[index]
        f["code_block"] = _fmt("", background=str(palette["code_bg"]))
        f["link"] = _fmt(palette["link"][0])  # type: ignore[index]
        f["link"].setFontUnderline(True)
        f["list"] = _fmt(*palette["list"][:1], bold=True)  # type: ignore[misc]
        f["fm_key"] = _fmt(palette["fm_key"][0], bold=True)  # type: ignore[index]
        f["fm_line"] = _fmt(palette["fm"][0], background=str(palette["fm_bg"]))  # type: ignore[index]
        for kind in (
            "tok_keyword",
            "tok_string",
            "tok_comment",
            "tok_number",
            "tok_name",
            "tok_builtin",
            "tok_op",
        ):
            code_bg = str(palette["code_bg"])
            f[kind] = _fmt(str(palette[kind]), background=code_bg, italic=kind == "tok_comment")
        self._formats = f

    # --- the per-block pass -----------------------------------------------------------

    def setFormat(self, start: int, count: int, fmt: QTextCharFormat) -> None:  # type: ignore[override]
        """Positions here are str indices; Qt counts UTF-16 units (astral characters are 2)."""
        table = self._utf16
        if table is not None:
            end = table[min(start + count, len(table) - 1)]
            start = table[min(start, len(table) - 1)]
            count = end - start
        super().setFormat(start, count, fmt)

    def highlightBlock(self, text: str) -> None:
        self._utf16 = None
        if not text.isascii() and any(ord(ch) > 0xFFFF for ch in text):
            table = [0]
            for ch in text:
                table.append(table[-1] + (2 if ord(ch) > 0xFFFF else 1))
            self._utf16 = table
        previous = self.previousBlockState()
        block_number = self.currentBlock().blockNumber()
        if block_number == 0 and text in ("---", "+++"):
            self._front_matter_line(text, delimiter=True)
            self.setCurrentBlockState(FRONT_MATTER_YAML if text == "---" else FRONT_MATTER_TOML)
            return
        if previous in (FRONT_MATTER_YAML, FRONT_MATTER_TOML):
            closing = "---" if previous == FRONT_MATTER_YAML else "+++"
            is_end = text.rstrip() == closing or (previous == FRONT_MATTER_YAML and text == "...")
            self._front_matter_line(text, delimiter=is_end)
            self.setCurrentBlockState(NORMAL if is_end else previous)
            return
        top = block_number == 0 or previous == FRONT_MATTER_META
        if self._meta and top and self._meta_line(text, first=block_number == 0):
            return
        if previous > 0 and previous & _FENCE_FLAG:
            self._code_line(text, previous)
            return
        self.setCurrentBlockState(NORMAL)
        fence = _FENCE_OPEN.match(text)
        if fence and not (fence.group(1)[0] == "`" and "`" in text[fence.end() :]):
            marker = fence.group(1)
            language = fence.group(2)
            try:
                lang_id = self._languages.index(language)
            except ValueError:
                self._languages.append(language)
                lang_id = len(self._languages) - 1
            lang_id = min(lang_id, 0xFF)
            tilde = 1 if marker[0] == "~" else 0
            state = _FENCE_FLAG | (lang_id << 8) | (tilde << 7) | min(len(marker), 127)
            self.setFormat(0, len(text), self._formats["fence"])
            self.setCurrentBlockState(state)
            return
        self._markdown_line(text)

    def _meta_line(self, text: str, *, first: bool) -> bool:
        """Colour a line at the top of a post as Python-Markdown reads metadata lines
        (`editor.core.post.frontmatter`); False when the line is body text."""
        blank = not text.strip()
        if not first and (blank or text.startswith(("---", "..."))):  # the lines' end
            if not blank:
                self._front_matter_line(text, delimiter=True)
            self.setCurrentBlockState(NORMAL)
            return True
        if META_KEY.fullmatch(text) or (not first and META_MORE.fullmatch(text)):
            self._front_matter_line(text, delimiter=False)
            self.setCurrentBlockState(FRONT_MATTER_META)
            return True
        return False

    def _front_matter_line(self, text: str, *, delimiter: bool) -> None:
        self.setFormat(0, len(text), self._formats["fm_line"])
        if delimiter or _FM_COMMENT.match(text) or _FM_TABLE.match(text):
            fmt = self._formats["comment"] if _FM_COMMENT.match(text) else self._formats["fm_key"]
            if delimiter:
                fmt = self._formats["marker"]
            merged = QTextCharFormat(self._formats["fm_line"])
            merged.merge(fmt)
            self.setFormat(0, len(text), merged)
            return
        key = _FM_KEY.match(text)
        if key:
            merged = QTextCharFormat(self._formats["fm_line"])
            merged.merge(self._formats["fm_key"])
            self.setFormat(key.start(2), key.end(2) - key.start(2), merged)

    def _code_line(self, text: str, state: int) -> None:
        fence_len = state & 0x7F
        tilde = (state >> 7) & 1
        char = "~" if tilde else "`"
        stripped = text.strip()
        if (
            len(text) - len(text.lstrip(" ")) < 4
            and len(stripped) >= fence_len
            and stripped == char * len(stripped)
        ):
            self.setFormat(0, len(text), self._formats["fence"])
            self.setCurrentBlockState(NORMAL)
            return
        self.setCurrentBlockState(state)
        self.setFormat(0, len(text), self._formats["code_block"])
        language = self._languages[(state >> 8) & 0xFF]
        if not code_lexers.built(language) and code_lexers.below_first_screen(self.currentBlock()):
            code_lexers.defer(language)
            return  # coloured once its lexer is built
        for start, length, kind in code_lexers.code_tokens(language, text):
            self.setFormat(start, length, self._formats[kind])

    def _markdown_line(self, text: str) -> None:
        f = self._formats
        if not text.strip():
            return
        if _HR.match(text):
            self.setFormat(0, len(text), f["hr"])
            return
        heading = _HEADING.match(text)
        if heading:
            level = len(heading.group(1))
            self.setFormat(0, len(text), f[f"h{level}"])
            self.setFormat(0, heading.end(1), f["marker"])
            self._inline(text, heading.end(), base=f[f"h{level}"])
            return
        start = 0
        quote = _QUOTE.match(text)
        if quote:
            self.setFormat(0, len(text), f["quote"])
            self.setFormat(0, quote.end(), f["marker"])
            start = quote.end()
        item = _LIST.match(text, start)
        if item:
            self.setFormat(start, item.end() - start, f["list"])
            start = item.end()
        self._inline(text, start, base=f["quote"] if quote else None)

    def _apply(
        self, start: int, length: int, fmt: QTextCharFormat, base: QTextCharFormat | None
    ) -> None:
        if base is not None:
            merged = QTextCharFormat(base)
            merged.merge(fmt)
            fmt = merged
        self.setFormat(start, length, fmt)

    def _inline(self, text: str, start: int, base: QTextCharFormat | None = None) -> None:
        f = self._formats
        if start >= len(text):
            return
        if "*" in text or "_" in text:
            for m in _STRONG.finditer(text, start):
                self._apply(m.start(), m.end() - m.start(), f["strong"], base)
                self.setFormat(m.start(), 2, f["marker"])
                self.setFormat(m.end() - 2, 2, f["marker"])
            for m in _EMPH.finditer(text, start):
                self._apply(m.start(), m.end() - m.start(), f["emph"], base)
        for delimiter, pattern, width, name in self._runs:
            if delimiter in text:
                for m in pattern.finditer(text, start):
                    self._apply(m.start(), m.end() - m.start(), f[name], base)
                    self.setFormat(m.start(), width, f["marker"])
                    self.setFormat(m.end() - width, width, f["marker"])
        if "[" in text:
            for m in _LINK.finditer(text, start):
                self.setFormat(m.start(), m.end() - m.start(), f["url"])
                label = 2 if m.group(2) is not None else 5
                self.setFormat(m.start(label), m.end(label) - m.start(label), f["link"])
        if "http" in text or "<" in text:
            for m in _AUTOLINK.finditer(text, start):
                self.setFormat(m.start(), m.end() - m.start(), f["link"])
            for m in _HTML_COMMENT.finditer(text, start):
                self.setFormat(m.start(), m.end() - m.start(), f["comment"])
        if "{{" in text:
            for m in _SHORTCODE.finditer(text, start):
                self.setFormat(m.start(), m.end() - m.start(), f["shortcode"])
        if "`" in text:
            for m in _CODE_SPAN.finditer(text, start):
                self.setFormat(m.start(), m.end() - m.start(), f["code"])
