"""editor.ui.translate.fill: Qt's %1/%2 placeholders."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from editor.ui.translate import fill


def test_placeholders_in_any_order() -> None:
    assert fill("Move “%1” (%2)?", "A", "the file") == "Move “A” (the file)?"
    assert fill("%2 : %1", "a", "b") == "b : a"
    assert fill("%1 and %3", "x") == "x and %3"


@given(st.text(), st.text())
def test_values_are_not_scanned_again(first: str, second: str) -> None:
    assert fill("%1|%2", first, second) == f"{first}|{second}"
