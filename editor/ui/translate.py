"""Filling translated strings: Qt's "%1", "%2" placeholders, as QString.arg does.

    fill(self.tr("Move “%1” (%2) to the trash?"), title, what)

A translation may reorder the placeholders; the values are put in once each and never
scanned again (a title containing "%2" stays as it is).
"""

from __future__ import annotations

import re

__all__ = ["fill"]

_PLACEHOLDER = re.compile(r"%([1-9])")


def fill(template: str, *values: object) -> str:
    """`template` with %1..%9 replaced by `values` (a placeholder without a value stays)."""

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(values[index]) if index < len(values) else match.group()

    return _PLACEHOLDER.sub(value, template)
