"""A site's settings in Hugo's terms: `SiteConfig` and its parts, whatever generator made them.

`editor.core.site.config` finds a site and reads Hugo's configuration into these;
`editor.core.site.readers` reads Jekyll, Zola, Pelican and MkDocs into the same shapes.
`author_text` and `shortcode_names` are the two readings every generator shares.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from editor.core.diagnostics import Diagnostic

SiteKind = Literal["hugo", "jekyll", "zola", "pelican", "mkdocs", "folder"]
MarkdownEngine = Literal["goldmark", "python-markdown"]


# markup.goldmark.extensions.extras' tags (its keys, lower-cased), each off unless enabled
GOLDMARK_EXTRAS = ("delete", "insert", "mark", "subscript", "superscript")


# character -> (the tag of a run of one, of a run of two); None: that run is text
RunsTable = dict[str, tuple[str | None, str | None]]


@functools.lru_cache(maxsize=32)
def runs_table(strikethrough: bool, extras: tuple[str, ...]) -> RunsTable:
    """Which tag each run of "~", "^", "=" or "+" makes with these Goldmark extensions on
    (strikethrough and the GOLDMARK_EXTRAS), in Goldmark's parser priority order (empty
    when none is; one table for the same arguments: do not change it). The renderer
    (markdown.goldmark.extras) and the editor's colours read it."""
    on = set(extras)
    sub = "sub" if "subscript" in on else None
    table: RunsTable = {}
    one = "del" if strikethrough else sub
    two = "del" if strikethrough or "delete" in on else sub
    if one or two:
        table["~"] = (one, two)
    if "superscript" in on:
        table["^"] = ("sup", "sup")
    if "mark" in on:
        table["="] = (None, "mark")
    if "insert" in on:
        table["+"] = (None, "ins")
    return table


@dataclass(frozen=True, slots=True)
class GoldmarkConfig:
    """markup.goldmark as Hugo 0.168 applies it (its defaults)."""

    unsafe: bool = False
    typographer: bool = True
    linkify: bool = True
    table: bool = True
    strikethrough: bool = True
    task_list: bool = True
    footnote: bool = True
    footnote_backlink_html: str = "&#x21a9;&#xfe0e;"  # extensions.footnote.backlinkHTML
    footnote_id_prefix: bool = False  # extensions.footnote.enableAutoIDPrefix
    definition_list: bool = True
    attribute_title: bool = True
    attribute_block: bool = False
    auto_heading_id: bool = True
    auto_heading_id_type: str = "github"
    auto_definition_term_id: bool = False  # parser.autoDefinitionTermID (with definitionList)
    wrap_standalone_image: bool = True
    hard_wraps: bool = False
    xhtml: bool = False
    passthrough: bool = False
    # extensions.passthrough.delimiters: (open, close) pairs, in the site's order
    passthrough_inline: tuple[tuple[str, str], ...] = ()
    passthrough_block: tuple[tuple[str, str], ...] = ()
    # extensions.typographer's substitutions the site changed: (name, HTML), the names those
    # of editor.core.markdown.goldmark.inline (ldquo, rdquo, lsquo, rsquo, apos, ndash...)
    typographer_subs: tuple[tuple[str, str], ...] = ()
    emoji: bool = False  # the site's enableEmoji (Hugo hands it to Goldmark: goldmark-emoji)
    extras: tuple[str, ...] = ()  # the GOLDMARK_EXTRAS the site turns on, in that order
    # extensions.cjk: eastAsianLineBreaks' style ("simple" or "css3draft"; "" when off) and
    # escapedSpace ("\ " written as nothing)
    east_asian_line_breaks: str = ""
    escaped_space: bool = False


@dataclass(frozen=True, slots=True)
class HighlightConfig:
    """markup.highlight (Chroma) as Hugo 0.168 applies it."""

    style: str = "monokai"
    no_classes: bool = True
    line_nos: bool = False
    line_numbers_in_table: bool = True
    line_no_start: int = 1
    guess_syntax: bool = False
    tab_width: int = 4
    code_fences: bool = True
    wrapper_class: str = "highlight"  # the class of the <div> around highlighted code


@dataclass(frozen=True, slots=True)
class TocConfig:
    """markup.tableOfContents."""

    start_level: int = 2
    end_level: int = 3
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class LanguageConfig:
    """One of the site's languages (`languages.<code>`), in Hugo's weight order."""

    code: str
    content_dir: Path
    name: str = ""
    title: str = ""
    weight: int = 0


