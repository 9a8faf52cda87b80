"""Lines as a quote or a list and back, and a selection in a fenced code block: no Qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.editing.commands import (
    LineStyle,
    TextEdit,
    parse_prefix,
    toggle_done,
    toggle_fence,
    toggle_lines,
)
from editor.core.markdown.renderer import Renderer
from editor.core.site.config import SiteConfig


@pytest.mark.parametrize(
    ("lines", "style", "expected"),
    [
        (["milk", "", "eggs"], "bullet", ["- milk", "", "- eggs"]),
        (["- milk", "", "- eggs"], "bullet", ["milk", "", "eggs"]),
        (["- milk", "* eggs"], "numbered", ["1. milk", "2. eggs"]),
        (["1. milk", "2. eggs"], "numbered", ["milk", "eggs"]),
        (["1. milk", "2. eggs"], "bullet", ["- milk", "- eggs"]),
        (["milk", "eggs"], "task", ["- [ ] milk", "- [ ] eggs"]),
        (["- [ ] milk", "- [x] eggs"], "task", ["milk", "eggs"]),
        (["- [x] milk"], "bullet", ["- milk"]),
        (["- milk", "  - eggs"], "task", ["- [ ] milk", "  - [ ] eggs"]),
        (["1. milk", "2. eggs"], "task", ["1. [ ] milk", "2. [ ] eggs"]),
        # numbers run on at each indentation
        (["a", "  b", "  c", "d"], "numbered", ["1. a", "  1. b", "  2. c", "2. d"]),
        # a line already in the style does not undo the others: the style is applied to all
        (["- milk", "eggs"], "bullet", ["- milk", "- eggs"]),
        # quotes: blank lines join the quote; a second press takes one level off
        (["a", "", "b"], "quote", ["> a", ">", "> b"]),
        (["> a", ">", "> b"], "quote", ["a", "", "b"]),
        (["> > a"], "quote", ["> a"]),
        (["> a", "b"], "quote", ["> > a", "> b"]),
        # lists inside a quote keep the quote
        (["> a", "> b"], "bullet", ["> - a", "> - b"]),
        (["> - a", "> - b"], "bullet", ["> a", "> b"]),
        (["  indented"], "bullet", ["  - indented"]),
        (["", "  "], "bullet", ["", "  "]),
        ([], "quote", []),
    ],
)
def test_toggle_lines(lines: list[str], style: LineStyle, expected: list[str]) -> None:
    assert toggle_lines(lines, style) == expected


_PLAIN_LINE = st.text(alphabet="abcxyz ,!?'", max_size=12).filter(
    lambda line: line.strip() and parse_prefix(line) is None
)


@given(
    st.lists(st.one_of(_PLAIN_LINE, st.just("")), max_size=8),
    st.sampled_from(["quote", "bullet", "numbered", "task"]),
)
def test_a_second_press_gives_the_lines_back(lines: list[str], style: LineStyle) -> None:
    styled = toggle_lines(lines, style)
    assert len(styled) == len(lines)
    assert toggle_lines(styled, style) == lines


@pytest.mark.parametrize("style", ["bullet", "numbered", "task"])
def test_the_lines_render_as_the_list_they_say(style: LineStyle) -> None:
    html = (
        Renderer(SiteConfig.hugo_defaults(Path(".")))
        .render("\n".join(toggle_lines(["a", "b"], style)))
        .html
    )
    tag = "<ol>" if style == "numbered" else "<ul>"
    assert html.count("<li>") == 2 and tag in html
    assert ('type="checkbox"' in html) == (style == "task")


def test_a_fence_wraps_the_lines_and_the_cursor_waits_for_the_language() -> None:
    edit = toggle_fence("x = 1\ny = 2")
    assert edit == TextEdit("```\nx = 1\ny = 2\n```", 3, 3)
    assert toggle_fence("", "rust") == TextEdit("```rust\n\n```", 7, 7)
    assert toggle_fence("fn main() {}", "rust").text == "```rust\nfn main() {}\n```"


def test_a_fence_is_longer_than_the_fences_it_holds() -> None:
    text = "Markdown:\n```py\nx\n```"
    edit = toggle_fence(text)
    assert edit.text == f"````\n{text}\n````"
    html = Renderer(SiteConfig.hugo_defaults(Path("."))).render(edit.text).html
    assert html.count("<pre") == 1 and "```py" in html


@pytest.mark.parametrize(
    ("block", "inner"),
    [
        ("```py\nx = 1\n```", "x = 1"),
        ("~~~\na\nb\n~~~", "a\nb"),
        ("````\n```\nx\n```\n````", "```\nx\n```"),
        ("```\n```", ""),
    ],
)
def test_a_fenced_block_is_unwrapped(block: str, inner: str) -> None:
    assert toggle_fence(block) == TextEdit(inner, 0, len(inner))


def test_a_block_not_closed_by_its_own_fence_is_wrapped_again() -> None:
    assert toggle_fence("```\nx\n~~~").text == "````\n```\nx\n~~~\n````"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["- [ ] a", "- [x] b", "text"], ["- [x] a", "- [x] b", "text"]),
        (["- [x] a", "* [X] b"], ["- [ ] a", "* [ ] b"]),  # all ticked: cleared
        (["> 1. [ ] quoted", "  - [ ] nested"], ["> 1. [x] quoted", "  - [x] nested"]),
        (["- [ ] the box, not [ ] this"], ["- [x] the box, not [ ] this"]),
        (["- item", "plain [ ]"], ["- item", "plain [ ]"]),
        ([], []),
    ],
)
def test_task_boxes_are_ticked_then_cleared(lines: list[str], expected: list[str]) -> None:
    assert toggle_done(lines) == expected
