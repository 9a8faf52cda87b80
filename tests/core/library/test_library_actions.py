"""New post, rename, duplicate and trash, on real files (send2trash is faked)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from editor.core.library import actions as library_actions
from editor.core.library.actions import (
    LibraryActionError,
    duplicate_post,
    new_post,
    rename_post,
    trash_post,
)
from editor.core.library.types import LibrarySite
from editor.core.post.model import Post

NOW = datetime(2026, 3, 9, 10, 11, 12, tzinfo=UTC)


@pytest.fixture
def site(tmp_path: Path) -> LibrarySite:
    (tmp_path / "content" / "posts").mkdir(parents=True)
    return LibrarySite.simple(tmp_path)


@pytest.fixture
def trashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(library_actions, "send2trash", calls.append)
    return calls


def test_new_single_file_from_builtin_archetype(site: LibrarySite) -> None:
    made = new_post(site, "Don't Panic: a guide", section="posts", now=NOW)
    assert made.path == site.root / "content/posts/dont-panic-a-guide.md"
    assert made.path.read_text(encoding="utf-8") == (
        '---\ntitle: "Don\'t Panic: a guide"\ndate: 2026-03-09T10:11:12Z\ndraft: true\n---\n\n'
    )
    post = Post.load(made.path)
    assert post.title == "Don't Panic: a guide" and post.draft and post.date == NOW


def test_new_bundle_from_section_archetype(site: LibrarySite) -> None:
    arch = site.root / "archetypes"
    arch.mkdir()
    (arch / "posts.md").write_text(
        '+++\ntitle = \'{{ replace .Name "-" " " | title }}\'\ndate = {{ .Date }}\n'
        "draft = true\ntags = []\n+++\n",
        encoding="utf-8",
    )
    made = new_post(site, "Bundle Me", section="posts", bundle=True, now=NOW)
    assert made.path == site.root / "content/posts/bundle-me/index.md"
    assert made.path.read_text(encoding="utf-8") == (
        "+++\ntitle = 'Bundle Me'\ndate = 2026-03-09T10:11:12Z\ndraft = true\ntags = []\n+++\n"
    )
    with pytest.raises(LibraryActionError):
        new_post(site, "Bundle Me", section="posts", bundle=True, now=NOW)


def test_new_bundle_copies_a_directory_archetype(site: LibrarySite) -> None:
    arch = site.root / "archetypes" / "posts"
    arch.mkdir(parents=True)
    (arch / "index.md").write_text("---\ntitle: x\ndate: {{ .Date }}\n---\n", encoding="utf-8")
    (arch / "cover.jpg").write_bytes(b"jpg")
    made = new_post(site, "With cover", section="posts", bundle=True, now=NOW)
    assert (made.path.parent / "cover.jpg").read_bytes() == b"jpg"
    assert Post.load(made.path).title == "With cover"


def test_new_post_rejects_bad_names(site: LibrarySite) -> None:
    with pytest.raises(LibraryActionError):
        new_post(site, "x", section="../outside")
    with pytest.raises(LibraryActionError):
        new_post(site, "x", slug="a/b")


def test_rename_single_file_with_translations_and_slug(site: LibrarySite) -> None:
    posts = site.root / "content/posts"
    (posts / "old.md").write_text("---\ntitle: Old\nslug: old\n---\nbody\n", encoding="utf-8")
    (posts / "old.fr.md").write_text("---\ntitle: Vieux\n---\ncorps\n", encoding="utf-8")
    new = rename_post(posts / "old.md", "fresh", title="Fresh")
    assert new == posts / "fresh.md"
    assert sorted(p.name for p in posts.iterdir()) == ["fresh.fr.md", "fresh.md"]
    assert new.read_text(encoding="utf-8") == "---\ntitle: Fresh\nslug: fresh\n---\nbody\n"
    assert (posts / "fresh.fr.md").read_text(encoding="utf-8").startswith("---\ntitle: Vieux")


def test_rename_bundle_keeps_resources(site: LibrarySite) -> None:
    bundle = site.root / "content/posts/trip"
    bundle.mkdir()
    (bundle / "index.md").write_text("---\ntitle: Trip\n---\n![](photo.jpg)\n", encoding="utf-8")
    (bundle / "photo.jpg").write_bytes(b"photo")
    new = rename_post(bundle / "index.md", "journey")
    assert new == site.root / "content/posts/journey/index.md"
    assert (new.parent / "photo.jpg").read_bytes() == b"photo"
    assert not bundle.exists()
    assert new.read_text(encoding="utf-8") == "---\ntitle: Trip\n---\n![](photo.jpg)\n"
    (site.root / "content/posts/other").mkdir()
    with pytest.raises(LibraryActionError):
        rename_post(new, "other")


def test_duplicate_single_and_bundle(site: LibrarySite) -> None:
    posts = site.root / "content/posts"
    (posts / "a.md").write_text("---\ntitle: A\ndraft: false\n---\nbody\n", encoding="utf-8")
    copy = duplicate_post(posts / "a.md")
    assert copy == posts / "a-copy.md"
    assert copy.read_text(encoding="utf-8") == "---\ntitle: A (copy)\ndraft: true\n---\nbody\n"
    assert duplicate_post(posts / "a.md") == posts / "a-copy-2.md"
    bundle = posts / "b"
    bundle.mkdir()
    (bundle / "index.md").write_text("+++\ntitle = 'B'\n+++\n", encoding="utf-8")
    (bundle / "img.png").write_bytes(b"png")
    bcopy = duplicate_post(bundle / "index.md")
    assert bcopy == posts / "b-copy" / "index.md"
    assert (posts / "b-copy" / "img.png").read_bytes() == b"png"
    assert Post.load(bcopy).title == "B (copy)" and Post.load(bcopy).draft


def test_duplicate_keeps_a_broken_post_as_it_is(site: LibrarySite) -> None:
    path = site.root / "content/posts/bad.md"
    path.write_text("---\ntitle: [oops\n---\n", encoding="utf-8")
    copy = duplicate_post(path)
    assert copy.read_bytes() == path.read_bytes()


def test_trash(site: LibrarySite, trashed: list[str]) -> None:
    posts = site.root / "content/posts"
    (posts / "a.md").write_text("x", encoding="utf-8")
    assert trash_post(posts / "a.md") == posts / "a.md"
    bundle = posts / "b"
    bundle.mkdir()
    (bundle / "index.md").write_text("x", encoding="utf-8")
    assert trash_post(bundle / "index.md") == bundle
    (bundle / "index.fr.md").write_text("x", encoding="utf-8")
    assert trash_post(bundle / "index.fr.md") == bundle / "index.fr.md"
    assert trashed == [str(posts / "a.md"), str(bundle), str(bundle / "index.fr.md")]
    with pytest.raises(LibraryActionError):
        trash_post(posts / "missing.md")


def test_trash_really_moves_to_trash(
    site: LibrarySite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plat_other = pytest.importorskip("send2trash.plat_other")
    if library_actions.send2trash is not plat_other.send2trash:
        pytest.skip("send2trash uses another backend here")
    data_home = tmp_path / "xdg"
    monkeypatch.setattr(plat_other, "XDG_DATA_HOME", os.fsencode(data_home))
    monkeypatch.setattr(plat_other, "HOMETRASH_B", os.fsencode(data_home / "Trash"))
    monkeypatch.setattr(plat_other, "HOMETRASH", str(data_home / "Trash"))
    post = site.root / "content/posts/gone.md"
    post.write_text("bye", encoding="utf-8")
    trash_post(post)
    assert not post.exists()
    assert [p.name for p in (data_home / "Trash" / "files").iterdir()] == ["gone.md"]