@dataclass(frozen=True)
class SiteConfig:
    """A site's settings as its generator would apply them.

    `archetype_dirs` and `static_dirs` list where the generator looks, site first, then
    the theme's folders that exist. `params` holds the site params with lower-cased keys
    (as Hugo keys them); `author` is a display string ("A, B" for a list, a map's name).
    """

    kind: SiteKind
    root: Path
    config_file: Path | None = None
    content_dir: Path = Path("content")
    title: str = ""
    base_url: str = ""
    default_language: str = "en"
    languages: tuple[LanguageConfig, ...] = ()
    language_code: str = ""  # Hugo's languageCode (else the default language): dates' language
    summary_length: int = 70
    has_cjk_language: bool = False
    goldmark: GoldmarkConfig = field(default_factory=GoldmarkConfig)
    highlight: HighlightConfig = field(default_factory=HighlightConfig)
    toc: TocConfig = field(default_factory=TocConfig)
    params: dict[str, Any] = field(default_factory=dict)
    author: str | None = None
    taxonomies: dict[str, str] = field(
        default_factory=lambda: {"tag": "tags", "category": "categories"}
    )
    permalinks: dict[str, Any] = field(default_factory=dict)
    archetype_dirs: tuple[Path, ...] = ()
    static_dirs: tuple[Path, ...] = ()
    assets_dir: Path | None = None
    shortcode_names: frozenset[str] = frozenset()
    markdown_engine: MarkdownEngine = "goldmark"
    markdown_extensions: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    def __hash__(self) -> int:
        return hash((self.kind, self.root, self.config_file, self.summary_length, self.goldmark))

    @classmethod
    def hugo_defaults(cls, root: Path | str) -> SiteConfig:
        """A Hugo site at `root` with nothing configured (no disk access)."""
        base = Path(root)
        content = base / "content"
        return cls(
            kind="hugo",
            root=base,
            content_dir=content,
            languages=(LanguageConfig("en", content),),
            archetype_dirs=(base / "archetypes",),
            static_dirs=(base / "static",),
            assets_dir=base / "assets",
        )

    @property
    def is_hugo(self) -> bool:
        return self.kind in ("hugo", "folder")

    @property
    def meta_lines(self) -> bool:
        """Whether the site's posts may open with Python-Markdown's `Key: value` metadata
        lines (Pelican and MkDocs read them): `Post.load(path, meta=...)`."""
        return self.markdown_engine == "python-markdown"

    @property
    def runs_table(self) -> RunsTable:
        """The runs of "~", "^", "=", "+" that make tags in the site's posts (the function
        `runs_table` for its strikethrough and extras; none on a Python-Markdown site)."""
        if self.markdown_engine != "goldmark":
            return {}
        return runs_table(self.goldmark.strikethrough, self.goldmark.extras)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON-able values (paths as strings), for `python -m editor info --json`."""
        return {
            "kind": self.kind,
            "root": str(self.root),
            "config_file": None if self.config_file is None else str(self.config_file),
            "content_dir": str(self.content_dir),
            "title": self.title,
            "base_url": self.base_url,
            "default_language": self.default_language,
            "languages": [
                {
                    "code": lang.code,
                    "name": lang.name,
                    "title": lang.title,
                    "weight": lang.weight,
                    "content_dir": str(lang.content_dir),
                }
                for lang in self.languages
            ],
            "summary_length": self.summary_length,
            "has_cjk_language": self.has_cjk_language,
            "markdown_engine": self.markdown_engine,
            "markdown_extensions": list(self.markdown_extensions),
            "goldmark": _dataclass_dict(self.goldmark),
            "highlight": _dataclass_dict(self.highlight),
            "toc": _dataclass_dict(self.toc),
            "author": self.author,
            "params": self.params,
            "taxonomies": self.taxonomies,
            "permalinks": self.permalinks,
            "theme": list(self.theme),
            "archetype_dirs": [str(p) for p in self.archetype_dirs],
            "static_dirs": [str(p) for p in self.static_dirs],
            "assets_dir": None if self.assets_dir is None else str(self.assets_dir),
            "shortcode_names": sorted(self.shortcode_names),
            "diagnostics": [
                {
                    "message": d.message,
                    "file": None if d.file is None else str(d.file),
                    "line": d.line,
                    "severity": d.severity.value,
                }
                for d in self.diagnostics
            ],
        }


def _dataclass_dict(obj: GoldmarkConfig | HighlightConfig | TocConfig) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}


def author_text(value: Any) -> str | None:
    """An author value (a string, a list of them, or a map with a name) as display text."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        for key in ("name", "displayname", "title"):
            if key in value:
                return author_text(value[key])
        return None
    if isinstance(value, list):
        names = [text for text in (author_text(item) for item in value) if text]
        return ", ".join(names) or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def shortcode_names(layout_dirs: list[Path]) -> frozenset[str]:
    """Shortcode names defined in `<layouts>/shortcodes` or `<layouts>/_shortcodes` (Hugo) and
    `templates/shortcodes` (Zola): "figure.html" -> "figure", "a/b.en.html" -> "a/b"."""
    names: set[str] = set()
    for layouts in layout_dirs:
        for sub in ("shortcodes", "_shortcodes"):
            folder = layouts / sub
            if not folder.is_dir():
                continue
            for path in folder.rglob("*"):
                if path.is_file() and not path.name.startswith("."):
                    rel = path.relative_to(folder)
                    stem = rel.name.split(".")[0]
                    names.add((rel.parent / stem).as_posix())
    return frozenset(names)
