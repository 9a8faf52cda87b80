"""Sections of a post (editor.core.editing.sections): the tree, moving, the cheap scan."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from editor.core.editing.sections import (
    OutlineHeading,
    build_sections,
    flatten,
    move_section,
    scan_headings,
    section_at,
)
from editor.core.markdown.renderer import render_post
from editor.core.post.model import Post

POST = """---
title: "Post"
# not a heading
---

Intro.

# One

one

## One.a

```
# not a heading either
```

## One.b

Two
===

### Two.x

two x
"""


def _sections(text: str):  # type: ignore[no-untyped-def]
    return build_sections(scan_headings(text), len(text.rstrip("\n").split("\n")))


def test_the_tree_follows_the_levels_and_each_section_runs_to_the_next_of_its_level() -> None:
    tree = _sections(POST)
    assert [(s.title, s.start, s.end) for s in tree] == [("One", 8, 19), ("Two", 20, 25)]
    one, two = tree
    assert [(s.title, s.start, s.end) for s in one.children] == [
        ("One.a", 12, 17),
        ("One.b", 18, 19),
    ]
    assert [(s.title, s.level, s.start, s.end) for s in two.children] == [("Two.x", 3, 23, 25)]


def test_the_scan_finds_the_headings_the_renderer_finds_on_the_same_lines() -> None:
    rendered = render_post(Post.from_text(POST), None).headings
    scanned = scan_headings(POST)
    assert [(h.level, h.line) for h in scanned] == [(h.level, h.line) for h in rendered]
    assert [h.text for h in scanned] == [h.text for h in rendered]


def test_a_pelican_post_s_metadata_lines_are_no_heading() -> None:
    text = "Title: Post\nSummary: s\n---\n## One\n\nbody\n"
    hugo = scan_headings(text)  # a setext heading of two lines
    assert [(h.level, h.line) for h in hugo] == [(2, 1), (2, 4)]
    assert scan_headings(text, meta=True) == (OutlineHeading(2, "One", 4),)


def test_the_section_at_a_line_is_the_innermost() -> None:
    tree = _sections(POST)
    assert section_at(tree, 3) is None
    assert section_at(tree, 14).title == "One.a"  # type: ignore[union-attr]
    assert section_at(tree, 9).title == "One"  # type: ignore[union-attr]


def test_moving_a_section_takes_its_sub_sections_and_keeps_front_matter_and_the_newline() -> None:
    tree = _sections(POST)
    moved = move_section(POST, tree[1], tree[0])
    assert moved.startswith(POST[: POST.index("# One")])
    assert moved.endswith("## One.b\n\n")
    assert "two x\n# One\n" in moved
    assert [h.text for h in scan_headings(moved)] == ["Two", "Two.x", "One", "One.a", "One.b"]


def test_moving_to_the_end_and_into_itself() -> None:
    text = "# A\na\n# B\nb"
    a, b = _sections(text)
    assert move_section(text, a, None) == "# B\nb\n# A\na"
    assert move_section(text, a, a) == text
    assert move_section(text, a, b) == text  # just before the next one: already there


_LINE = st.one_of(
    st.sampled_from(["", "text", "more text", "```", "---"]),
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 4), st.sampled_from("abc")),
)


@given(st.lists(_LINE, min_size=1, max_size=30), st.booleans(), st.data())
def test_moving_any_section_anywhere_keeps_the_multiset_of_lines(
    lines: list[str], trailing: bool, data: st.DataObject
) -> None:
    text = "\n".join(lines) + ("\n" if trailing else "")
    sections = list(flatten(_sections(text)))
    if not sections:
        return
    section = data.draw(st.sampled_from(sections))
    before = data.draw(st.sampled_from([None, *sections]))
    moved = move_section(text, section, before)
    assert Counter(moved.split("\n")) == Counter(text.split("\n"))
    if trailing:
        assert moved.endswith("\n")


def test_a_heading_list_out_of_order_or_past_the_end_is_sorted_and_cut() -> None:
    headings = [OutlineHeading(2, "b", 3), OutlineHeading(1, "a", 1), OutlineHeading(1, "x", 9)]
    tree = build_sections(headings, 4)
    assert [(s.title, s.end) for s in tree] == [("a", 4)]
    assert [(s.title, s.end) for s in tree[0].children] == [("b", 4)]
