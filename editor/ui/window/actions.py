"""The window's actions, declared as data: id, title, shortcut, handler name, menu, toolbar.

`build_actions()` turns the table into QActions bound to a mapping of handlers;
`window_handlers(window)` is that mapping for the MainWindow (one-line forwards). Standard
shortcuts come from QKeySequence.StandardKey, so each platform gets its own (Ctrl+S here,
Cmd+S on macOS).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QKeyCombination, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QMenuBar, QStyle, QToolBar, QWidget

from editor.ui.accessibility import name_toolbar
from editor.ui.editor import prompts
from editor.ui.window.about import show_about

Std = QKeySequence.StandardKey
Shortcut = QKeySequence.StandardKey | str | None


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One action. `handler` names the callable in the handlers mapping; `checkable` actions
    get the new state as their argument. `icon` is a QStyle standard pixmap name or ""; `glyph`
    is short text shown on the toolbar instead of an icon ("B" for bold)."""

    id: str
    title: str
    handler: str
    shortcut: Shortcut = None
    extra_shortcuts: tuple[str, ...] = ()
    tip: str = ""
    checkable: bool = False
    icon: str = ""
    glyph: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new", "&New Post", "new_post", Std.New, tip="Start a new post", icon="SP_FileIcon"),
    ActionSpec(
        "open",
        "&Open…",
        "open_post_dialog",
        Std.Open,
        tip="Open a post",
        icon="SP_DialogOpenButton",
    ),
    ActionSpec(
        "open_site",
        "Open S&ite…",
        "open_site_dialog",
        "Ctrl+Shift+O",
        tip="Open a site folder",
        icon="SP_DirOpenIcon",
    ),
    ActionSpec("save", "&Save", "save", Std.Save, tip="Save the post", icon="SP_DialogSaveButton"),
    ActionSpec("save_as", "Save &As…", "save_as", Std.SaveAs),
    ActionSpec(
        "restore_version",
        "Restore Previous &Version…",
        "restore_version",
        tip="Bring back the post as it was before one of its last saves",
    ),
    ActionSpec(
        "export",
        "&Export…",
        "export",
        "Ctrl+Shift+X",
        tip="Export the post (or the posts selected in the library) to a site, HTML or PDF",
    ),
    ActionSpec(
        "publish",
        "P&ublish…",
        "publish",
        "Ctrl+Shift+U",
        tip="Commit the post (or the post selected in the library) with git and push it",
        glyph="Publish",
    ),
    ActionSpec("close", "&Close Post", "close_current", Std.Close),
    ActionSpec("quit", "&Quit", "close", Std.Quit, extra_shortcuts=("Ctrl+Q",)),
    ActionSpec("undo", "&Undo", "undo", Std.Undo),
    ActionSpec("redo", "&Redo", "redo", Std.Redo),
    ActionSpec("cut", "Cu&t", "cut", Std.Cut),
    ActionSpec("copy", "&Copy", "copy", Std.Copy),
    ActionSpec("paste", "&Paste", "paste", Std.Paste),
    ActionSpec("find", "&Find…", "find", Std.Find),
    ActionSpec("find_next", "Find &Next", "find_next", Std.FindNext),
    ActionSpec("find_previous", "Find Pre&vious", "find_previous", Std.FindPrevious),
    ActionSpec("replace", "Rep&lace…", "replace", Std.Replace, extra_shortcuts=("Ctrl+H",)),
    ActionSpec(
        "preferences", "Pr&eferences…", "preferences", Std.Preferences, extra_shortcuts=("Ctrl+,",)
    ),
    ActionSpec("bold", "&Bold", "bold", Std.Bold, tip="Bold (**text**)", glyph="B"),
    ActionSpec("italic", "&Italic", "italic", Std.Italic, tip="Italic (*text*)", glyph="I"),
    ActionSpec("code", "&Code", "code", "Ctrl+E", tip="Inline code (`code`)", glyph="</>"),
    ActionSpec("link", "&Link…", "link", "Ctrl+K", tip="Link ([text](url))", glyph="Link"),
    ActionSpec(
        "strikethrough", "&Strikethrough", "strikethrough", "Ctrl+D", tip="Strikethrough (~~text~~)"
    ),
    ActionSpec(
        "image",
        "I&mage…",
        "image",
        "Ctrl+Alt+I",
        tip="Insert images (copied into the post's bundle or static/ when not there yet)",
    ),
    ActionSpec("quote", "Block &Quote", "quote", "Ctrl+Shift+Q", tip="Quote the lines (> text)"),
    ActionSpec(
        "bullet_list", "B&ulleted List", "bullet_list", "Ctrl+Shift+B", tip="Bulleted list (- item)"
    ),
    ActionSpec(
        "numbered_list",
        "&Numbered List",
        "numbered_list",
        "Ctrl+Shift+N",
        tip="Numbered list (1. item)",
    ),
    ActionSpec(
        "task_list", "&Task List", "task_list", "Ctrl+Shift+T", tip="Task list (- [ ] item)"
    ),
    ActionSpec(
        "task_done",
        "Tick Tas&ks",
        "task_done",
        "Ctrl+Shift+D",
        tip="Tick the task boxes of the lines (- [x]), or clear them",
    ),
    ActionSpec(
        "code_block",
        "Code Bl&ock",
        "code_block",
        "Ctrl+Shift+C",
        tip="Fenced code block around the lines (```)",
    ),
    ActionSpec(
        "heading",
        "&Heading",
        "heading",
        "Ctrl+Shift+H",
        tip="Heading: # → ## → … → text",
        glyph="H",
    ),
    ActionSpec("select_all", "Select &All", "select_all", Std.SelectAll),
    ActionSpec(
        "go_to_line", "&Go to Line…", "go_to_line", "Ctrl+J", tip="Move the cursor to a line"
    ),
    ActionSpec(
        "full_screen",
        "Full S&creen",
        "set_full_screen",
        Std.FullScreen,
        tip="Show the window on the whole screen",
        checkable=True,
    ),
    ActionSpec("zoom_in", "Zoom &In", "zoom_in", Std.ZoomIn),
    ActionSpec("zoom_out", "Zoom &Out", "zoom_out", Std.ZoomOut),
    ActionSpec("zoom_reset", "Reset &Zoom", "zoom_reset", "Ctrl+0"),
    ActionSpec(
        "toggle_preview",
        "&Preview",
        "set_preview_visible",
        "Ctrl+Shift+P",
        tip="Show or hide the preview",
        checkable=True,
        glyph="Preview",
    ),
    ActionSpec(
        "toggle_editor",
        "&Editor",
        "set_editor_visible",
        "Ctrl+Shift+E",
        tip="Show or hide the editor",
        checkable=True,
    ),
    ActionSpec(
        "toggle_sidebar",
        "&Library",
        "set_sidebar_visible",
        "Ctrl+Shift+L",
        tip="Show or hide the library",
        checkable=True,
        glyph="Library",
    ),
    ActionSpec(
        "toggle_problems",
        "P&roblems",
        "set_problems_visible",
        "Ctrl+Shift+M",
        tip="Show or hide the current post's problems (will it publish?)",
        checkable=True,
    ),
    ActionSpec(
        "preview_fast",
        "F&ast Preview",
        "preview_fast",
        tip="Preview mode: Inkpost's own fast rendering",
        checkable=True,
    ),
    ActionSpec(
        "preview_site",
        "Si&te Preview (Hugo)",
        "preview_site",
        tip="Preview mode: the post on the site's own Hugo server, theme and all",
        checkable=True,
    ),
    ActionSpec(
        "focus_library_search",
        "Focus Library &Search",
        "focus_library_search",
        "Ctrl+L",
        tip="Show the library and type in its search (Escape goes back to the post)",
    ),
    ActionSpec(
        "toggle_front_matter",
        "&Front Matter",
        "set_front_matter_visible",
        "Ctrl+Shift+I",
        tip="Show or hide the post's front matter as a form",
        checkable=True,
    ),
    ActionSpec("line_numbers", "Line &Numbers", "set_line_numbers", None, checkable=True),
    ActionSpec("soft_wrap", "Soft &Wrap", "set_soft_wrap", "Alt+Z", checkable=True),
    ActionSpec("next_tab", "Next Post", "next_tab", Std.NextChild),
    ActionSpec("previous_tab", "Previous Post", "previous_tab", Std.PreviousChild),
    ActionSpec(
        "shortcuts",
        "&Keyboard Shortcuts",
        "show_shortcuts",
        "F1",
        extra_shortcuts=("Ctrl+/",),
        tip="Every action and its keys, with a search box",
    ),
    ActionSpec("user_guide", "User &Guide", "show_guide", tip="A short guide to Inkpost"),
    ActionSpec(
        "report_problem",
        "&Report a Problem…",
        "report_problem",
        tip="Copy Inkpost's versions and folders for a bug report",
    ),
    ActionSpec(
        "toggle_outline",
        "O&utline",
        "set_outline_visible",
        "Ctrl+Shift+K",
        tip="Show or hide the post's headings (click to go, drag to move a section)",
        checkable=True,
    ),
    ActionSpec(
        "check_spelling",
        "Check &Spelling",
        "set_spell_check",
        tip="Underline misspelled words (in the site's language)",
        checkable=True,
    ),
    ActionSpec("about", "&About Inkpost", "about"),
)

MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "&File",
        (
            "new",
            "open",
            "open_site",
            "-",
            "save",
            "save_as",
            "restore_version",
            "-",
            "export",
            "publish",
            "-",
            "close",
            "-",
            "quit",
        ),
    ),
    (
        "&Edit",
        (
            "undo",
            "redo",
            "-",
            "cut",
            "copy",
            "paste",
            "select_all",
            "-",
            "find",
            "find_next",
            "find_previous",
            "replace",
            "go_to_line",
            "check_spelling",
            "-",
            "preferences",
        ),
    ),
    (
        "F&ormat",
        (
            "bold",
            "italic",
            "strikethrough",
            "code",
            "link",
            "image",
            "-",
            "heading",
            "quote",
            "bullet_list",
            "numbered_list",
            "task_list",
            "task_done",
            "code_block",
        ),
    ),
    (
        "&View",
        (
            "toggle_preview",
            "toggle_editor",
            "toggle_sidebar",
            "focus_library_search",
            "toggle_problems",
            "toggle_outline",
            "toggle_front_matter",
            "-",
            "preview_fast",
            "preview_site",
            "-",
            "full_screen",
            "zoom_in",
            "zoom_out",
            "zoom_reset",
            "-",
            "line_numbers",
            "soft_wrap",
            "-",
            "next_tab",
            "previous_tab",
        ),
    ),
    ("&Help", ("shortcuts", "user_guide", "-", "report_problem", "-", "about")),
)

