"""The front matter panel and its link: form <-> text both ways, one undo step per edit,
broken front matter, completion from the site's tags, a Zola post (pytest-qt)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QCheckBox, QLineEdit, QMainWindow, QToolButton
from pytestqt.qtbot import QtBot

from editor.core.post.model import Post
from editor.core.site.config import SiteConfig, find_site
from editor.core.site.model import LanguageConfig
from editor.ui.editor.documents import Document, DocumentTab, document_text
from editor.ui.frontmatter.apply import apply_head, changed_range
from editor.ui.window.front_matter_link import FrontMatterLink

TEXT = (
    "---\n"
    "# kept comment\n"
    "title: 'First post' # note\n"
    "date: 2026-03-09\n"
    "tags: [Rust, go]\n"
    "series: [one]\n"
    "---\n"
    "\n"
    "Body text.\n"
)


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "content" / "posts" / "bundle").mkdir(parents=True)
    (root / "static" / "img").mkdir(parents=True)
    (root / "archetypes").mkdir()
    (root / "archetypes" / "default.md").write_text("---\ntoc: true\n---\n", encoding="utf-8")
    (root / "hugo.toml").write_text(
        'title = "Blog"\nbaseURL = "https://example.org/"\n'
        "[permalinks.page]\nposts = '/:year/:slug/'\n",
        encoding="utf-8",
    )
    return root


class Library:
    """Stands in for a LibraryPanel: its index's terms, no scanner."""

    def __init__(self, terms: dict[str, list[str]]) -> None:
        self.scanner = None
        self.index = SimpleNamespace(
            terms=lambda name: [(t, 1) for t in terms.get(name, [])], entries={}
        )


def open_tab(qtbot: QtBot, path: Path, text: str) -> DocumentTab:
    path.write_text(text, encoding="utf-8")
    tab = DocumentTab(Document(Post.load(path)))
    qtbot.addWidget(tab)
    return tab


@pytest.fixture
def link(qtbot: QtBot, site_dir: Path) -> Iterator[tuple[FrontMatterLink, DocumentTab]]:
    window = QMainWindow()
    qtbot.addWidget(window)
    fm = FrontMatterLink(window, find_site(site_dir), window)
    fm.follow_library(Library({"tags": ["Rust", "Python", "rusty"], "categories": ["Tech"]}))
    tab = open_tab(qtbot, site_dir / "content" / "posts" / "first.md", TEXT)
    tab.editor.textChanged.connect(lambda: fm.text_changed(tab))
    window.setCentralWidget(tab)
    window.resize(1400, 900)
    window.show()
    fm.set_visible(True)
    fm.set_tab(tab)
    yield fm, tab


def text_of(tab: DocumentTab) -> str:
    return document_text(tab.document.text_document)


def changed(old: str, new: str) -> list[int]:
    a, b = old.split("\n"), new.split("\n")
    assert len(a) == len(b)
    return [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]


def test_panel_shows_the_fields_and_the_url(link: tuple[FrontMatterLink, DocumentTab]) -> None:
    fm, _tab = link
    panel = fm.panel
    assert panel.title.text() == "First post"
    assert panel.tags.tokens() == ["Rust", "go"]
    assert [chip.label.text() for chip in panel.tags.chips()] == ["Rust", "go"]
    assert panel.tags.input.accessibleName() == "Tags"  # the row's label names the input
    assert panel.tags.chips()[0].remove.accessibleName() == "tag Rust, remove"
    assert panel.date.value() is not None and panel.date.displayFormat() == "yyyy-MM-dd"
    assert panel.url.text() == "Published at: https://example.org/2026/first-post/"
    assert "series" in panel._extra_widgets  # the site's own key, as a row
    assert panel.form_box.isEnabled() and panel.message.isHidden()


def test_editing_a_field_changes_that_line_only_in_one_undo_step(
    qtbot: QtBot, link: tuple[FrontMatterLink, DocumentTab]
) -> None:
    fm, tab = link
    before = text_of(tab)
    fm.panel.title.setText("Second title")
    fm.panel.title.editingFinished.emit()
    after = text_of(tab)
    assert changed(before, after) == [2]
    assert after.split("\n")[2] == "title: 'Second title' # note"
    assert tab.document.text_document.isUndoAvailable()
    tab.editor.undo()
    assert text_of(tab) == before
    assert fm.pending or fm.panel.title.text() == "First post"
    qtbot.waitUntil(lambda: fm.panel.title.text() == "First post")


