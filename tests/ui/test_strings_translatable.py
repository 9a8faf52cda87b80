"""Every user-visible literal in editor/ui goes through tr() (or translate / QT_TRANSLATE_NOOP).

An AST walk over the ui's modules finds the calls that put text on screen (setText,
setWindowTitle, QLabel(...), QMessageBox.question(...), a message signal's emit, ...) and
fails on a string literal or f-string with words in it passed to them directly. Text that
is not for people (stylesheets, object names, file names) goes to other calls and is not
looked at; what must stay English (a bug report's fields) goes in ALLOWED with why.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import editor.ui

UI = Path(editor.ui.__file__).parent
SHOWN = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setPlaceholderText",
    "setInformativeText",
    "setAccessibleName",
    "setAccessibleDescription",
    "setSpecialValueText",
    "setSuffix",
    "setPrefix",
    "showMessage",
    "addRow",
    "addItem",
    "addButton",
    "setHeaderLabels",
    "setTabToolTip",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QToolButton",
    "QGroupBox",
    "QDockWidget",
    "QToolBar",
    "QAction",
    "question",
    "information",
    "warning",
    "critical",
    "about",
    "getText",
    "getItem",
    "getExistingDirectory",
    "getOpenFileName",
    "getSaveFileName",
}
# file -> literals that stay as they are, and why
ALLOWED: dict[str, set[str]] = {
    # the window title: the post, the site and the app's name, no words to translate
    "main_window.py": {"[*] —  — Inkpost", " — Inkpost"},
}
_WORDS = re.compile(r"[A-Za-z]{2,}")


def _literal_text(node: ast.expr) -> str | None:
    """The text of a str constant or f-string (its constant parts), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        left, right = _literal_text(node.left), _literal_text(node.right)
        return (left or "") + (right or "") if left is not None or right is not None else None
    return None


def _name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _is_log(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in {"log", "logger", "logging"}
    )


def _is_message_emit(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "emit"
        and isinstance(func.value, ast.Attribute)
        and func.value.attr in {"message", "problem", "failed", "writeFailed"}
    )


def untranslated(path: Path, root: Path = UI.parent) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if (_name(node) not in SHOWN or _is_log(node)) and not _is_message_emit(node):
            continue
        for arg in node.args:
            text = _literal_text(arg)
            if text and _WORDS.search(text) and text not in ALLOWED.get(path.name, set()):
                found.append(f"{path.relative_to(root)}:{node.lineno}: {text!r}")
    return found


def test_shown_strings_go_through_tr() -> None:
    found = [line for path in sorted(UI.rglob("*.py")) for line in untranslated(path)]
    assert found == [], "\n".join(found)


def test_the_walk_finds_an_untranslated_label(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'label = QLabel("Hello there")\n'
        'label.setText(self.tr("Fine"))\n'
        'box.setWindowTitle(f"About {name}")\n'
        'self.message.emit(f"Saved {path}")\n'
        'widget.setObjectName("notShown")\n',
        encoding="utf-8",
    )
    lines = [line.split(": ", 1)[1] for line in untranslated(sample, tmp_path)]
    assert lines == ["'Hello there'", "'About '", "'Saved '"]
