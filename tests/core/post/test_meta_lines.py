"""Python-Markdown's metadata lines (`Key: value` at the top of a post), as Pelican and MkDocs
read them: split, parsed and edited by editor.core.post with `meta=True`.

The reference is Python-Markdown itself: its meta extension's `Meta` and the HTML of the
rest of the text, on generated documents (hypothesis) and on the layouts Pelican's docs show.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.post.frontmatter import read_front_matter, split_front_matter
from editor.core.post.model import Post, PostError

PELICAN = (
    "Title: My super title\n"
    "Date: 2010-12-03 10:20\n"
    "Modified: 2010-12-05 19:30\n"
    "Category: Python\n"
    "Tags: pelican, publishing\n"
    "Slug: my-super-post\n"
    "Authors: Alexis Metaireau, Conan Doyle\n"
    "Summary: Short version for index and feeds\n"
    "    that goes on\n"
    "Status: draft\n"
    "\n"
    "This is the content of my super blog post.\n"
)


def python_markdown(text: str) -> tuple[dict[str, list[str]], str]:
    """(Meta, HTML) from Python-Markdown with the meta extension."""
    md = markdown.Markdown(extensions=["meta"])
    html = md.convert(text)
    return md.Meta, html  # type: ignore[attr-defined]


def test_pelican_post_is_read_as_pelican_reads_it() -> None:
    post = Post.from_text(PELICAN, meta=True)
    assert post.fm_format == "meta"
    assert post.title == "My super title"
    assert post.date == datetime(2010, 12, 3, 10, 20, tzinfo=UTC)
    assert post.draft is True
    assert post.tags == ("pelican", "publishing")
    assert post.metadata["Summary"] == ["Short version for index and feeds", "that goes on"]
    assert post.body == "This is the content of my super blog post.\n"
    assert post.diagnostics == ()


def test_without_meta_the_lines_are_body_as_in_hugo() -> None:
    post = Post.from_text(PELICAN)
    assert post.fm_format is None
    assert post.title == ""
    assert post.body == PELICAN


@pytest.mark.parametrize(
    ("text", "body_start"),
    [
        ("Title: a\n\nBody\n", 10),  # the blank line ends the lines and belongs to neither
        ("Title: a\n---\nBody\n", 13),  # so does a line starting with --- or ...
        ("Title: a\n....\nBody\n", 14),
        ("Title: a\nBody text\n", 9),  # a line that is no metadata starts the body
        ("Title: a\n  b: c\n\nx", 17),  # up to three spaces: still a key
        ("Title: a\n    more\n\nx", 19),  # four spaces: a continuation
        ("Title: a\n\tmore\n\nx", 16),
        ("Title: a", 8),  # nothing but metadata
        ("Title: a\r\nDate: 2020-01-01\r\n\r\nBody", 30),
    ],
)
def test_where_the_lines_end(text: str, body_start: int) -> None:
    split = split_front_matter(text, meta=True)
    assert split.fm_format == "meta"
    assert split.body_start == body_start


@pytest.mark.parametrize(
    "text",
    [
        "Hello world: a space in the key: not metadata",
        "# Title: no\n",
        "\nTitle: a blank first line means no metadata\n",
        "    Title: indented four spaces\n",
        "+++\ntitle = 'x'\n+++\n",  # Pelican reads no TOML: the text is the body
        '{"title": "x"}\n',
        "",
    ],
)
def test_texts_without_metadata(text: str) -> None:
    split = split_front_matter(text, meta=True)
    assert split.fm_format is None
    assert split.body_start == 0
    assert split.problem == ""


def test_a_yaml_block_stays_yaml_in_a_meta_site() -> None:
    post = Post.from_text("---\ntitle: Hello\ntags: [a, b]\n---\nBody\n", meta=True)
    assert post.fm_format == "yaml"
    assert post.metadata == {"title": "Hello", "tags": ["a", "b"]}


def test_values_repeated_keys_and_dates() -> None:
    text = "title: A\nTitle: B\ndate: 2026-03-09T10:11:12+05:30\nmodified: not a date\n\n"
    meta = read_front_matter(text, meta=True).metadata
    assert meta["title"] == ["A", "B"]  # Python-Markdown lower-cases keys: one list
    assert meta["date"] == datetime(2026, 3, 9, 10, 11, 12, tzinfo=timezone(timedelta(hours=5.5)))
    assert meta["modified"] == "not a date"  # text that is no date stays text
    (error,) = read_front_matter(text, meta=True).diagnostics  # and Pelican skips the post
    assert (error.line, error.severity) == (4, "error")
    assert error.message == "modified 'not a date' is not a date Pelican reads: it skips the post"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2010/12/03 10:20", datetime(2010, 12, 3, 10, 20, tzinfo=UTC)),  # dateutil, as Pelican
        ("3 Dec 2010", datetime(2010, 12, 3, tzinfo=UTC)),
        ("2010-12-03_10:20", datetime(2010, 12, 3, 10, 20, tzinfo=UTC)),
        (
            "Dec 3 2010 10:20 +0200",
            datetime(2010, 12, 3, 10, 20, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2010-12-03 10:20:30.5Z", datetime(2010, 12, 3, 10, 20, 30, 500000, tzinfo=UTC)),
    ],
)
def test_dates_pelican_reads(written: str, read: datetime) -> None:
    front = read_front_matter(f"Title: x\nDate: {written}\n\nbody", meta=True)
    assert front.metadata["Date"] == read and front.diagnostics == ()


@pytest.mark.parametrize("written", ["", "tomorrow-ish", "2020-13-45", "9" * 500, "32 Dec 2010"])
def test_a_date_pelican_cannot_read_is_an_error_on_its_line(written: str) -> None:
    front = read_front_matter(f"Title: x\nDate: {written}\n\nbody", meta=True)
    assert front.metadata["Date"] == written
    assert [(d.line, d.severity) for d in front.diagnostics] == [(2, "error")]
    assert len(front.diagnostics[0].message) < 120


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_date_text_is_read_or_refused(written: str) -> None:
    written = written.replace("\r", " ").replace("\n", " ").strip()
    value = read_front_matter(f"Date: {written}\n\nbody", meta=True).metadata.get("Date")
    assert value == written or (isinstance(value, datetime) and value.tzinfo is not None)


def test_pelican_reads_one_line_of_its_single_keys() -> None:
    text = "Title: A\nTags: a, b\ntags: c\nDate: 2026-03-09\n    10:20\nSummary: x\n    y\n\n"
    front = read_front_matter(text, meta=True)
    meta = front.metadata
    assert meta["Tags"] == "a, b" and meta["Date"] == datetime(2026, 3, 9, tzinfo=UTC)
    assert meta["Summary"] == ["x", "y"]  # Pelican joins a summary's lines
    assert [(d.line, d.severity, d.message) for d in front.diagnostics] == [
        (2, "warning", "Tags is given on 2 lines: Pelican reads only the first"),
        (4, "warning", "Date is given on 2 lines: Pelican reads only the first"),
    ]
    post = Post.from_text(text, meta=True)
    assert post.tags == ("a", "b") and post.diagnostics == front.diagnostics


def test_pelican_status_and_semicolon_free_tags() -> None:
    post = Post.from_text("Title: x\nStatus: published\nTags: one\n\nBody", meta=True)
    assert post.draft is False
    assert post.tags == ("one",)
    hugo = Post.from_text("---\nstatus: draft\n---\n")  # Hugo has no `status`
    assert hugo.draft is False


# --- edits ----------------------------------------------------------------------------------


def test_with_field_rewrites_only_its_lines() -> None:
    post = Post.from_text(PELICAN, meta=True)
    edited = post.with_field("title", "New title")
    assert edited.text == PELICAN.replace("My super title", "New title")
    summary = post.with_field("summary", "One line")
    assert summary.text == PELICAN.replace(
        "Short version for index and feeds\n    that goes on", "One line"
    )
    moved = post.with_field("date", datetime(2026, 3, 9, 8, 0, tzinfo=timezone(timedelta(hours=1))))
    assert "Date: 2026-03-09 08:00+01:00\n" in moved.text
    assert moved.date == datetime(2026, 3, 9, 7, 0, tzinfo=UTC)


def test_with_field_appends_a_new_key_before_the_blank_line() -> None:
    post = Post.from_text("Title: x\n\nBody\n", meta=True)
    assert post.with_field("lang", "en").text == "Title: x\nlang: en\n\nBody\n"
    bare = Post.from_text("Body only\n", meta=True)
    assert bare.with_field("title", "Hello").text == "title: Hello\n\nBody only\n"


def test_with_field_writes_lists_as_continuations() -> None:
    post = Post.from_text("Title: x\n\nBody\n", meta=True).with_field("series", ["Ann", "Bo"])
    assert post.text == "Title: x\nseries: Ann\n    Bo\n\nBody\n"
    assert post.metadata["series"] == ["Ann", "Bo"]


def test_with_field_writes_tags_and_authors_on_one_line_as_pelican_reads_them() -> None:
    post = Post.from_text("Title: x\n\nBody\n", meta=True).with_field("authors", ["Ann", "Bo"])
    assert post.text == "Title: x\nauthors: Ann, Bo\n\nBody\n"
    post = post.with_field("Tags", ["C, D", "e"])
    assert post.text == "Title: x\nauthors: Ann, Bo\nTags: C, D; e\n\nBody\n"
    assert post.tags == ("C, D", "e")
    with pytest.raises(PostError):
        post.with_field("slug", ["a", "b"])


def test_a_value_the_lines_cannot_hold_is_refused() -> None:
    post = Post.from_text("Title: x\n\nBody\n", meta=True)
    with pytest.raises(PostError, match="blank line"):
        post.with_field("summary", "one\n\ntwo")
    with pytest.raises(PostError):
        post.with_field("extra", {"a": 1})


def test_typing_after_lines_with_no_blank_line_reads_them_again() -> None:
    post = Post.from_text("Title: x\nBody\n", meta=True)
    typed = post.with_text("Title: x\nTags: a\n")
    assert typed.metadata == {"Title": "x", "Tags": "a"}
    assert typed.body == ""


def test_read_with_meta_and_save_keep_the_reading(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "post.md"
    path.write_text(PELICAN, encoding="utf-8")
    post = Post.load(path)
    assert post.title == ""
    read = post.read_with_meta(True)
    assert read.title == "My super title" and read.to_bytes() == PELICAN.encode()
    saved = read.with_field("title", "T").save()
    assert saved.meta and saved.title == "T"


# --- against Python-Markdown ----------------------------------------------------------------

_KEY = st.text("abcXYZ09_-", min_size=1, max_size=6)
_VALUE = st.text("ab xy:-.,", max_size=12)
_LINE = st.one_of(
    st.builds(lambda k, v, pad: f"{' ' * pad}{k}:{v}", _KEY, _VALUE, st.integers(0, 3)),
    st.builds(lambda v, pad: f"{' ' * pad}{v}", _VALUE, st.integers(0, 6)),
    st.sampled_from(["", "...", "----", "# heading", "Note: text", "x y: z"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=8), st.sampled_from(["", "\n", "\n\nA paragraph.\n"]))
def test_metadata_and_body_match_python_markdown(lines: list[str], tail: str) -> None:
    text = "\n".join(lines) + tail
    if text.startswith("---"):
        return  # a YAML block in either reading
    meta, html = python_markdown(text)
    split = split_front_matter(text, meta=True)
    if not meta:
        assert split.fm_format is None
        return
    ours = read_front_matter(text, meta=True).metadata
    folded = {
        key.lower(): [v for v in (value if isinstance(value, list) else [value])]
        for key, value in ours.items()
    }
    as_text = {k: [v if isinstance(v, str) else "" for v in vs] for k, vs in folded.items()}
    dates = {k for k, vs in folded.items() if any(not isinstance(v, str) for v in vs)}
    assert {k: v for k, v in as_text.items() if k not in dates} == {
        k: v for k, v in meta.items() if k not in dates
    }
    # "\n" first: Python-Markdown blanks whitespace-only lines after a newline, as in the whole
    assert markdown.markdown("\n" + text[split.body_start :]) == html
