"""The library reads every post as the editor does: one splitter and parser
(editor.core.post.frontmatter), so the index's metadata, title, dates, draft state and
word estimate agree with `Post`, whether it read the whole file or only its head."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.library.index import LibraryIndex
from editor.core.library.scan import FoundFile, estimate_words, read_front, read_post, walk_content
from editor.core.library.types import LibrarySite
from editor.core.post.model import Post

REPO = Path(__file__).resolve().parents[3]
FIXTURE_ROOTS = (
    REPO / "tests" / "core" / "fixtures",
    REPO / "resources" / "sample-site" / "content",
)


def _found(path: Path) -> FoundFile:
    st_ = path.stat()
    return FoundFile(path, path.name, path.name, "en", st_.st_mtime_ns, st_.st_size, False)


def disagreements(site: LibrarySite, path: Path) -> list[str]:
    """What the library reads differently from `Post.load(path)` (empty when they agree)."""
    post = Post.load(path)
    problems: list[str] = []
    for whole in (False, True):
        text, front, _ = read_front(path, whole=whole)
        if repr(front.metadata) != repr(post.metadata):
            problems.append(f"metadata (whole={whole}): {front.metadata!r} != {post.metadata!r}")
        body = text[front.split.body_start :]
        if not (post.body == body if whole else post.body.startswith(body)):
            problems.append(f"body start (whole={whole})")
        read = read_post(site, _found(path), body=whole)
        assert read is not None
        entry = read[0]
        if (entry.title, entry.date, entry.draft) != (post.title, post.date, post.draft):
            problems.append(f"title/date/draft (whole={whole})")
        if whole and entry.words != estimate_words(post.body)[0]:
            problems.append(f"words: {entry.words} != {estimate_words(post.body)[0]}")
    return problems


def _site(root: Path) -> LibrarySite:
    return LibrarySite(root=root, content_dirs={"en": root})


def test_blank_lines_before_the_front_matter(tmp_path: Path) -> None:
    root = tmp_path / "site"
    path = root / "content" / "posts" / "blank.md"
    path.parent.mkdir(parents=True)
    path.write_text("\n\n---\ntitle: Leading blank lines\ntags: [a]\n---\nFour words of body.\n")
    post = Post.load(path)
    assert post.title == "Leading blank lines"
    index = LibraryIndex.open(LibrarySite.simple(root), tmp_path / "library.sqlite")
    try:
        index.scan()
        entry = index.get("content/posts/blank.md")
    finally:
        index.close()
    assert entry is not None
    assert entry.title == post.title and entry.tags == ("a",)
    assert entry.words == 4 == estimate_words(post.body)[0]
    assert not entry.diagnostics


def _fixture_posts() -> list[Path]:
    return sorted(p for root in FIXTURE_ROOTS for p in root.rglob("*.md") if p.is_file())


def test_every_fixture_post_agrees() -> None:
    posts = _fixture_posts()
    assert len(posts) > 50
    failures = {str(p): d for p in posts if (d := disagreements(_site(p.parent), p))}
    assert failures == {}


def test_the_walk_reads_fixture_sites_like_post() -> None:
    root = REPO / "resources" / "sample-site" / "content"
    site = _site(root)
    found = list(walk_content(site))
    assert found
    for item in found:
        read = read_post(site, item)
        assert read is not None
        assert read[0].title == Post.load(item.path).title, item.path


# --- generated front matter -----------------------------------------------------------------

_values = st.one_of(
    st.sampled_from(
        ["Hello", "yes", "true", "2024-01-02", "2024-01-02T03:04:05+02:00", "12", "[a, b]", ""]
    ),
    st.text(alphabet="ab :#'\"-{}[]\\,é", max_size=10),
)
_keys = st.sampled_from(["title", "Title", "date", "draft", "tags", "x", "publishDate"])


@st.composite
def _documents(draw: st.DrawFn) -> bytes:
    fmt = draw(st.sampled_from(["yaml", "toml", "json"]))
    items = draw(st.lists(st.tuples(_keys, _values), max_size=5))
    if fmt == "yaml":
        block = "---\n" + "".join(f"{k}: {v}\n" for k, v in items) + "---\n"
    elif fmt == "toml":
        block = "+++\n" + "".join(f"{k} = {v}\n" for k, v in items) + "+++\n"
    else:
        block = "{\n" + ",\n".join(f'"{k}": "{v}"' for k, v in items) + "\n}\n"
    if draw(st.booleans()):  # unterminated
        block = block[: draw(st.integers(0, max(len(block) - 1, 0)))]
    lead = draw(st.sampled_from(["", "\n", "\n\n", " \t\n"]))
    filler = draw(st.sampled_from(["", "x" * 5000 + "\n"]))  # pushes the close past the head
    body = draw(st.sampled_from(["", "Body words.\n", "---\nnot: front matter\n---\n"]))
    text = lead + block[:8] + filler * (len(block) > 8 and fmt == "yaml") + block[8:] + body
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode()
    return b"\xef\xbb\xbf" + data if draw(st.booleans()) else data


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_documents())
def test_generated_front_matter_agrees(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(data)
    os.utime(path, None)
    assert disagreements(_site(tmp_path), path) == []


@pytest.mark.parametrize(
    "data",
    [
        b"\n\n---\ntitle: Blank\n---\nbody\n",
        b"\xef\xbb\xbf\r\n---\r\ntitle: Bom CRLF\r\n---\r\nbody\r\n",
        b"---\rtitle: CR\r---\rbody\r",
        b'\n{"title": "J", "x": "}"}\nbody\n',
        b"\n+++\ntitle = 'T'\n+++\nbody\n",
        b"---\ntitle: " + b"long " * 2000 + b"\n---\nbody\n",
        b"---\ntitle: unclosed\n" + b"line\n" * 2000,
    ],
)
def test_edge_cases_agree(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(data)
    assert disagreements(_site(tmp_path), path) == []
