"""The whole-site check on several processes finds exactly what one process finds."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from editor.core.checks import SiteChecker, site_pass
from editor.core.checks.facts import PostRecord, SiteFacts
from editor.core.post.model import Post
from editor.core.site.config import load_site
from tests.core.checks.test_checks import NOW, make_site, post

POSTS = {
    "content/posts/a.md": post(
        "See [d](/posts/d/) and [gone](/posts/nowhere/).\n", extra="slug: same\n"
    ),
    "content/posts/b.md": post(
        "[rel](../a/) [md](missing.md) ![](/img/none.png)\n", extra="slug: same\n"
    ),
    "content/posts/c.md": post("#### Deep\n", extra="url: /posts/d/\naliases: [/old/]\n"),
    "content/posts/d.md": post("Text.\n", extra="aliases: [/old/]\n"),
    "content/posts/bundle/index.md": post("![alt](cover.png) [d](/posts/d/)\n"),
    "content/posts/bundle/cover.png": "png",
    "content/notes/e.md": "---\ntitle: [unclosed\n---\nBody.\n",
    "content/notes/f.md": post("```nolang\nx\n```\n"),
}


@pytest.fixture
def site_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(site_pass, "POOL_MIN", 1)
    monkeypatch.setattr(site_pass, "CHUNK", 3)
    (tmp_path / "site").mkdir()
    return make_site(tmp_path / "site", POSTS).resolve()


def findings(root: Path, workers: int, paths: list[Path] | None = None) -> list[tuple[str, ...]]:
    report = SiteChecker(load_site(root), now=NOW).check_site(paths, workers=workers)
    return [
        (str(d.file.relative_to(root)) if d.file else "", str(d.line), str(d.code), d.message)
        for d in report.diagnostics
    ]


def test_the_pool_finds_what_one_process_finds(site_root: Path) -> None:
    alone = findings(site_root, 1)
    assert findings(site_root, 2) == alone
    found = {(file, code) for file, _line, code, _message in alone}
    assert {
        ("content/posts/a.md", "duplicate-slug"),
        ("content/posts/a.md", "broken-link"),
        ("content/posts/b.md", "broken-link"),
        ("content/posts/b.md", "missing-image"),
        ("content/posts/c.md", "duplicate-url"),
        ("content/posts/d.md", "duplicate-alias"),
        ("content/notes/e.md", "front-matter"),
        ("content/notes/f.md", "unknown-code-language"),
    } <= found
    links = [m for file, _l, code, m in alone if code == "broken-link" and file.endswith("a.md")]
    assert links == ["link '/posts/nowhere/' points at no page or file of the site"]


def test_checking_some_posts_compares_them_with_all(site_root: Path) -> None:
    notes = [site_root / "content" / "notes"]
    assert findings(site_root, 2, notes) == findings(site_root, 1, notes)
    report = SiteChecker(load_site(site_root), now=NOW).check_site(
        [site_root / "content/posts/d.md"], workers=2
    )
    assert report.posts == 1
    assert [d.code for d in report.diagnostics] == ["duplicate-url", "duplicate-alias"]


def test_after_the_pool_one_post_is_checked_against_the_facts(site_root: Path) -> None:
    checker = SiteChecker(load_site(site_root), now=NOW)
    assert checker.check_site(workers=2).posts == 7
    assert checker.facts.gathered and len(checker.facts.records) == 7
    edited = Post.load(site_root / "content/posts/d.md")
    edited = edited.with_text(edited.text.replace("/old/", "/new/"))
    # the alias is no longer shared; the URL still is
    assert [d.code for d in checker.check_post(edited)] == ["duplicate-url"]


def test_a_cancelled_pool_reports_what_it_checked(
    site_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    added: list[Path] = []
    add = SiteFacts.add

    def recording(self: SiteFacts, record: PostRecord) -> None:
        added.append(record.path)
        add(self, record)

    monkeypatch.setattr(SiteFacts, "add", recording)
    report = SiteChecker(load_site(site_root), now=NOW).check_site(
        cancel=lambda: bool(added), workers=2
    )
    assert 0 < report.posts < 7  # the first chunk only


def test_no_cyclic_gc_while_the_results_are_merged(
    site_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    enabled: list[bool] = []
    add = SiteFacts.add

    def recording(self: SiteFacts, record: PostRecord) -> None:
        enabled.append(gc.isenabled())
        add(self, record)

    monkeypatch.setattr(SiteFacts, "add", recording)
    assert gc.isenabled()
    SiteChecker(load_site(site_root), now=NOW).check_site(workers=2)
    assert enabled and not any(enabled)
    assert gc.isenabled()
