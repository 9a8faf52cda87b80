"""`publish` on real repositories: a bare remote, a second clone pushing in between."""

from __future__ import annotations

import http.server
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from editor.core.publish import PublishOptions, plan_publish, publish
from editor.core.publish import execute as execute_module
from editor.core.publish.runner import GitOutput
from editor.core.site.config import load_site
from tests.core.publish.repos import (
    clone,
    commit_all,
    files_in,
    git,
    log,
    post_text,
    published_site,
    write,
)


def run(site_dir: Path, posts: list[Path], **options: object) -> execute_module.PublishResult:
    site = load_site(site_dir)
    chosen = PublishOptions(**options)  # type: ignore[arg-type]
    plan = plan_publish(site, posts, chosen)
    assert not plan.blocked, plan.reason
    return publish(site, plan, chosen)


def test_publish_commits_exactly_the_post_and_pushes(tmp_path: Path) -> None:
    site_dir, remote = published_site(tmp_path)
    bundle = site_dir / "content/posts/trip"
    body = "![map](map.png) ![logo](/img/logo.png)\n"
    index = write(bundle / "index.md", post_text("Trip", body=body))
    write(bundle / "map.png", "png")
    write(site_dir / "static/img/logo.png", "png")
    write(site_dir / "static/img/unused.png", "png")
    staged = write(site_dir / "content/posts/staged.md", post_text("Staged"))
    git(site_dir, "add", "content/posts/staged.md")
    write(site_dir / "content/posts/old.md", post_text("Old", body="Changed.\n"))
    write(site_dir / "content/posts/untracked.md", post_text("Untracked"))
    steps: list[str] = []

    site = load_site(site_dir)
    plan = plan_publish(site, [index], PublishOptions())
    result = publish(site, plan, PublishOptions(message="A trip"), steps.append)

    assert result.ok, result.message
    assert result.pushed and not result.pulled
    assert result.committed == git(site_dir, "rev-parse", "HEAD").strip()
    assert git(remote, "rev-parse", "main").strip() == result.committed
    assert log(remote, "main")[0] == "A trip"
    assert sorted(files_in(site_dir)) == [
        "content/posts/trip/index.md",
        "content/posts/trip/map.png",
        "static/img/logo.png",
    ]
    # the user's other work is as it was: staged stays staged, the rest untouched
    status = git(site_dir, "status", "--porcelain")
    assert "A  content/posts/staged.md" in status
    assert " M content/posts/old.md" in status
    assert "?? content/posts/untracked.md" in status
    assert "?? static/img/unused.png" in status
    assert staged.exists()
    assert steps == list(result.steps) and steps[-1] == "Push to origin/main"
    assert "pushed to origin/main" in result.message


def test_undraft_and_set_date_are_lossless_edits_before_the_commit(tmp_path: Path) -> None:
    site_dir, _remote = published_site(tmp_path)
    text = (
        "---\n# keep me\ntitle:   'Spaced'\ndraft: true\ndate: 2020-01-01\n"
        "tags: [a, b]\n---\nBody\n"
    )
    post = write(site_dir / "content/posts/d.md", text)
    now = datetime(2026, 5, 6, 7, 8, 9, tzinfo=timezone(timedelta(hours=2)))
    result = run(site_dir, [post], undraft=True, set_date=True, now=now)

    assert result.ok, result.message
    written = post.read_text(encoding="utf-8")
    assert written == text.replace("draft: true", "draft: false").replace(
        "date: 2020-01-01", "date: 2026-05-06T07:08:09+02:00"
    )
    assert git(site_dir, "show", "HEAD:content/posts/d.md") == written
    assert any(step.startswith("Set draft = false and date = now") for step in result.steps)


def test_behind_the_upstream_pulls_with_a_merge_then_pushes(tmp_path: Path) -> None:
    site_dir, remote = published_site(tmp_path)
    other = clone(remote, tmp_path / "other")
    write(other / "content/posts/from-other.md", post_text("Other"))
    commit_all(other, "from the other clone")
    git(other, "push", "-q")
    post = write(site_dir / "content/posts/mine.md", post_text("Mine"))

    result = run(site_dir, [post], message="mine")

    assert result.ok, result.message
    assert result.pulled and result.pushed
    assert any("(merge)" in step for step in result.steps)
    history = log(remote, "main")
    assert "mine" in history and "from the other clone" in history
    assert len(git(remote, "rev-list", "--merges", "main").split()) == 1


