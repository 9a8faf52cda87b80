"""TokenField on its own: chips, keys, completion, case-variant warnings, wrapping, names
and palette-aware colours (pytest-qt)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.ui.accessibility import accessible_name
from editor.ui.frontmatter.token_field import AMBER_DARK, AMBER_LIGHT
from editor.ui.frontmatter.tokens import TokenField


def make_field(qtbot: QtBot, tokens: list[str], site: list[str] | None = None) -> TokenField:
    field = TokenField(noun="tag")
    qtbot.addWidget(field)
    field.set_choices(site or ["Rust", "Python", "rusty", "Go"])
    field.set_tokens(tokens)
    field.resize(300, 60)
    field.show()
    qtbot.waitExposed(field)
    return field


def test_enter_comma_and_tab_commit_the_typed_text(qtbot: QtBot) -> None:
    field = make_field(qtbot, ["a"])
    edits: list[list[str]] = []
    field.tokensEdited.connect(edits.append)
    field.input.setFocus()
    qtbot.keyClicks(field.input, "b")
    qtbot.keyClick(field.input, Qt.Key.Key_Return)
    qtbot.keyClicks(field.input, "c,")
    qtbot.keyClicks(field.input, "d")
    qtbot.keyClick(field.input, Qt.Key.Key_Tab)
    assert edits == [["a", "b"], ["a", "b", "c"], ["a", "b", "c", "d"]]
    assert [chip.label.text() for chip in field.chips()] == ["a", "b", "c", "d"]
    assert field.focusWidget() is field.input  # Tab with text commits and stays


def test_pasted_names_become_chips_once_each(qtbot: QtBot) -> None:
    field = make_field(qtbot, ["a"])
    edits: list[list[str]] = []
    field.tokensEdited.connect(edits.append)
    field.input.setText("b, a, c, b")
    field.input.textEdited.emit(field.input.text())  # as a paste does
    assert edits == [["a", "b", "c"]]
    assert field.input.text() == "b"  # after the last comma: still being typed
    field.commit_input()
    assert field.tokens() == ["a", "b", "c"] and len(edits) == 1  # no repeat, no edit


def test_the_remove_button_and_backspace_remove_chips(qtbot: QtBot) -> None:
    field = make_field(qtbot, ["a", "b", "c"])
    edits: list[list[str]] = []
    field.tokensEdited.connect(edits.append)
    qtbot.mouseClick(field.chips()[1].remove, Qt.MouseButton.LeftButton)
    assert edits[-1] == ["a", "c"]
    field.input.setFocus()
    qtbot.keyClick(field.input, Qt.Key.Key_Backspace)
    assert edits[-1] == ["a"]
    qtbot.keyClick(field.input, Qt.Key.Key_Left)  # onto the last chip's ×
    assert field.focusWidget() is field.chips()[0].remove
    qtbot.keyClick(field.chips()[0].remove, Qt.Key.Key_Delete)
    assert edits[-1] == [] and field.chips() == []
    qtbot.keyClick(field.input, Qt.Key.Key_Backspace)  # nothing left: no edit
    assert len(edits) == 3


def test_backspace_in_typed_text_edits_the_text_only(qtbot: QtBot) -> None:
    field = make_field(qtbot, ["a"])
    field.input.setFocus()
    qtbot.keyClicks(field.input, "xy")
    qtbot.keyClick(field.input, Qt.Key.Key_Backspace)
    assert field.input.text() == "x" and field.tokens() == ["a"]


def test_the_completer_offers_the_sites_tags_ignoring_case(qtbot: QtBot) -> None:
    field = make_field(qtbot, [])
    field.input.setFocus()
    qtbot.keyClicks(field.input, "RUS")
    popup = field.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    model = popup.model()
    shown = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert shown == ["Rust", "rusty"]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # the highlighted name, not the typed text
    assert field.tokens() == ["Rust"]
    assert field.input.text() == ""


def test_a_case_variant_chip_warns_with_the_sites_spelling(qtbot: QtBot) -> None:
    field = make_field(qtbot, ["rust", "Python", "new"])
    variant, exact, fresh = field.chips()
    assert variant.toolTip() == "The site uses 'Rust'"
    assert variant.border_colour() == AMBER_LIGHT.name()
    assert exact.toolTip() == "" and exact.border_colour() != AMBER_LIGHT.name()
    assert fresh.site_spelling is None
    field.set_choices(["Rust", "rust"])  # the site writes both: no warning
    assert field.chips()[0].toolTip() == ""


def test_the_warning_colour_follows_a_dark_palette(qtbot: QtBot) -> None:
    field = make_field(qtbot, ["rust"])
    chip = field.chips()[0]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.Button, QColor("#303030"))
    try:
        app.setPalette(dark)  # as the theme's apply_palette does
        qtbot.waitUntil(lambda: chip.border_colour() == AMBER_DARK.name())
    finally:
        app.setPalette(light)
    qtbot.waitUntil(lambda: chip.border_colour() == AMBER_LIGHT.name())


def test_chips_wrap_onto_more_lines_when_narrow(qtbot: QtBot) -> None:
    names = [f"tag-number-{i}" for i in range(8)]
    field = make_field(qtbot, names)
    one_line = field.chips()[0].sizeHint().height()
    assert field.heightForWidth(2000) < 2 * one_line + 10
    narrow = field.heightForWidth(160)
    assert narrow > 4 * one_line
    field.resize(160, narrow)
    qtbot.waitUntil(lambda: field.chips()[-1].geometry().bottom() <= narrow)
    tops = {chip.geometry().top() for chip in field.chips()}
    assert len(tops) >= 4  # several lines
    assert all(chip.geometry().right() <= 160 for chip in field.chips())


def test_chips_have_names_screen_readers_read(qtbot: QtBot) -> None:
    field = make_field(qtbot, ["rust"])
    assert accessible_name(field.chips()[0].remove) == "tag rust, remove"
    category = TokenField(noun="category")
    qtbot.addWidget(category)
    category.set_tokens(["news"])
    assert accessible_name(category.chips()[0].remove) == "category news, remove"


def test_arrows_step_between_chips_and_delete_keeps_focus_near(qtbot: QtBot) -> None:
    field = make_field(qtbot, ["a", "b", "c"])
    field.input.setFocus()
    qtbot.keyClick(field.input, Qt.Key.Key_Left)
    assert field.focusWidget() is field.chips()[2].remove
    qtbot.keyClick(field.chips()[2].remove, Qt.Key.Key_Left)
    assert field.focusWidget() is field.chips()[1].remove
    qtbot.keyClick(field.chips()[1].remove, Qt.Key.Key_Delete)
    assert field.tokens() == ["a", "c"]
    assert field.focusWidget() is field.chips()[1].remove  # "c", where "b" was
    qtbot.keyClick(field.chips()[1].remove, Qt.Key.Key_Right)
    assert field.focusWidget() is field.input
    qtbot.mouseClick(field.chips()[0].remove, Qt.MouseButton.LeftButton)
    assert field.tokens() == ["c"] and field.focusWidget() is field.input
