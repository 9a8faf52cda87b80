"""The Export dialog: plan before writing, collisions, confirmation, threaded export, reveal."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor.core.export.execute import ExportReport
from editor.ui.export.dialog import ExportDialog, IniStore

FIXTURES = Path(__file__).parent.parent.parent / "core" / "fixtures" / "export"
POSTS = [FIXTURES / "yaml-post.md", FIXTURES / "toml-draft.md", FIXTURES / "photo-walk"]


class DictStore:
    def __init__(self) -> None:
        self.data: dict[str, str] = {}

    def get(self, key: str, default: str = "") -> str:
        return self.data.get(key, default)

    def set(self, key: str, value: str) -> None:
        self.data[key] = value


def _dialog(
    qtbot: QtBot, store: DictStore, site: Path, posts: list[Path] | None = None
) -> ExportDialog:
    sources = [p / "index.md" if p.is_dir() else p for p in (posts or POSTS)]
    dialog = ExportDialog(sources, store, site_root=site)
    qtbot.addWidget(dialog)
    dialog.set_debounce_ms(-1)
    dialog.target_edit.setText(str(site))
    return dialog


def _export(qtbot: QtBot, dialog: ExportDialog) -> ExportReport:
    with qtbot.waitSignal(dialog.exportFinished, timeout=60_000) as blocker:
        dialog.export_button.click()
    report = blocker.args[0]
    assert isinstance(report, ExportReport)
    return report


def test_the_plan_is_shown_before_anything_is_written(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, DictStore(), tmp_path)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("hugo-bundle"))
    tree = dialog.plan_tree
    assert tree.topLevelItemCount() == 3
    rows = [tree.topLevelItem(i).text(0) for i in range(3)]
    assert rows[2] == "content/posts/photo-walk/index.md"
    children = [tree.topLevelItem(2).child(i).text(0) for i in range(2)]
    assert children == [
        "content/posts/photo-walk/river.png",
        "content/posts/photo-walk/img/route.svg",
    ]
    assert "3 of 3 post(s) ready" in dialog.plan_label.text()
    assert dialog.export_button.isEnabled()
    assert list(tmp_path.iterdir()) == []


def test_batch_export_runs_off_the_gui_thread_and_reveals(qtbot: QtBot, tmp_path: Path) -> None:
    store = DictStore()
    dialog = _dialog(qtbot, store, tmp_path)
    dialog.section_edit.setText("blog")
    dialog.section_edit.editingFinished.emit()
    opened: list[Path] = []
    dialog.open_folder = opened.append
    report = _export(qtbot, dialog)
    assert report.ok and len(report.results) == 3
    assert (tmp_path / "content" / "blog" / "yaml-post.md").is_file()
    assert (tmp_path / "static" / "images" / "photo-walk" / "river.png").is_file()
    assert dialog.progress.value() == dialog.progress.maximum() == 3
    assert "Exported 3 of 3" in dialog.summary_label.text()
    assert dialog.reveal_button.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.revealRequested) as blocker:
        dialog.reveal_button.click()
    assert blocker.args == [str(tmp_path / "content" / "blog")]
    assert opened == [tmp_path / "content" / "blog"]
    # the plan shows what was written, not a re-plan blaming the files just written
    tree = dialog.plan_tree
    assert [tree.topLevelItem(i).text(1) for i in range(3)] == ["exported"] * 3
    assert "blocked" not in dialog.plan_label.text() and "Done" in dialog.plan_label.text()
    assert not dialog.export_button.isEnabled()
    # a change by the user plans again: now everything exists
    dialog.rename_check.setChecked(True)
    assert "3 of 3 post(s) ready" in dialog.plan_label.text()
    assert tree.topLevelItem(0).text(0).endswith("-2.md")


def test_the_target_is_remembered_per_site(qtbot: QtBot, tmp_path: Path) -> None:
    store = DictStore()
    site_a, site_b = tmp_path / "a", tmp_path / "b"
    dialog = _dialog(qtbot, store, site_a, [FIXTURES / "yaml-post.md"])
    out = tmp_path / "out"
    dialog.target_edit.setText(str(out))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("zola"))
    assert _export(qtbot, dialog).ok
    again = ExportDialog([FIXTURES / "yaml-post.md"], store, site_root=site_a)
    qtbot.addWidget(again)
    assert again.target_edit.text() == str(out) and again.fmt() == "zola"
    other = ExportDialog([FIXTURES / "yaml-post.md"], store, site_root=site_b)
    qtbot.addWidget(other)
    assert other.target_edit.text() == "" and other.fmt() == "hugo"
    assert "Choose" in other.plan_label.text() and not other.export_button.isEnabled()
    # the site itself, remembered by an older version, is not proposed again
    store.data[next(k for k in store.data if k.endswith("/target") and "last" not in k)] = str(
        site_a
    )
    old = ExportDialog([FIXTURES / "yaml-post.md"], store, site_root=site_a)
    qtbot.addWidget(old)
    assert old.fmt() == "zola" and old.target_edit.text() == ""


def test_a_typed_folder_is_planned_without_changing_the_format(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, DictStore(), tmp_path / "site", [FIXTURES / "yaml-post.md"])
    typed = tmp_path / "typed"
    dialog.target_edit.setText(str(typed))  # no editingFinished, no format change
    assert dialog.plan is not None and dialog.plan.target_dir == typed
    assert str(typed) in dialog.plan_label.text()
    dialog.set_debounce_ms(10)
    later = tmp_path / "later"
    dialog.target_edit.setText(str(later))
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.target_dir == later)
    assert str(later) in dialog.plan_label.text()


def test_the_default_folder_is_outside_the_site(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QStandardPaths

    docs = tmp_path / "Documents"
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(docs))
    site = tmp_path / "site"
    store = DictStore()
    store.data["export/last-target"] = str(site)  # the site itself is never proposed
    dialog = ExportDialog([FIXTURES / "yaml-post.md"], store, site_root=site)
    qtbot.addWidget(dialog)
    assert dialog.fmt() == "hugo" and dialog.target_edit.text() == ""
    assert "Choose" in dialog.plan_label.text() and not dialog.export_button.isEnabled()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("html"))
    assert dialog.target_edit.text() == str(docs)
    assert dialog.plan is not None and dialog.plan.target_dir == docs
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("jekyll"))
    assert dialog.target_edit.text() == ""
    store.data["export/last-target"] = str(tmp_path / "exports")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("pdf"))
    assert dialog.target_edit.text() == str(tmp_path / "exports")
    # a folder the user typed stays when the format changes
    dialog.target_edit.setText(str(tmp_path / "mine"))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("hugo"))
    assert dialog.target_edit.text() == str(tmp_path / "mine")


def test_collisions_are_marked_and_overwrite_needs_confirmation(
    qtbot: QtBot, tmp_path: Path
) -> None:
    existing = tmp_path / "content" / "posts" / "yaml-post.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("mine", encoding="utf-8")
    dialog = _dialog(qtbot, DictStore(), tmp_path, [FIXTURES / "yaml-post.md"])
    item = dialog.plan_tree.topLevelItem(0)
    assert item.text(1) == "already exists (see below)" and item.text(2) == "yaml-post.md"
    assert "free name: yaml-post-2" in item.child(0).text(1)
    assert not dialog.export_button.isEnabled()

    asked: list[str] = []
    dialog.confirm = lambda text: asked.append(text) or False
    dialog.overwrite_check.setChecked(True)
    assert asked and "content/posts/yaml-post.md" in asked[0]
    assert not dialog.overwrite_check.isChecked() and not dialog.export_button.isEnabled()

    dialog.rename_check.setChecked(True)
    assert dialog.plan_tree.topLevelItem(0).text(0).endswith("yaml-post-2.md")
    dialog.rename_check.setChecked(False)

    dialog.confirm = lambda text: True
    dialog.overwrite_check.setChecked(True)
    assert dialog.plan_tree.topLevelItem(0).text(1) == "overwrites"
    assert _export(qtbot, dialog).ok
    assert existing.read_text("utf-8").startswith("---\ntitle: ")


def test_no_target_and_bad_section_disable_export(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ExportDialog([FIXTURES / "yaml-post.md"], DictStore())
    qtbot.addWidget(dialog)
    assert not dialog.export_button.isEnabled() and "Choose" in dialog.plan_label.text()
    dialog.target_edit.setText(str(tmp_path))
    dialog.section_edit.setText("../up")
    dialog.section_edit.editingFinished.emit()
    assert "leave" in dialog.plan_label.text() and not dialog.export_button.isEnabled()


def test_ini_store_round_trips(tmp_path: Path) -> None:
    store = IniStore(tmp_path / "export.ini")
    assert store.get("export/x/target", "dflt") == "dflt"
    store.set("export/x/target", "/some/where")
    assert IniStore(tmp_path / "export.ini").get("export/x/target") == "/some/where"


@pytest.fixture(autouse=True)
def _no_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    def refuse(*_args: object, **_kw: object) -> object:
        raise AssertionError("a modal message box was opened in a test")

    monkeypatch.setattr(QMessageBox, "question", refuse)


def test_pdf_export_from_the_dialog_prints_on_the_gui_thread(qtbot: QtBot, tmp_path: Path) -> None:
    pypdf = importlib.import_module("pypdf")

    dialog = _dialog(
        qtbot, DictStore(), tmp_path, [FIXTURES / "yaml-post.md", FIXTURES / "photo-walk"]
    )
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("pdf"))
    assert not dialog.section_edit.isEnabled()
    report = _export(qtbot, dialog)
    assert report.ok, report.as_json()
    for path in report.written:
        assert path.suffix == ".pdf" and len(pypdf.PdfReader(path).pages) >= 1


def test_open_export_dialog_is_the_one_call(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QWidget

    from editor.ui.export.dialog import open_export_dialog

    window = QWidget()
    qtbot.addWidget(window)
    store = IniStore(tmp_path / "export.ini")
    dialog = open_export_dialog(window, [FIXTURES / "yaml-post.md"], store, site_root=tmp_path)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.parent() is window and dialog.target_edit.text() == ""
    dialog.target_edit.setText(str(tmp_path / "other-site"))
    qtbot.waitUntil(lambda: dialog.plan_tree.topLevelItemCount() == 1)
    dialog.grab().save(str(tmp_path / "dialog.png"))
    dialog.close()
