"""WindowParts: what the writing window's first frame does without.

The Problems, Front Matter and Outline docks' panels, File > Export and Publish, Open
Recent, Help, drops, spelling, the site preview's modes and the watch on the site's config
files. `MainWindow` makes them in its
constructor, or (`defer_parts`) at `build_parts` or the first use of one (a shortcut, the
app): the app's start first uses them (File > Export's store, the preview's mode) once the
preview shows the post and the library has its panel. Their docks
exist from the start (`PART_DOCKS`): a restored layout places and shows them, so nothing
moves when the panels arrive. Posts opened before the parts are followed like later ones.

`Part` is the window's attribute for one part (`window.problems`...).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from editor.ui.editor.documents import DocumentTab
    from editor.ui.preview.site_mode import PreviewModes
    from editor.ui.window.drop import DropOpener
    from editor.ui.window.export_link import ExportLink
    from editor.ui.window.front_matter_link import FrontMatterLink
    from editor.ui.window.help_menu import HelpMenu
    from editor.ui.window.outline_link import OutlineLink
    from editor.ui.window.problems_link import ProblemsLink
    from editor.ui.window.publish_link import PublishLink
    from editor.ui.window.recent import RecentMenu
    from editor.ui.window.site_settings import SiteSettingsWatch
    from editor.ui.window.spelling_link import SpellingLink

T = TypeVar("T")

PART_DOCKS = {  # the parts' docks, made with the window
    "problemsDock": Qt.DockWidgetArea.BottomDockWidgetArea,
    "frontMatterDock": Qt.DockWidgetArea.RightDockWidgetArea,
    "outlineDock": Qt.DockWidgetArea.RightDockWidgetArea,
}


@dataclass(frozen=True, slots=True)
class WindowParts:
    """See the module docstring."""

    problems: ProblemsLink  # View > Problems and the site checks
    front_matter: FrontMatterLink  # View > Front Matter
    exporter: ExportLink  # File > Export…
    publisher: PublishLink  # File > Publish… and the library's Git column
    help: HelpMenu  # Help > Keyboard Shortcuts, User Guide, Report a Problem
    recent: RecentMenu  # File > Open Recent
    drops: DropOpener  # a post or a site dropped on the window opens
    outline: OutlineLink  # View > Outline
    spelling: SpellingLink  # Edit > Check Spelling
    preview_modes: PreviewModes  # View > Fast / Site Preview (the site's Hugo)
    site_settings: SiteSettingsWatch  # the site's config files, read again when they change

    @classmethod
    def make(cls, window: Any, docks: dict[str, Any]) -> WindowParts:
        """The parts of `window` (a MainWindow), in the dock shells `docks` (`wire` them
        once the window holds them)."""
        from editor.ui.preview.site_mode import PreviewModes
        from editor.ui.window.drop import DropOpener
        from editor.ui.window.export_link import ExportLink
        from editor.ui.window.front_matter_link import FrontMatterLink
        from editor.ui.window.help_menu import HelpMenu
        from editor.ui.window.outline_link import OutlineLink
        from editor.ui.window.problems_link import ProblemsLink
        from editor.ui.window.publish_link import PublishLink
        from editor.ui.window.recent import RecentMenu
        from editor.ui.window.site_settings import SiteSettingsWatch
        from editor.ui.window.spelling_link import SpellingLink

        def site() -> Any:
            return window.site

        documents, library = window.documents, window.library
        return cls(
            problems=ProblemsLink(window, window.site, window, docks["problemsDock"]),
            front_matter=FrontMatterLink(window, window.site, window, docks["frontMatterDock"]),
            exporter=ExportLink(documents, library, site, window),
            publisher=PublishLink(documents, library, site, window.safekeeping, window),
            help=HelpMenu(window),
            recent=RecentMenu(window, window.actions_by_id["open_site"]),
            drops=DropOpener(window),
            outline=OutlineLink(window, window, docks["outlineDock"]),
            spelling=SpellingLink(window, window),
            preview_modes=PreviewModes(window),
            site_settings=SiteSettingsWatch(window, window),
        )

    def wire(self, window: Any) -> None:
        """Connect the parts to `window` and to the posts it has open."""
        problems = self.problems
        self.front_matter.follow_window(window)
        problems.bind_action(window.actions_by_id["toggle_problems"])
        problems.goToLineRequested.connect(problems.go_to_line)
        self.outline.bind_action(window.actions_by_id["toggle_outline"])

        def follow_edits(tab: DocumentTab) -> None:
            tab.editor.textChanged.connect(lambda: problems.text_changed(tab))

        window.documents.follow_tabs(follow_edits)
        problems.set_tab(window.current_tab())
        self.spelling.set_enabled(window.appearance.prefs.spell_check)
        panel = window.library.panel
        if panel is not None:
            problems.follow_library(panel)
            self.publisher.follow_library(panel)

    def sync_dock_actions(self) -> None:
        """After the dock layout was restored: View's actions follow the docks."""
        self.problems.sync_action()
        self.outline.sync_action()
        self.front_matter.sync_action()


class Part(Generic[T]):
    """A window attribute that is one of its WindowParts (made on first use)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, window: None, owner: type) -> Part[T]: ...
    @overload
    def __get__(self, window: object, owner: type) -> T: ...
    def __get__(self, window: Any, owner: type) -> Any:
        if window is None:
            return self
        return getattr(window.parts(), self._name)
