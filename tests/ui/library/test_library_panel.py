"""The library sidebar: list, search, filters, actions and outside changes (pytest-qt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from editor.core.library import actions as library_actions
from editor.core.library.types import PostEntry, PostState
from editor.core.site.config import find_site
from editor.ui.library.delegate import snippet_html
from editor.ui.library.dialogs import NewPostChoice, NewPostDialog
from editor.ui.library.model import DATE, ENTRY_ROLE, READING, STATE, TITLE
from editor.ui.library.panel import LibraryPanel

POSTS = {
    "posts/alpha.md": "---\ntitle: Alpha\ndate: 2024-01-01\ntags: [go]\n---\nGophers write code.\n",
    "posts/beta.md": (
        "---\ntitle: Beta\ndate: 2024-02-01\ndraft: true\ntags: [go, rust]\n---\n"
        "Ferris the crab and static typing.\n"
    ),
    "notes/gamma/index.md": "---\ntitle: Gamma\ndate: 2023-05-05\n---\nA bundle note.\n",
    "notes/broken.md": "---\ntitle: [oops\n---\nBroken front matter.\n",
}


class FakePrompts:
    def __init__(self) -> None:
        self.new: NewPostChoice | None = None
        self.name: str | None = None
        self.confirm = True
        self.errors: list[str] = []

    def new_post(self, sections: list[str], section: str) -> NewPostChoice | None:
        self.sections = sections
        return self.new

    def rename(self, entry: PostEntry) -> str | None:
        return self.name

    def confirm_trash(self, entry: PostEntry) -> bool:
        return self.confirm

    def error(self, message: str) -> None:
        self.errors.append(message)


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "hugo.toml").parent.mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://e.org/"\ntitle = "T"\n')
    for rel, text in POSTS.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def panel(qtbot, site_root: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    widget = LibraryPanel(figures=False)
    qtbot.addWidget(widget)
    widget.prompts = FakePrompts()
    widget.set_debounce_ms(-1)
    widget.set_site(find_site(site_root), tmp_path / "cache" / "library.sqlite")
    qtbot.waitUntil(lambda: widget.model.rowCount() == 4 and not widget.scanner.busy)
    yield widget
    widget.close_site()


def titles(panel: LibraryPanel) -> list[str]:
    model = panel.model
    return [model.data(model.index(r, TITLE)).split("\n")[0] for r in range(model.rowCount())]


def test_list_shows_title_date_badge_and_reading_time(panel: LibraryPanel) -> None:
    assert panel.view.objectName() == "library"
    assert titles(panel) == ["Beta", "Alpha", "Gamma", "broken (untitled)"]
    model = panel.model
    assert model.data(model.index(0, DATE)) == "2024-02-01"
    assert model.data(model.index(0, STATE)) == "Draft"
    assert model.data(model.index(1, STATE)) == ""
    assert model.data(model.index(0, READING)) == "~1 min"
    broken = model.index(3, TITLE)
    assert model.data(broken, ENTRY_ROLE).has_warning
    assert model.data(broken, 1) is not None  # DecorationRole: the warning icon
    assert "YAML" in model.data(broken, 3)  # ToolTipRole
    assert model.data(broken, 6).italic()  # FontRole: untitled, shown by its file name
    assert model.data(model.index(0, TITLE), 6) is None
    assert panel.status_label.text() == "4 posts"


def test_exact_figures_arrive_in_the_background(qtbot, site_root: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    widget = LibraryPanel(figures=True)
    qtbot.addWidget(widget)
    widget.set_site(find_site(site_root), tmp_path / "f.sqlite")
    qtbot.waitUntil(
        lambda: (
            widget.index is not None
            and len(widget.index) == 4
            and all(e.figures_exact for e in widget.index.entries.values() if not e.has_warning)
        ),
        timeout=20000,
    )
    model = widget.model
    row = titles(widget).index("Beta")
    assert model.data(model.index(row, READING)) == "1 min"
    widget.close_site()


def test_search_is_live_with_snippets(panel: LibraryPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel.search_edit.setText("crab")
    assert titles(panel) == ["Beta"]
    text = panel.model.data(panel.model.index(0, TITLE))
    assert "Ferris the crab" in text.split("\n")[1]
    panel.search_edit.setText('"static typing"')
    assert titles(panel) == ["Beta"]
    panel.search_edit.setText('"unclosed (')
    assert panel.model.rowCount() == 0
    panel.search_edit.setText("")
    assert len(titles(panel)) == 4


def test_filters_with_counts_and_sort(panel: LibraryPanel) -> None:
    states = [panel.state_combo.itemText(i) for i in range(panel.state_combo.count())]
    assert states == [
        "All states (4)",
        "Drafts (1)",
        "Published (3)",
        "Scheduled (0)",
        "Expired (0)",
        "With problems (0)",  # until the site checks mark posts (tests/ui/checks)
    ]
    panel.state_combo.setCurrentIndex(panel.state_combo.findData(PostState.DRAFT))
    assert titles(panel) == ["Beta"]
    panel.state_combo.setCurrentIndex(0)
    panel.section_combo.setCurrentIndex(panel.section_combo.findData("notes"))
    assert titles(panel) == ["Gamma", "broken (untitled)"]
    panel.section_combo.setCurrentIndex(0)
    terms = [panel.term_combo.itemText(i) for i in range(panel.term_combo.count())]
    assert terms == ["All terms", "tags: go (2)", "tags: rust (1)"]
    panel.term_combo.setCurrentIndex(2)
    assert titles(panel) == ["Beta"]
    panel.term_combo.setCurrentIndex(0)
    panel.sort_combo.setCurrentIndex(1)  # title
    assert titles(panel) == ["Alpha", "Beta", "broken (untitled)", "Gamma"]


def test_selecting_a_post_asks_to_open_it(panel: LibraryPanel, qtbot, site_root: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(panel.openPostRequested) as blocker:
        panel.view.selectRow(1)
    assert blocker.args == [site_root / "content/posts/alpha.md"]


def test_new_post(panel: LibraryPanel, qtbot, site_root: Path) -> None:  # type: ignore[no-untyped-def]
    panel.prompts.new = NewPostChoice("Hello New World", "posts", bundle=True)
    with qtbot.waitSignal(panel.openPostRequested) as blocker:
        panel.new_post_action.trigger()
    path = site_root / "content/posts/hello-new-world/index.md"
    assert blocker.args == [path] and path.is_file()
    assert panel.prompts.sections == ["notes", "posts"]
    qtbot.waitUntil(lambda: "Hello New World" in titles(panel))
    panel.prompts.new = NewPostChoice("Hello New World", "posts", bundle=True)
    panel.new_post_action.trigger()
    assert "already exists" in panel.prompts.errors[0]


def test_rename_duplicate_trash_reveal(
    panel: LibraryPanel, qtbot, site_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    trashed: list[str] = []
    monkeypatch.setattr(library_actions, "send2trash", trashed.append)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    panel.select_path(site_root / "content/posts/alpha.md")
    panel.prompts.name = "alpha-renamed"
    with qtbot.waitSignal(panel.postRenamed) as blocker:
        panel.rename_action.trigger()
    new = site_root / "content/posts/alpha-renamed.md"
    assert blocker.args == [site_root / "content/posts/alpha.md", new]
    qtbot.waitUntil(lambda: panel.index is not None and panel.index.get(new) is not None)
    assert panel.select_path(new)
    with qtbot.waitSignal(panel.postCreated) as created:
        panel.duplicate_action.trigger()
    assert created.args == [site_root / "content/posts/alpha-renamed-copy.md"]
    qtbot.waitUntil(lambda: "Alpha (copy)" in titles(panel))
    panel.reveal_action.trigger()
    assert opened == [QUrl.fromLocalFile(str(site_root / "content/posts"))]
    panel.prompts.confirm = False
    panel.trash_action.trigger()
    assert trashed == []
    panel.prompts.confirm = True
    with qtbot.waitSignal(panel.postTrashed):
        panel.trash_action.trigger()
    assert trashed == [str(new)]


def test_outside_changes_show_up(panel: LibraryPanel, qtbot, site_root: Path) -> None:  # type: ignore[no-untyped-def]
    posts = site_root / "content/posts"
    (posts / "delta.md").write_text("---\ntitle: Delta\n---\nnew\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "Delta" in titles(panel), timeout=3000)
    with (posts / "alpha.md").open("a", encoding="utf-8") as handle:  # edited in place
        handle.write("\nmore words appended\n")
    qtbot.waitUntil(lambda: len(panel.index.search("appended")) == 1, timeout=3000)
    (site_root / "content/notes/gamma/index.md").write_text("---\ntitle: Gamma 2\n---\n")
    qtbot.waitUntil(lambda: "Gamma 2" in titles(panel), timeout=3000)
    (posts / "beta.md").unlink()
    qtbot.waitUntil(lambda: "Beta" not in titles(panel), timeout=3000)


def test_close_site_stops_the_thread(panel: LibraryPanel) -> None:
    scanner = panel.scanner
    assert scanner is not None and scanner.running
    panel.rescan()
    panel.close_site()
    assert not scanner.running
    assert panel.index is None and panel.model.rowCount() == 0


def test_new_post_dialog(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = NewPostDialog(["notes", "posts"], "posts")
    qtbot.addWidget(dialog)
    assert not dialog._ok.isEnabled()
    dialog.title_edit.setText("  A title ")
    dialog.bundle_check.setChecked(True)
    assert dialog._ok.isEnabled()
    assert dialog.choice() == NewPostChoice("A title", "posts", True)


def test_warning_icon_is_the_standard_one(panel: LibraryPanel) -> None:
    icon = panel.model.data(panel.model.index(3, TITLE), 1)
    expected = panel.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    assert icon.cacheKey() == expected.cacheKey() or not icon.isNull()


def test_snippet_html_bolds_matches_near_the_start() -> None:
    snippet = "a long lead of words before it all gets going and then the crab <walks> on"
    start = snippet.index("crab")
    html_text = snippet_html("T & T", snippet, ((start, start + 4),))
    assert html_text.startswith("T &amp; T<br><small>…")
    assert "<b>crab</b> &lt;walks&gt; on</small>" in html_text
    assert snippet_html("T", "short crab", ((6, 10),)) == "T<br><small>short <b>crab</b></small>"


def test_search_rows_are_drawn_with_the_snippet(panel: LibraryPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel.resize(400, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.search_edit.setText("crab")
    index = panel.model.index(0, TITLE)
    delegate = panel.view.itemDelegateForColumn(TITLE)
    option = QStyleOptionViewItem()
    option.font = panel.view.font()
    height = delegate.sizeHint(option, index).height()
    assert height >= panel.view.fontMetrics().height() * 1.5  # title and snippet lines
    assert panel.view.rowHeight(0) >= height
    assert not panel.grab().isNull()
