"""The Export dialog and printing to PDF.

`dialog` holds `ExportDialog`, `open_export_dialog` and the key-value stores it remembers
choices in (`KeyValueStore`, `IniStore`); `pdf` prints an HTML file to PDF with Qt WebEngine.
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = ["ExportDialog", "IniStore", "KeyValueStore", "open_export_dialog"]

if TYPE_CHECKING:
    from editor.ui.export.dialog import ExportDialog, IniStore, KeyValueStore, open_export_dialog
else:
    __getattr__, __dir__ = lazy_face(
        __name__, {"dialog": ["ExportDialog", "IniStore", "KeyValueStore", "open_export_dialog"]}
    )
