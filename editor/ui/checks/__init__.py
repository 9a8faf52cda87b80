"""The site checks in the window (issue 13, "will it publish?").

`problems` holds `ProblemsPanel`, the current post's problems; `runner` holds `CheckRunner`,
which runs editor.core.checks off the GUI thread. ui/window/problems_link.py wires them.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["CheckRunner", "ProblemsPanel"]

if TYPE_CHECKING:
    from editor.ui.checks.problems import ProblemsPanel
    from editor.ui.checks.runner import CheckRunner
else:
    __getattr__, __dir__ = lazy_face(
        __name__, {"problems": ["ProblemsPanel"], "runner": ["CheckRunner"]}
    )