TOOLBAR: tuple[str, ...] = (
    "new",
    "open",
    "save",
    "-",
    "bold",
    "italic",
    "code",
    "link",
    "heading",
    "-",
    "toggle_sidebar",
    "toggle_preview",
    "-",
    "publish",
)


def window_handlers(window: Any) -> dict[str, Callable[..., object]]:
    """The handler of every action for a MainWindow: one-line forwards to its current
    editor, find bar, documents, preferences, exporter or view methods."""

    def on_editor(name: str, *args: object) -> Any:
        return lambda: getattr(window.current_editor() or _Nothing(), name)(*args)

    def on_focused(name: str) -> Any:
        # Edit > Undo ... Select All act where the keyboard is: a front matter field, the
        # library's search or list (from the menu too: a menu leaves the focus where it is).
        return lambda: getattr(_focused_with(window, name) or window.current_editor(), name)()

    return {
        "new_post": window.new_post,
        "open_post_dialog": lambda: window.documents.open_post_dialog(),
        "export": lambda: window.exporter.export(),
        "publish": lambda: window.publisher.publish(),
        "open_site_dialog": window.open_site_dialog,
        "save": window.save,
        "save_as": lambda: window.documents.save_as(),
        "close_current": lambda: window.documents.close_current(),
        "close": window.close,
        "undo": on_focused("undo"),
        "redo": on_focused("redo"),
        "cut": on_focused("cut"),
        "copy": on_focused("copy"),
        "paste": on_focused("paste"),
        "find": lambda: window.find_bar.open_find(replace=False),
        "find_next": window.find_bar.find_next,
        "find_previous": window.find_bar.find_previous,
        "replace": lambda: window.find_bar.open_find(replace=True),
        "preferences": lambda: window.appearance.open_dialog(),
        "bold": on_editor("toggle_bold"),
        "italic": on_editor("toggle_italic"),
        "code": on_editor("toggle_code"),
        "link": window.insert_link,
        "heading": on_editor("cycle_heading"),
        "strikethrough": on_editor("toggle_strikethrough"),
        "image": lambda: prompts.ask_images(window, window.current_editor()),
        "quote": on_editor("toggle_lines", "quote"),
        "bullet_list": on_editor("toggle_lines", "bullet"),
        "numbered_list": on_editor("toggle_lines", "numbered"),
        "task_list": on_editor("toggle_lines", "task"),
        "task_done": on_editor("toggle_task_done"),
        "code_block": on_editor("toggle_code_block"),
        "select_all": on_focused("selectAll"),
        "go_to_line": lambda: prompts.ask_line(window, window.current_editor()),
        "set_full_screen": lambda on: set_full_screen(window, on),
        "zoom_in": lambda: window.zoom_views(1),
        "zoom_out": lambda: window.zoom_views(-1),
        "zoom_reset": lambda: window.zoom_views(0),
        "set_preview_visible": window.set_preview_visible,
        "set_editor_visible": window.editor_pane.setVisible,
        "set_sidebar_visible": window.library_dock.setVisible,
        "focus_library_search": lambda: window.library.focus_search(),
        "set_problems_visible": lambda on: window.problems.set_visible(on),
        "set_front_matter_visible": lambda on: window.front_matter.set_visible(on),
        "preview_fast": lambda on: on and window.preview_modes.choose("fast"),
        "preview_site": lambda on: on and window.preview_modes.choose("site"),
        "set_line_numbers": lambda on: window.appearance.set_line_numbers(on),
        "set_soft_wrap": lambda on: window.appearance.set_soft_wrap(on),
        "next_tab": lambda: window.step_tab(1),
        "previous_tab": lambda: window.step_tab(-1),
        "about": lambda: show_about(window),
        "set_outline_visible": lambda on: window.outline.set_visible(on),
        "set_spell_check": lambda on: window.appearance.change(spell_check=on),
        "show_shortcuts": lambda: window.help.show_shortcuts(),
        "show_guide": lambda: window.help.show_guide(),
        "report_problem": lambda: window.help.report_problem(),
        "restore_version": lambda: (
            window.safekeeping and window.safekeeping.restore_version(window.current_tab())
        ),
    }


