"""What a click on a preview link may do, and which files the preview may load (no Qt)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.preview.links import (
    LinkKind,
    allowed_file,
    classify_link,
    content_dirs,
    site_folders,
)
from editor.core.site.config import find_site


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "content" / "posts" / "bundle").mkdir(parents=True)
    (root / "static").mkdir()
    (root / "hugo.toml").write_text('baseURL = "https://example.org/blog/"\n')
    (root / "content" / "posts" / "first.md").write_text("---\ntitle: First\n---\nHi\n")
    (root / "content" / "posts" / "bundle" / "index.md").write_text("---\ntitle: B\n---\n")
    (root / "content" / "posts" / "bundle" / "evil.sh").write_text("rm -rf ~\n")
    (tmp_path / "notes.md").write_text("outside the site\n")
    return root


def kind(url: str, root: Path) -> tuple[LinkKind, Path | None]:
    site = find_site(root)
    target = classify_link(url, content_dirs(site), site.base_url)
    return target.kind, target.path


def test_a_link_to_a_post_file_opens_it(site_root: Path) -> None:
    post = site_root / "content" / "posts" / "first.md"
    assert kind(post.as_uri(), site_root) == (LinkKind.POST, post)


def test_site_urls_from_ref_and_relref_map_back_to_posts(site_root: Path) -> None:
    bundle = site_root / "content" / "posts" / "bundle" / "index.md"
    first = site_root / "content" / "posts" / "first.md"
    assert kind("https://example.org/blog/posts/bundle/", site_root) == (LinkKind.POST, bundle)
    assert kind("file:///posts/first/", site_root) == (LinkKind.POST, first)  # "/posts/first/"
    here = (site_root / "content" / "posts" / "bundle").as_uri()
    assert kind(here + "/../first/", site_root) == (LinkKind.POST, first)  # "../first/"


def test_other_local_files_are_only_named(site_root: Path, tmp_path: Path) -> None:
    evil = site_root / "content" / "posts" / "bundle" / "evil.sh"
    assert kind(evil.as_uri(), site_root) == (LinkKind.LOCAL_FILE, evil)
    outside = tmp_path / "notes.md"
    assert kind(outside.as_uri(), site_root) == (LinkKind.LOCAL_FILE, outside)
    assert kind("file:///usr/bin/env", site_root) == (LinkKind.LOCAL_FILE, Path("/usr/bin/env"))


def test_web_links_and_other_schemes(site_root: Path) -> None:
    assert kind("https://example.com/x", site_root) == (LinkKind.WEB, None)
    assert kind("https://example.org/blog/nothing-here/", site_root) == (LinkKind.WEB, None)
    assert kind("mailto:a@example.org", site_root) == (LinkKind.WEB, None)
    for url in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vscode://file/etc/passwd",
        "smb://host/share/evil.exe",
        "file://otherhost/share/evil.exe",
        "ftp://example.org/x",
    ):
        assert kind(url, site_root)[0] is LinkKind.IGNORED, url


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_url_is_classified_without_raising(text: str) -> None:
    target = classify_link(text, (Path("/nonexistent/content"),), "https://e.org/")
    if target.kind in (LinkKind.POST, LinkKind.LOCAL_FILE):
        assert text.strip().lower().startswith(("file:", "http"))
    if target.kind is LinkKind.WEB:
        assert text.strip().lower().startswith(("http:", "https:", "mailto:"))


def test_files_load_only_from_the_site_folders(site_root: Path, tmp_path: Path) -> None:
    folders = site_folders(find_site(site_root))
    assert allowed_file(str(site_root / "static" / "a.png"), folders)
    assert allowed_file(str(site_root / "content" / "posts" / "x.png"), folders)
    assert not allowed_file(str(tmp_path / "notes.md"), folders)
    assert not allowed_file("/etc/passwd", folders)
    assert not allowed_file(str(site_root / ".." / "notes.md"), folders)
    link = site_root / "static" / "passwd"
    os.symlink("/etc/passwd", link)
    assert not allowed_file(str(link), folders)  # a link out of the site is followed
