"""The recovery journal gives back exactly the last text it was handed, whatever happens."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.post.storage import StorageError
from editor.core.safety import journal as journal_mod
from editor.core.safety.journal import Journal, JournalEntry, digest, new_doc_id, recovery_items

DEAD = 999_999_999  # no such process


def never_alive(_pid: int) -> bool:
    return False


def test_write_then_read_gives_the_text_back(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal")
    doc = new_doc_id()
    journal.write(doc, "héllo\r\n\x00 \ud800 wörld", path=tmp_path / "a.md", title="A")
    entry = journal.read(doc)
    assert entry is not None
    assert entry.text == "héllo\r\n\x00 \ud800 wörld"
    assert entry.path == tmp_path / "a.md"
    assert entry.owner_pid == os.getpid()


def test_discard_forgets_an_entry_and_tolerates_a_second_discard(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.write("abc", "x", path=None)
    journal.discard("abc")
    journal.discard("abc")
    assert journal.read("abc") is None
    assert journal.entries() == ([], [])


@pytest.mark.parametrize("bad", ["", "../x", "a/b", "a.b"])
def test_document_ids_cannot_leave_the_folder(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        Journal(tmp_path).write(bad, "x", path=None)


def test_orphaned_entries_are_those_of_dead_processes(tmp_path: Path) -> None:
    mine = Journal(tmp_path)
    crashed = Journal(tmp_path, pid=DEAD)
    mine.write("mine", "a", path=None)
    crashed.write("lost", "b", path=None)
    assert [e.doc_id for e in mine.orphaned()] == ["lost"]
    assert journal_mod.pid_alive(os.getpid())
    assert not journal_mod.pid_alive(DEAD)
    assert not journal_mod.pid_alive(0)


def test_recovery_offers_unsaved_work_with_a_diff(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_bytes(b"---\ntitle: A\n---\nold line\n")
    same = tmp_path / "same.md"
    same.write_text("unchanged\n")
    crashed = Journal(tmp_path / "j", pid=DEAD)
    crashed.write("edited", "---\ntitle: A\n---\nnew line\n", path=post)
    crashed.write("fresh", "never saved\n", path=None, title="Untitled 1")
    crashed.write("gone", "file removed\n", path=tmp_path / "gone.md")
    crashed.write("same", "unchanged\n", path=same)

    items = {i.entry.doc_id: i for i in recovery_items(Journal(tmp_path / "j"), never_alive)}

    assert set(items) == {"edited", "fresh", "gone"}
    assert items["edited"].status == "differs"
    assert "-old line\n" in items["edited"].diff and "+new line\n" in items["edited"].diff
    assert items["fresh"].status == "never-saved"
    assert items["gone"].status == "file-missing"
    # nothing was lost for "same": its entry is gone, the others stay until saved or discarded
    assert Journal(tmp_path / "j").read("same") is None
    assert Journal(tmp_path / "j").read("edited") is not None


def test_recovery_compares_against_the_text_the_editor_would_show(tmp_path: Path) -> None:
    post = tmp_path / "crlf.md"
    post.write_bytes(b"\xef\xbb\xbfline one\r\nline two\r\n")
    Journal(tmp_path / "j", pid=DEAD).write("d", "line one\nline two\n", path=post)
    assert recovery_items(Journal(tmp_path / "j"), never_alive) == []


def test_an_unreadable_entry_is_reported_and_kept(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.write("good", "text", path=None)
    bad = tmp_path / "broken.json"
    bad.write_text("{not json")
    entries, problems = journal.entries()
    assert [e.doc_id for e in entries] == ["good"]
    assert len(problems) == 1 and problems[0].file == bad
    assert bad.exists()


def test_a_failed_journal_write_keeps_the_previous_entry(tmp_path, monkeypatch) -> None:
    journal = Journal(tmp_path)
    journal.write("d", "first", path=None)

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(StorageError, match="disk is full"):
        journal.write("d", "second", path=None)
    monkeypatch.undo()
    entry = journal.read("d")
    assert entry is not None and entry.text == "first"


def test_a_journal_folder_that_cannot_be_created_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError):
        Journal(blocker / "journal").write("d", "x", path=None)


def test_entry_json_rejects_foreign_files() -> None:
    with pytest.raises(ValueError):
        JournalEntry.from_json('{"format": 99}')
    with pytest.raises(ValueError):
        JournalEntry.from_json('{"format": 1, "doc_id": "a", "text": 3}')


def test_digest_is_stable() -> None:
    assert digest(b"abc") == digest(b"abc") != digest(b"abd")


_ops = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.text(max_size=200)),
        st.tuples(st.just("save"), st.none()),
        st.tuples(st.just("crash"), st.none()),
    ),
    max_size=25,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_ops)
def test_journal_always_gives_back_the_last_text_it_was_handed(tmp_path_factory, ops) -> None:
    root = tmp_path_factory.mktemp("prop")
    post = root / "post.md"
    post.write_text("", encoding="utf-8", newline="")
    pid = DEAD
    journal = Journal(root / "j", pid=pid)
    doc = "doc"
    last_journaled: str | None = None
    text = ""
    for op, value in ops:
        if op == "edit":
            text = value or ""
            journal.write(doc, text, path=post)
            last_journaled = text
        elif op == "save":
            post.write_text(text, encoding="utf-8", newline="")
            journal.discard(doc)
            last_journaled = None
        else:  # crash: a new process starts and looks at the journal
            pid -= 1
            journal = Journal(root / "j", pid=pid)
            entry = journal.read(doc)
            if last_journaled is None:
                assert entry is None
            else:
                assert entry is not None and entry.text == last_journaled
    entry = journal.read(doc)
    assert (entry.text if entry else None) == last_journaled
