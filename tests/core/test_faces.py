"""Each package's `__init__` names its public face, lazily: it agrees with itself, every name
resolves, and importing the faces loads none of the heavy libraries."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.lazy import lazy_face

REPO = Path(__file__).resolve().parents[2]
PACKAGES = sorted(
    ".".join(init.parent.relative_to(REPO).parts)
    for base in ("editor/core", "editor/ui")
    for init in (REPO / base).rglob("__init__.py")
)
CORE = [name for name in PACKAGES if name.startswith("editor.core")]
# Faces that must stay lazy: their modules import markdown-it, Pygments, SQLite, YAML...
LAZY = [
    "editor.core",
    "editor.core.editing",
    "editor.core.export",
    "editor.core.library",
    "editor.core.markdown",
    "editor.core.markdown.goldmark",
    "editor.core.markdown.shortcodes",
    "editor.core.post",
    "editor.core.preview",
    "editor.core.safety",
    "editor.core.site",
    "editor.core.stats",
]
HEAVY = ("markdown_it", "mdit_py_plugins", "pygments", "markdown", "ruamel", "yaml", "sqlite3")


def _face(package: str) -> tuple[list[str], dict[str, list[str]], dict[str, list[str]]]:
    """`__all__`, the TYPE_CHECKING imports and the lazy_face table, as written in the file."""
    tree = ast.parse((REPO / package.replace(".", "/") / "__init__.py").read_text())
    names: list[str] = []
    typed: dict[str, list[str]] = {}
    lazy: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__":
            names = list(ast.literal_eval(node.value))
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom) and imp.module is not None
                typed[imp.module.removeprefix(package + ".")] = [a.name for a in imp.names]
            for assign in node.orelse:
                assert isinstance(assign, ast.Assign) and isinstance(assign.value, ast.Call)
                lazy = ast.literal_eval(assign.value.args[1])
        module = getattr(node, "module", None) or ""
        if module.startswith(package + ".") and module != "editor.core.lazy":
            key = module.removeprefix(package + ".")
            typed[key] = lazy[key] = [a.asname or a.name for a in node.names]
    return names, typed, lazy


@pytest.mark.parametrize("package", PACKAGES)
def test_a_face_says_the_same_thing_three_times(package: str) -> None:
    names, typed, lazy = _face(package)
    folder = REPO / package.replace(".", "/")
    assert ast.get_docstring(ast.parse((folder / "__init__.py").read_text()))
    assert typed == lazy
    assert sorted(n for ns in lazy.values() for n in ns) == sorted(names)
    submodules = {p.stem for p in folder.glob("*.py")} | {p.name for p in folder.glob("*/")}
    assert not set(names) & submodules, "a name shadowed by its submodule on import"


@pytest.mark.parametrize("package", CORE)
def test_every_public_name_resolves(package: str) -> None:
    module = importlib.import_module(package)
    for name in module.__all__:
        assert getattr(module, name) is not None
    assert set(module.__all__) <= set(dir(module))
    with pytest.raises(AttributeError):
        _ = module.no_such_name


def test_importing_the_faces_loads_nothing_heavy() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {LAZY!r}: importlib.import_module(name)\n"
        "import editor.core.markdown.types\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('editor.'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    heavy, loaded = (json.loads(line) for line in done.stdout.splitlines())
    assert heavy == []
    expected = {
        "editor.core.lazy",
        "editor.core.diagnostics",
        "editor.core.markdown.types",
    }
    assert set(loaded) == expected | set(LAZY)


def test_a_name_is_imported_on_first_use_then_kept() -> None:
    import editor.core.safety as safety

    value = safety.Journal
    assert vars(safety)["Journal"] is value
    assert value is importlib.import_module("editor.core.safety.journal").Journal


def test_a_missing_module_or_name_fails_loudly() -> None:
    get, names = lazy_face("editor.core", {"no_such_module": ["Thing"]})
    with pytest.raises(ModuleNotFoundError):
        get("Thing")
    with pytest.raises(AttributeError, match="no attribute 'Other'"):
        get("Other")
    assert "Thing" in names()
