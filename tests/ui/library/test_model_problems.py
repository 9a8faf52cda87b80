"""LibraryModel.set_problems: the site checks' marks for 10,000 rows cost one dataChanged
for the State column, and none when nothing changed."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from editor.core.diagnostics import Severity
from editor.core.library.types import PostEntry
from editor.ui.library.model import PROBLEM_ROLE, STATE, LibraryModel


def _entry(i: int) -> PostEntry:
    return PostEntry(
        f"/site/content/p{i}.md", f"content/p{i}.md", 0, 0, f"Post {i}", None, None, None,
        None, False, {}, 10, 1, True, "", "en", f"p{i}", False,
    )  # fmt: skip


def test_marks_for_many_rows_are_one_change_of_the_state_column() -> None:
    model = LibraryModel()
    model.set_entries([_entry(i) for i in range(10_000)])
    changes: list[tuple[int, int, int, int]] = []

    def on_changed(top: QModelIndex, bottom: QModelIndex, _roles: object) -> None:
        changes.append((top.row(), top.column(), bottom.row(), bottom.column()))

    model.dataChanged.connect(on_changed)
    marks = {f"content/p{i}.md": Severity.WARNING for i in range(0, 10_000, 3)}
    assert model.set_problems(marks, replace=True)
    assert changes == [(0, STATE, 9_999, STATE)]
    assert model.index(3, STATE).data(PROBLEM_ROLE) == Severity.WARNING
    assert model.index(4, STATE).data(PROBLEM_ROLE) is None
    assert not model.set_problems(dict(marks), replace=True)  # the same: no repaint
    assert len(changes) == 1


def test_a_post_check_updates_one_mark_and_keeps_the_others() -> None:
    model = LibraryModel()
    model.set_entries([_entry(i) for i in range(3)])
    model.set_problems(
        {"content/p0.md": Severity.ERROR, "content/p1.md": Severity.WARNING}, replace=True
    )
    assert model.set_problems({"content/p1.md": None}, replace=False)
    assert not model.set_problems({"content/p1.md": None}, replace=False)
    assert model.set_problems({"content/p2.md": Severity.WARNING}, replace=False)
    assert [model.problem(f"content/p{i}.md") for i in range(3)] == [
        Severity.ERROR,
        None,
        Severity.WARNING,
    ]
    assert model.set_problems({"content/p0.md": Severity.ERROR}, replace=True)  # forgets p2
    assert model.problem("content/p2.md") is None