def test_tags_date_and_draft_edits(qtbot: QtBot, link: tuple[FrontMatterLink, DocumentTab]) -> None:
    fm, tab = link
    before = text_of(tab)
    fm.panel.tags.input.setText("Python")
    fm.panel.tags.commit_input()
    assert changed(before, text_of(tab)) == [4]
    assert text_of(tab).split("\n")[4] == "tags: [Rust, go, Python]"
    fm.panel.draft.setChecked(True)
    assert "draft: true\n---\n" in text_of(tab)
    picker = fm.panel.date
    picker.setDate(picker.date().addDays(3))
    picker.editingFinished.emit()
    assert "date: 2026-03-12\n" in text_of(tab)  # a bare date stays bare
    fm.panel.rows["lastmod"].findChild(QToolButton).click()  # Now: in the post's style
    lastmod = text_of(tab).split("lastmod: ")[1].split("\n")[0]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod)  # a bare date, like the post's date
    for _ in range(4):
        tab.editor.undo()
    assert text_of(tab) == before


def test_typing_a_tag_and_enter_is_one_undo_step_on_that_line(
    qtbot: QtBot, link: tuple[FrontMatterLink, DocumentTab]
) -> None:
    fm, tab = link
    before = text_of(tab)
    field = fm.panel.tags
    field.input.setFocus()
    qtbot.keyClicks(field.input, "zig")
    qtbot.keyClick(field.input, Qt.Key.Key_Return)
    assert [chip.value for chip in field.chips()] == ["Rust", "go", "zig"]
    assert field.input.text() == ""
    assert changed(before, text_of(tab)) == [4]
    assert text_of(tab).split("\n")[4] == "tags: [Rust, go, zig]"
    tab.editor.undo()
    assert text_of(tab) == before
    qtbot.waitUntil(lambda: field.tokens() == ["Rust", "go"])
    qtbot.keyClick(field.input, Qt.Key.Key_Backspace)  # empty input: the last chip goes
    assert "tags: [Rust]\n" in text_of(tab)


def test_typing_in_the_editor_updates_the_form(
    qtbot: QtBot, link: tuple[FrontMatterLink, DocumentTab]
) -> None:
    fm, tab = link
    cursor = QTextCursor(tab.document.text_document.findBlockByNumber(2))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    tab.editor.setTextCursor(cursor)
    cursor = tab.editor.textCursor()
    cursor.setPosition(cursor.block().position() + len("title: 'First post"))
    tab.editor.setTextCursor(cursor)
    qtbot.keyClicks(tab.editor, " again")
    qtbot.waitUntil(lambda: fm.panel.title.text() == "First post again")
    assert fm.panel.url.text().endswith("/2026/first-post-again/")


def test_broken_front_matter_shows_the_message_marks_the_line_and_disables_fields(
    qtbot: QtBot, link: tuple[FrontMatterLink, DocumentTab]
) -> None:
    fm, tab = link
    block = tab.document.text_document.findBlockByNumber(4)  # tags: [Rust, go]
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    cursor.deletePreviousChar()  # tags: [Rust, go
    qtbot.waitUntil(lambda: not fm.panel.form_box.isEnabled())
    assert fm.panel.message.isVisibleTo(fm.panel)
    assert fm.panel.message.text().startswith("Line ")
    line = int(fm.panel.message.text().split(":")[0].removeprefix("Line "))
    marks = tab.editor.diagnostic_marks()
    assert list(marks) == [line - 1] and "YAML front matter" in marks[line - 1][1]
    cursor.insertText("]")
    qtbot.waitUntil(lambda: fm.panel.form_box.isEnabled())
    assert tab.editor.diagnostic_marks() == {}
    assert fm.panel.message.isHidden()


def test_a_mark_already_there_is_not_doubled(
    qtbot: QtBot, link: tuple[FrontMatterLink, DocumentTab]
) -> None:
    fm, tab = link
    from editor.core.post.form import read_form

    broken = TEXT.replace("tags: [Rust, go]", "tags: [Rust, go")
    problem = read_form(broken, fm.schema).problem
    assert problem is not None
    tab.editor.set_diagnostics([problem])  # as the preview's rendering marks it
    tab.document.text_document.setPlainText(broken)
    fm.refresh()
    marks = tab.editor.diagnostic_marks()
    assert marks == {problem.line - 1: (problem.severity, problem.message)}  # type: ignore[operator]


