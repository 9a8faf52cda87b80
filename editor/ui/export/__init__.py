"""The Export dialog and printing to PDF.

`dialog` holds `ExportDialog` and `open_export_dialog`, `plan_view` the plan's tree, `job` the
export run off the GUI thread, `store` the key-value stores it remembers choices in
(`KeyValueStore`, `IniStore`); `pdf` prints an HTML file to PDF with Qt WebEngine.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["ExportDialog", "IniStore", "KeyValueStore", "open_export_dialog"]

if TYPE_CHECKING:
    from editor.ui.export.dialog import ExportDialog, open_export_dialog
    from editor.ui.export.store import IniStore, KeyValueStore
else:
    __getattr__, __dir__ = lazy_face(
        __name__,
        {"dialog": ["ExportDialog", "open_export_dialog"], "store": ["IniStore", "KeyValueStore"]},
    )
