"""Front matter against hostile and odd input (tests/hostile/frontmatter-*.md): a billion
laughs of YAML aliases, nesting hundreds deep, impossible dates, broken YAML and TOML. Each
gets a Diagnostic with the file and line, in the editor's Post, the library's fast read and
the CLI, in bounded time; what Hugo refuses is an error, what Hugo reads is read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.diagnostics import Severity
from editor.core.library.scan import read_post, walk_content
from editor.core.library.types import LibrarySite
from editor.core.post.frontmatter import (
    MAX_DEPTH,
    FrontMatterError,
    alias_limit,
    check_bounds,
    flow_depth_over,
    read_front_matter,
)
from editor.core.post.model import Post
from editor.core.site.config import SiteConfig
from tests.hugo_site import HugoSite

HOSTILE = Path(__file__).resolve().parents[2] / "hostile"
ROOT = Path(__file__).resolve().parents[3]

# file -> (line of the error, words in its message, the title Inkpost still reads)
ERRORS: dict[str, tuple[int, str, str]] = {
    "frontmatter-billion-laughs.md": (2, "too many YAML aliases", ""),
    "frontmatter-impossible-date.md": (3, "'date' is not a date Hugo can read", "Bad date"),
    "frontmatter-impossible-month.md": (3, "'date' is not a date Hugo can read", "Bad date"),
    "frontmatter-deep-yaml.md": (2, "nested too deeply", ""),
    "frontmatter-deep-json.md": (1, "nested too deeply", ""),
    "frontmatter-broken-yaml.md": (4, "YAML front matter", ""),
    "frontmatter-broken-toml.md": (3, "TOML front matter", ""),
}


def _error(diagnostics: Any) -> Any:
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    assert len(errors) == 1, diagnostics
    return errors[0]


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_the_editor_gets_a_located_error_and_keeps_the_text(name: str) -> None:
    line, words, title = ERRORS[name]
    path = HOSTILE / name
    post = Post.load(path)
    error = _error(post.diagnostics)
    assert (error.file, error.line) == (path, line)
    assert words in error.message
    assert post.title == title
    assert post.text == path.read_text(encoding="utf-8")  # shown as text, nothing lost
    assert "Body" in post.body


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_the_library_reads_the_same_problem(name: str, tmp_path: Path) -> None:
    line, words, title = ERRORS[name]
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / name).write_bytes((HOSTILE / name).read_bytes())
    site = LibrarySite.from_site(SiteConfig.hugo_defaults(tmp_path))
    (found,) = walk_content(site)
    read = read_post(site, found)
    assert read is not None
    entry = read[0]
    error = _error(entry.diagnostics)
    assert error.line == line and words in error.message
    assert entry.title == title


def test_the_cli_reports_every_case_and_exits_1() -> None:
    paths = [str(HOSTILE / name) for name in sorted(ERRORS)]
    done = subprocess.run(
        [sys.executable, "-m", "editor", "stats", "--json", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    for name, (line, _words, _title) in ERRORS.items():
        assert f"{HOSTILE / name}:{line}: error:" in done.stderr


def test_aliases_hugo_reads_are_read() -> None:
    post = Post.load(HOSTILE / "frontmatter-aliases-fine.md")
    assert post.diagnostics == ()
    assert post.metadata["k49"] == ["go", "rust"]


@pytest.mark.hugo
def test_hugo_refuses_the_laughs_and_the_impossible_date_and_reads_the_rest(
    tmp_path: Path,
) -> None:
    site = HugoSite(tmp_path)
    for name in ("frontmatter-billion-laughs.md", "frontmatter-impossible-date.md"):
        site.add(f"posts/{name}", (HOSTILE / name).read_bytes())
        result = site.run()
        assert result.returncode != 0 and name in result.stderr + result.stdout
        (site.root / "content" / "posts" / name).unlink()
    site.add("posts/fine.md", (HOSTILE / "frontmatter-aliases-fine.md").read_bytes())
    assert site.run().returncode == 0


def _ladder(levels: int, width: int) -> str:
    """A YAML block where each level lists `width` aliases of the level below."""
    lines = ["title: Ladder", "l0: &l0 [" + ", ".join(["x"] * width) + "]"]
    for level in range(1, levels + 1):
        refs = ", ".join([f"*l{level - 1}"] * width)
        lines.append(f"l{level}: &l{level} [{refs}]")
    return "---\n" + "\n".join(lines) + "\n---\nBody\n"


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=12), st.integers(min_value=1, max_value=12))
def test_alias_ladders_are_read_or_refused_in_bounded_work(levels: int, width: int) -> None:
    text = _ladder(levels, width)
    front = read_front_matter(text)
    # Hugo's rule: at the deepest level, width ** (levels + 1) lists (plus the others above)
    deepest = width**levels if levels else 0
    if deepest > alias_limit(len(text)):
        assert front.metadata == {} and "aliases" in front.diagnostics[0].message
    elif deepest * width < 100_000:
        assert front.diagnostics == () and front.metadata["title"] == "Ladder"


@settings(max_examples=40, deadline=None)
@given(
    st.one_of(st.integers(min_value=1, max_value=150), st.integers(min_value=150, max_value=6000)),
    st.sampled_from(["yaml", "json", "toml"]),
)
def test_nesting_of_any_depth_is_read_or_refused(depth: int, fmt: str) -> None:
    nested = "[" * depth + "]" * depth
    text = {
        "yaml": f"---\ntitle: Deep\nx: {nested}\n---\nBody\n",
        "json": f'{{"title": "Deep", "x": {nested}}}\nBody\n',
        "toml": f"+++\ntitle = 'Deep'\nx = {nested}\n+++\nBody\n",
    }[fmt]
    front = read_front_matter(text)
    if depth < MAX_DEPTH:
        assert front.metadata.get("title") == "Deep", front.diagnostics
    else:
        assert front.metadata == {} and front.diagnostics[0].severity is Severity.ERROR


def test_check_bounds_stops_at_the_first_bound() -> None:
    shared: list[Any] = ["x"] * 10
    for _ in range(30):  # 10 ** 30 values once expanded: never walked
        shared = [shared] * 10
    with pytest.raises(FrontMatterError, match="aliases"):
        check_bounds({"top": shared}, 500)


@pytest.mark.parametrize(
    ("content", "limit", "over"),
    [
        ("a: [x, [y]]", 2, False),
        ("a: [x, [y]]", 1, True),
        ("a: \"[[[[\"\nb: '{{{{'\nc: [x] # [[[[\n", 1, False),
        ("a: [[[x]]]\nb: [[[y]]]\n", 3, False),
        ("a: " + "[" * 101, 100, True),
        ("a: |\n  ]]]] closing signs in text\nb: [[x]]\n", 2, False),
    ],
)
def test_flow_depth_is_measured_before_parsing(content: str, limit: int, over: bool) -> None:
    """ruamel's scanner is quadratic in flow depth (3,000 levels took 7 s): measured first."""
    assert flow_depth_over(content, limit) is over


def test_a_toml_error_names_the_file_line_in_its_message() -> None:
    from editor.core.post.model import Post

    post = Post.from_bytes(b'+++\ntitle = "x"\ndate = 2024-01-01\nbroken = = 1\n+++\nBody\n')
    problem = post.diagnostics[0]
    assert problem.line == 4 and "at line 4" in problem.message
