"""Accessible names and descriptions: what a screen reader says for each control.

    label(widget, "Library search", "Filters the posts as you type")
    name_toolbar(toolbar)            # "Bold", not the glyph "B"
    name_form(form)                  # fields inside a row widget read their row's label
    accessible_name(widget)          # the name assistive tools get

A control whose text changes (a field, a combo, a status label, a list) gets a fixed name
with `label`; a button's own text is its name. Toolbar buttons that show a short glyph get
their action's title as name and its tip as description.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QToolBar,
    QWidget,
)

__all__ = ["accessible_name", "action_name", "label", "name_form", "name_toolbar"]

_FIELDS = (QLineEdit, QAbstractSpinBox, QComboBox)


def label(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give `widget` the accessible `name` (and `description`); returns it."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def action_name(action: QAction) -> str:
    """The action's title as it is read: no "&" mnemonic, no shortcut, no trailing "…"."""
    return (
        action.text()
        .split("\t", 1)[0]
        .replace("&&", "\0")
        .replace("&", "")
        .replace("\0", "&")
        .rstrip("…")
        .strip()
    )


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


def name_form(form: QFormLayout) -> None:
    """Name the fields of `form` after their row's label ("Date:" -> "Date") where the row
    is a widget holding the field (a field with a button beside it): the label's buddy is
    then the row, which no screen reader reads for the field. Names already set are kept."""
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label_widget = label_item.widget() if label_item is not None else None
        field = field_item.widget() if field_item is not None else None
        if not isinstance(label_widget, QLabel) or field is None:
            continue
        text = label_widget.text().replace("&", "").strip().rstrip(":").strip()
        if not text:
            continue
        inputs = [field] if isinstance(field, _FIELDS) else _direct_inputs(field)
        for widget in inputs:
            if not widget.accessibleName():
                widget.setAccessibleName(text)


def _direct_inputs(container: QWidget) -> list[QWidget]:
    found = container.findChildren(QWidget)
    return [
        w for w in found if isinstance(w, _FIELDS) and not isinstance(w.parentWidget(), _FIELDS)
    ]


def accessible_name(widget: QWidget) -> str:
    """The name assistive tools read for `widget`: its accessible name, else what Qt
    derives (a button's text, a field's buddy label)."""
    if widget.accessibleName():
        return widget.accessibleName()
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""
