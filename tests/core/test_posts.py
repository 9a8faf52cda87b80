"""editor.core.posts: loading, byte-exact saving, body and field edits, Hugo's dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from editor.core.diagnostics import Severity
from editor.core.posts import Post, PostError, parse_date

YAML_POST = (
    "---\n"
    "# leading comment\n"
    "title: 'Quoted: title'   # inline comment\n"
    'date: "2024-03-09T10:15:00+01:00"\n'
    "lastmod: 2024-03-10\n"
    "tags:\n"
    "  - go\n"
    "  - 'yaml'\n"
    "draft: false\n"
    "params: {a: 1, b: [x, y]}\n"
    "---\n"
    "\n"
    "# Heading\n"
    "\n"
    "Body text.\n"
)
TOML_POST = (
    "+++\n"
    "title = 'Hello TOML'  # c\n"
    "date = 2024-03-09T10:15:00-07:00\n"
    "tags = [\"a\", 'b']\n"
    "draft = true\n"
    "\n"
    "[params]\n"
    "x = 1\n"
    "+++\n"
    "Body\n"
)
JSON_POST = (
    '{\n    "title": "Hello JSON",\n    "date": "2024-03-09",\n    "tags": ["j"]\n}\n\nBody\n'
)


def variants(text: str) -> list[bytes]:
    """The same document with CRLF, a BOM, no final newline and mixed endings."""
    lf = text.encode()
    crlf = text.replace("\n", "\r\n").encode()
    mixed = text.replace("\n", "\r\n", 3).encode()
    return [lf, crlf, b"\xef\xbb\xbf" + crlf, lf.rstrip(b"\n"), mixed, crlf.rstrip(b"\r\n")]


# --- loading --------------------------------------------------------------------------------


def test_yaml_post_fields() -> None:
    post = Post.from_bytes(YAML_POST.encode(), "p.md")
    assert post.fm_format == "yaml"
    assert post.path == Path("p.md")
    assert post.title == "Quoted: title"
    assert post.date == datetime(2024, 3, 9, 10, 15, tzinfo=timezone(timedelta(hours=1)))
    assert post.metadata["lastmod"] == datetime(2024, 3, 10, tzinfo=UTC)
    assert post.tags == ("go", "yaml")
    assert post.draft is False
    assert post.metadata["params"] == {"a": 1, "b": ["x", "y"]}
    assert type(post.metadata["params"]) is dict and type(post.metadata["tags"]) is list
    assert post.front_matter.startswith("---\n") and post.front_matter.endswith("---\n")
    assert post.body == "\n# Heading\n\nBody text.\n"
    assert post.body_line == 12
    assert post.text.split("\n")[post.body_line - 1 :] == post.body.split("\n")
    assert post.front_matter + post.body == post.text
    assert post.diagnostics == ()
    assert post.lossless and not post.bom and post.newline == "\n"


def test_toml_post_fields() -> None:
    post = Post.from_bytes(TOML_POST.encode())
    assert post.fm_format == "toml"
    assert post.title == "Hello TOML"
    assert post.date == datetime(2024, 3, 9, 10, 15, tzinfo=timezone(timedelta(hours=-7)))
    assert post.tags == ("a", "b") and post.draft is True
    assert post.metadata["params"] == {"x": 1}
    assert post.body == "Body\n" and post.body_line == 10


def test_json_post_fields() -> None:
    post = Post.from_bytes(JSON_POST.encode())
    assert post.fm_format == "json"
    assert post.title == "Hello JSON"
    assert post.date == datetime(2024, 3, 9, tzinfo=UTC)
    assert post.metadata["date"] == "2024-03-09"  # JSON has no dates: kept as written
    assert post.body == "\nBody\n" and post.body_line == 6


def test_no_front_matter() -> None:
    post = Post.from_bytes(b"# Just Markdown\n\nText\n")
    assert post.fm_format is None and post.metadata == {} and post.front_matter == ""
    assert post.body == post.text and post.body_line == 1
    assert post.title == "" and post.date is None and post.tags == () and post.draft is False


def test_blank_lines_before_front_matter_are_skipped_like_hugo() -> None:
    post = Post.from_bytes(b"\n\n---\ntitle: After blanks\n---\nBody\n")
    assert post.fm_format == "yaml" and post.title == "After blanks"
    assert post.body == "Body\n" and post.body_line == 6


def test_dashes_inside_body_are_not_front_matter() -> None:
    post = Post.from_bytes(b"Intro\n\n---\n\nMore\n")
    assert post.fm_format is None and post.body == "Intro\n\n---\n\nMore\n"


def test_closing_delimiter_may_end_the_file() -> None:
    post = Post.from_bytes(b"---\ntitle: t\n---")
    assert post.title == "t" and post.body == "" and post.to_bytes() == b"---\ntitle: t\n---"


def test_empty_front_matter() -> None:
    post = Post.from_bytes(b"---\n---\nBody\n")
    assert post.fm_format == "yaml" and post.metadata == {} and post.diagnostics == ()


def test_load_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(YAML_POST.encode())
    post = Post.load(path)
    assert post.path == path and post.raw == YAML_POST.encode()


def test_keys_are_case_insensitive_like_hugo() -> None:
    post = Post.from_bytes(b"---\nTitle: Big\nDate: 2020-01-02\nTags: x\nDraft: true\n---\n")
    assert post.title == "Big" and post.date == datetime(2020, 1, 2, tzinfo=UTC)
    assert post.tags == ("x",) and post.draft is True


# --- byte-exact round trip --------------------------------------------------------------------


@pytest.mark.parametrize("source", [YAML_POST, TOML_POST, JSON_POST, "plain\n", ""])
def test_unchanged_save_gives_identical_bytes(tmp_path: Path, source: str) -> None:
    for index, data in enumerate(variants(source)):
        path = tmp_path / f"{index}.md"
        path.write_bytes(data)
        post = Post.load(path)
        saved = post.save()
        assert path.read_bytes() == data
        assert saved.raw == data and saved.text == post.text
        assert "\r" not in post.text and not post.text.startswith("\ufeff")


def test_newline_and_bom_detection() -> None:
    crlf = Post.from_bytes(b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody\r\n")
    assert crlf.newline == "\r\n" and crlf.bom and crlf.text == "---\ntitle: x\n---\nbody\n"
    assert crlf.title == "x"


def test_lone_carriage_returns_are_lines() -> None:
    data = b"---\rtitle: old mac\r---\rbody\r"
    post = Post.from_bytes(data)
    assert post.title == "old mac" and post.body == "body\n"
    assert post.to_bytes() == data
    assert post.with_body("body!\n").to_bytes() == b"---\rtitle: old mac\r---\rbody!\r"


def test_editing_body_keeps_front_matter_bytes() -> None:
    for data in variants(YAML_POST) + variants(TOML_POST) + variants(JSON_POST):
        post = Post.from_bytes(data)
        edited = post.with_body(post.body + "Added paragraph.\n").to_bytes()
        fm_bytes = data[: len(data) - len(_body_bytes(post, data))]
        assert edited.startswith(fm_bytes)
        assert Post.from_bytes(edited).metadata == post.metadata


def _body_bytes(post: Post, data: bytes) -> bytes:
    import re

    pieces = re.split(rb"(\r\n|\r|\n)", data)
    return b"".join(pieces[2 * post.front_matter.count("\n") :])


def test_edit_and_undo_restores_every_byte() -> None:
    for data in variants(YAML_POST) + variants(TOML_POST):
        post = Post.from_bytes(data)
        middle = post.text.replace("Body", "Changed body")
        assert post.with_text(middle).with_text(post.text).to_bytes() == data
        assert post.with_text(middle).with_text(post.text) is not post


def test_mixed_line_endings_survive_a_local_edit() -> None:
    data = b"---\r\ntitle: x\n---\r\nline one\nline two\r\nline three\n"
    post = Post.from_bytes(data)
    edited = post.with_text(post.text.replace("line two", "line 2")).to_bytes()
    assert edited == data.replace(b"line two", b"line 2")
    assert post.newline == "\r\n"  # three CRLF against three LF: a tie goes to CRLF
    inserted = post.with_text(post.text.replace("line one\n", "line one\nnew\n")).to_bytes()
    assert inserted == data.replace(b"line one\n", b"line one\nnew\r\n")


def test_edited_lines_use_the_dominant_newline() -> None:
    post = Post.from_bytes(b"---\r\ntitle: x\r\n---\r\nbody\r\n")
    assert post.with_body("one\ntwo\n").to_bytes() == b"---\r\ntitle: x\r\n---\r\none\r\ntwo\r\n"


def test_missing_final_newline_is_kept_after_an_edit() -> None:
    post = Post.from_bytes(b"---\ntitle: x\n---\nfirst\nlast line")
    edited = post.with_text(post.text.replace("first", "1st")).to_bytes()
    assert edited == b"---\ntitle: x\n---\n1st\nlast line"


def test_with_text_accepts_crlf_and_same_text_returns_same_post() -> None:
    post = Post.from_bytes(b"a\r\nb\r\n")
    assert post.with_text("a\r\nb\r\n") is post
    assert post.with_text("a\r\nc\r\n").text == "a\nc\n"
    assert post.with_text("a\r\nc\r\n").to_bytes() == b"a\r\nc\r\n"


def test_from_text_takes_style_from_like() -> None:
    like = Post.from_bytes(b"\xef\xbb\xbfx\r\n")
    post = Post.from_text("---\ntitle: New\n---\nHi\n", "new.md", like=like)
    assert post.to_bytes() == b"\xef\xbb\xbf---\r\ntitle: New\r\n---\r\nHi\r\n"
    assert post.title == "New" and post.path == Path("new.md")
    plain = Post.from_text("a\r\nb")
    assert plain.text == "a\nb" and plain.to_bytes() == b"a\nb" and plain.raw == b"a\nb"


def test_large_file_edit_is_linear(tmp_path: Path) -> None:
    body = ("Some words on a line of a long post.\r\n" * 550_000).encode()
    data = b"---\r\ntitle: Big\r\n---\r\n" + body
    assert len(data) > 20_000_000
    post = Post.from_bytes(data)
    assert post.title == "Big" and post.newline == "\r\n"
    middle = len(post.text) // 2
    edited = post.with_text(post.text[:middle] + "X" + post.text[middle:])
    out = edited.to_bytes()
    assert len(out) == len(data) + 1 and out[:1000] == data[:1000] and out[-1000:] == data[-1000:]


# --- with_field -----------------------------------------------------------------------------


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    return [(a, b) for a, b in zip(before.split("\n"), after.split("\n"), strict=False) if a != b]


def test_yaml_with_field_rewrites_only_that_field() -> None:
    post = Post.from_bytes(YAML_POST.encode())
    edited = post.with_field("title", "A new title")
    assert changed_lines(post.text, edited.text) == [
        ("title: 'Quoted: title'   # inline comment", "title: 'A new title'   # inline comment")
    ]
    assert edited.title == "A new title"
    assert {k: v for k, v in edited.metadata.items() if k != "title"} == {
        k: v for k, v in post.metadata.items() if k != "title"
    }


def test_yaml_with_field_keeps_crlf_and_bom() -> None:
    data = b"\xef\xbb\xbf" + YAML_POST.replace("\n", "\r\n").encode()
    edited = Post.from_bytes(data).with_field("draft", True).to_bytes()
    assert edited == data.replace(b"draft: false", b"draft: true")


def test_yaml_new_key_is_appended() -> None:
    post = Post.from_bytes(YAML_POST.encode())
    edited = post.with_field("slug", "my-slug")
    assert edited.text.startswith(post.front_matter[:-4] + "slug: my-slug\n---\n")
    assert list(edited.metadata)[-1] == "slug" and edited.body == post.body


def test_yaml_multiline_value_is_replaced_whole() -> None:
    post = Post.from_bytes(b"---\ntitle: |-\n  A long\n  title\nauthor: me\n---\nBody\n")
    edited = post.with_field("title", "Short")
    assert edited.text == "---\ntitle: Short\nauthor: me\n---\nBody\n"


def test_yaml_comment_after_field_is_kept() -> None:
    post = Post.from_bytes(b"---\ntags:\n  - a\n# about dates\n\ndate: 2020-01-01\n---\n")
    edited = post.with_field("tags", ["b", "c"])
    assert edited.text == "---\ntags:\n- b\n- c\n# about dates\n\ndate: 2020-01-01\n---\n"


def test_yaml_dates_written_in_rfc3339() -> None:
    post = Post.from_bytes(b"---\ntitle: x\ndate: 2020-01-01\n---\n")
    moment = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone(timedelta(hours=2)))
    edited = post.with_field("date", moment)
    assert "date: 2024-05-06T07:08:09+02:00\n" in edited.text and edited.date == moment
    utc = post.with_field("date", datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert "date: 2024-01-02T03:04:05Z\n" in utc.text
    assert "date: 2023-12-24\n" in post.with_field("date", date(2023, 12, 24)).text


def test_yaml_quote_style_is_kept() -> None:
    post = Post.from_bytes(b"---\ntitle: \"Double\"\nsub: 'single'\n---\n")
    edited = post.with_field("title", "New").with_field("sub", "other")
    assert edited.text == "---\ntitle: \"New\"\nsub: 'other'\n---\n"


def test_yaml_indented_and_flow_mappings() -> None:
    indented = Post.from_bytes(b"---\n  title: a\n  date: 2020-01-01\n---\n")
    assert indented.with_field("title", "b").text == "---\n  title: b\n  date: 2020-01-01\n---\n"
    assert indented.with_field("new", 1).metadata["new"] == 1
    flow = Post.from_bytes(b"---\n{title: a, date: 2020-01-01}\n---\nBody\n")
    edited = flow.with_field("title", "b")
    assert edited.title == "b" and edited.metadata["date"] == flow.metadata["date"]
    assert edited.body == "Body\n"


def test_yaml_anchor_kept_by_falling_back_to_full_round_trip() -> None:
    post = Post.from_bytes(b"---\ntitle: &t Shared\nog: *t\n---\n")
    edited = post.with_field("title", "Mine")
    assert edited.title == "Mine" and edited.metadata["og"] == "Shared"


def test_with_field_is_case_insensitive() -> None:
    post = Post.from_bytes(b"---\nTitle: Old\n---\n")
    assert post.with_field("title", "New").text == "---\nTitle: New\n---\n"


def test_toml_with_field() -> None:
    post = Post.from_bytes(TOML_POST.encode())
    edited = post.with_field("title", "New title")
    assert changed_lines(post.text, edited.text) == [
        ("title = 'Hello TOML'  # c", "title = 'New title'  # c")
    ]
    moment = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    dated = post.with_field("date", moment)
    assert "date = 2025-01-02T03:04:05Z\n" in dated.text and dated.date == moment
    added = post.with_field("slug", "s")
    assert added.metadata["slug"] == "s" and added.metadata["params"] == {"x": 1}
    assert post.with_field("title", "it's").title == "it's"


def test_toml_cannot_store_none() -> None:
    with pytest.raises(PostError, match="TOML has no empty value"):
        Post.from_bytes(TOML_POST.encode()).with_field("title", None)


def test_json_with_field() -> None:
    post = Post.from_bytes(JSON_POST.encode())
    edited = post.with_field("title", 'Say "hi"')
    assert changed_lines(post.text, edited.text) == [
        ('    "title": "Hello JSON",', '    "title": "Say \\"hi\\"",')
    ]
    added = post.with_field("date2", datetime(2024, 1, 2, tzinfo=UTC))
    assert added.text.startswith('{\n    "title": "Hello JSON",\n    "date": "2024-03-09",\n')
    assert '    "tags": ["j"],\n    "date2": "2024-01-02T00:00:00Z"\n}' in added.text
    one_line = Post.from_bytes(b'{"a": 1}\nBody')
    assert one_line.with_field("b", [1, 2]).text == '{"a": 1, "b": [1, 2]}\nBody'
    empty = Post.from_bytes(b"{}\nBody\n")
    assert empty.with_field("title", "t").text == '{\n  "title": "t"\n}\nBody\n'


def test_json_rejects_unstorable_value() -> None:
    with pytest.raises(PostError, match="cannot set 'x'"):
        Post.from_bytes(JSON_POST.encode()).with_field("x", object())


def test_with_field_on_post_without_front_matter_adds_yaml() -> None:
    post = Post.from_bytes(b"Just text\r\n")
    edited = post.with_field("title", "Now titled")
    assert edited.fm_format == "yaml" and edited.title == "Now titled"
    assert edited.to_bytes() == b"---\r\ntitle: Now titled\r\n---\r\nJust text\r\n"


def test_with_field_keeps_body_bytes() -> None:
    for data in variants(YAML_POST) + variants(TOML_POST) + variants(JSON_POST):
        post = Post.from_bytes(data)
        edited = post.with_field("title", "T").to_bytes()
        assert edited.endswith(_body_bytes(post, data))
        assert Post.from_bytes(edited).title == "T"


# --- save -----------------------------------------------------------------------------------


def test_save_to_new_path_and_reload(tmp_path: Path) -> None:
    post = Post.from_bytes(YAML_POST.encode(), tmp_path / "a.md")
    saved = post.with_field("title", "Saved").save(tmp_path / "b.md")
    assert saved.path == tmp_path / "b.md" and saved.title == "Saved"
    assert Post.load(tmp_path / "b.md").title == "Saved"
    assert not (tmp_path / "a.md").exists()


def test_save_without_path_is_refused() -> None:
    with pytest.raises(PostError, match="no file name"):
        Post.from_text("x").save()


def test_unencodable_text_is_refused(tmp_path: Path) -> None:
    post = Post.from_bytes(b"x\n", tmp_path / "a.md")
    with pytest.raises(PostError, match="UTF-8 cannot store"):
        post.with_text("bad \udcff\n").save()
    assert not (tmp_path / "a.md").exists()


# --- dates ----------------------------------------------------------------------------------

PLUS8 = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-01-02", datetime(2020, 1, 2, tzinfo=UTC)),
        ("2020-01-02T03:04:05+08:00", datetime(2020, 1, 2, 3, 4, 5, tzinfo=PLUS8)),
        ("2020-01-02T03:04:05Z", datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2020-01-02T03:04:05", datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2020-01-02 03:04:05", datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
        (
            "2020-01-02T03:04:05.123456789-0700",
            datetime(2020, 1, 2, 3, 4, 5, 123456, tzinfo=timezone(timedelta(hours=-7))),
        ),
        ("2020-01-02 03:04:05 +0800 CST", datetime(2020, 1, 2, 3, 4, 5, tzinfo=PLUS8)),
        ("02 Jan 2020", datetime(2020, 1, 2, tzinfo=UTC)),
        ("Thu, 02 Jan 2020 03:04:05 +0800", datetime(2020, 1, 2, 3, 4, 5, tzinfo=PLUS8)),
        (date(2020, 1, 2), datetime(2020, 1, 2, tzinfo=UTC)),
        (datetime(2020, 1, 2, 3), datetime(2020, 1, 2, 3, tzinfo=UTC)),
        (datetime(2020, 1, 2, 3, tzinfo=PLUS8), datetime(2020, 1, 2, 3, tzinfo=PLUS8)),
        (1577934245, datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("not a date", None),
        ("2020-13-45", None),
        ("2020-01-02T03:04", None),
        (None, None),
        (True, None),
        ([2020], None),
        (10**20, None),
    ],
)
def test_parse_date(value: object, expected: datetime | None) -> None:
    result = parse_date(value)
    assert result == expected
    if result is not None:
        assert result.tzinfo is not None and result.utcoffset() == expected.utcoffset()  # type: ignore[union-attr]


def test_yaml_and_toml_native_dates() -> None:
    yaml = Post.from_bytes(b"---\ndate: 2020-01-02T03:04:05+08:00\n---\n")
    assert yaml.date == datetime(2020, 1, 2, 3, 4, 5, tzinfo=PLUS8)
    assert type(yaml.metadata["date"]) is datetime
    bare = Post.from_bytes(b"---\ndate: 2020-01-02\n---\n")
    assert bare.date == datetime(2020, 1, 2, tzinfo=UTC)
    local = Post.from_bytes(b"+++\ndate = 2020-01-02T03:04:05\nd = 2020-01-02\nt = 07:08:09\n+++\n")
    assert local.date == datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert local.metadata["d"] == datetime(2020, 1, 2, tzinfo=UTC)
    assert str(local.metadata["t"]) == "07:08:09"
    offset = Post.from_bytes(b"+++\ndate = 2020-01-02T03:04:05+08:00\n+++\n")
    assert offset.date == datetime(2020, 1, 2, 3, 4, 5, tzinfo=PLUS8)


def test_date_falls_back_like_hugo() -> None:
    assert Post.from_bytes(b"---\ntitle: t\n---\n").date is None
    fallback = Post.from_bytes(b"---\npublishDate: 2021-05-06\nlastmod: 2022-01-01\n---\n")
    assert fallback.date == datetime(2021, 5, 6, tzinfo=UTC)


def test_draft_and_published() -> None:
    assert Post.from_bytes(b"---\npublished: false\n---\n").draft is True
    assert Post.from_bytes(b"---\npublished: true\n---\n").draft is False
    assert Post.from_bytes(b"+++\ndraft = 'true'\n+++\n").draft is True


def test_title_of_other_scalars() -> None:
    assert Post.from_bytes(b"---\ntitle: 2024\n---\n").title == "2024"
    assert Post.from_bytes(b"---\ntitle: true\n---\n").title == "true"
    assert Post.from_bytes(b"---\ntitle:\n---\n").title == ""


def test_tags_shapes() -> None:
    assert Post.from_bytes(b"---\ntags: single\n---\n").tags == ("single",)
    assert Post.from_bytes(b"---\ntags: [a, 2, '']\n---\n").tags == ("a", "2")
    assert Post.from_bytes(b"---\ntags: ''\n---\n").tags == ()
    bad = Post.from_bytes(b"---\ntags: {a: 1}\n---\n")
    assert bad.tags == () and bad.diagnostics[0].severity is Severity.WARNING


def test_yaml_complex_keys_and_nan_survive() -> None:
    complex_key = Post.from_bytes(b"---\n? [a, b]\n: v\ntitle: t\n---\n")
    assert complex_key.metadata == {"['a', 'b']": "v", "title": "t"}
    assert complex_key.with_field("title", "n").text == "---\n? [a, b]\n: v\ntitle: n\n---\n"
    nan = Post.from_bytes(b"---\nx: .nan\ntitle: t\n---\n")
    assert nan.with_field("title", "n").text == "---\nx: .nan\ntitle: n\n---\n"
