"""The fast front matter reader agrees with ruamel.yaml (YAML 1.2) wherever it answers."""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.resolver import VersionedResolver

from editor.core.post import yaml_fast
from editor.core.post.fields import plain
from editor.core.post.native import load_native
from editor.core.post.yaml_fast import fast_yaml, resolver_table


def ruamel(source: str) -> dict[str, object]:
    return plain(load_native("yaml", source)) or {}  # type: ignore[no-any-return]


_scalars = st.one_of(
    st.text(alphabet="abcXYZ019 -_.:#,'\"é中\\[]{}!&*\t\u2028\x85", min_size=0, max_size=12),
    st.sampled_from(
        [
            "true",
            "False",
            "yes",
            "no",
            "on",
            "OFF",
            "~",
            "null",
            "12",
            "-3",
            "0x1f",
            "1.5",
            "1e3",
            "2024-01-02",
            "2024-1-2",
            "2024-01-02T03:04:05Z",
            "2024-01-02 03:04:05",
            "2024-01-02T03:04:05.123+02:00",
            "2024-01-02T03:04:05 -5",
            "2024-01-02t03:04:05z",
            "2024-01-02T03:04:05-07:00",
            "2024-02-30",
            "010",
            "0o17",
            "1_000",
            "+1",
            "-0",
            "=",
            "<<",
            "Null",
            "nULL",
            "12:30",
            "'quoted'",
            '"dq"',
            '"a\\"b"',
            "'it''s'",
            ".inf",
            "- x",
            "a: b",
            "x #c",
            "[a, b]",
            "[]",
            "['a', \"b\", 3]",
            "[a, [b]]",
            "{a: 1}",
            "&anchor",
            "*ref",
            "!tag x",
            "|",
            ">",
        ]
    ),
)
_keys = st.text(alphabet="abcTitle_-1", min_size=1, max_size=8).filter(lambda k: k[0] != "-")


@st.composite
def _documents(draw: st.DrawFn) -> str:
    lines: list[str] = []
    for key in draw(st.lists(_keys, max_size=6)):
        if draw(st.booleans()):
            lines.append(f"{key}: {draw(_scalars)}")
        else:
            lines.append(f"{key}:")
            indent = draw(st.sampled_from(["", "  "]))
            for item in draw(st.lists(_scalars, max_size=3)):
                lines.append(f"{indent}- {item}")
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# comment", "  # indented comment"])))
    return "\n".join(lines) + "\n"


@settings(max_examples=400, deadline=None)
@given(_documents())
def test_agrees_with_ruamel(source: str) -> None:
    fast = fast_yaml(source)
    if fast is None:
        return
    expected = ruamel(source)
    assert fast == expected
    assert repr(fast) == repr(expected)  # same types and time zones too


def test_typical_front_matter_takes_the_fast_path() -> None:
    source = (
        'title: "Hello, world"\ndate: 2024-01-02T03:04:05+02:00\ndraft: false\n'
        "tags: [hugo, python]\ncategories:\n  - guides\n  - web\nweight: 3\n"
        "lastmod: 2024-02-03\nsummary: A short summary\n"
    )
    assert fast_yaml(source) == {
        "title": "Hello, world",
        "date": datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=2))),
        "draft": False,
        "tags": ["hugo", "python"],
        "categories": ["guides", "web"],
        "weight": 3,
        "lastmod": datetime(2024, 2, 3, tzinfo=UTC),  # plain: a bare day is midnight UTC
        "summary": "A short summary",
    }
    assert fast_yaml("date: 2024-01-02T03:04:05Z\n") == {
        "date": datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    }


def test_hard_cases_fall_back() -> None:
    for source in (
        "title: a: b\n",
        "nested:\n  key: value\n",
        "text: |\n  block\n",
        "price: 1.5\n",
        "- a list\n",
        "title: 'it''s'\n",
        "true: x\n",
        "title: x\ntitle: y\n",
    ):
        assert fast_yaml(source) is None, source


def test_booleans_are_yaml_1_2_like_hugo() -> None:
    assert fast_yaml("draft: yes\n") == {"draft": "yes"}
    assert fast_yaml("draft: yes\nx: [on, off]\n") == ruamel("draft: yes\nx: [on, off]\n")
    assert ruamel("draft: yes\nx: [on, off]\n") == {"draft": "yes", "x": ["on", "off"]}
    assert fast_yaml("draft: True\n") == {"draft": True} == ruamel("draft: True\n")


def test_the_resolver_table_is_ruamels() -> None:
    """The table written out in yaml_fast is ruamel.yaml's YAML 1.2 table: same first
    characters, same tags in the same order, same patterns and flags."""
    theirs = VersionedResolver(version=(1, 2)).versioned_resolver
    ours = resolver_table()
    assert list(ours) == list(theirs)
    for first, resolvers in theirs.items():
        expected = [(tag, regexp.pattern, regexp.flags) for tag, regexp in resolvers]
        found = [(tag, regexp.pattern, regexp.flags) for tag, regexp in ours[first]]
        assert found == expected, first


def test_the_odd_characters_are_all_those_outside_the_kept_ranges() -> None:
    """Every code point (lone surrogates included): `_ODD` matches exactly those outside
    \\x0a, \\x20-\\x7e, \\xa0-\\u2027, \\u202a-\\ud7ff, \\ue000-\\ufefe, \\uff00-\\ufffd and the
    astral planes."""
    kept = re.compile(
        "[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    )
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    odd = yaml_fast._ODD.findall(every)
    assert odd == kept.findall(every)
    assert "\t" in odd and "\r" in odd and "\u2028" in odd and "\ufeff" in odd
