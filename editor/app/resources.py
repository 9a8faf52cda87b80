"""The only resource locator: preview CSS, icons, archetypes and the bundled sample site.

In a built wheel the top-level `resources/` folder is shipped as `editor/resources`
(hatchling force-include). An editable install has no such mapping, so the locator falls
back to the repository's `resources/`. Qt-free, so the CLI may use it too.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path, PurePosixPath

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


class ResourceError(LookupError):
    """A resource name that is malformed, escapes the folder, or does not exist."""


@cache
def resources_root() -> Path:
    """The folder holding Inkpost's resources (installed wheel first, then the checkout)."""
    for candidate in (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"):
        if (candidate / "sample-site").is_dir():
            return candidate
    raise ResourceError(f"Inkpost's resources folder is missing (looked beside {_PACKAGE_DIR})")


def resource_path(name: str) -> Path:
    """The path of resource `name` ("preview/light.css"); refuses names that leave the folder."""
    pure = PurePosixPath(name)
    if not name or pure.is_absolute() or ".." in pure.parts or "\\" in name:
        raise ResourceError(f"not a resource name: {name!r}")
    root = resources_root()
    path = (root / pure).resolve()
    if not path.is_relative_to(root.resolve()):
        raise ResourceError(f"resource {name!r} leaves the resources folder")
    if not path.exists():
        raise ResourceError(f"no such resource: {name!r}")
    return path


def read_text(name: str) -> str:
    return resource_path(name).read_text(encoding="utf-8")


def sample_site() -> Path:
    """The bundled Hugo sample site, opened when the app is started without a folder."""
    return resource_path("sample-site")
