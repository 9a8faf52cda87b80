"""PySide6 widgets. Imports editor.core, never editor.app.

One subpackage per part of the window: window (the main window and what it wires), editor
(the text editor and its documents), preview (the live preview pane), library (the posts
sidebar), export (the export dialog) and safety (autosave, recovery, versions, changes on
disk); `workers` runs the render child process for the preview. Each subpackage's face is
lazy, so the start order stays the one editor.app.main chooses.
"""
