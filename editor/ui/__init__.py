"""PySide6 widgets. Imports editor.core, never editor.app."""
