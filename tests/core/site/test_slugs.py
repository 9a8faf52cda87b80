"""Slugs: hugo_urlize and title case equal Hugo 0.168's (golden values printed by the binary);
the slug each export generator makes of a title."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest

from editor.core.site.archetypes import hugo_title
from editor.core.site.slugs import (
    file_slug,
    hugo_make_path,
    hugo_slug,
    hugo_urlize,
    jekyll_slugify,
    target_slug,
    zola_slugify,
)
from tests.hugo_site import HugoSite

# (input, urlize, title) as printed by `{{ urlize . }}` / `{{ title . }}` in Hugo 0.168.0.
HUGO_GOLDEN = [
    ("Hello World", "hello-world", "Hello World"),
    ("  Hello   World  ", "hello-world", "  Hello   World  "),
    ("Héllo Wörld!", "h%C3%A9llo-w%C3%B6rld", "Héllo Wörld!"),
    ("C++ tips & tricks", "c++-tips-tricks", "C++ Tips & Tricks"),
    ("a--b", "a--b", "A--B"),
    ("100% sure", "100-sure", "100% Sure"),
    ("50%ab", "50%ab", "50%ab"),
    ("中文 标题", "%E4%B8%AD%E6%96%87-%E6%A0%87%E9%A2%98", "中文 标题"),
    ("x/y\\z", "x/y%5Cz", "X/Y\\z"),
    ("Don't Stop Now", "dont-stop-now", "Don't Stop Now"),
    ("über-cool_name.md", "%C3%BCber-cool_name.md", "Über-Cool_name.md"),
    (" -lead", "-lead", " -Lead"),
    ("tab\there", "tab-here", "Tab\tHere"),
    ("émile zola", "%C3%A9mile-zola", "Émile Zola"),
    ("hello, world?", "hello-world", "Hello, World?"),
    ("a — b", "a-b", "A — B"),
    ("R&D: 2024", "rd-2024", "R&D: 2024"),
]

HUGO_TITLES = [
    ("my-first-post", "My-First-Post"),
    ("a tale of two cities", "A Tale of Two Cities"),
    ("the lord of the rings", "The Lord of the Rings"),
    ("how to use hugo in 2024", "How to Use Hugo in 2024"),
    ("is it ok", "Is It Ok"),
    ("an api for the web", "An Api for the Web"),
    ("from a to b", "From a to B"),
    ("über cool", "Über Cool"),
    ("iPhone tips", "IPhone Tips"),
    ("don't stop me now", "Don't Stop Me Now"),
    ("go-to guide", "Go-to Guide"),
]


@pytest.mark.parametrize(("text", "urlized", "_title"), HUGO_GOLDEN)
def test_urlize_matches_hugo(text: str, urlized: str, _title: str) -> None:
    assert hugo_urlize(text) == urlized


@pytest.mark.parametrize(("text", "_urlized", "titled"), HUGO_GOLDEN)
def test_title_matches_hugo(text: str, _urlized: str, titled: str) -> None:
    assert hugo_title(text) == titled


@pytest.mark.parametrize(("text", "titled"), HUGO_TITLES)
def test_ap_title_case_matches_hugo(text: str, titled: str) -> None:
    assert hugo_title(text) == titled


def test_make_path_is_unescaped() -> None:
    assert hugo_make_path("Héllo Wörld!") == "héllo-wörld"


def test_file_slug() -> None:
    assert file_slug("Hello, World!") == "hello-world"
    assert file_slug("Crème brûlée at 3 AM") == "creme-brulee-at-3-am"
    assert file_slug("中文 标题") == "中文-标题"
    assert file_slug("../etc/passwd") == "etc-passwd"
    assert file_slug("!!!") == "untitled"
    assert file_slug("") == "untitled"


@pytest.mark.parametrize(
    ("title", "hugo", "jekyll", "zola"),
    [
        ("Hello, World!", "hello-world", "hello-world", "hello-world"),
        (
            "The _config.yml file",
            "the-_config.yml-file",
            "the-config-yml-file",
            "the-config-yml-file",
        ),
        ("Café crème", "café-crème", "café-crème", "cafe-creme"),
        ("中文 标题", "中文-标题", "中文-标题", "zhong-wen-biao-ti"),
        ("  --Trim me--  ", "--trim-me--", "trim-me", "trim-me"),
        ("Ελληνικά 2024", "ελληνικά-2024", "ελληνικά-2024", "ellenika-2024"),
        ("!!!", "", "", ""),
    ],
)
def test_slugs_as_each_generator_makes_them(title: str, hugo: str, jekyll: str, zola: str) -> None:
    assert hugo_slug(title) == hugo
    assert jekyll_slugify(title) == jekyll
    assert zola_slugify(title) == zola


def test_jekyll_slugify_keeps_marks_and_digits_only() -> None:
    # Jekyll's default mode: [^\p{M}\p{L}\p{Nd}]+ -> "-", one hyphen trimmed at each end.
    assert jekyll_slugify("a\u0301b ½ c") == "a\u0301b-c"
    assert jekyll_slugify("Ünïcödé & Co.") == "ünïcödé-co"


def test_target_slug_picks_the_generator_rule() -> None:
    title = "Café: A Story"
    assert target_slug("hugo", title) == hugo_slug(title) == "café-a-story"
    assert target_slug("jekyll", title) == jekyll_slugify(title) == "café-a-story"
    assert target_slug("zola", title) == zola_slugify(title) == "cafe-a-story"


SEGMENT_TITLES = [
    "A/B testing at scale",
    "Features / Mods",
    "C# tips / tricks",
    "a\\b c",
    "-Lead / trail-",
    "Café crème: 中文",
    "The _config.yml file",
]


def test_hugo_slug_is_hugos_title_segment(tmp_path: Path) -> None:
    """A title in a permalink (`:title`) is the segment hugo_slug makes: a `/` separates words
    there, where `urlize` alone keeps it (a/b-testing-at-scale)."""
    site = HugoSite(tmp_path, config={"permalinks": {"posts": "/:section/:title/"}})
    for number, title in enumerate(SEGMENT_TITLES):
        site.add(f"posts/p{number}.md", f"---\ntitle: {json.dumps(title)}\n---\nx\n")
    (tmp_path / "layouts" / "home.json").write_text(
        "{{ $out := dict }}{{ range .Site.RegularPages }}"
        "{{ $out = merge $out (dict .Title .RelPermalink) }}{{ end }}{{ $out | jsonify }}",
        encoding="utf-8",
    )
    done = site.run("--quiet")
    assert done.returncode == 0, done.stderr
    links = json.loads((tmp_path / "public" / "index.json").read_text(encoding="utf-8"))
    made = {
        title: unquote(link.removeprefix("/posts/").removesuffix("/"))
        for title, link in links.items()
    }
    assert made == {title: hugo_slug(title) for title in SEGMENT_TITLES}
    assert hugo_urlize("A/B testing") == "a/b-testing"  # what the template function gives
