"""PySide6's import hook, made to read each module's file once, as bytes.

Importing PySide6 replaces `__import__` with shiboken's `__feature_import__`, which asks
`shibokensupport.feature._mod_uses_pyside(module)` of every module imported afterwards
whether its source mentions "PySide6" (PYSIDE-2029: only modules that use PySide may switch
`__feature__` options). It answers with `inspect.getsource(module)`: the encoding cookie
tokenized, the file split into lines, and every line kept in `linecache` for the life of
the process. Inkpost imports some 300 modules after PySide6: read as bytes, none of their
sources stays in `linecache` (~170 did); the CPU saved was within noise in alternated runs.

`read_files_as_bytes()` installs the same question answered from the file's bytes (the same
answer for every module with a .py file; the original for any other, such as modules in a
zip or without a file). Nothing happens when PySide6 has no such hook (another version).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

_MARK = "_inkpost_reads_bytes"


def read_files_as_bytes() -> bool:
    """Install the faster `_mod_uses_pyside`; True when it is in place."""
    import PySide6.QtCore  # noqa: F401  (installs the hook and its support module)

    feature: Any = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or not callable(original):
        return False
    if getattr(original, _MARK, False):
        return True
    feature._mod_uses_pyside = uses_pyside_from_bytes(original)
    return True


def uses_pyside_from_bytes(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """`original`'s answer for a module, read from its .py file's bytes when it has one."""

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    setattr(uses_pyside, _MARK, True)
    return uses_pyside
