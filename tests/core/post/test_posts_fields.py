"""editor.core.post.fields through Post: one-field edits that keep every other byte,
Hugo's dates, and the typed fields Hugo reads (title, date, draft, tags)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from editor.core.diagnostics import Severity
from editor.core.post.model import Post, PostError, parse_date
from tests.core.post.test_posts import JSON_POST, TOML_POST, YAML_POST, body_bytes, variants

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
        assert edited.endswith(body_bytes(post, data))
        assert Post.from_bytes(edited).title == "T"


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


def test_toml_booleans_inside_arrays_stay_booleans() -> None:
    post = Post.from_text("+++\nflags = [false, true, 1]\n[params]\nok = true\n+++\nbody\n")
    assert post.metadata["flags"] == [False, True, 1]
    assert post.metadata["flags"][0] is False
    assert post.metadata["params"] == {"ok": True}
