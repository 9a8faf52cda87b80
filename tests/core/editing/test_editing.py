"""List continuation, indentation and formatting: pure functions, no Qt."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.editing.commands import (
    EnterEdit,
    cycle_heading,
    indent_list_line,
    is_url,
    link_for_paste,
    make_link,
    on_enter,
    outdent_list_line,
    parse_prefix,
    set_heading,
    wrap_inline,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- milk", "- "),
        ("* eggs", "* "),
        ("+ flour", "+ "),
        ("  - nested", "  - "),
        ("1. first", "2. "),
        ("9) ninth", "10) "),
        ("41.  wide spacing", "42.  "),
        ("- [x] done", "- [ ] "),
        ("- [ ] todo", "- [ ] "),
        ("1. [X] shipped", "2. [ ] "),
        ("> quoted", "> "),
        ("> > deeper", "> > "),
        (">> tight", ">> "),
        ("> - quoted item", "> - "),
        ("> 3. quoted number", "> 4. "),
    ],
)
def test_enter_continues(line: str, expected: str) -> None:
    assert on_enter(line, len(line)) == EnterEdit("continue", expected)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- ", ""),
        ("-", ""),
        ("3. ", ""),
        ("- [ ] ", ""),
        ("  * ", ""),
        ("> ", ""),
        (">", ""),
        ("> - ", "> "),
        ("> 2. ", "> "),
    ],
)
def test_enter_on_empty_item_ends_the_list(line: str, expected: str) -> None:
    assert on_enter(line, len(line)) == EnterEdit("end", expected)


@pytest.mark.parametrize(
    "line", ["plain text", "", "---", "* * *", "-no space", "**bold** start", "#tag", "2024 was"]
)
def test_enter_on_other_lines_is_plain(line: str) -> None:
    assert on_enter(line, len(line)) is None


def test_enter_inside_the_marker_is_plain() -> None:
    assert on_enter("- item", 1) is None
    assert on_enter("12. item", 2) is None


def test_enter_in_the_middle_of_an_item_continues() -> None:
    assert on_enter("- split here", 7) == EnterEdit("continue", "- ")


def test_parse_prefix_columns() -> None:
    prefix = parse_prefix("> 1. [ ] text")
    assert prefix is not None
    assert prefix.marker == "1."
    assert prefix.task == "[ ]"
    assert prefix.end == len("> 1. [ ] ")
    assert parse_prefix("just words") is None


@pytest.mark.parametrize(
    ("line", "indented"),
    [
        ("- item", "  - item"),
        ("  - item", "    - item"),
        ("3. third", "   1. third"),
        ("10) tenth", "    1) tenth"),
        ("> - quoted", ">   - quoted"),
        ("- [x] task", "  - [x] task"),
    ],
)
def test_tab_indents_list_items(line: str, indented: str) -> None:
    assert indent_list_line(line) == indented


@pytest.mark.parametrize(
    ("line", "outdented"),
    [
        ("  - item", "- item"),
        ("    - item", "  - item"),
        (" - one space", "- one space"),
        ("\t- tabbed", "  - tabbed"),
        (">   - quoted", "> - quoted"),
    ],
)
def test_shift_tab_outdents_list_items(line: str, outdented: str) -> None:
    assert outdent_list_line(line) == outdented


def test_tab_on_non_items_does_nothing() -> None:
    assert indent_list_line("prose") is None
    assert outdent_list_line("- top level") is None
    assert outdent_list_line("  prose") is None


@given(
    indent=st.sampled_from(["", "  ", "    "]),
    marker=st.sampled_from(["-", "*", "+", "1.", "7)"]),
    text=st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1).filter(
        lambda s: s.strip() != "" and not s[0].isspace()
    ),
)
def test_indent_then_outdent_keeps_the_text(indent: str, marker: str, text: str) -> None:
    line = f"{indent}{marker} {text}"
    indented = indent_list_line(line)
    assert indented is not None
    assert indented.endswith(text)
    back = outdent_list_line(indented)
    assert back is not None
    assert back.endswith(text)
    assert len(back) - len(back.lstrip(" ")) == len(indent)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_enter_never_fails_and_ends_only_empty_items(line: str) -> None:
    line = line.replace("\n", "").replace("\r", "")
    edit = on_enter(line, len(line))
    if edit is not None and edit.kind == "end":
        prefix = parse_prefix(line)
        assert prefix is not None
        assert line[prefix.end :].strip() == ""


def test_wrap_inline() -> None:
    assert wrap_inline("word", "**").text == "**word**"
    assert wrap_inline("**word**", "**").text == "word"
    assert wrap_inline(" padded ", "*").text == " *padded* "
    assert wrap_inline("a `tick`", "`").text == "`` a `tick` ``"
    assert wrap_inline("a `b` c", "`").text == "``a `b` c``"
    empty = wrap_inline("", "**")
    assert empty.text == "**text**"
    assert empty.text[empty.select_start : empty.select_end] == "text"


def test_headings() -> None:
    assert cycle_heading("Title") == "# Title"
    assert cycle_heading("# Title") == "## Title"
    assert cycle_heading("###### Title") == "Title"
    assert set_heading("## Title", 3) == "### Title"
    assert set_heading("## Title", 0) == "Title"
    with pytest.raises(ValueError, match="0-6"):
        set_heading("x", 7)


def test_links() -> None:
    edit = make_link("Hugo", "https://gohugo.io")
    assert edit.text == "[Hugo](https://gohugo.io)"
    assert edit.text[edit.select_start : edit.select_end] == "https://gohugo.io"
    placeholder = make_link("")
    assert placeholder.text[placeholder.select_start : placeholder.select_end] == "link text"
    assert make_link("a [b]", "https://x.org/a b").text == r"[a \[b\]](<https://x.org/a b>)"


def test_pasting_a_url_over_a_selection_makes_a_link() -> None:
    assert is_url("https://example.org/path?q=1")
    assert is_url("  mailto:me@example.org ")
    assert not is_url("example.org")
    assert not is_url("https://a b")
    assert link_for_paste("docs", "https://gohugo.io/docs") == "[docs](https://gohugo.io/docs)"
    assert link_for_paste("", "https://gohugo.io") is None
    assert link_for_paste("docs", "not a url") is None
    assert link_for_paste("two\nlines", "https://gohugo.io") is None


@pytest.mark.parametrize(
    ("line", "column", "expected"),
    [
        ("    return x", 12, "    "),
        ("\t\tcall()", 8, "\t\t"),
        (" \t mixed", 8, " \t "),
        ("- not a list in code", 20, None),
        ("> nor a quote", 13, None),
        ("1. nor a number", 15, None),
        ("no indent", 9, None),
        ("        ", 8, "        "),
        ("    split here", 2, "  "),  # only the indentation before the cursor
        ("    at the margin", 0, None),
    ],
)
def test_enter_in_code_keeps_the_indentation_only(
    line: str, column: int, expected: str | None
) -> None:
    edit = on_enter(line, column, in_code=True)
    assert edit == (None if expected is None else EnterEdit("continue", expected))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_enter_in_code_inserts_whitespace_only(line: str) -> None:
    line = line.replace("\n", "").replace("\r", "")
    for column in range(len(line) + 1):
        edit = on_enter(line, column, in_code=True)
        if edit is not None:
            assert edit.kind == "continue"
            assert edit.text and line.startswith(edit.text) and not edit.text.strip(" \t")


@pytest.mark.parametrize(
    ("selected", "expected"),
    [
        ("Hugo ", "[Hugo](https://gohugo.io) "),
        (" Hugo", " [Hugo](https://gohugo.io)"),
        ("  two words\t", "  [two words](https://gohugo.io)\t"),
    ],
)
def test_a_link_keeps_the_spaces_around_the_selection_outside(selected: str, expected: str) -> None:
    edit = make_link(selected, "https://gohugo.io")
    assert edit.text == expected
    assert edit.text[edit.select_start : edit.select_end] == "https://gohugo.io"
    assert link_for_paste(selected, "https://gohugo.io") == expected


def test_a_link_over_spaces_only_keeps_them_before_the_placeholder() -> None:
    edit = make_link(" ")
    assert edit.text == " [link text](https://)"
    assert edit.text[edit.select_start : edit.select_end] == "link text"
    assert link_for_paste("  ", "https://gohugo.io") is None
