"""LibraryIndex: scanning a site, the SQLite cache, search, sort and filters (no Qt)."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from editor.core.library import index as library
from editor.core.library import scan as library_scan
from editor.core.library.index import LibraryIndex, scan_site
from editor.core.library.types import (
    LibraryFilter,
    LibrarySite,
    PostState,
    ScanProgress,
    SortKey,
)
from editor.core.site.config import find_site
from tests.files import TINY_PNG

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def site(tmp_path: Path) -> LibrarySite:
    root = tmp_path / "site"
    write(root, "_index.md", "---\ntitle: Home\n---\n")
    write(root, "posts/_index.md", "---\ntitle: Posts\n---\n")
    write(
        root,
        "posts/first.md",
        "---\ntitle: First steps\ndate: 2024-01-02\ntags: [hugo, python]\n"
        "categories: [guides]\n---\n\nStatic site generators are fun to write about.\n",
    )
    write(
        root,
        "posts/draft.md",
        "+++\ntitle = 'A draft'\ndate = 2025-03-04T05:06:07+02:00\ndraft = true\n"
        "tags = ['hugo']\n+++\nNot finished: qt widgets everywhere.\n",
    )
    write(
        root,
        "posts/future/index.md",
        '{\n  "title": "Tomorrow",\n  "publishDate": "2030-01-01T00:00:00Z",\n'
        '  "tags": ["Later"]\n}\nBundled post body.\n',
    )
    write(root, "posts/future/notes.md", "---\ntitle: a resource, not a post\n---\n")
    write(root, "posts/future/image.png", TINY_PNG)
    write(
        root,
        "posts/old.md",
        "---\ntitle: Old news\ndate: 2020-01-01\nexpiryDate: 2021-01-01\n---\nexpired body\n",
    )
    write(root, "notes/broken.md", "---\ntitle: [unclosed\ndate: x\n---\nbody words here\n")
    write(root, "about.md", "No front matter at all, just words.\n")
    write(root, "posts/hello.fr.md", "---\ntitle: Bonjour\ndate: 2024-01-03\n---\nSalut.\n")
    site = LibrarySite.simple(root)
    return LibrarySite(
        root=site.root,
        content_dirs=site.content_dirs,
        languages=("en", "fr"),
        taxonomies=("tags", "categories"),
        archetype_dirs=site.archetype_dirs,
    )


@pytest.fixture
def index(site: LibrarySite, tmp_path: Path) -> LibraryIndex:
    idx = LibraryIndex.open(site, tmp_path / "cache" / "library.sqlite")
    idx.scan()
    yield idx
    idx.close()


def test_scan_lists_posts_not_sections_or_bundle_resources(index: LibraryIndex) -> None:
    assert sorted(index.entries) == [
        "content/about.md",
        "content/notes/broken.md",
        "content/posts/draft.md",
        "content/posts/first.md",
        "content/posts/future/index.md",
        "content/posts/hello.fr.md",
        "content/posts/old.md",
    ]
    bundle = index.get("content/posts/future/index.md")
    assert bundle is not None and bundle.bundle and bundle.display_title == "Tomorrow"


def test_entry_fields_follow_hugo(index: LibraryIndex) -> None:
    first = index.get("content/posts/first.md")
    assert first is not None
    assert first.title == "First steps"
    assert first.date == datetime(2024, 1, 2, tzinfo=UTC)
    assert first.publish_date == first.date and first.lastmod == first.date
    assert first.taxonomies == {"tags": ("hugo", "python"), "categories": ("guides",)}
    assert first.section == "posts" and first.language == "en"
    assert first.words == 8 and first.reading_time == 1
    assert index.summary(first).startswith("Static site generators")
    draft = index.get("content/posts/draft.md")
    assert draft is not None and draft.draft
    assert draft.date is not None and draft.date.utcoffset() is not None
    assert draft.date.isoformat() == "2025-03-04T05:06:07+02:00"
    about = index.get("content/about.md")
    assert about is not None and about.section == "" and about.display_title == "about"


def test_translations_grouped_by_language(index: LibraryIndex) -> None:
    fr = index.get("content/posts/hello.fr.md")
    assert fr is not None and fr.language == "fr"
    assert fr.translation_key == "posts/hello.md"
    assert [e.language for e in index.translations(fr)] == ["fr"]
    assert dict(index.languages()) == {"en": 6, "fr": 1}


def test_bad_front_matter_is_listed_with_a_warning(index: LibraryIndex) -> None:
    broken = index.get("content/notes/broken.md")
    assert broken is not None
    assert broken.has_warning and broken.display_title == "broken"
    assert "YAML" in broken.diagnostics[0].message
    assert broken.diagnostics[0].line == 3  # where PyYAML notices it


def test_states(index: LibraryIndex) -> None:
    def state(rel: str) -> PostState:
        entry = index.get(rel)
        assert entry is not None
        return entry.state(NOW)

    assert state("content/posts/draft.md") is PostState.DRAFT
    assert state("content/posts/future/index.md") is PostState.SCHEDULED
    assert state("content/posts/old.md") is PostState.EXPIRED
    assert state("content/posts/first.md") is PostState.PUBLISHED
    drafts = index.posts(LibraryFilter(states=frozenset({PostState.DRAFT})), now=NOW)
    assert [e.rel_path for e in drafts] == ["content/posts/draft.md"]


def test_sort_and_filter(index: LibraryIndex) -> None:
    by_date = [e.title for e in index.posts(sort=SortKey.DATE)][:3]
    assert by_date == ["Tomorrow", "A draft", "Bonjour"]  # date falls back to publishDate
    by_title = [e.display_title for e in index.posts(sort=SortKey.TITLE)][:3]
    assert by_title == ["A draft", "about", "Bonjour"]
    posts = index.posts(LibraryFilter(section="posts"))
    assert len(posts) == 5
    hugo = index.posts(LibraryFilter(taxonomy="tags", term="HUGO"))
    assert sorted(e.title for e in hugo) == ["A draft", "First steps"]
    assert index.terms("tags")[0] == ("hugo", 2)
    assert dict(index.sections()) == {"": 1, "notes": 1, "posts": 5}
    os.utime(index.entries["content/about.md"].path, ns=(1, 4_000_000_000_000_000_000))
    index.scan()
    assert index.posts(sort=SortKey.MODIFIED)[0].rel_path == "content/about.md"


def test_search_prefix_phrase_snippet_and_bad_syntax(index: LibraryIndex) -> None:
    hits = index.search("gener")
    assert [h.entry.title for h in hits] == ["First steps"]
    start, end = hits[0].highlights[0]
    assert hits[0].snippet[start:end] == "generators"
    assert [h.entry.title for h in index.search('"static site"')] == ["First steps"]
    assert index.search('"site static"') == []
    assert [h.entry.title for h in index.search("python")] == ["First steps"]  # a tag
    for bad in ('"unclosed', "AND", "(", "tags:", "*", "NEAR(", '"', "^x"):
        index.search(bad)  # must not raise
    assert [h.entry.title for h in index.search('"qt widg')] == ["A draft"]
    drafts_only = LibraryFilter(states=frozenset({PostState.DRAFT}))
    assert [h.entry.title for h in index.search("hugo", drafts_only)] == ["A draft"]


def test_reopen_reads_no_file(
    site: LibrarySite, index: LibraryIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "cache" / "library.sqlite"

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file was read")

    monkeypatch.setattr(library, "read_post", no_reading)
    again = LibraryIndex.open(site, db)
    assert again.entries == index.entries
    result = again.scan()
    assert result.read == 0 and result.reused == 7
    again.close()


def test_rescan_picks_up_changes(site: LibrarySite, index: LibraryIndex) -> None:
    write(site.root, "posts/new.md", "---\ntitle: Brand new\n---\nfresh words\n")
    (site.root / "content/posts/old.md").unlink()
    path = site.root / "content/posts/first.md"
    path.write_text("---\ntitle: First, edited\n---\nchanged\n", encoding="utf-8")
    result = index.scan(folder=site.root / "content" / "posts")
    assert result.read == 2 and result.removed == 1
    assert index.get("content/posts/new.md") is not None
    assert index.get("content/posts/old.md") is None
    entry = index.get(path)
    assert entry is not None and entry.title == "First, edited"
    assert [h.entry.title for h in index.search("changed")] == ["First, edited"]
    assert index.search("generators") == []
    assert index.get("content/about.md") is not None  # outside the folder: untouched


def test_rescan_inside_a_bundle_refreshes_the_bundle(
    site: LibrarySite, index: LibraryIndex
) -> None:
    bundle = site.root / "content/posts/future"
    (bundle / "index.md").write_text('{"title": "Renamed"}\n', encoding="utf-8")
    (bundle / "sub").mkdir()
    index.scan(folder=bundle / "sub")
    entry = index.get("content/posts/future/index.md")
    assert entry is not None and entry.title == "Renamed"
    assert len(index) == 7


def test_progress_and_cancel(site: LibrarySite, tmp_path: Path) -> None:
    for i in range(250):
        write(site.root, f"bulk/p{i}.md", f"---\ntitle: Bulk {i}\n---\nbody {i}\n")
    seen: list[ScanProgress] = []
    outcome = scan_site(site, tmp_path / "a.sqlite", progress=seen.append)
    assert len(outcome.entries) == 257
    assert {p.phase for p in seen} == {"metadata", "search"}
    assert seen[-1].done == seen[-1].total == 257
    stop = threading.Event()

    def on_progress(p: ScanProgress) -> None:
        if p.done >= 100:
            stop.set()

    cancelled = scan_site(site, tmp_path / "b.sqlite", progress=on_progress, cancel=stop.is_set)
    assert cancelled.result.cancelled
    assert 100 <= len(cancelled.entries) < 257
    resumed = scan_site(site, tmp_path / "b.sqlite")
    assert resumed.result.reused >= 100 and len(resumed.entries) == 257


def test_bad_input_does_not_crash(site: LibrarySite, tmp_path: Path) -> None:
    content = site.root / "content"
    unreadable = write(site.root, "posts/secret.md", "---\ntitle: Secret\n---\n")
    unreadable.chmod(0)
    loop = content / "loop"
    loop.mkdir()
    (loop / "self").symlink_to(loop)
    (content / "dangling.md").symlink_to(content / "nowhere.md")
    (content / "selfloop.md").symlink_to(content / "selfloop.md")
    (content / "latin1.md").write_bytes(b"---\ntitle: caf\xe9\n---\nna\xefve\n")
    big = content / "assets"
    big.mkdir()
    for i in range(3000):
        (big / f"f{i}.txt").touch()
    try:
        idx = LibraryIndex.open(site, tmp_path / "bad.sqlite")
        result = idx.scan()
        secret = idx.get("content/posts/secret.md")
        if os.geteuid() != 0:
            assert secret is not None and secret.has_warning
        latin = idx.get("content/latin1.md")
        assert latin is not None and latin.has_warning and latin.title == "caf\ufffd"
        assert len(result.errors) == 2  # the dangling link and the self loop
        idx.close()
    finally:
        unreadable.chmod(0o644)


def test_file_deleted_during_scan(site: LibrarySite, tmp_path: Path) -> None:
    victim = site.root / "content/posts/first.md"

    def on_progress(p: ScanProgress) -> None:
        if p.done == 0 and p.phase == "metadata" and victim.exists():
            victim.unlink()

    outcome = scan_site(site, tmp_path / "d.sqlite", progress=on_progress)
    assert "content/posts/first.md" not in outcome.entries
    assert len(outcome.entries) == 6


def test_corrupt_index_is_rebuilt(site: LibrarySite, tmp_path: Path) -> None:
    db = tmp_path / "corrupt.sqlite"
    db.write_bytes(b"this is not a database" * 100)
    idx = LibraryIndex.open(site, db)
    assert len(idx) == 0
    idx.scan()
    assert len(idx) == 7
    idx.close()


def test_index_of_another_site_is_not_trusted(site: LibrarySite, tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite"
    scan_site(site, db)
    other = LibrarySite.simple(tmp_path / "other")
    (tmp_path / "other" / "content").mkdir(parents=True)
    assert len(LibraryIndex.open(other, db)) == 0


def test_unreadable_file_is_listed_with_an_error(
    site: LibrarySite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = str(site.root / "content/posts/first.md")
    real_open = open

    def guarded_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == secret:
            raise PermissionError(13, "Permission denied", secret)
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(library_scan, "open", guarded_open, raising=False)
    outcome = scan_site(site, tmp_path / "perm.sqlite")
    entry = outcome.entries["content/posts/first.md"]
    assert entry.has_warning and entry.display_title == "first"
    assert entry.diagnostics[0].message == "cannot read: Permission denied"


def test_languages_from_content_folders(tmp_path: Path) -> None:
    root = tmp_path / "multi"
    (root / "hugo.toml").parent.mkdir()
    (root / "hugo.toml").write_text(
        'baseURL = "https://e.org/"\ndefaultContentLanguage = "en"\n'
        "[languages.en]\ncontentDir = 'content/en'\nweight = 1\n"
        "[languages.fr]\ncontentDir = 'content/fr'\nweight = 2\n",
        encoding="utf-8",
    )
    for lang, title in (("en", "Hello"), ("fr", "Bonjour")):
        path = root / "content" / lang / "posts" / "hello.md"
        path.parent.mkdir(parents=True)
        path.write_text(f"---\ntitle: {title}\n---\n", encoding="utf-8")
    index = LibraryIndex.open(find_site(root), tmp_path / "multi.sqlite")
    index.scan()
    fr = index.get("content/fr/posts/hello.md")
    assert fr is not None and fr.language == "fr" and fr.section == "posts"
    assert [(e.language, e.title) for e in index.translations(fr)] == [
        ("en", "Hello"),
        ("fr", "Bonjour"),
    ]
    index.close()


@pytest.mark.slow
def test_a_folder_of_100000_other_files(site: LibrarySite, tmp_path: Path) -> None:
    junk = site.root / "content" / "posts" / "junk"
    junk.mkdir()
    for i in range(100_000):
        (junk / f"f{i}.txt").touch()
    outcome = scan_site(site, tmp_path / "junk.sqlite")
    assert len(outcome.entries) == 7
