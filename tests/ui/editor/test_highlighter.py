"""MarkdownHighlighter: front matter, fences with their language, inline spans."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout
from pytestqt.qtbot import QtBot

from editor.core.site.model import runs_table
from editor.ui.editor.code_lexers import code_tokens
from editor.ui.editor.highlighter import MarkdownHighlighter

POST = """---
title: "Hello"
# a comment
tags: [go, hugo]
---

# Heading one

Some **bold**, *emphasis*, `code` and a [link](https://gohugo.io).

- item
> quote

```python
def f(x):
    return "s"  # note
```

---
"""


def _highlighted(
    text: str, qtbot: QtBot, dark: bool = False
) -> tuple[QTextDocument, MarkdownHighlighter]:
    doc = QTextDocument()
    doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
    doc.setPlainText(text)
    highlighter = MarkdownHighlighter(doc, dark=dark)
    highlighter.rehighlight()
    return doc, highlighter


def _format_at(doc: QTextDocument, line: int, column: int) -> QTextCharFormat | None:
    block = doc.findBlockByNumber(line)
    found = None
    for fmt_range in block.layout().formats():
        if fmt_range.start <= column < fmt_range.start + fmt_range.length:
            found = QTextCharFormat(fmt_range.format)  # a copy: the list is a temporary
    return found


def test_front_matter_is_not_a_heading(qtbot: QtBot) -> None:
    doc, highlighter = _highlighted(POST, qtbot)
    assert highlighter.is_front_matter(0)
    assert highlighter.is_front_matter(2)
    assert highlighter.is_front_matter(4)
    assert not highlighter.is_front_matter(6)
    comment = _format_at(doc, 2, 0)
    heading = _format_at(doc, 6, 3)
    assert comment is not None and heading is not None
    assert heading.fontWeight() == QFont.Weight.Bold
    assert comment.foreground().color() != heading.foreground().color()
    key = _format_at(doc, 1, 0)
    assert key is not None and key.fontWeight() == QFont.Weight.Bold


def test_a_pelican_site_s_metadata_lines_are_front_matter(qtbot: QtBot) -> None:
    text = "Title: Hello\nSummary: one\n    two\n\n# Heading\n\nNote: body\n"
    doc, highlighter = _highlighted(text, qtbot)
    assert not highlighter.is_front_matter(0)  # a Hugo site: body text
    highlighter.set_meta(True)
    assert [highlighter.is_front_matter(n) for n in range(7)] == [
        *(True, True, True),  # the lines, a continuation among them
        *(False, False, False, False),  # blank, heading, and "Note:" in the body
    ]
    key = _format_at(doc, 0, 0)
    assert key is not None and key.fontWeight() == QFont.Weight.Bold
    heading = _format_at(doc, 4, 3)
    assert heading is not None and heading.fontWeight() == QFont.Weight.Bold
    cursor = QTextCursor(doc.findBlockByNumber(3))
    cursor.insertText("Tags: a")  # the blank line becomes a key: the lines go on
    assert highlighter.is_front_matter(3) and not highlighter.is_front_matter(4)
    cursor = QTextCursor(doc.findBlockByNumber(1))
    cursor.insertText("Not a key ")  # a body line now: the lines end above it
    assert not highlighter.is_front_matter(1) and not highlighter.is_front_matter(2)
    assert highlighter.is_front_matter(0)


def test_inline_spans(qtbot: QtBot) -> None:
    doc, _ = _highlighted(POST, qtbot)
    line = doc.findBlockByNumber(8).text()
    bold = _format_at(doc, 8, line.index("bold"))
    emph = _format_at(doc, 8, line.index("emphasis"))
    code = _format_at(doc, 8, line.index("code`"))
    link = _format_at(doc, 8, line.index("link]"))
    assert bold is not None and bold.fontWeight() == QFont.Weight.Bold
    assert emph is not None and emph.fontItalic()
    assert code is not None and code.background().color().isValid()
    assert link is not None and link.fontUnderline()
    item = _format_at(doc, 10, 0)
    quote = _format_at(doc, 11, 4)
    assert item is not None and item.fontWeight() == QFont.Weight.Bold
    assert quote is not None and quote.fontItalic()


def test_the_site_s_delimiter_runs_are_coloured(qtbot: QtBot) -> None:
    line = "~~gone~~ ~uno~ ==mark== ++ins++ x^2^ H~2~O"
    doc, highlighter = _highlighted(line, qtbot)

    def at(word: str) -> QTextCharFormat:
        return _format_at(doc, 0, line.index(word)) or QTextCharFormat()

    # Goldmark's strikethrough (Hugo's default): a run of one or two tildes
    assert at("gone").fontStrikeOut() and at("uno").fontStrikeOut()
    assert at("mark").background().style() == Qt.BrushStyle.NoBrush  # the extras are off
    everything = runs_table(False, ("delete", "insert", "mark", "subscript", "superscript"))
    highlighter.set_runs(everything)
    assert at("gone").fontStrikeOut() and not at("uno").fontStrikeOut()
    assert at("uno").verticalAlignment() == QTextCharFormat.VerticalAlignment.AlignSubScript
    assert at("mark").background().style() != Qt.BrushStyle.NoBrush
    assert at("ins+").fontUnderline()
    assert at("2^").verticalAlignment() == QTextCharFormat.VerticalAlignment.AlignSuperScript
    assert at("2~O").verticalAlignment() == QTextCharFormat.VerticalAlignment.AlignSubScript
    delimiter = at("==mark")
    assert delimiter.foreground().color() != at("mark").foreground().color()
    highlighter.set_runs({})  # a Python-Markdown site: no tildes make a tag
    assert not at("gone").fontStrikeOut()


def test_fenced_code_uses_the_language(qtbot: QtBot) -> None:
    doc, highlighter = _highlighted(POST, qtbot)
    assert highlighter.is_code_block(13)
    assert highlighter.is_code_block(15)
    assert highlighter.is_code_block(16)  # the closing fence
    assert not highlighter.is_code_block(18)
    keyword = _format_at(doc, 14, 0)  # "def"
    string = _format_at(doc, 15, doc.findBlockByNumber(15).text().index('"s"'))
    assert keyword is not None and string is not None
    assert keyword.foreground().color() != string.foreground().color()
    # A thematic break after the code is not front matter and not code.
    assert _format_at(doc, 18, 0) is not None
    assert not highlighter.is_front_matter(18)


def test_editing_a_fence_updates_the_following_blocks(qtbot: QtBot) -> None:
    doc, highlighter = _highlighted("text\n\n# not code\n", qtbot)
    assert not highlighter.is_code_block(2)
    cursor = doc.find("text")
    cursor.insertText("```")
    assert highlighter.is_code_block(2)


def test_tokens_are_cached_per_line() -> None:
    code_tokens.cache_clear()
    first = code_tokens("python", "import os")
    again = code_tokens("python", "import os")
    assert first is again
    assert code_tokens.cache_info().hits == 1
    assert code_tokens("no-such-language", "x = 1") == ()
    assert code_tokens("sh", "echo hi")  # aliases resolve


def test_dark_palette_changes_colours(qtbot: QtBot) -> None:
    doc, highlighter = _highlighted(POST, qtbot)
    light = _format_at(doc, 6, 3).foreground().color()
    highlighter.set_dark(True)
    dark = _format_at(doc, 6, 3).foreground().color()
    assert light != dark
    assert dark.lightness() > QColor(light).lightness()


def test_positions_after_astral_characters(qtbot: QtBot) -> None:
    doc, _ = _highlighted("😀😀 and **bold**\n", qtbot)
    # "😀😀 and " is 8 characters but 10 UTF-16 units: "bold" starts at unit 12.
    bold = _format_at(doc, 0, 12)
    before = _format_at(doc, 0, 6)
    assert bold is not None and bold.fontWeight() == QFont.Weight.Bold
    assert before is None or before.fontWeight() != QFont.Weight.Bold


def test_deferred_lexers_colour_code_below_the_first_screen_later(qtbot: QtBot) -> None:
    from editor.ui.editor import code_lexers as module

    far = "\n".join(f"line {i}" for i in range(module.EAGER_LINES + 5))
    text = "```python\nimport os\n```\n\n" + far + "\n\n```zig\nconst x = 1;\n```\n"
    module._lexers.pop("zig", None)
    module.defer_lexers(True)
    try:
        doc, _highlighter = _highlighted(text, qtbot)
        zig_line = text.count("\n") - 2
        assert doc.findBlockByNumber(zig_line).text() == "const x = 1;"
        near = _format_at(doc, 1, 0)  # `import` near the top: coloured at once
        assert near is not None and near.foreground().color().isValid()
        plain = _format_at(doc, zig_line, 0)
        assert "zig" in module._deferred and "zig" not in module._lexers
        edits: list[int] = []
        doc.contentsChanged.connect(lambda: edits.append(1))
        module.load_deferred_lexers()
        assert edits == []  # colours are not an edit (no rendering, no autosave)
        keyword = _format_at(doc, zig_line, 0)
        assert "zig" in module._lexers and not module._deferred
        assert plain is not None and keyword is not None
        assert keyword.foreground().color() != plain.foreground().color()  # `const` now
    finally:
        module.defer_lexers(False)


def test_code_within_the_first_lines_but_past_a_screen_of_text_waits(qtbot: QtBot) -> None:
    from editor.ui.editor import code_lexers as module

    paragraph = "word " * (module.EAGER_CHARS // 5 + 10)  # one long wrapped paragraph
    text = "Intro.\n\n" + paragraph + "\n\n```zig\nconst x = 1;\n```\n"
    module._lexers.pop("zig", None)
    module._deferred.discard("zig")
    module.defer_lexers(True)
    try:
        doc, _highlighter = _highlighted(text, qtbot)
        assert doc.blockCount() < module.EAGER_LINES
        assert "zig" in module._deferred and "zig" not in module._lexers
        module.load_deferred_lexers()
        assert "zig" in module._lexers
    finally:
        module.defer_lexers(False)


def test_a_post_opened_later_shows_before_the_lexers_of_its_code_further_down(
    qtbot: QtBot,
) -> None:
    """Not held: the lexer of code below the first screen is built on a following turn of
    the event loop (not while the post is opened), then that code is coloured."""
    from editor.ui.editor import code_lexers as module

    far = "\n".join(f"line {i}" for i in range(module.EAGER_LINES + 5))
    text = "Intro.\n\n" + far + "\n\n```zig\nconst x = 1;\n```\n"
    module._lexers.pop("zig", None)
    module._deferred.discard("zig")
    doc, _highlighter = _highlighted(text, qtbot)
    zig_line = text.count("\n") - 2
    plain = _format_at(doc, zig_line, 0)
    assert "zig" in module._deferred and "zig" not in module._lexers  # not built yet
    qtbot.waitUntil(lambda: "zig" in module._lexers and "zig" not in module._deferred)
    coloured = _format_at(doc, zig_line, 0)
    assert plain is not None and coloured is not None
    assert coloured.foreground().color() != plain.foreground().color()  # `const`


def test_held_lexers_wait_for_the_app(qtbot: QtBot) -> None:
    from editor.ui.editor import code_lexers as module

    far = "\n".join(f"line {i}" for i in range(module.EAGER_LINES + 5))
    text = "Intro.\n\n" + far + "\n\n```zig\nconst x = 1;\n```\n"
    module._lexers.pop("zig", None)
    module._deferred.discard("zig")
    module.defer_lexers(True)
    try:
        _highlighted(text, qtbot)
        turns: list[int] = []
        from PySide6.QtCore import QTimer

        for _ in range(5):
            QTimer.singleShot(0, lambda: turns.append(1))
        qtbot.waitUntil(lambda: len(turns) == 5)
        assert "zig" in module._deferred and "zig" not in module._lexers  # still held
        module.defer_lexers(False)  # let go: built on a following turn
        qtbot.waitUntil(lambda: "zig" in module._lexers and "zig" not in module._deferred)
    finally:
        module.defer_lexers(False)


def test_warm_lexers_builds_them_a_turn_at_a_time(qtbot: QtBot) -> None:
    from editor.ui.editor import code_lexers as module

    for language in ("zig", "lua"):
        module._lexers.pop(language, None)
    module.warm_lexers(["zig", "lua"])
    assert "zig" not in module._lexers  # not while asked
    qtbot.waitUntil(lambda: "zig" in module._lexers and "lua" in module._lexers)
    assert module._lexers["lua"] is not None
