"""Reading site config files (TOML, YAML, JSON) without ever raising, and typed lookups.

`load_config_file` turns a file into a `ConfigSource` (its keys lower-cased, as Hugo keys
them) plus the diagnostics of a parse failure, with the line the parser named.
`ValueReader` reads typed values out of the merged tree: a value of the wrong type gives
the default and a diagnostic pointing at the file and line that set it.
"""

from __future__ import annotations

import functools
import json
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.post.frontmatter import FrontMatterError, check_bounds

# Top-level keys that only a Hugo config has, used to tell a Hugo `config.*` apart from
# some other tool's file of the same name.
HUGO_KEYS = frozenset(
    [
        "baseurl",
        "title",
        "theme",
        "languagecode",
        "defaultcontentlanguage",
        "contentdir",
        "params",
        "markup",
        "languages",
        "module",
        "taxonomies",
        "permalinks",
        "menu",
        "menus",
        "summarylength",
        "hascjklanguage",
        "outputs",
        "pagination",
        "paginate",
        "disablekinds",
        "enablerobotstxt",
        "enableemoji",
        "publishdir",
    ]
)
_SITE_FOLDERS = ("content", "layouts", "archetypes", "themes")
_TRUE = frozenset({"true", "t", "1", "yes", "on"})
_FALSE = frozenset({"false", "f", "0", "no", "off"})
_INT = re.compile(r"[+-]?\d+")


@functools.cache
def _lenient_constructor() -> type[Any]:
    """Safe YAML that reads unknown tags (MkDocs' `!!python/name:`, `!ENV`) as plain values
    (made at the first YAML config: ruamel.yaml loads then, not with a TOML site)."""
    from ruamel.yaml.constructor import SafeConstructor
    from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

    class LenientConstructor(SafeConstructor):
        def construct_unknown(self, node: Node) -> Any:
            if isinstance(node, ScalarNode):
                return self.construct_scalar(node) or str(node.tag)
            if isinstance(node, SequenceNode):
                return self.construct_sequence(node, deep=True)
            if isinstance(node, MappingNode):
                return self.construct_mapping(node, deep=True)
            return None  # pragma: no cover - every YAML node is one of the three

    LenientConstructor.add_constructor(None, LenientConstructor.construct_unknown)
    return LenientConstructor


def parse_yaml(text: str) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _lenient_constructor()
    return yaml.load(text)


def _parse_errors(*others: type[Exception]) -> tuple[type[Exception], ...]:
    """`others` and ruamel.yaml's YAMLError, once ruamel.yaml is loaded (none of its errors
    exist before); called in an `except` clause, so when an error is being handled."""
    module = sys.modules.get("ruamel.yaml.error")
    return others if module is None else (*others, module.YAMLError)


def lower_keys(value: Any) -> Any:
    """`value` with every mapping key lower-cased (recursively, lists included)."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = str(key).lower()
            lowered = lower_keys(item)
            if isinstance(out.get(name), dict) and isinstance(lowered, dict):
                lowered = deep_merge(out[name], lowered)
            out[name] = lowered
        return out
    if isinstance(value, list):
        return [lower_keys(item) for item in value]
    return value


def deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`base` updated by `extra`, tables merged key by key (`extra` wins)."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


@dataclass(frozen=True)
class ConfigSource:
    """One config file: its text and its data (keys lower-cased), placed at `prefix` in the
    site's config tree (config/_default/markup.toml has prefix ("markup",))."""

    path: Path
    text: str
    data: dict[str, Any]
    prefix: tuple[str, ...] = ()

    def nested(self) -> dict[str, Any]:
        tree: dict[str, Any] = self.data
        for key in reversed(self.prefix):
            tree = {key: tree}
        return tree

    def relative(self, path: tuple[str, ...]) -> tuple[str, ...] | None:
        """`path` inside this file, or None when this file does not set it."""
        if path[: len(self.prefix)] != self.prefix:
            return None
        rel = path[len(self.prefix) :]
        node: Any = self.data
        for key in rel:
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        return rel

    def line_of(self, rel: tuple[str, ...]) -> int | None:
        """The 1-based line where the last key of `rel` is set (a textual search)."""
        if not rel:
            return None
        lines = self.text.splitlines()
        start = 0
        found = False
        for key in rel[:-1]:
            word = re.compile(rf"(?i)(?<![\w-]){re.escape(key)}(?![\w-])")
            for index in range(start, len(lines)):
                if word.search(lines[index]):
                    start, found = index, True
                    break
        key = re.escape(rel[-1])
        inline = re.compile(rf"""(?i)[{{,]\s*["']?{key}["']?\s*=""")  # a = {{ key = 1 }}
        if found and inline.search(lines[start]):
            return start + 1
        setting = re.compile(rf"""(?i)^\s*(?:[\w"'.-]+\.)?["']?{key}["']?\s*[=:]""")
        for first in (start, 0):
            for index in range(first, len(lines)):
                if setting.search(lines[index]):
                    return index + 1
        return None


