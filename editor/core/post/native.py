"""Front matter as its parsers' own objects: ruamel.yaml's round trip (comments, quoting and
key order kept, for the edits in `editor.core.post.edits`), tomlkit, json.

`load_native(fmt, content)` is the one parse they share with ruamel.yaml's reading of the
front matter the fast path (`yaml_fast`) leaves. tomlkit is imported with the first TOML
block, so reading YAML loads ruamel.yaml alone.
"""

from __future__ import annotations

import functools
import json
from datetime import datetime
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.timestamp import TimeStamp

from editor.core.post.dates import rfc3339
from editor.core.post.fields import FmFormat

__all__ = ["load_native", "yaml_round_trip"]


class _Constructor(RoundTripConstructor):
    """ruamel's round-trip constructor, but a timestamp that is no real date
    (`2026-02-30`) stays text, as in Hugo's YAML parser; Hugo then reports the field."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def yaml_round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.preserve_quotes = True
    yaml.width = 1 << 20
    yaml.allow_unicode = True
    for cls in (datetime, TimeStamp):
        yaml.representer.add_representer(
            cls,
            lambda rep, value: rep.represent_scalar("tag:yaml.org,2002:timestamp", rfc3339(value)),
        )
    return yaml


@functools.lru_cache(maxsize=16)
def load_native(fmt: FmFormat, content: str) -> Any:
    """The parsed front matter (ruamel/tomlkit/json objects); raises the parser's error.

    Cached (a post is parsed when loaded, edited and saved): callers must not mutate it.
    """
    if fmt == "yaml":
        return yaml_round_trip().load(content)
    if fmt == "toml":
        import tomlkit

        return tomlkit.parse(content)
    return json.loads(content)
