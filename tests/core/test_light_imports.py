"""Reading a site and showing a post load none of the libraries that serve later actions
(lossless edits, YAML configs, slugs, saving, the journal's diffs); those actions, run first
in a fresh process, load them and behave as before."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import urllib.request
from pathlib import Path

import pytest

from editor.core.preview import links

REPO = Path(__file__).resolve().parents[2]
# What each module below needs only for a later action (with what it serves).
LATER = (
    "ruamel.yaml",  # front matter the fast path leaves, one-field edits, YAML configs
    "tomlkit",  # one-field edits of TOML front matter
    "slugify",  # a new post's file name
    "text_unidecode",  # Zola slugs
    "email.utils",  # RFC 1123 dates
    "urllib.request",  # (links: url2pathname is urllib.parse.unquote on POSIX)
    "secrets",  # (storage: temp names from os.urandom)
    "hmac",
    "uuid",  # the journal's document ids
    "difflib",  # the journal's recovery diffs
    "subprocess",  # git
)
MODULES = (
    "editor.core.site.config",
    "editor.core.site.permalinks",
    "editor.core.post.model",
    "editor.core.post.form",
    "editor.core.publish.hugo_server",
    "editor.core.publish.git",
    "editor.core.safety.journal",
    "editor.core.safety.versions",
    "editor.core.preview.links",
)


def _run(code: str) -> None:
    subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        check=True,
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "INKPOST_BLOCK_QT": "1"},
    )


def test_reading_a_site_and_a_post_leaves_them_for_later(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text('title = "Blog"\nbaseURL = "https://example.org/"\n')
    post = tmp_path / "content" / "posts" / "hello.md"
    post.parent.mkdir(parents=True)
    post.write_text(
        "---\ntitle: Hello\ndate: 2026-11-20T18:00:00Z\ntags: [a, b]\ndraft: no\n---\nBody.\n"
    )
    _run(
        f"""
        import sys
        from pathlib import Path
        {"; ".join(f"import {name}" for name in MODULES)}
        from editor.core.post.model import Post
        from editor.core.site.config import load_site

        site = load_site(Path({str(tmp_path)!r}))
        assert site.title == "Blog", site
        shown = Post.load(Path({str(post)!r}))
        assert shown.metadata["tags"] == ["a", "b"] and shown.metadata["draft"] == "no"
        early = [name for name in {LATER!r} if name in sys.modules]
        assert not early, early
        """
    )


def test_the_later_actions_load_what_they_need_in_a_fresh_process(tmp_path: Path) -> None:
    """The errors that name a library's exception classes still work when that library
    is loaded only by the action that fails."""
    (tmp_path / "hugo.yaml").write_text("title: Blog\nparams:\n  a: [1, 2\n")
    _run(
        f"""
        import sys
        from pathlib import Path
        from editor.core.post.model import Post, PostError
        from editor.core.post.frontmatter import read_front_matter
        from editor.core.site.files import load_config_file
        from editor.core.site.slugs import file_slug, zola_slugify
        from editor.core.safety.journal import new_doc_id, unified_diff

        _, problems = load_config_file(Path({str(tmp_path / "hugo.yaml")!r}))
        assert problems and problems[0].line == 4, problems

        broken = read_front_matter("---\\ntitle: [a\\n---\\n")
        assert broken.broken.startswith("YAML front matter:"), broken
        assert broken.diagnostics[0].line == 3, broken.diagnostics
        templated = read_front_matter("---\\ndate: {{ .Date }}\\n---\\n")  # an archetype
        assert "date" in templated.metadata and "tomlkit" not in sys.modules

        post = Post.from_text("+++\\ntitle = 'Old'  # kept\\n+++\\n")
        assert post.with_field("title", "New").text == "+++\\ntitle = 'New'  # kept\\n+++\\n"
        post = Post.from_text("---\\ntitle: Old  # kept\\nx: 1\\n---\\n")
        assert post.with_field("title", "New").text == "---\\ntitle: New  # kept\\nx: 1\\n---\\n"
        try:
            Post.from_text("+++\\n+++\\n").with_field("title", None)
        except PostError as error:
            assert "TOML has no empty value" in str(error), error
        else:
            raise AssertionError("no error")

        assert file_slug("Café au lait") == "cafe-au-lait"
        assert zola_slugify("Ça va") == "ca-va"
        assert len(new_doc_id()) == 32
        assert unified_diff("a\\n", "b\\n", "old", "new").splitlines()[-2:] == ["-a", "+b"]
        """
    )


@pytest.mark.parametrize("path", ["/a/b%20c.md", "", "/%C3%A9t%C3%A9/x", "rel/p%2Fq", "/a%zz"])
def test_links_turn_urls_into_paths_as_urllib_request_does(path: str) -> None:
    assert links.url2pathname(path) == urllib.request.url2pathname(path)