def _error_line(error: Exception, text: str) -> int | None:
    if isinstance(error, tomllib.TOMLDecodeError):
        found = re.search(r"at line (\d+)", str(error))
        if found:
            return int(found.group(1))
        return max(1, len(text.splitlines()))
    if isinstance(error, json.JSONDecodeError):
        return error.lineno
    if isinstance(error, FrontMatterError):
        return error.line
    if type(error).__module__.startswith("ruamel.yaml"):
        from ruamel.yaml.error import MarkedYAMLError

        if isinstance(error, MarkedYAMLError):
            mark = error.problem_mark or error.context_mark
            return None if mark is None else int(mark.line) + 1
    return None


def parse_config_text(text: str, fmt: str) -> Any:
    """The parsed config; FrontMatterError (a ValueError) past the bounds Hugo and Inkpost put
    on user data (a billion laughs of YAML aliases, nesting past 100 levels)."""
    if fmt == "toml":
        data = tomllib.loads(text)
    elif fmt == "json":
        data = json.loads(text)
    else:
        data = parse_yaml(text)
    check_bounds(data, len(text.encode("utf-8", "surrogatepass")))
    return data


def config_format(path: Path) -> str:
    suffix = path.suffix.lower()
    return {".toml": "toml", ".json": "json", ".py": "python"}.get(suffix, "yaml")


def load_config_file(
    path: Path, prefix: tuple[str, ...] = ()
) -> tuple[ConfigSource, list[Diagnostic]]:
    """Parse `path`; never raises. A failure gives empty data and a diagnostic with the line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return ConfigSource(path, "", {}, prefix), [
            Diagnostic(f"cannot read the config file: {reason}", path, None, Severity.ERROR)
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return ConfigSource(path, "", {}, prefix), [
            Diagnostic("the config file is not valid UTF-8: using defaults", path, line)
        ]
    fmt = config_format(path)
    try:
        data = parse_config_text(text, fmt)
    except _parse_errors(tomllib.TOMLDecodeError, json.JSONDecodeError, ValueError) as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return ConfigSource(path, text, {}, prefix), [
            Diagnostic(
                f"malformed {fmt.upper()} ({message}): using defaults for this file",
                path,
                _error_line(exc, text),
                Severity.ERROR,
            )
        ]
    except RecursionError:
        return ConfigSource(path, text, {}, prefix), [
            Diagnostic(
                "the config file nests too deeply: using defaults for this file",
                path,
                1,
                Severity.ERROR,
            )
        ]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return ConfigSource(path, text, {}, prefix), [
            Diagnostic(
                f"the config file should hold a table of settings, not {type(data).__name__}",
                path,
                1,
                Severity.ERROR,
            )
        ]
    return ConfigSource(path, text, lower_keys(data), prefix), []


def _parsed_top_level(path: Path) -> dict[str, Any] | None:
    try:
        data = parse_config_text(path.read_text(encoding="utf-8-sig"), config_format(path))
    except _parse_errors(OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def looks_like_zola(path: Path) -> bool:
    """A `config.toml` with Zola's snake_case `base_url` key."""
    data = _parsed_top_level(path)
    if data is not None:
        return "base_url" in data
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"(?m)^\s*base_url\s*=", text) is not None


