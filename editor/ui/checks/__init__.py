"""The site checks in the window: the Problems panel and the adapter that runs the checks
off the GUI thread (editor.core.checks does the checking)."""
