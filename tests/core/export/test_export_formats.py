"""Front matter conversion between YAML, TOML and JSON."""

from __future__ import annotations

import datetime as dt
import json
import string
import tomllib

import tomlkit
from hypothesis import example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from editor.core.export.formats import (
    convert_front_matter,
    parse_date_text,
    raw_scalar_texts,
    target_metadata,
    write_json,
    write_toml,
    write_yaml,
)
from editor.core.post.model import Post


def test_raw_texts_keep_dates_as_written() -> None:
    yaml_fm = "---\ndate: 2024-03-09 10:30:00 +02:00 # local\ntitle: 'x'\n---\n"
    assert raw_scalar_texts(yaml_fm, "yaml") == {
        "date": "2024-03-09 10:30:00 +02:00",
        "title": "x",
    }
    assert raw_scalar_texts('+++\ndate = "2024-01-01"\n+++\n', "toml") == {"date": "2024-01-01"}
    assert raw_scalar_texts('{"date": "2024-01-01", "n": 1}', "json") == {"date": "2024-01-01"}
    assert raw_scalar_texts("{broken", "json") == {}
    assert raw_scalar_texts("[1]", "json") == {}


def test_dates_survive_each_format_as_written() -> None:
    post = Post.from_text(
        "---\ntitle: T\ndate: 2024-03-09 10:30:00 +02:00\nlastmod: 2024-04-01\n---\nx\n"
    )
    raw = raw_scalar_texts(post.front_matter, post.fm_format)
    yaml_block = convert_front_matter(post.metadata, raw, "hugo", "yaml", draft=False).block
    assert "date: 2024-03-09 10:30:00 +02:00\n" in yaml_block
    assert "lastmod: 2024-04-01\n" in yaml_block
    toml_block = convert_front_matter(post.metadata, raw, "zola", "toml", draft=False).block
    # "+02:00" after a space is not TOML: written as RFC 3339, same instant.
    assert "date = 2024-03-09T10:30:00+02:00\n" in toml_block
    assert "updated = 2024-04-01\n" in toml_block
    json_block = convert_front_matter(post.metadata, raw, "hugo", "json", draft=False).block
    assert json.loads(json_block)["date"] == "2024-03-09 10:30:00 +02:00"


def test_parse_date_text() -> None:
    assert parse_date_text("2024-01-02") == dt.date(2024, 1, 2)
    assert parse_date_text("2024-01-02T03:04:05Z") == dt.datetime(
        2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC
    )
    assert parse_date_text("2024-01-02 03:04:05 -0700") is not None
    assert parse_date_text("2024-13-02") is None
    assert parse_date_text("yesterday") is None


def test_key_conventions_per_target() -> None:
    meta = {
        "title": "T",
        "summary": "S",
        "tags": "a b",
        "category": "c",
        "published": False,
        "updated": dt.date(2024, 1, 1),
        "author": "Me",
        "extra": {"x": 1},
        "custom": [1, 2],
    }
    hugo, _ = target_metadata(meta, "hugo", draft=True, slug=None, date_value=None)
    assert list(hugo)[:5] == ["title", "draft", "tags", "categories", "summary"]
    assert hugo["tags"] == ["a", "b"] and hugo["categories"] == ["c"] and hugo["draft"] is True
    assert hugo["lastmod"] == dt.date(2024, 1, 1)
    jekyll, _ = target_metadata(
        meta, "jekyll", draft=True, slug="s", date_value=dt.date(2024, 2, 2)
    )
    assert list(jekyll)[:5] == ["layout", "title", "date", "categories", "tags"]
    assert jekyll["excerpt"] == "S" and "draft" not in jekyll and jekyll["slug"] == "s"
    assert jekyll["last_modified_at"] == dt.date(2024, 1, 1)
    zola, _ = target_metadata(meta, "zola", draft=False, slug=None, date_value=None)
    assert zola["taxonomies"] == {"tags": ["a", "b"], "categories": ["c"]}
    assert zola["description"] == "S" and zola["authors"] == ["Me"] and zola["draft"] is False
    assert zola["extra"] == {"x": 1, "custom": [1, 2]}
    assert zola["updated"] == dt.date(2024, 1, 1)


def test_toml_cannot_hold_null_and_says_so() -> None:
    block, warnings = write_toml({"title": "T", "empty": None, "nested": {"n": None}}, {})
    assert "empty" not in block and tomlkit.parse(block.strip("+\n")).unwrap() == {
        "title": "T",
        "nested": {},
    }
    assert len(warnings) == 2


def test_odd_keys_and_tables_are_written_validly() -> None:
    meta = {"title": "T", "with space": 1, "menu": {"main": {"weight": 2}}, "list": [{"a": 1}]}
    yaml_text = write_yaml(meta, {})
    assert YAML(typ="safe").load(yaml_text.strip("-\n")) == meta
    toml_text, _ = write_toml(meta, {})
    assert tomlkit.parse(toml_text.strip("+\n")).unwrap() == meta
    assert json.loads(write_json(meta, {})) == meta


_RENAMED = {"updated", "published", "category", "tags", "categories", "taxonomies", "draft"}
# Hugo's date fields: a value that is no date there is an error in Hugo and in Inkpost
_DATES = {"date", "publishdate", "pubdate", "published", "lastmod", "modified", "expirydate"}
_keys = st.text(string.ascii_letters + "_", min_size=1, max_size=8).filter(
    lambda k: k not in _RENAMED and k.lower() not in _DATES | {"unpublishdate"}
)
_scalars = st.one_of(
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.text(max_size=20).filter(lambda s: "\x00" not in s and "\r" not in s),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 1, 1)),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_keys, inner, max_size=3)),
    max_leaves=8,
)


def _normal(value: object) -> object:
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    if isinstance(value, dt.datetime):  # Post reads a bare date as midnight UTC
        assert value.utcoffset() == dt.timedelta(0) and value.time() == dt.time(0)
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _inside(block: str, fence: str) -> str:
    """The block between its delimiter lines (a value may end in the fence's character)."""
    lines = block.removesuffix("\n").split("\n")
    assert lines[0] == lines[-1] == fence, block
    return "\n".join(lines[1:-1])


def _load(fm: str, block: str) -> dict[str, object]:
    if fm == "yaml":
        data = YAML(typ="safe", pure=True).load(_inside(block, "---"))
    elif fm == "toml":
        data = tomllib.loads(_inside(block, "+++"))
    else:
        data = json.loads(block)
    assert isinstance(data, dict)
    return data


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(_keys, _values, min_size=1, max_size=6))
@example({"A": "0-", "B": "+"})  # values ending in a fence's character
@example({"A": {"AA": [{}], "A": dt.date(2000, 1, 1)}})  # a date, then an array of tables
def test_front_matter_round_trips_through_every_format(meta: dict[str, object]) -> None:
    """Whatever goes in comes back out of YAML, TOML and JSON, keys and values alike."""
    for fm in ("yaml", "toml", "json"):
        block = convert_front_matter(meta, {}, "hugo", fm, draft=False).block  # type: ignore[arg-type]
        back = {k: v for k, v in _load(fm, block).items() if k != "draft"}
        assert _normal(back) == _normal(meta), (fm, block)
        post = Post.from_text(block + "\nbody\n")
        assert not [d for d in post.diagnostics if d.severity == "error"], (fm, block)
        assert post.fm_format == fm and post.body == "\nbody\n"
