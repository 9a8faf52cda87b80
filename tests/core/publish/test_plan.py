"""`plan_publish`: the files a commit takes, the checks, and the refusals."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from editor.core.diagnostics import Severity
from editor.core.post.model import Post
from editor.core.publish import PublishOptions, plan_publish
from editor.core.publish.plan import edited_post
from editor.core.site.config import load_site
from tests.core.publish.repos import (
    commit_all,
    git,
    init_repo,
    post_text,
    published_site,
    write,
)


def test_a_post_its_bundle_and_the_static_images_it_shows(tmp_path: Path) -> None:
    site_dir, _remote = published_site(tmp_path)
    bundle = site_dir / "content/posts/trip"
    index = write(
        bundle / "index.md",
        post_text("Trip", body="![map](map.png)\n\n![logo](/img/logo.png)\n![up](../../x.png)\n"),
    )
    write(bundle / "map.png", "png")
    write(bundle / "notes/extra.txt", "x")
    logo = write(site_dir / "static/img/logo.png", "png")
    write(site_dir / "static/img/unused.png", "png")
    write(site_dir / "content/posts/other.md", post_text("Other"))

    plan = plan_publish(load_site(site_dir), [bundle], PublishOptions())

    root = site_dir.resolve()
    assert plan.posts == (index.resolve(),)
    assert set(plan.files) == {
        index.resolve(),
        root / "content/posts/trip/map.png",
        root / "content/posts/trip/notes/extra.txt",
        logo.resolve(),
    }
    assert not plan.blocked and plan.reason == ""
    assert plan.default_message == "Publish Trip"
    assert (plan.branch, plan.upstream) == ("main", "origin/main")


def test_a_committed_static_image_is_not_recommitted(tmp_path: Path) -> None:
    site_dir, _remote = published_site(tmp_path)
    write(site_dir / "static/img/logo.png", "png")
    commit_all(site_dir, "logo")
    post = write(site_dir / "content/posts/a.md", post_text(body="![logo](/img/logo.png)\n"))
    plan = plan_publish(load_site(site_dir), [post], PublishOptions())
    assert plan.files == (post.resolve(),)


def test_a_non_bundle_post_finds_a_relative_static_image_from_its_url(tmp_path: Path) -> None:
    site_dir, _remote = published_site(tmp_path)
    image = write(site_dir / "static/posts/a/pic.png", "png")
    post = write(site_dir / "content/posts/a.md", post_text(body="![pic](pic.png)\n"))
    plan = plan_publish(load_site(site_dir), [post], PublishOptions())
    assert image.resolve() in plan.files


def test_check_errors_block_and_warnings_are_listed(tmp_path: Path) -> None:
    site_dir, _remote = published_site(tmp_path)
    broken = write(site_dir / "content/posts/broken.md", "---\ntitle: [unclosed\n---\nText\n")
    missing = write(site_dir / "content/posts/missing.md", post_text(body="![x](/nope.png)\n"))
    site = load_site(site_dir)

    plan = plan_publish(site, [broken], PublishOptions())
    assert plan.blocked and "error" in plan.reason
    assert plan.errors and plan.errors[0].file == broken.resolve()

    plan = plan_publish(site, [missing], PublishOptions())
    assert not plan.blocked
    assert [d.code for d in plan.problems if d.severity == Severity.WARNING] == ["missing-image"]


def test_the_checks_see_the_post_as_it_will_be_published(tmp_path: Path) -> None:
    site_dir, _remote = published_site(tmp_path)
    draft = write(site_dir / "content/posts/d.md", post_text(extra="draft: true\n"))
    site = load_site(site_dir)
    as_is = plan_publish(site, [draft], PublishOptions())
    assert "draft" in [d.code for d in as_is.problems]
    undrafted = plan_publish(site, [draft], PublishOptions(undraft=True))
    assert "draft" not in [d.code for d in undrafted.problems]
    assert draft.read_text(encoding="utf-8") == post_text(extra="draft: true\n")  # unwritten


def test_an_ignored_post_cannot_be_published(tmp_path: Path) -> None:
    site_dir, _remote = published_site(tmp_path)
    write(site_dir / ".gitignore", "public/\nsecret.md\n")
    post = write(site_dir / "content/posts/secret.md", post_text())
    plan = plan_publish(load_site(site_dir), [post], PublishOptions())
    assert plan.blocked and plan.files == ()
    assert [d.code for d in plan.errors] == ["publish"]


def test_refusals(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    write(plain / "hugo.toml", 'baseURL = "https://example.org/"\n')
    post = write(plain / "content/a.md", post_text())
    plan = plan_publish(load_site(plain), [post], PublishOptions())
    assert plan.blocked and "not in a git repository" in plan.reason

    site_dir = init_repo(tmp_path / "site")
    write(site_dir / "hugo.toml", 'baseURL = "https://example.org/"\n')
    post = write(site_dir / "content/a.md", post_text())
    head = commit_all(site_dir)
    assert plan_publish(load_site(site_dir), [], PublishOptions()).reason == "no post to publish"

    git(site_dir, "checkout", "-q", "--detach", head)
    plan = plan_publish(load_site(site_dir), [post], PublishOptions())
    assert plan.blocked and "HEAD is detached" in plan.reason


def test_a_rebase_in_progress_is_refused(tmp_path: Path) -> None:
    site_dir = init_repo(tmp_path / "site")
    write(site_dir / "hugo.toml", 'baseURL = "https://example.org/"\n')
    post = write(site_dir / "content/a.md", post_text())
    commit_all(site_dir)
    git(site_dir, "checkout", "-q", "-b", "side")
    post.write_text(post_text(body="side\n"), encoding="utf-8")
    commit_all(site_dir)
    git(site_dir, "checkout", "-q", "main")
    post.write_text(post_text(body="main\n"), encoding="utf-8")
    commit_all(site_dir)
    git(site_dir, "rebase", "side", check=False)

    plan = plan_publish(load_site(site_dir), [post], PublishOptions())

    assert plan.blocked
    assert "middle of a rebase" in plan.reason and "git rebase --continue" in plan.reason


def test_folders_of_posts_and_default_messages(tmp_path: Path) -> None:
    site_dir, _remote = published_site(tmp_path)
    for name in ("a", "b", "c", "d"):
        write(site_dir / f"content/notes/{name}.md", post_text(name.upper()))
    plan = plan_publish(load_site(site_dir), [site_dir / "content/notes"], PublishOptions())
    assert len(plan.posts) == 4
    assert plan.default_message == "Publish 4 posts: A, B, C, ..."


@pytest.mark.parametrize(
    ("text", "meta", "published"),
    [
        # Hugo: draft false, the rest as it is
        ("---\ntitle: A\ndraft: true\n---\nx\n", False, "---\ntitle: A\ndraft: false\n---\nx\n"),
        # Jekyll's unpublished post: `published: true` (a `draft: false` would leave it
        # unpublished in Jekyll, and Hugo would warn of both keys)
        (
            "---\ntitle: A\npublished: false\n---\nx\n",
            False,
            "---\ntitle: A\npublished: true\n---\nx\n",
        ),
        # Pelican's metadata lines: `Status: published`
        ("Title: A\nStatus: draft\n\nx\n", True, "Title: A\nStatus: published\n\nx\n"),
        ("Title: A\nStatus: published\n\nx\n", True, "Title: A\nStatus: published\n\nx\n"),
    ],
)
def test_undraft_writes_what_the_generator_reads(text: str, meta: bool, published: str) -> None:
    post = Post.from_text(text, meta=meta)
    edited = edited_post(post, PublishOptions(undraft=True), datetime(2026, 3, 9, tzinfo=UTC))
    assert edited.text == published
    assert not edited.draft