def test_a_repository_that_pulls_with_rebase_is_rebased(tmp_path: Path) -> None:
    site_dir, remote = published_site(tmp_path)
    git(site_dir, "config", "pull.rebase", "true")
    other = clone(remote, tmp_path / "other")
    write(other / "content/posts/from-other.md", post_text("Other"))
    commit_all(other, "from the other clone")
    git(other, "push", "-q")
    post = write(site_dir / "content/posts/mine.md", post_text("Mine"))

    result = run(site_dir, [post], message="mine")

    assert result.ok, result.message
    assert log(remote, "main")[:2] == ["mine", "from the other clone"]
    assert git(remote, "rev-list", "--merges", "main").strip() == ""


@pytest.mark.parametrize("rebase", [False, True])
def test_a_conflict_stops_with_the_repository_as_git_left_it(tmp_path: Path, rebase: bool) -> None:
    site_dir, remote = published_site(tmp_path)
    git(site_dir, "config", "pull.rebase", "true" if rebase else "false")
    other = clone(remote, tmp_path / "other")
    write(other / "content/posts/old.md", post_text("Old", body="Their words.\n"))
    commit_all(other, "theirs")
    git(other, "push", "-q")
    post = write(site_dir / "content/posts/old.md", post_text("Old", body="My words.\n"))
    remote_head = git(remote, "rev-parse", "main").strip()

    result = run(site_dir, [post], message="mine")

    assert not result.ok and not result.pushed
    assert "conflict in content/posts/old.md" in result.message
    finish = "git rebase --continue" if rebase else "git merge --abort"
    assert finish in result.message
    assert git(remote, "rev-parse", "main").strip() == remote_head  # nothing pushed
    text = post.read_text(encoding="utf-8")
    assert "My words." in text and "Their words." in text and "<<<<<<<" in text
    assert result.committed is not None
    assert "My words." in git(site_dir, "show", f"{result.committed}:content/posts/old.md")
    git_dir = site_dir / ".git"
    assert (git_dir / ("rebase-merge" if rebase else "MERGE_HEAD")).exists()


def test_a_remote_that_refuses_the_push(tmp_path: Path) -> None:
    site_dir, remote = published_site(tmp_path)
    hook = write(
        remote / "hooks/pre-receive", "#!/bin/sh\necho 'no pushes on Sunday' >&2\nexit 1\n"
    )
    hook.chmod(0o755)
    post = write(site_dir / "content/posts/a.md", post_text())

    result = run(site_dir, [post])

    assert not result.ok and not result.pushed
    assert result.committed is not None
    assert "no pushes on Sunday" in result.message
    assert "not published" in result.message


def test_no_push_only_commits(tmp_path: Path) -> None:
    site_dir, remote = published_site(tmp_path)
    before = git(remote, "rev-parse", "main").strip()
    post = write(site_dir / "content/posts/a.md", post_text("Alone"))
    result = run(site_dir, [post], push=False)
    assert result.ok and result.committed and not result.pushed
    assert log(site_dir)[0] == "Publish Alone"
    assert git(remote, "rev-parse", "main").strip() == before


def test_nothing_to_commit_still_pushes_what_is_ahead(tmp_path: Path) -> None:
    site_dir, remote = published_site(tmp_path)
    post = write(site_dir / "content/posts/a.md", post_text())
    commit_all(site_dir, "committed earlier")
    result = run(site_dir, [post])
    assert result.ok and result.committed is None and result.pushed
    assert log(remote, "main")[0] == "committed earlier"


def test_a_branch_without_upstream_is_named(tmp_path: Path) -> None:
    site_dir, _remote = published_site(tmp_path)
    git(site_dir, "switch", "-q", "-c", "local-only")
    post = write(site_dir / "content/posts/a.md", post_text())
    result = run(site_dir, [post])
    assert not result.ok and result.committed is not None
    assert "'local-only' has no upstream" in result.message


