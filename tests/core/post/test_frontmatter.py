"""editor.core.post.frontmatter: Hugo's boundaries (checked against the real binary) and
the python-frontmatter handlers giving the metadata `Post` has."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import frontmatter
import pytest

from editor.core.diagnostics import Severity
from editor.core.post.frontmatter import FrontMatterError, split_front_matter
from editor.core.post.handlers import (
    InkpostJSONHandler,
    InkpostTOMLHandler,
    InkpostYAMLHandler,
    handler_for,
)
from editor.core.post.model import Post
from tests.hugo_site import HugoSite

# name -> (text, title Hugo shows); every one builds.
READABLE = {
    "blank-lines": ("\n\n---\ntitle: Blank\n---\nbody words here\n", "Blank"),
    "spaces-tabs": ("  \t\n---\ntitle: Spaces\n---\nbody\n", "Spaces"),
    "bom-then-blank": ("\ufeff\n---\ntitle: Bom\n---\nbody\n", "Bom"),
    "opener-trailing-space": ("--- \ntitle: Trail\n---\nbody\n", "Trail"),
    "closer-four-dashes": ("---\ntitle: C4\n----\nbody one\n", "C4"),
    "closer-with-text": ("---\ntitle: CS\n--- x\nbody one\n", "CS"),
    "cr-only": ("---\rtitle: CR\r---\rbody one\r", "CR"),
    "crlf": ("---\r\ntitle: CRLF\r\n---\r\nbody one\r\n", "CRLF"),
    "json-brace-in-string": ('\n{"title": "J", "x": "}"}\nbody\n', "J"),
    "toml-after-blank": ("\n+++\ntitle = 'T'\n+++\nbody\n", "T"),
    "empty-block": ("---\n---\nbody\n", ""),
    "closed-at-end": ("---\ntitle: End\n---", "End"),
    "dashes-inside-value": ("---\ntitle: IC ---\n---\nb\n", "IC ---"),
    "yes-is-text": ("---\ntitle: yes\n---\nb\n", "yes"),
}
# Hugo refuses to build these; the editor reports an error on the right line.
REFUSED = {
    "list-first": ("- item\n- two\n", 1),
    "plus-first": ("\n+ item\n", 2),
    "unclosed": ("\n---\ntitle: U\nbody\n", 2),
    "json-unclosed": ('{"title": "x"\nbody\n', 1),
    "opener-with-text": ("---x\ntitle: X\n---\nbody\n", 2),
    "four-dashes-open": ("----\ntitle: Four\n----\nbody\n", 2),
}


@pytest.fixture(scope="module")
def hugo_titles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    site = HugoSite(tmp_path_factory.mktemp("fm"))
    for name, (text, _) in READABLE.items():
        site.add(f"posts/{name}.md", text.encode())
    pages = site.build()
    return {Path(path).stem: page.title for path, page in pages.items() if page.kind == "page"}


@pytest.mark.parametrize("name", sorted(READABLE))
def test_boundaries_match_hugo(name: str, hugo_titles: dict[str, str]) -> None:
    text, title = READABLE[name]
    assert hugo_titles[name] == title
    post = Post.from_bytes(text.encode())
    assert post.title == title
    assert [d for d in post.diagnostics if d.severity is Severity.ERROR] == []
    assert post.front_matter + post.body == post.text


def test_where_the_body_starts() -> None:
    text = "---\ntitle: C4\n----\nbody\n"
    assert text[split_front_matter(text).body_start :] == "-\nbody\n"  # Hugo's too
    text = "---\r\ntitle: x\r\n---\r\nbody"
    assert text[split_front_matter(text).body_start :] == "body"
    text = '{"a": "\\"}"}\nbody'
    assert text[split_front_matter(text).body_start :] == "body"
    assert split_front_matter("no front matter\n---\nx: 1\n---\n").body_start == 0


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_hugo_refuses_is_an_error(name: str, tmp_path: Path) -> None:
    text, line = REFUSED[name]
    site = HugoSite(tmp_path)
    site.add(f"posts/{name}.md", text.encode())
    result = site.run()
    assert result.returncode != 0 and f"{name}.md:" in result.stderr + result.stdout
    post = Post.from_bytes(text.encode(), tmp_path / f"{name}.md")
    errors = [d for d in post.diagnostics if d.severity is Severity.ERROR]
    assert len(errors) == 1 and errors[0].line == line, post.diagnostics
    assert errors[0].file == tmp_path / f"{name}.md"
    assert post.front_matter + post.body == post.text


def test_a_file_hugo_rejects_for_its_first_character_can_get_a_block() -> None:
    post = Post.from_bytes(b"- item\n")
    fixed = post.with_field("title", "Items")
    assert fixed.text == "---\ntitle: Items\n---\n- item\n"
    assert fixed.title == "Items" and fixed.diagnostics == ()


# --- python-frontmatter handlers ------------------------------------------------------------

FILES = {
    "blank.md": b"\n\n---\ntitle: Blank lines first\ndate: 2024-01-02\ndraft: yes\n---\nBody\n",
    "crlf.md": b"---\r\ntitle: Windows\r\ntags: [a, b]\r\n---\r\nBody\r\n",
    "bom.md": b"\xef\xbb\xbf---\ntitle: With BOM\ndate: 2024-01-02T03:04:05+02:00\n---\nBody\n",
    "toml.md": b"+++\ntitle = 'TOML'\ndate = 2024-01-02T03:04:05Z\n[params]\nx = 1\n+++\nBody\n",
    "json.md": b'\n{\n  "z": 1,\n  "title": "JSON",\n  "a": [1, 2]\n}\nBody\n',
    "nested.md": b"---\ntitle: Nested\nparams:\n  k: [1, {a: b}]\nwhen: 2024-01-02 03:04:05\n---\n",
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_frontmatter_load_with_our_handler_matches_post(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(FILES[name])
    post = Post.load(path)
    handler = handler_for(path.read_text(encoding="utf-8"))
    assert handler is not None and post.fm_format == handler.FORMAT
    loaded = frontmatter.load(str(path), handler=handler)
    assert loaded.metadata == post.metadata
    assert list(loaded.metadata) == list(post.metadata)  # key order too
    assert loaded.content == post.body.strip()
    assert post.title and loaded["title"] == post.title


def test_handlers_read_what_hugo_reads() -> None:
    text = "\n---\ntitle: Hello\ndraft: yes\ndate: 2024-01-02\n---\nThe body.\n"
    post = frontmatter.loads(text, handler=InkpostYAMLHandler())
    assert post.metadata == {
        "title": "Hello",
        "draft": "yes",  # YAML 1.2: text (Hugo then reads draft as false)
        "date": datetime(2024, 1, 2, tzinfo=UTC),
    }
    assert post.content == "The body."
    assert frontmatter.loads('{"b": 1, "a": 2}\nx', handler=InkpostJSONHandler()).keys() == {
        "b",
        "a",
    }
    assert json.dumps(frontmatter.loads("+++\nx = 1\n+++\n", handler=InkpostTOMLHandler()).metadata)


def test_a_handler_of_another_format_finds_no_metadata() -> None:
    text = "+++\ntitle = 'T'\n+++\nBody\n"
    assert not InkpostYAMLHandler().detect(text) and InkpostTOMLHandler().detect(text)
    post = frontmatter.loads(text, handler=InkpostYAMLHandler())
    assert post.metadata == {} and post.content.startswith("+++")
    assert handler_for("Just text\n") is None


def test_bad_front_matter_raises_with_the_file_line() -> None:
    with pytest.raises(FrontMatterError) as caught:
        frontmatter.loads("---\ntitle: ok\nbroken: a: b\n---\n", handler=InkpostYAMLHandler())
    assert caught.value.line == 3 and "YAML" in caught.value.message


def test_handlers_do_not_write() -> None:
    post = frontmatter.loads("---\ntitle: x\n---\n", handler=InkpostYAMLHandler())
    with pytest.raises(NotImplementedError, match="with_field"):
        frontmatter.dumps(post)


def test_reading_a_post_loads_no_python_frontmatter() -> None:
    """The handlers' module is apart so that python-frontmatter and PyYAML (~35-50 ms of
    start-up here) load only when a script asks for them."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom editor.core.post.model import Post\n"
        "Post.from_text('---\\ntitle: x\\ntags: [a]\\n---\\nBody\\n')\n"
        "print(sorted(m for m in ('frontmatter', 'yaml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
