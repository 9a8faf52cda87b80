"""editor.core.post.model: loading, splitting, byte-exact saving, body edits, saving."""

from __future__ import annotations

import errno
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from editor.core.post import storage
from editor.core.post.model import Post, PostError

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
        fm_bytes = data[: len(data) - len(body_bytes(post, data))]
        assert edited.startswith(fm_bytes)
        assert Post.from_bytes(edited).metadata == post.metadata


def body_bytes(post: Post, data: bytes) -> bytes:
    """The body as stored in `data` (its own line endings)."""
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


def test_failed_save_leaves_the_file_and_raises_storage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(YAML_POST.encode())
    post = Post.load(path).with_body("Edited.\n")

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", disk_full)
    with pytest.raises(OSError) as info:
        post.save()
    monkeypatch.undo()
    assert isinstance(info.value, storage.StorageError)
    assert str(path) in str(info.value) and "disk is full" in str(info.value)
    assert path.read_bytes() == YAML_POST.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]
    assert post.save().body == "Edited.\n"
