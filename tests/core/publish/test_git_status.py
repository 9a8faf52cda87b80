"""`repo_status` and `RepoStatus.state_of` against real repositories."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from editor.core.publish import GitState, repo_status
from editor.core.publish.runner import GitError, run_git
from tests.core.publish.repos import (
    bare_remote,
    clone,
    commit_all,
    git,
    init_repo,
    write,
)

POST = "---\ntitle: One\n---\nText.\n"


def test_a_folder_that_is_no_repository_has_no_status(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    assert repo_status(tmp_path / "site") is None


def test_each_state_of_a_post(tmp_path: Path) -> None:
    site = init_repo(tmp_path / "site")
    write(site / ".gitignore", "public/\n*.bak\n")
    synced = write(site / "content/posts/synced.md", POST)
    modified = write(site / "content/posts/modified.md", POST)
    staged = write(site / "content/posts/staged.md", POST)
    commit_all(site, "first")
    bare_remote(tmp_path, site)
    unpushed = write(site / "content/posts/unpushed.md", POST)
    git(site, "add", "content/posts/unpushed.md")
    git(site, "commit", "-q", "-m", "second")
    modified.write_text(POST + "More.\n", encoding="utf-8")
    staged.write_text(POST + "Staged.\n", encoding="utf-8")
    git(site, "add", "content/posts/staged.md")
    new = write(site / "content/posts/new.md", POST)
    ignored = write(site / "content/posts/old.bak", POST)
    built = write(site / "public/index.html", "<p>")

    status = repo_status(site)

    assert status is not None
    assert status.root == site.resolve()
    assert (status.branch, status.upstream, status.ahead, status.behind) == (
        "main",
        "origin/main",
        1,
        0,
    )
    assert status.operation is None
    assert status.state_of(synced) is GitState.SYNCED
    assert status.state_of(modified) is GitState.MODIFIED
    assert status.state_of(staged) is GitState.STAGED
    assert status.state_of(unpushed) is GitState.UNPUSHED
    assert status.state_of(new) is GitState.NEW
    assert status.state_of(ignored) is GitState.IGNORED
    assert status.state_of(built) is GitState.IGNORED
    assert synced.resolve() not in status.states


def test_a_bundle_shows_the_worst_state_of_its_files(tmp_path: Path) -> None:
    site = init_repo(tmp_path / "site")
    bundle = site / "content/posts/trip"
    index = write(bundle / "index.md", POST)
    photo = write(bundle / "images/photo.jpg", "jpeg")
    commit_all(site)
    status = repo_status(site)
    assert status is not None and status.state_of(index) is GitState.SYNCED

    photo.write_text("another jpeg", encoding="utf-8")
    status = repo_status(site)
    assert status is not None
    assert status.state_of(index) is GitState.MODIFIED
    assert status.state_of(bundle) is GitState.MODIFIED

    git(site, "add", str(photo))
    write(bundle / "map.png", "png")
    status = repo_status(site)
    assert status is not None
    # a new file beside a tracked post: the post changed
    assert status.state_of(index) is GitState.MODIFIED
    assert status.state_of(photo) is GitState.STAGED


def test_a_new_bundle_is_new(tmp_path: Path) -> None:
    site = init_repo(tmp_path / "site")
    write(site / "README", "x")
    commit_all(site)
    index = write(site / "content/posts/trip/index.md", POST)
    write(site / "content/posts/trip/photo.jpg", "jpeg")
    status = repo_status(site)
    assert status is not None and status.state_of(index) is GitState.NEW


def test_behind_and_detached(tmp_path: Path) -> None:
    site = init_repo(tmp_path / "site")
    write(site / "content/a.md", POST)
    first = commit_all(site)
    remote = bare_remote(tmp_path, site)
    other = clone(remote, tmp_path / "other")
    write(other / "content/b.md", POST)
    commit_all(other)
    git(other, "push", "-q")
    git(site, "fetch", "-q")
    status = repo_status(site)
    assert status is not None and (status.ahead, status.behind) == (0, 1)

    git(site, "checkout", "-q", "--detach", first)
    status = repo_status(site)
    assert status is not None
    assert status.branch is None and status.upstream is None
    assert status.head == first


def test_a_site_inside_a_bigger_repository_sees_only_its_files(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    write(repo / "notes.txt", "x")
    post = write(repo / "blog/content/a.md", POST)
    status = repo_status(repo / "blog")
    assert status is not None
    assert status.root == repo.resolve()
    assert status.state_of(post) is GitState.NEW
    assert set(status.states) == {post.resolve()}


def test_an_operation_in_progress_is_named(tmp_path: Path) -> None:
    site = init_repo(tmp_path / "site")
    post = write(site / "content/a.md", POST)
    commit_all(site)
    git(site, "checkout", "-q", "-b", "other")
    post.write_text(POST + "other\n", encoding="utf-8")
    commit_all(site)
    git(site, "checkout", "-q", "main")
    post.write_text(POST + "main\n", encoding="utf-8")
    commit_all(site)
    git(site, "merge", "other", check=False)
    status = repo_status(site)
    assert status is not None
    assert status.operation == "merge"
    assert status.conflicted == (post.resolve(),)
    assert status.state_of(post) is GitState.MODIFIED


def test_git_missing_means_no_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = init_repo(tmp_path / "site")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert repo_status(site) is None
    with pytest.raises(GitError, match="git is not installed"):
        run_git(["status"], site)


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_git_that_runs_too_long_is_stopped_with_its_children(tmp_path: Path) -> None:
    site = init_repo(tmp_path / "site")
    pid_file = tmp_path / "pid"
    git(site, "config", "alias.linger", f"!echo $$ > {pid_file}; sleep 30; echo done")
    started = time.monotonic()
    with pytest.raises(GitError, match=r"did not finish within 0\.5 seconds"):
        run_git(["linger"], site, timeout=0.5)
    assert time.monotonic() - started < 5
    shell = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _alive(shell) and time.monotonic() < deadline:
        time.sleep(0.01)  # polls a condition with a deadline
    assert not _alive(shell)


def test_output_past_the_bound_is_cut(tmp_path: Path) -> None:
    site = init_repo(tmp_path / "site")
    done = run_git(["--version"], site, limit=5)
    assert done.ok and done.truncated and done.stdout == b"git v"


def test_short_output_takes_no_buffer_of_the_bound(tmp_path: Path) -> None:
    site = init_repo(tmp_path / "site")
    tracemalloc.start()
    try:
        done = run_git(["--version"], site, limit=64 * 1024 * 1024)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert done.ok and done.stdout.startswith(b"git version") and not done.truncated
    assert peak < 1024 * 1024


def test_paths_through_a_symlink_or_a_translated_index(tmp_path: Path) -> None:
    site = init_repo(tmp_path / "site")
    write(site / "README", "x")
    commit_all(site)
    index = write(site / "content/posts/trip/index.fr.md", POST)
    git(site, "add", str(index))
    git(site, "commit", "-q", "-m", "trip")
    write(site / "content/posts/trip/photo.jpg", "jpeg")
    link = tmp_path / "link"
    link.symlink_to(site)

    status = repo_status(link)

    assert status is not None and status.root == site.resolve()
    assert status.state_of(link / "content/posts/trip/index.fr.md") is GitState.MODIFIED
    assert status.state_of(Path("relative/elsewhere.md")) is GitState.SYNCED
    assert status.state_of(link / "README") is GitState.SYNCED
