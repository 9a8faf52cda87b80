"""Every name a ui package's face lists resolves (tests/core/test_faces.py checks the rest)."""

from __future__ import annotations

import importlib

import pytest

PACKAGES = [
    "editor.ui.checks",
    "editor.ui.editor",
    "editor.ui.export",
    "editor.ui.frontmatter",
    "editor.ui.library",
    "editor.ui.outline",
    "editor.ui.preview",
    "editor.ui.publish",
    "editor.ui.safety",
    "editor.ui.window",
]


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_name_resolves(package: str) -> None:
    module = importlib.import_module(package)
    assert module.__all__
    for name in module.__all__:
        value = getattr(module, name)
        assert value.__module__.startswith(package + ".")
