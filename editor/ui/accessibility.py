"""Accessible names and descriptions: what a screen reader says for each control.

    label(widget, "Library search", "Filters the posts as you type")
    name_toolbar(toolbar)            # "Bold", not the glyph "B"
    accessible_name(widget)          # the name assistive tools get

A control whose text changes (a field, a combo, a status label, a list) gets a fixed name
with `label`; a button's own text is its name. Toolbar buttons that show a short glyph get
their action's title as name and its tip as description.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import QToolBar, QWidget

__all__ = ["accessible_name", "action_name", "label", "name_toolbar"]


def label(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give `widget` the accessible `name` (and `description`); returns it."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def action_name(action: QAction) -> str:
    """The action's title as it is read: no "&" mnemonic, no shortcut, no trailing "…"."""
    return action.text().split("\t", 1)[0].replace("&&", "\0").replace("&", "").replace(
        "\0", "&"
    ).rstrip("…").strip()


def name_toolbar(toolbar: QToolBar) -> None:
    """Name each of the toolbar's buttons after its action ("Bold"), described by its tip."""
    for action in toolbar.actions():
        if action.isSeparator():
            continue
        button = toolbar.widgetForAction(action)
        if button is None:
            continue
        button.setAccessibleName(action_name(action))
        tip = action.statusTip() or action.toolTip()
        if tip:
            button.setAccessibleDescription(tip)


def accessible_name(widget: QWidget) -> str:
    """The name assistive tools read for `widget`: its accessible name, else what Qt
    derives (a button's text, a field's buddy label)."""
    if widget.accessibleName():
        return widget.accessibleName()
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""