def set_full_screen(window: QWidget, on: bool) -> None:
    """Put `window` on the whole screen, or back as it was (maximized or not)."""
    state = window.windowState()
    full = Qt.WindowState.WindowFullScreen
    window.setWindowState(state | full if on else state & ~full)


def _focused_with(window: QWidget, name: str) -> Any:
    """The focused widget of `window` (or its nearest parent) that has a method `name`; a
    _Nothing when the focus is elsewhere in the window (the preview); None without focus."""
    focused = QApplication.focusWidget()
    if focused is None or focused.window() is not window:
        return None
    widget: QWidget | None = focused
    while widget is not None and widget is not window:
        if callable(getattr(widget, name, None)):
            return widget
        widget = widget.parentWidget()
    return _Nothing()


class _Nothing:
    """Stands in for the editor when no post is open: every action does nothing."""

    def __getattr__(self, _name: str) -> Any:
        return lambda *args, **kwargs: None


def _as_typed(sequence: QKeySequence) -> QKeySequence:
    """`sequence` as the user types and reads it: Shift+Backtab is Shift+Tab."""
    if sequence.count() != 1:
        return sequence
    combo = sequence[0]
    if combo.key() != Qt.Key.Key_Backtab or not (
        combo.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
    ):
        return sequence
    return QKeySequence(QKeyCombination(combo.keyboardModifiers(), Qt.Key.Key_Tab))