def test_push_auto_setup_remote_is_followed(tmp_path: Path) -> None:
    site_dir, remote = published_site(tmp_path)
    git(site_dir, "config", "push.autoSetupRemote", "true")
    git(site_dir, "switch", "-q", "-c", "new-branch")
    post = write(site_dir / "content/posts/a.md", post_text())
    result = run(site_dir, [post])
    assert result.ok, result.message
    assert git(remote, "rev-parse", "new-branch").strip() == result.committed
    upstream = git(site_dir, "rev-parse", "--abbrev-ref", "@{upstream}").strip()
    assert upstream == "origin/new-branch"


def test_the_repository_is_checked_again_when_publishing(tmp_path: Path) -> None:
    site_dir, _remote = published_site(tmp_path)
    post = write(site_dir / "content/posts/a.md", post_text())
    site = load_site(site_dir)
    plan = plan_publish(site, [post], PublishOptions())
    git(site_dir, "checkout", "-q", "--detach", "HEAD")
    result = publish(site, plan, PublishOptions())
    assert not result.ok and result.committed is None
    assert "HEAD is detached" in result.message


def test_git_add_all_is_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_dir, _remote = published_site(tmp_path)
    post = write(site_dir / "content/posts/a.md", post_text())
    write(site_dir / "content/posts/b.md", post_text())
    seen: list[list[str]] = []
    real = execute_module.run_git

    def spy(args: list[str], cwd: Path, **kwargs: object) -> GitOutput:
        seen.append(list(args))
        return real(args, cwd, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(execute_module, "run_git", spy)
    result = run(site_dir, [post])
    assert result.ok, result.message
    adds = [args for args in seen if "add" in args]
    assert len(adds) == 1
    assert not {"-A", "--all", ".", "-u", "--update"} & set(adds[0])
    assert "--pathspec-from-file" in adds[0]
    assert files_in(site_dir) == ["content/posts/a.md"]


class _AskForPassword(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="blog"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_an_authentication_failure_shows_git_s_message_and_never_prompts(
    tmp_path: Path,
) -> None:
    site_dir, _remote = published_site(tmp_path)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _AskForPassword)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/blog.git"
        git(site_dir, "remote", "set-url", "origin", url)
        post = write(site_dir / "content/posts/a.md", post_text())
        result = run(site_dir, [post])
    finally:
        server.shutdown()
        server.server_close()
    assert not result.ok and not result.pushed and result.committed is not None
    assert "terminal prompts disabled" in result.message
    assert "Username" in result.message


def test_file_names_are_taken_literally(tmp_path: Path) -> None:
    site_dir, _remote = published_site(tmp_path)
    odd = write(site_dir / "content/posts/:odd*[x].md", post_text("Odd"))
    accent = write(site_dir / "content/posts/café été.md", post_text("Café"))
    write(site_dir / "content/posts/:odd-other-x.md", post_text("Other"))  # the glob matches
    write(site_dir / "content/posts/x.md", post_text("X"))

    result = run(site_dir, [odd, accent])

    assert result.ok, result.message
    committed = git(site_dir, "show", "--name-only", "-z", "--format=", "HEAD").split("\0")
    assert sorted(filter(None, committed)) == [
        "content/posts/:odd*[x].md",
        "content/posts/café été.md",
    ]
    assert "?? content/posts/:odd-other-x.md" in git(site_dir, "status", "--porcelain")


def test_a_file_removed_from_a_bundle_is_removed_in_the_commit(tmp_path: Path) -> None:
    site_dir, _remote = published_site(tmp_path)
    index = write(site_dir / "content/posts/trip/index.md", post_text("Trip"))
    old_photo = write(site_dir / "content/posts/trip/old.jpg", "jpeg")
    kept = write(site_dir / "content/posts/other.jpg", "jpeg")
    commit_all(site_dir, "trip")
    old_photo.unlink()
    kept.unlink()  # not the post's: its deletion stays uncommitted
    write(index, post_text("Trip", body="Fewer photos.\n"))

    result = run(site_dir, [index])

    assert result.ok, result.message
    changes = git(site_dir, "show", "--name-status", "--format=", "HEAD").split("\n")
    assert sorted(filter(None, changes)) == [
        "D\tcontent/posts/trip/old.jpg",
        "M\tcontent/posts/trip/index.md",
    ]
    assert " D content/posts/other.jpg" in git(site_dir, "status", "--porcelain")
