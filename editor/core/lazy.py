"""Package faces that import their modules on first use (PEP 562), so a package costs nothing.

A package's `__init__` lists its public names in `__all__`, imports them under
`if TYPE_CHECKING:` (what mypy and readers see; `TYPE_CHECKING = False` rather than imported
from typing, which costs ~25 modules) and otherwise gets `__getattr__` and `__dir__` from
`lazy_face`:

    __getattr__, __dir__ = lazy_face(__name__, {"renderer": ["Renderer"], "types": ["Heading"]})

`from editor.core.markdown import Renderer` then imports editor.core.markdown.renderer at that
moment, and `import editor.core.markdown.types` alone still loads only that module (the
scientific-python `lazy_loader` pattern, written out, with nothing imported but `sys`).
"""

import sys

TYPE_CHECKING = False  # typing costs ~25 modules; mypy honours the name all the same
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from typing import Any

__all__ = ["lazy_face"]


def lazy_face(
    package: str, modules: "Mapping[str, Iterable[str]]"
) -> "tuple[Callable[[str], Any], Callable[[], list[str]]]":
    """`__getattr__` and `__dir__` for `package`, whose `modules` (relative to it: "renderer",
    "goldmark.parser") each define the public names listed with them."""
    table = {name: module for module, names in modules.items() for name in names}

    def get_attribute(name: str) -> "Any":
        module_name = table.get(name)
        if module_name is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        full_name = f"{package}.{module_name}"
        __import__(full_name)  # the builtin: importlib would be one more module to load
        value = getattr(sys.modules[full_name], name)
        setattr(sys.modules[package], name, value)  # the next look-up is a plain attribute
        return value

    def list_names() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(table))

    return get_attribute, list_names
