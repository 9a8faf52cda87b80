"""editor.core.post.model on bad input: clear diagnostics, nothing lost, nothing rewritten."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from editor.core.diagnostics import Severity
from editor.core.post.model import Post, PostError
from editor.core.post.storage import StorageError
from tests.files import TINY_PNG


def write(tmp_path: Path, data: bytes, name: str = "post.md") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def only_error(post: Post) -> tuple[str, int | None]:
    errors = [d for d in post.diagnostics if d.severity is Severity.ERROR]
    assert len(errors) == 1, post.diagnostics
    assert errors[0].file == post.path
    return errors[0].message, errors[0].line


def assert_untouched_by_save(post: Post, path: Path) -> None:
    """An unchanged save writes the very same bytes."""
    post.save(force=True)
    assert path.read_bytes() == post.raw


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    data = b"---\ntitle: Fine\ndate: 2020-01-01\nbroken: a: b\ntags: [x]\n---\nThe body.\n"
    path = write(tmp_path, data)
    post = Post.load(path)
    message, line = only_error(post)
    assert line == 4 and "YAML" in message and "mapping values" in message
    assert str(post.diagnostics[0]).startswith(f"{path}:4: error:")
    assert post.metadata == {} and post.fm_format == "yaml"
    assert post.body == "The body.\n" and post.raw == data
    with pytest.raises(PostError, match="cannot set 'title'"):
        post.with_field("title", "x")
    edited = post.with_body("New body.\n")
    assert edited.to_bytes() == data.replace(b"The body.", b"New body.")
    assert_untouched_by_save(post, path)


def test_yaml_error_line_counts_bom_crlf_and_leading_blank_lines(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf\r\n\r\n---\r\ntitle: ok\r\nlist: [1, 2\r\nnext: x\r\n---\r\nBody\r\n"
    post = Post.load(write(tmp_path, data))
    message, line = only_error(post)
    assert "flow sequence" in message and "line 5" in message
    assert line == 6  # where ruamel meets the unexpected ":"
    assert post.to_bytes() == data


def test_yaml_duplicate_key(tmp_path: Path) -> None:
    post = Post.load(write(tmp_path, b"---\ntitle: a\nslug: s\ntitle: b\n---\n"))
    message, line = only_error(post)
    assert "duplicate" in message and line == 4


def test_yaml_front_matter_that_is_not_a_mapping(tmp_path: Path) -> None:
    post = Post.load(write(tmp_path, b"---\n- a\n- b\n---\nBody\n"))
    message, line = only_error(post)
    assert "mapping" in message and "list" in message and line == 2
    assert post.metadata == {} and post.body == "Body\n"


def test_unclosed_front_matter(tmp_path: Path) -> None:
    data = b"\n---\ntitle: Never closed\n\nSome body text\n"
    path = write(tmp_path, data)
    post = Post.load(path)
    message, line = only_error(post)
    assert "never closed" in message and line == 2
    assert post.fm_format is None and post.metadata == {}
    assert post.body == post.text == data.decode()
    with pytest.raises(PostError, match="never closed"):
        post.with_field("title", "x")
    assert_untouched_by_save(post, path)


def test_unclosed_toml_and_lone_delimiter(tmp_path: Path) -> None:
    message, line = only_error(Post.load(write(tmp_path, b"+++\ntitle = 'x'\n")))
    assert "'+++'" in message and line == 1
    message, line = only_error(Post.load(write(tmp_path, b"---")))
    assert "never closed" in message and line == 1


def test_list_where_a_string_belongs(tmp_path: Path) -> None:
    data = b"---\ndate: 2020-01-01\ntitle: [a, b]\n---\nBody\n"
    post = Post.load(write(tmp_path, data))
    assert isinstance(post.title, str) and post.title == ""
    assert post.metadata["title"] == ["a", "b"]
    (diag,) = post.diagnostics
    assert diag.severity is Severity.WARNING and diag.line == 3 and diag.file == post.path
    assert "title" in diag.message and "list" in diag.message
    fixed = post.with_field("title", "a and b")
    assert fixed.title == "a and b" and fixed.diagnostics == ()
    assert fixed.to_bytes() == data.replace(b"[a, b]", b"a and b")


def test_wrong_types_in_toml_and_json(tmp_path: Path) -> None:
    toml = Post.load(write(tmp_path, b"+++\ntitle = 'x'\ndraft = 'maybe'\n[title2]\n+++\n"))
    assert [(d.line, d.severity) for d in toml.diagnostics] == [(3, Severity.WARNING)]
    assert toml.draft is False
    json_post = Post.load(write(tmp_path, b'{\n"title": {"a": 1},\n"date": "soon"\n}\n'))
    lines = sorted(d.line or 0 for d in json_post.diagnostics)
    assert lines == [2, 3] and json_post.title == "" and json_post.date is None
    tags = Post.load(write(tmp_path, b"---\ntags: [[a], b]\n---\n"))
    assert tags.tags == ("b",) and tags.diagnostics[0].line == 2


def test_toml_syntax_error_line(tmp_path: Path) -> None:
    post = Post.load(write(tmp_path, b"\n+++\ntitle = 'ok'\ndate = = 3\n+++\nBody\n"))
    message, line = only_error(post)
    assert "TOML" in message and line == 4 and post.body == "Body\n"


def test_json_syntax_error_line(tmp_path: Path) -> None:
    post = Post.load(write(tmp_path, b'{\n  "title": "x",\n  "tags": [1,]\n}\nBody\n'))
    message, line = only_error(post)
    assert "JSON" in message and line == 3 and post.body == "Body\n"


def test_unclosed_json(tmp_path: Path) -> None:
    post = Post.load(write(tmp_path, b'{\n  "title": "x {"\nBody\n'))
    message, line = only_error(post)
    assert "never closed" in message and line == 1 and post.body == post.text


def test_shortcode_at_start_is_json_front_matter_to_hugo(tmp_path: Path) -> None:
    post = Post.load(write(tmp_path, b'{{< youtube "abc" >}}\n\nText\n'))
    message, line = only_error(post)
    assert post.fm_format == "json" and "JSON" in message and line == 1


def test_invalid_utf8(tmp_path: Path) -> None:
    data = b"---\ntitle: Caf\xe9\n---\nline two\r\nbad \xff here\n"
    path = write(tmp_path, data)
    post = Post.load(path)
    assert post.lossless is False and "\ufffd" in post.text and post.title == "Caf\ufffd"
    message, line = only_error(post)
    assert line == 2 and "UTF-8" in message and "0xe9" in message
    assert post.raw == data and post.to_bytes() == data
    with pytest.raises(PostError, match="not valid UTF-8") as info:
        post.save()
    assert str(path) in str(info.value) and path.read_bytes() == data
    edited = post.with_body("fixed\n")
    assert edited.lossless is False and edited.diagnostics[0] == post.diagnostics[0]
    with pytest.raises(PostError):
        edited.save()
    assert path.read_bytes() == data
    saved = edited.save(force=True)
    assert path.read_bytes() == "---\ntitle: Caf\ufffd\n---\nfixed\n".encode()
    assert saved.lossless is True and saved.diagnostics == ()


def test_invalid_utf8_after_bom_in_body(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf---\r\ntitle: ok\r\n---\r\n\r\nok\r\n\xc3\x28\r\n"
    post = Post.load(write(tmp_path, data))
    message, line = only_error(post)
    assert line == 6 and "offset" in message
    assert post.title == "ok" and post.bom and post.to_bytes() == data


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, TINY_PNG, "image.md")  # an image named like a post
    with pytest.raises(PostError) as info:
        Post.load(path)
    assert str(path) in str(info.value) and "binary" in str(info.value)
    assert info.value.path == path


def test_utf16_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "---\ntitle: x\n---\n".encode("utf-16"))
    with pytest.raises(PostError, match="UTF-16"):
        Post.load(path)


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"")
    post = Post.load(path)
    assert post.text == "" and post.body == "" and post.metadata == {}
    assert post.fm_format is None and post.title == "" and post.date is None
    assert [(d.severity, d.message) for d in post.diagnostics] == [
        (Severity.INFO, "the file is empty")
    ]
    assert post.to_bytes() == b""
    post.save()
    assert path.read_bytes() == b""
    titled = post.with_field("title", "From nothing")
    assert titled.text == "---\ntitle: From nothing\n---\n"


def test_whitespace_only_file(tmp_path: Path) -> None:
    post = Post.load(write(tmp_path, b"  \n\t\n"))
    assert post.fm_format is None and post.body == "  \n\t\n" and post.diagnostics == ()


def test_missing_file_is_a_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        Post.load(tmp_path / "nope.md")


def test_twenty_megabyte_file_loads_fast(tmp_path: Path) -> None:
    line = "A paragraph line with **some** Markdown and `code` in it, repeated.\n"
    body = line * (20_000_000 // len(line) + 1)
    data = ("---\ntitle: Huge\ndate: 2024-01-01\n---\n" + body).encode()
    path = write(tmp_path, data)
    started = time.perf_counter()
    post = Post.load(path)
    same = post.to_bytes()
    edited = post.with_body(post.body + "tail\n")
    out = edited.to_bytes()
    titled = post.with_field("title", "Still huge")
    elapsed = time.perf_counter() - started
    assert len(data) > 20_000_000
    assert post.title == "Huge" and same is post.raw
    assert out == data + b"tail\n"
    assert titled.to_bytes().startswith(b"---\ntitle: Still huge\n")
    assert elapsed < 15, f"a 20 MB post took {elapsed:.1f} s"


def test_huge_unclosed_front_matter_is_linear(tmp_path: Path) -> None:
    data = b"---\n" + b"key: value\n" * 1_000_000
    started = time.perf_counter()
    post = Post.from_bytes(data)
    elapsed = time.perf_counter() - started
    assert "never closed" in post.diagnostics[0].message
    assert elapsed < 10
