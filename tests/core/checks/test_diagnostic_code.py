"""Diagnostic.code: optional, backward compatible (positional use, equality, pickling)."""

from __future__ import annotations

import pickle
from pathlib import Path

from editor.core.diagnostics import Diagnostic, Severity


def test_code_defaults_to_none_and_keeps_the_old_text() -> None:
    old = Diagnostic("bad", Path("a.md"), 3, Severity.ERROR)
    assert old.code is None
    assert str(old) == "a.md:3: error: bad"


def test_code_is_shown_compared_and_pickled() -> None:
    coded = Diagnostic("no alt text", Path("a.md"), 4, Severity.INFO, "missing-alt")
    assert str(coded) == "a.md:4: info: no alt text [missing-alt]"
    assert coded != Diagnostic("no alt text", Path("a.md"), 4, Severity.INFO)
    assert pickle.loads(pickle.dumps(coded)) == coded


def test_relocated_keeps_the_code() -> None:
    coded = Diagnostic("x", None, 2, Severity.WARNING, "draft")
    moved = coded.relocated(Path("b.md"), 10)
    assert (moved.file, moved.line, moved.code) == (Path("b.md"), 12, "draft")
