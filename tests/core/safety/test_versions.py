"""Previous versions: the last N saved states of each post, newest first."""

from __future__ import annotations

from pathlib import Path

from editor.core.safety.versions import VersionStore


def test_keeps_the_last_n_versions_newest_first(tmp_path: Path) -> None:
    store = VersionStore(tmp_path / "versions")
    post = tmp_path / "post.md"
    for i in range(5):
        store.record(post, f"v{i}".encode(), keep=3)
    versions = store.versions(post)
    assert [store.read(v) for v in versions] == [b"v4", b"v3", b"v2"]
    assert versions[0].saved_at > 0


def test_identical_bytes_are_not_stored_twice(tmp_path: Path) -> None:
    store = VersionStore(tmp_path)
    post = tmp_path / "p.md"
    first = store.record(post, b"same", keep=5)
    again = store.record(post, b"same", keep=5)
    assert first == again
    assert len(store.versions(post)) == 1


def test_keep_zero_stores_nothing_and_clears(tmp_path: Path) -> None:
    store = VersionStore(tmp_path)
    post = tmp_path / "p.md"
    store.record(post, b"a", keep=2)
    assert store.record(post, b"b", keep=0) is None
    assert store.versions(post) == []


def test_posts_do_not_share_versions(tmp_path: Path) -> None:
    store = VersionStore(tmp_path)
    store.record(tmp_path / "a.md", b"a", keep=2)
    assert store.versions(tmp_path / "b.md") == []
