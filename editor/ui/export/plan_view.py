"""The Export dialog's plan tree: what each post will write, then what it wrote.

ready = show_plan(tree, plan)  # one row per post, its other files and warnings below
show_result(tree, report)  # after `execute`: each row says "exported" or its error
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from editor.core.export.execute import ExportPlan, ExportReport

__all__ = ["show_plan", "show_result"]

_BLOCKED = QColor("#b3261e")
_WARN = QColor("#8a5a00")
_DONE = QColor("#1a7f37")


def _source_name(path: Path) -> str:
    """A post's file name, with its folder for a bundle's index file."""
    return f"{path.parent.name}/{path.name}" if path.stem in ("index", "_index") else path.name


def show_plan(tree: QTreeWidget, plan: ExportPlan) -> int:
    """Fill `tree` (emptied by the caller) with `plan`; the number of posts ready to export."""
    ready = 0
    for post in plan.posts:
        item = QTreeWidgetItem([post.main_file.rel if post.main_file else post.title, ""])
        item.setToolTip(0, str(post.source or post.title))
        item.setText(2, _source_name(post.source) if post.source else post.title)
        if post.blocked:
            item.setText(1, "; ".join(post.errors) or "already exists (see below)")
            item.setForeground(1, QBrush(_BLOCKED))
        else:
            ready += 1
            item.setText(1, "overwrites" if any(f.replaces for f in post.files) else "new")
        for planned in post.files:
            if planned is post.main_file:
                continue
            child = QTreeWidgetItem([planned.rel, "overwrites" if planned.replaces else ""])
            item.addChild(child)
        for collision in post.collisions:
            child = QTreeWidgetItem([collision.rel, f"exists — free name: {collision.proposed}"])
            child.setForeground(1, QBrush(_BLOCKED if not post.overwrite else _WARN))
            item.addChild(child)
        for warning in post.warnings:
            child = QTreeWidgetItem(["", warning])
            child.setForeground(1, QBrush(_WARN))
            item.addChild(child)
        tree.addTopLevelItem(item)
        item.setExpanded(True)
    return ready


def show_result(tree: QTreeWidget, report: ExportReport) -> None:
    """Mark each post row of `tree` (as `show_plan` filled it) with what became of it."""
    count = min(tree.topLevelItemCount(), len(report.results))
    for index in range(count):  # one result per planned post, in the plan's order
        item = tree.topLevelItem(index)
        result = report.results[index]
        if item is None:
            continue
        if result.ok and result.written:
            item.setText(1, QCoreApplication.translate("ExportDialog", "exported"))
            item.setForeground(1, QBrush(_DONE))
        elif result.error:
            item.setText(1, result.error)
            item.setForeground(1, QBrush(_BLOCKED))
