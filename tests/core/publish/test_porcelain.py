"""`parse_porcelain_v2`: what git prints, read back; anything else never raises."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from editor.core.publish.git import (
    GitState,
    PorcelainEntry,
    entry_state,
    parse_porcelain_v2,
)

_LETTERS = st.sampled_from(".MTADRCU")
_PATHS = st.text(
    st.characters(blacklist_characters="\0", blacklist_categories=("Cs",)), min_size=1
).filter(lambda p: not p.startswith("# "))
_OID = "0123456789abcdef0123456789abcdef01234567"


@st.composite
def entries(draw: st.DrawFn) -> PorcelainEntry:
    kind = draw(st.sampled_from(["1", "2", "u", "?", "!"]))
    path = draw(_PATHS)
    if kind in "?!":
        return PorcelainEntry(kind, "", path)
    xy = draw(_LETTERS) + draw(_LETTERS)
    orig = draw(_PATHS) if kind == "2" else None
    return PorcelainEntry(kind, xy, path, orig)


def _record(entry: PorcelainEntry) -> str:
    if entry.kind in "?!":
        return f"{entry.kind} {entry.path}\0"
    modes = "100644 100644 100644"
    if entry.kind == "1":
        return f"1 {entry.xy} N... {modes} {_OID} {_OID} {entry.path}\0"
    if entry.kind == "2":
        return f"2 {entry.xy} N... {modes} {_OID} {_OID} R100 {entry.path}\0{entry.orig_path}\0"
    return f"u {entry.xy} N... {modes} 100644 {_OID} {_OID} {_OID} {entry.path}\0"


@given(
    st.lists(entries(), max_size=8),
    st.one_of(st.none(), st.text("abcdefghij/-._", min_size=1)),
    st.one_of(st.none(), st.tuples(st.integers(0, 10**6), st.integers(0, 10**6))),
)
def test_what_git_prints_reads_back(
    listed: list[PorcelainEntry], branch: str | None, ab: tuple[int, int] | None
) -> None:
    text = f"# branch.oid {_OID}\0# branch.head {branch or '(detached)'}\0"
    if branch and ab is not None:
        text += f"# branch.upstream origin/{branch}\0# branch.ab +{ab[0]} -{ab[1]}\0"
    text += "".join(_record(e) for e in listed)

    parsed = parse_porcelain_v2(text)

    assert parsed.entries == tuple(listed)
    assert parsed.oid == _OID
    assert parsed.head == branch
    if branch and ab is not None:
        assert parsed.upstream == f"origin/{branch}"
        assert (parsed.ahead, parsed.behind) == ab
    else:
        assert (parsed.upstream, parsed.ahead, parsed.behind) == (None, 0, 0)


@given(st.text())
def test_any_text_parses_without_error(text: str) -> None:
    parsed = parse_porcelain_v2(text)
    assert all(len(e.xy) in (0, 2) for e in parsed.entries)


def test_an_initial_branch_and_a_cut_off_rename() -> None:
    text = "# branch.oid (initial)\0# branch.head main\0? new.md\0" + (
        f"2 R. N... 100644 100644 100644 {_OID} {_OID} R100 moved.md\0"
    )
    parsed = parse_porcelain_v2(text)
    assert parsed.oid is None and parsed.head == "main"
    assert parsed.entries == (PorcelainEntry("?", "", "new.md"),)


def test_states_of_entries() -> None:
    assert entry_state(PorcelainEntry("1", ".M", "a")) is GitState.MODIFIED
    assert entry_state(PorcelainEntry("1", "AM", "a")) is GitState.MODIFIED
    assert entry_state(PorcelainEntry("1", "M.", "a")) is GitState.STAGED
    assert entry_state(PorcelainEntry("1", "A.", "a")) is GitState.STAGED
    assert entry_state(PorcelainEntry("1", ".D", "a")) is GitState.MODIFIED
    assert entry_state(PorcelainEntry("u", "UU", "a")) is GitState.MODIFIED
    assert entry_state(PorcelainEntry("?", "", "a")) is GitState.NEW
    assert entry_state(PorcelainEntry("!", "", "a")) is GitState.IGNORED
