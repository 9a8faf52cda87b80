"""The writing window: `MainWindow` builds it and connects its parts, implementing no feature.

`main_window` holds `MainWindow`, `actions` the actions as data, `tabs` the open posts,
`status` the figures and cursor panel, `preferences`/`prefs` the Preferences and their
application, `state` the window's remembered geometry, `first_paint` the work deferred until the
post is on screen, and `preview_slot`, `library_link` and `export_link` bring the other parts in.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["MainWindow", "Preferences", "StatusPanel", "WindowState"]

if TYPE_CHECKING:
    from editor.ui.window.main_window import MainWindow
    from editor.ui.window.preferences import Preferences, WindowState
    from editor.ui.window.status import StatusPanel
else:
    __getattr__, __dir__ = lazy_face(
        __name__,
        {
            "main_window": ["MainWindow"],
            "preferences": ["Preferences", "WindowState"],
            "status": ["StatusPanel"],
        },
    )
