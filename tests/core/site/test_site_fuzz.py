"""editor.core.site.config never raises on a user's config, whatever its text or values."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.site.config import SiteConfig, load_site

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_KEYS = st.sampled_from(
    [
        "summaryLength",
        "hasCJKLanguage",
        "title",
        "baseURL",
        "contentDir",
        "defaultContentLanguage",
        "languages",
        "markup",
        "goldmark",
        "renderer",
        "unsafe",
        "extensions",
        "typographer",
        "footnote",
        "highlight",
        "style",
        "tableOfContents",
        "params",
        "author",
        "taxonomies",
        "permalinks",
        "theme",
        "staticDir",
        "en",
        "weight",
        "enable",
    ]
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=5)),
    max_leaves=30,
)
_CONFIGS = st.dictionaries(_KEYS, _VALUES, max_size=8)


def _load(name: str, data: str | bytes) -> SiteConfig:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
        site = load_site(root)
        json.dumps(site.to_json(), default=str)
        return site


@_SETTINGS
@given(text=st.text(max_size=300))
def test_any_toml_text_never_raises(text: str) -> None:
    site = _load("hugo.toml", text)
    assert site.kind == "hugo"
    assert all(d.file is not None for d in site.diagnostics)


@_SETTINGS
@given(text=st.text(max_size=300))
def test_any_yaml_text_never_raises(text: str) -> None:
    site = _load("hugo.yaml", text)
    assert site.kind == "hugo"
    assert isinstance(site.summary_length, int)


@_SETTINGS
@given(data=st.binary(max_size=200))
def test_any_bytes_as_json_never_raise(data: bytes) -> None:
    assert _load("hugo.json", data).kind == "hugo"


@_SETTINGS
@given(config=_CONFIGS)
def test_any_values_give_typed_settings(config: dict[str, Any]) -> None:
    site = _load("hugo.json", json.dumps(config))
    assert isinstance(site.summary_length, int)
    assert isinstance(site.has_cjk_language, bool)
    assert isinstance(site.goldmark.unsafe, bool)
    assert isinstance(site.highlight.style, str) and site.highlight.style
    assert isinstance(site.title, str)
    assert site.author is None or isinstance(site.author, str)
    assert all(isinstance(v, str) for v in site.taxonomies.values())
    assert any(lang.code == site.default_language for lang in site.languages)


@_SETTINGS
@given(config=_CONFIGS)
def test_any_values_written_as_toml(config: dict[str, Any]) -> None:
    def drop_none(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: drop_none(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [drop_none(v) for v in value if v is not None]
        return value

    text = tomlkit.dumps(drop_none(config))
    site = _load("hugo.toml", text)
    assert isinstance(site.summary_length, int)
    assert isinstance(site.toc.start_level, int)