def shortcut_text(action: QAction) -> str:
    """The action's first shortcut as menus and tooltips show it ("" without one)."""
    return _as_typed(action.shortcut()).toString(QKeySequence.SequenceFormat.NativeText)


def _key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    sequences: list[QKeySequence] = []
    if isinstance(spec.shortcut, QKeySequence.StandardKey):
        sequences.extend(QKeySequence.keyBindings(spec.shortcut))
    elif spec.shortcut:
        sequences.append(QKeySequence(spec.shortcut))
    for extra in spec.extra_shortcuts:
        sequence = QKeySequence(extra)
        if sequence not in sequences:
            sequences.append(sequence)
    return sequences


def translated(text: str) -> str:
    """`text` from the tables above (titles, tips, glyphs, menus) in the user's language
    (context "Actions"; tools/update_translations.py lists the tables for lupdate)."""
    return QCoreApplication.translate("Actions", text) if text else text


def build_actions(
    parent: QWidget,
    handlers: Mapping[str, Callable[..., object]],
    specs: tuple[ActionSpec, ...] = ACTIONS,
) -> dict[str, QAction]:
    """QActions for `specs`, each triggering its handler (a KeyError names a missing one)."""
    actions: dict[str, QAction] = {}
    style = parent.style()
    for spec in specs:
        handler = handlers[spec.handler]
        title = translated(spec.title)
        action = QAction(title, parent)
        action.setObjectName(f"action_{spec.id}")
        action.setShortcuts(_key_sequences(spec))
        tip = translated(spec.tip) or title.replace("&", "").rstrip("…")
        shortcut = shortcut_text(action)
        if shortcut != action.shortcut().toString(QKeySequence.SequenceFormat.NativeText):
            # The key still matches as the platform binds it (Ctrl+Shift+Backtab is what
            # Ctrl+Shift+Tab sends); the menu shows it as typed, after the tab in the text.
            action.setText(f"{title}\t{shortcut}")
        action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        action.setStatusTip(tip)
        if spec.icon:
            action.setIcon(style.standardIcon(getattr(QStyle.StandardPixmap, spec.icon)))
        if spec.glyph:
            action.setIconText(translated(spec.glyph))
        if spec.checkable:
            action.setCheckable(True)
            action.toggled.connect(handler)
        else:
            action.triggered.connect(lambda _checked=False, h=handler: h())
        parent.addAction(action)
        actions[spec.id] = action
    return actions


def build_menus(menu_bar: QMenuBar, actions: Mapping[str, QAction]) -> None:
    for title, ids in MENUS:
        menu = menu_bar.addMenu(translated(title))
        for action_id in ids:
            if action_id == "-":
                menu.addSeparator()
            else:
                menu.addAction(actions[action_id])


def build_toolbar(toolbar: QToolBar, actions: Mapping[str, QAction]) -> None:
    """Toolbar entries: icons where there is one, short glyphs ("B", "I") otherwise."""
    for action_id in TOOLBAR:
        if action_id == "-":
            toolbar.addSeparator()
            continue
        action = actions[action_id]
        toolbar.addAction(action)
        button = toolbar.widgetForAction(action)
        if button is None or not action.icon().isNull():
            continue
        font = QFont(button.font())
        if action_id == "bold":
            font.setBold(True)
        elif action_id == "italic":
            font.setItalic(True)
            font.setFamily("DejaVu Serif")
        elif action_id == "code":
            font.setFamily("DejaVu Sans Mono")
        button.setFont(font)
    name_toolbar(toolbar)  # screen readers say "Bold", not the glyph "B"
