"""Which checks a site turns off, and the lengths its theme shows (see the package docstring).

Read from `[params.inkpost.checks]` in the site config and from `.inkpost/checks.toml` at the
site root (the file wins where both set a value; `disable` lists are joined).
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editor.core.diagnostics import Diagnostic, Severity

__all__ = ["SETTINGS_FILE", "CheckSettings", "load_settings"]

SETTINGS_FILE = Path(".inkpost") / "checks.toml"
TITLE_MAX = 70  # what search results and most themes' cards show
DESCRIPTION_MAX = 160


@dataclass(frozen=True)
class CheckSettings:
    disabled: frozenset[str] = frozenset()
    title_max: int = TITLE_MAX
    description_max: int = DESCRIPTION_MAX
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def enabled(self, check_id: str) -> bool:
        return check_id not in self.disabled


def _lower(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k).lower(): _lower(v) for k, v in value.items()}
    return value


def _table(data: Any, *path: str) -> Mapping[str, Any]:
    current = _lower(data)
    for key in path:
        current = current.get(key) if isinstance(current, Mapping) else None
    return current if isinstance(current, Mapping) else {}


def _merge(
    into: dict[str, Any], table: Mapping[str, Any], where: Path | None, problems: list[Diagnostic]
) -> None:
    disable = table.get("disable", [])
    if isinstance(disable, str):
        disable = [disable]
    if not isinstance(disable, list) or not all(isinstance(x, str) for x in disable):
        problems.append(Diagnostic("checks: 'disable' should be a list of check ids", where))
        disable = []
    into["disabled"] = into.get("disabled", frozenset()) | {x.strip().lower() for x in disable}
    for key in ("title_max", "description_max"):
        value = table.get(key)
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            into[key] = value
        else:
            problems.append(Diagnostic(f"checks: {key!r} should be a positive number", where))


def load_settings(
    root: Path,
    params: Mapping[str, Any],
    config_file: Path | None = None,
    known: Collection[str] | None = None,
) -> CheckSettings:
    """The settings of the site at `root` whose params are `params`."""
    values: dict[str, Any] = {}
    problems: list[Diagnostic] = []
    _merge(values, _table(params, "inkpost", "checks"), config_file, problems)
    path = Path(root) / SETTINGS_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        data = None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        problems.append(
            Diagnostic(f"cannot read the check settings: {exc}", path, None, Severity.ERROR)
        )
        data = None
    if data is not None:
        _merge(values, _table(data, "checks") or _lower(data), path, problems)
    disabled = values.get("disabled", frozenset())
    for unknown in sorted(disabled - set(known)) if known is not None else ():
        problems.append(
            Diagnostic(f"checks: no check is called {unknown!r}", path if data else config_file)
        )
    return CheckSettings(diagnostics=tuple(problems), **values)