def looks_like_hugo(path: Path) -> bool:
    """A `config.*` that has Hugo keys, or sits beside Hugo's folders (content/, layouts/...)."""
    if any((path.parent / name).is_dir() for name in _SITE_FOLDERS):
        return True
    data = _parsed_top_level(path)
    return data is not None and any(str(key).lower() in HUGO_KEYS for key in data)


class ValueReader:
    """Typed lookups in a (lower-cased) config tree, collecting diagnostics for bad values."""

    def __init__(
        self,
        data: dict[str, Any],
        sources: list[ConfigSource],
        base: tuple[str, ...] = (),
        problems: list[Diagnostic] | None = None,
    ) -> None:
        self.data = data
        self.sources = sources
        self.base = base
        self.problems: list[Diagnostic] = [] if problems is None else problems

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return tuple(self.problems)

    def get(self, *path: str) -> Any:
        node: Any = self.data
        for key in path:
            if not isinstance(node, dict):
                return None
            node = node.get(key.lower())
        return node

    def locate(self, path: tuple[str, ...]) -> tuple[Path | None, int | None]:
        path = tuple(key.lower() for key in path)
        candidates = [self.base + path, path] if self.base else [path]
        for source in reversed(self.sources):
            for candidate in candidates:
                rel = source.relative(candidate)
                if rel is not None:
                    return source.path, source.line_of(rel)
        return (self.sources[-1].path if self.sources else None), None

    def warn(
        self, message: str, path: tuple[str, ...], severity: Severity = Severity.WARNING
    ) -> None:
        file, line = self.locate(path)
        self.problems.append(Diagnostic(message, file, line, severity))

    def _wrong(self, path: tuple[str, ...], value: Any, expected: str, default: Any) -> None:
        name = ".".join(path)
        self.warn(f"{name} should be {expected}, not {value!r}: using {default!r}", path)

    def string(self, default: str, *path: str) -> str:
        value = self.get(*path)
        if value is None:
            return default
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self._wrong(path, value, "a string", default)
        return default

    def integer(self, default: int, *path: str) -> int:
        value = self.get(*path)
        if value is None:
            return default
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and _INT.fullmatch(value.strip()):
            return int(value.strip())
        self._wrong(path, value, "a whole number", default)
        return default

    def boolean(self, default: bool, *path: str) -> bool:
        value = self.get(*path)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        self._wrong(path, value, "true or false", default)
        return default

    def switch(
        self, default: bool, *path: str, on_key: str | None = None, off_key: str | None = None
    ) -> bool:
        """A Goldmark extension: `true`/`false`, or a table with `enable` (or `disable`)."""
        value = self.get(*path)
        if isinstance(value, dict):
            if on_key is not None:
                return self.boolean(default, *path, on_key)
            if off_key is not None:
                return not self.boolean(False, *path, off_key)
            return default  # pragma: no cover - every caller names a key
        return self.boolean(default, *path)

    def string_list(self, *path: str) -> list[str]:
        value = self.get(*path)
        if value is None:
            return []
        if isinstance(value, str):
            return [value] if value else []
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return [item for item in value if item]
        self._wrong(path, value, "a string or a list of strings", [])
        return []

    def mapping(self, *path: str) -> dict[str, Any]:
        value = self.get(*path)
        if value is None:
            return {}
        if isinstance(value, dict):
            return value
        self._wrong(path, value, "a table", {})
        return {}
