"""Inkpost's domain logic: plain Python, no Qt (an import-linter contract holds that line).

One subpackage per concept, each naming its public face in its `__init__` (imported lazily:
a package costs nothing until a name is used): post (a post file), site (a site's
configuration, slugs, archetypes), markdown (Hugo-faithful rendering), stats (Hugo's
figures), preview (the render service and the preview page), library (every post of a site,
indexed), export, safety (recovery journal, versions) and editing (text commands, images).
`diagnostics` holds `Diagnostic`, how every problem with a user's file is reported;
`lazy` the helper the faces use. docs/architecture.md draws the map.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["Diagnostic", "Severity"]

if TYPE_CHECKING:
    from editor.core.diagnostics import Diagnostic, Severity
else:
    __getattr__, __dir__ = lazy_face(__name__, {"diagnostics": ["Diagnostic", "Severity"]})
