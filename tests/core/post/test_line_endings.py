"""Line endings on save: what is saved reads back as the text that was saved.

The rule (editor.core.post.model): unchanged lines keep their own line ending, edited lines
get the file's dominant one (lone CR in an old Mac file), and a kept lone CR is never
followed by a written LF, which would read back as one CRLF line ending and lose a line.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from editor.core.post.model import Post

ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])
LINES = st.lists(
    st.tuples(st.text("ab #-:", max_size=3), ENDINGS),
    max_size=12,
)


def saved_and_read(post: Post, text: str) -> tuple[bytes, str]:
    data = post.with_text(text).to_bytes()
    return data, Post.from_bytes(data).text


def test_a_lone_cr_file_gets_cr_on_new_lines() -> None:
    post = Post.from_bytes(b"\r")
    assert post.newline == "\r"
    assert saved_and_read(post, "\n\n") == (b"\r\r", "\n\n")
    old_mac = Post.from_bytes(b"---\rtitle: x\r---\rone\r")
    data, text = saved_and_read(old_mac, old_mac.text + "two\nthree\n")
    assert data == b"---\rtitle: x\r---\rone\rtwo\rthree\r"
    assert text == old_mac.text + "two\nthree\n"


def test_dominant_newline_counts_lone_cr_apart() -> None:
    assert Post.from_bytes(b"a\rb\rc\nd").newline == "\r"
    assert Post.from_bytes(b"a\rb\nc\nd").newline == "\n"
    assert Post.from_bytes(b"a\rb\r\nc\nd").newline == "\r\n"  # one each: no CR majority
    assert Post.from_bytes(b"a\r\nb\r\n").newline == "\r\n"


def test_an_lf_written_after_a_kept_lone_cr_takes_that_line_along() -> None:
    post = Post.from_bytes(b"a\rb\nc\nd\n")  # LF dominant, one lone CR
    data, text = saved_and_read(post, "a\n\nb\nc\nd\n")  # an empty line after "a"
    assert text == "a\n\nb\nc\nd\n"
    assert data == b"a\n\nb\nc\nd\n"  # "a"'s own CR became LF: never "a\r\n"


def test_emptying_a_line_between_a_lone_cr_and_an_lf_keeps_both_lines() -> None:
    post = Post.from_bytes(b"a\rX\nb\nc\n")
    data, text = saved_and_read(post, "a\n\nb\nc\n")
    assert text == "a\n\nb\nc\n" and b"\r\n" not in data


def test_a_written_cr_before_a_kept_lf_takes_that_line_along() -> None:
    post = Post.from_bytes(b"a\rb\rc\rX\nd\r")  # CR dominant, an LF kept after the edit
    data, text = saved_and_read(post, "a\nb\nc\n\n\nd\n")  # "X" becomes two empty lines
    assert text == "a\nb\nc\n\n\nd\n"
    assert data == b"a\rb\rc\r\r\rd\r"  # the LF after "X" became CR: never "\r\n"


def test_lines_away_from_the_edit_keep_their_endings() -> None:
    post = Post.from_bytes(b"a\rb\r\nc\nd\re\r\n")
    data, text = saved_and_read(post, "a\nb\nC\nd\ne\n")
    assert data == b"a\rb\r\nC\nd\re\r\n" and text == "a\nb\nC\nd\ne\n"


@settings(max_examples=1000, deadline=None)
@given(
    LINES,
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), max_size=6),
    st.data(),
)
@example(lines=[("", "\r")], insert="\n", data=None)
def test_any_mix_of_line_endings_reads_back_as_saved(
    lines: list[tuple[str, str]], insert: str, data: st.DataObject | None
) -> None:
    raw = "".join(line + end for line, end in lines).encode()
    post = Post.from_bytes(raw)
    text = post.text
    start = data.draw(st.integers(0, len(text))) if data else len(text) // 2
    stop = data.draw(st.integers(start, len(text))) if data else start
    edited = text[:start] + insert + text[stop:]
    changed = post.with_text(edited)
    saved = changed.to_bytes()
    assert Post.from_bytes(saved).text == changed.text
    assert changed.with_text(text).to_bytes() == raw
    # Whole lines before the edit keep their bytes, but for the lone-CR lines just before
    # it (the edit takes those along when one of their CRs would meet an LF).
    before = lines[: text[:start].count("\n")]
    firm = max((i + 1 for i, (_, end) in enumerate(before) if end != "\r"), default=0)
    assert saved.startswith("".join(line + end for line, end in before[:firm]).encode())