def test_completer_offers_the_sites_tags_and_warns_of_case_variants(
    qtbot: QtBot, link: tuple[FrontMatterLink, DocumentTab]
) -> None:
    fm, tab = link
    field = fm.panel.tags
    assert set(field.choices()) == {"Rust", "Python", "rusty"}
    field.input.setFocus()
    qtbot.keyClicks(field.input, "py")
    completer = field.completer_
    assert completer.completionPrefix() == "py"
    assert completer.currentCompletion() == "Python"
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    completer.activated.emit("Python")  # as choosing in the popup does
    assert field.tokens() == ["Rust", "go", "Python"]
    assert "tags: [Rust, go, Python]" in text_of(tab)
    field.chips()[0].remove.click()
    field.input.setText("rust")
    field.commit_input()
    assert "tags: [go, Python, rust]" in text_of(tab)
    qtbot.waitUntil(lambda: "differs only in case" in fm.panel.warnings.text())
    assert "'Rust'" in fm.panel.warnings.text()
    assert field.chips()[-1].toolTip() == "The site uses 'Rust'"


def test_zola_post_shows_its_taxonomies(qtbot: QtBot, tmp_path: Path) -> None:
    root = tmp_path / "zola"
    (root / "content").mkdir(parents=True)
    site = SiteConfig(
        kind="zola",
        root=root,
        content_dir=root / "content",
        languages=(LanguageConfig("en", root / "content"),),
    )
    window = QMainWindow()
    qtbot.addWidget(window)
    fm = FrontMatterLink(window, site, window)
    text = '+++\ntitle = "Zola"\ndate = 2026-03-09\n\n[taxonomies]\ntags = ["a", "b"]\n+++\nHi\n'
    tab = open_tab(qtbot, root / "content" / "z.md", text)
    window.setCentralWidget(tab)
    window.show()
    fm.set_visible(True)
    fm.set_tab(tab)
    assert fm.panel.tags.tokens() == ["a", "b"]
    assert fm.panel.rows["lastmod"].toolTip() == "updated"
    assert fm.panel.tags.toolTip() == "[taxonomies] tags"
    assert fm.panel.summary.isHidden()  # Zola has no summary key
    assert fm.panel.url.text() == "Published at: /z/"  # Zola's rule, not Hugo's
    fm.panel.categories.input.setText("news")
    fm.panel.categories.commit_input()
    assert text_of(tab).endswith(
        '[taxonomies]\ntags = ["a", "b"]\ncategories = ["news"]\n+++\nHi\n'
    )


def test_jekyll_post_shows_the_url_of_the_sites_permalink_style(
    qtbot: QtBot, tmp_path: Path
) -> None:
    root = tmp_path / "jekyll"
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text(
        "url: https://me.example\npermalink: pretty\n", encoding="utf-8"
    )
    window = QMainWindow()
    qtbot.addWidget(window)
    fm = FrontMatterLink(window, find_site(root), window)
    text = "---\ntitle: Slap Chop\ncategories: [Food]\n---\nHi\n"
    tab = open_tab(qtbot, root / "_posts" / "2009-04-29-slap-chop.md", text)
    window.setCentralWidget(tab)
    window.show()
    fm.set_visible(True)
    fm.set_tab(tab)
    assert fm.panel.url.text() == "Published at: https://me.example/food/2009/04/29/slap-chop/"
    fm.panel.slug.setText("chop")
    fm.panel.slug.editingFinished.emit()
    assert "slug: chop\n" in text_of(tab)
    assert fm.panel.url.text().endswith("/food/2009/04/29/chop/")


def test_cover_chooser_takes_bundle_and_static_files_only(
    qtbot: QtBot, link: tuple[FrontMatterLink, DocumentTab], site_dir: Path, tmp_path: Path
) -> None:
    fm, tab = link
    static = site_dir / "static" / "img" / "c.png"
    static.write_bytes(b"png")
    outside = tmp_path / "elsewhere.png"
    outside.write_bytes(b"png")
    assert not fm.panel.use_cover(outside)
    assert "bundle" in fm.panel.message.text()
    assert "images" not in text_of(tab)
    assert fm.panel.use_cover(static)
    assert "images:\n- /img/c.png\n" in text_of(tab)


