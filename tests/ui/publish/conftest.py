"""Real git repositories for the publish UI tests: a site committed and pushed to a bare
remote (the helpers of tests/core/publish/repos.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.publish.repos import bare_remote, commit_all, git, init_repo, write

POSTS = {
    "content/posts/alpha.md": "---\ntitle: Alpha\ndate: 2024-01-01\n---\n\nFirst words.\n",
    "content/posts/beta.md": "---\ntitle: Beta\ndate: 2024-02-01\n---\n\nSecond words.\n",
}
CONFIG = 'baseURL = "https://example.org/"\ntitle = "Pushed"\n'


@pytest.fixture
def git_site(tmp_path: Path) -> Path:
    """A site whose posts are committed and pushed (its remote: tmp_path/remote.git)."""
    root = init_repo(tmp_path / "site")
    write(root / "hugo.toml", CONFIG)
    for rel, text in POSTS.items():
        write(root / rel, text)
    commit_all(root, "the site")
    bare_remote(tmp_path, root)
    return root


@pytest.fixture
def plain_site(tmp_path: Path) -> Path:
    """The same site, in no git repository."""
    root = tmp_path / "plain"
    write(root / "hugo.toml", CONFIG)
    for rel, text in POSTS.items():
        write(root / rel, text)
    return root


def remote_log(tmp_path: Path) -> str:
    """The remote's history, one subject a line (newest first)."""
    return git(tmp_path / "remote.git", "log", "--format=%s", "main")