def test_apply_head_rewrites_only_the_changed_lines(qtbot: QtBot) -> None:
    assert changed_range("a\nb\nc\n", "a\nB\nc\n") == (1, 2, ["B"])
    doc = Document(text="a\nb\nc\nbody\n")
    document = doc.text_document
    assert apply_head(document, "a\nb\nc\n", "a\nB\nx\nc\n")
    assert document_text(document) == "a\nB\nx\nc\nbody\n"
    document.undo()
    assert document_text(document) == "a\nb\nc\nbody\n"
    assert not apply_head(document, "a\n", "a\n")
    other = Document(text="Just a body.\n")
    apply_head(other.text_document, "", "---\ntitle: x\n---\n")
    assert document_text(other.text_document) == "---\ntitle: x\n---\nJust a body.\n"


def test_site_keys_from_archetypes_reach_the_schema(
    qtbot: QtBot, link: tuple[FrontMatterLink, DocumentTab]
) -> None:
    fm, tab = link
    qtbot.waitUntil(lambda: fm.schema.extra_type("toc") == "bool")
    toc = fm.panel.extra_box.findChild(QCheckBox, "extra_toc")  # offered, though the post lacks it
    assert toc is not None and not toc.isChecked()
    before = text_of(tab)
    toc.setChecked(True)
    assert text_of(tab) == before.replace("series: [one]\n", "series: [one]\ntoc: true\n")
    tab.editor.undo()
    assert text_of(tab) == before


def test_an_extra_date_shows_as_rfc_3339_and_is_edited_as_a_date(
    qtbot: QtBot, link: tuple[FrontMatterLink, DocumentTab]
) -> None:
    fm, tab = link
    tab.document.text_document.setPlainText(
        TEXT.replace("series:", "publishDate: 2026-03-10\nseries:")
    )
    fm.refresh()
    line = fm.panel.extra_box.findChild(QLineEdit, "extra_publishDate")
    assert line is not None and line.text() == "2026-03-10T00:00:00Z"
    line.setText("2026-04-01T08:00:00+02:00")
    line.editingFinished.emit()
    assert "publishDate: 2026-04-01T08:00:00+02:00\n" in text_of(tab)


def test_a_site_key_typed_in_an_empty_row_keeps_the_sites_type(
    qtbot: QtBot, link: tuple[FrontMatterLink, DocumentTab]
) -> None:
    fm, tab = link
    fm.panel.set_site_keys({"weight": "number", "aliases": "list"})
    weight = fm.panel.extra_box.findChild(QLineEdit, "extra_weight")
    assert weight is not None and weight.text() == "" and weight.placeholderText() == "not set"
    weight.setText("7")
    weight.editingFinished.emit()
    assert "weight: 7\n" in text_of(tab)
    aliases = fm.panel.extra_box.findChild(QLineEdit, "extra_aliases")
    assert aliases is not None
    aliases.setText("/old/, /older/")
    aliases.editingFinished.emit()
    assert "aliases:\n- /old/\n- /older/\n" in text_of(tab)


def test_typing_in_the_body_does_not_read_the_form_again(
    qtbot: QtBot, link: tuple[FrontMatterLink, DocumentTab], monkeypatch: pytest.MonkeyPatch
) -> None:
    fm, tab = link
    import editor.ui.window.front_matter_link as module

    calls: list[str] = []
    real = module.read_form
    monkeypatch.setattr(module, "read_form", lambda *a, **k: calls.append("read") or real(*a, **k))
    cursor = tab.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    tab.editor.setTextCursor(cursor)
    qtbot.keyClicks(tab.editor, "more body")
    qtbot.waitUntil(lambda: not fm.pending)
    assert calls == []
    cursor.setPosition(tab.document.text_document.findBlockByNumber(2).position())
    tab.editor.setTextCursor(cursor)
    qtbot.keyClicks(tab.editor, "#")  # the title line becomes a comment: read again
    qtbot.waitUntil(lambda: calls == ["read"])
    assert fm.panel.title.text() == ""
