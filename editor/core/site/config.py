"""What a static site's own configuration says: Hugo first, then Jekyll, Zola, Pelican, MkDocs.

    site = find_site("~/blog/content/posts/hello.md")   # walks upwards to the site root
    site.kind, site.summary_length, site.goldmark.unsafe, site.highlight.style

Nothing here ever raises on a user's files: a missing, malformed or strangely typed config
gives Hugo's defaults for what could not be read, plus a `Diagnostic` naming file and line.
Hugo's keys are case-insensitive, so every key is read lower-cased. The settings' shapes live
in `editor.core.site.model` (re-exported here), the readers for the other generators in
`editor.core.site.readers`, the file parsing in `editor.core.site.files`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.site import readers as site_readers
from editor.core.site.files import (
    ConfigSource,
    ValueReader,
    deep_merge,
    load_config_file,
    looks_like_hugo,
    looks_like_zola,
)
from editor.core.site.model import (
    GOLDMARK_EXTRAS,
    GoldmarkConfig,
    HighlightConfig,
    LanguageConfig,
    MarkdownEngine,
    SiteConfig,
    SiteKind,
    TocConfig,
    author_text,
    shortcode_names,
)

__all__ = [
    "HUGO_CONFIG_NAMES",
    "GoldmarkConfig",
    "HighlightConfig",
    "LanguageConfig",
    "MarkdownEngine",
    "SiteConfig",
    "SiteKind",
    "TocConfig",
    "author_text",
    "find_site",
    "load_site",
    "settings_folders",
    "settings_stamp",
    "shortcode_names",
]

HUGO_CONFIG_NAMES = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
)
_JEKYLL_NAMES = ("_config.yml", "_config.yaml", "_config.toml")
_PELICAN_NAME = "pelicanconf.py"
_MKDOCS_NAMES = ("mkdocs.yml", "mkdocs.yaml")
_ROOT_NAMES = (*HUGO_CONFIG_NAMES, *_JEKYLL_NAMES, _PELICAN_NAME, *_MKDOCS_NAMES)
_CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
_AUTO_ID_TYPES = ("github", "github-ascii", "blackfriday")


# --- finding and loading ------------------------------------------------------------------


def find_site(path: Path | str) -> SiteConfig:
    """The site holding `path` (a file or folder, existing or not), found by walking upwards.

    The walk stops at the first folder that is a site, or after a folder holding `.git`
    (a repository's root). With no site found, the starting folder is a bare folder of
    Markdown files and gets Hugo's defaults.
    """
    start = Path(path).expanduser().absolute()
    while not start.is_dir() and start != start.parent:
        start = start.parent
    for folder in (start, *start.parents):
        if _detect(folder) is not None:
            return load_site(folder)
        if (folder / ".git").exists():
            break
    return _bare_folder(start)


def load_site(root: Path | str) -> SiteConfig:
    """The site whose root is exactly `root` (no walking); a bare folder if it is none."""
    base = Path(root).expanduser().absolute()
    detected = _detect(base)
    if detected is None:
        return _bare_folder(base)
    kind, config_file = detected
    if kind == "hugo":
        return _load_hugo(base, config_file)
    return site_readers.load_other(kind, base, config_file)


def settings_folders(root: Path | str) -> tuple[Path, ...]:
    """The folders where a config file of the site at `root` may appear or go (its root,
    `config` and `config/_default`), whether they exist or not."""
    base = Path(root)
    return base, base / "config", base / "config" / "_default"


def settings_stamp(root: Path | str) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime_ns, size) of each file `load_site(root)` may read that exists: the
    config files it looks for at the root and those of `config/_default`. Another stamp
    than before: read the site again."""
    base = Path(root)
    paths = [base / name for name in _ROOT_NAMES] + _config_dir_files(base)
    stamp = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            continue
        stamp.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(stamp)


def _bare_folder(root: Path) -> SiteConfig:
    note = Diagnostic(
        "no site configuration found (hugo.toml, _config.yml, config.toml, ...): "
        "using Hugo's defaults",
        root,
        None,
        Severity.INFO,
    )
    return replace(
        SiteConfig.hugo_defaults(root),
        kind="folder",
        content_dir=root,
        languages=(LanguageConfig("en", root),),
        archetype_dirs=(),
        static_dirs=(),
        assets_dir=None,
        diagnostics=(note,),
    )


def _detect(folder: Path) -> tuple[SiteKind, Path | None] | None:
    """The kind of site rooted at `folder` and its main config file, or None."""
    for name in HUGO_CONFIG_NAMES[:4]:
        if (folder / name).is_file():
            return "hugo", folder / name
    if _config_dir_files(folder):
        return "hugo", _first_file(folder, HUGO_CONFIG_NAMES)
    zola = folder / "config.toml"
    if zola.is_file() and looks_like_zola(zola):
        return "zola", zola
    for name in _JEKYLL_NAMES:
        if (folder / name).is_file():
            return "jekyll", folder / name
    for name in HUGO_CONFIG_NAMES[4:]:
        if (folder / name).is_file() and looks_like_hugo(folder / name):
            return "hugo", folder / name
    if (folder / _PELICAN_NAME).is_file():
        return "pelican", folder / _PELICAN_NAME
    for name in _MKDOCS_NAMES:
        if (folder / name).is_file():
            return "mkdocs", folder / name
    return None


def _first_file(folder: Path, names: tuple[str, ...]) -> Path | None:
    for name in names:
        if (folder / name).is_file():
            return folder / name
    return None


def _config_dir_files(root: Path) -> list[Path]:
    folder = root / "config" / "_default"
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in _CONFIG_SUFFIXES)
    except OSError:
        return []
    return [p for p in files if p.is_file()]


# --- Hugo -----------------------------------------------------------------------------------


def _hugo_sources(
    root: Path, config_file: Path | None
) -> tuple[list[ConfigSource], list[Diagnostic]]:
    """Every config file Hugo would read, in merge order (later wins), and their problems."""
    sources: list[ConfigSource] = []
    problems: list[Diagnostic] = []
    dir_files = _config_dir_files(root)
    if config_file is not None and config_file.parent == root:
        source, problem = load_config_file(config_file)
        sources.append(source)
        problems.extend(problem)
    main_names = [p for p in dir_files if p.name.split(".")[0].lower() in ("hugo", "config")]
    for path in main_names + [p for p in dir_files if p not in main_names]:
        parts = path.name.lower().split(".")
        base = parts[0]
        if base in ("hugo", "config"):
            prefix: tuple[str, ...] = ()
        elif len(parts) == 3 and base != "languages":
            prefix = ("languages", parts[1], base)
        else:
            prefix = (base,)
        source, problem = load_config_file(path, prefix)
        sources.append(source)
        problems.extend(problem)
    return sources, problems


def _load_hugo(root: Path, config_file: Path | None) -> SiteConfig:
    sources, problems = _hugo_sources(root, config_file)
    data: dict[str, Any] = {}
    for source in sources:
        data = deep_merge(data, source.nested())
    if config_file is None and not sources:
        problems.append(Diagnostic("no Hugo config file found: using defaults", root))
    reader = ValueReader(data, sources)
    default_lang = reader.string("en", "defaultcontentlanguage").lower() or "en"
    languages_raw = reader.mapping("languages")
    content_root = reader.string("content", "contentdir")
    languages = _hugo_languages(root, reader, languages_raw, default_lang, content_root)
    content_dir = next(lang.content_dir for lang in languages if lang.code == default_lang)
    lang_block = languages_raw.get(default_lang)
    if isinstance(lang_block, dict):
        # The default language's own settings (title, params, ...) override the root ones.
        overlay = {k: v for k, v in lang_block.items() if k not in ("weight", "languagename")}
        reader = ValueReader(
            deep_merge(data, overlay), sources, ("languages", default_lang), reader.problems
        )

    themes_dir = _under(root, reader.string("themes", "themesdir"))
    themes = reader.string_list("theme")
    theme_dirs = [themes_dir / name for name in themes if (themes_dir / name).is_dir()]
    for name in themes:
        if not (themes_dir / name).is_dir():
            reader.warn(f"theme {name!r} not found in {themes_dir}", ("theme",), Severity.INFO)
    static_names = reader.string_list("staticdir") or ["static"]
    for index in range(11):
        static_names.extend(reader.string_list(f"staticdir{index}"))
    static_dirs = [_under(root, name) for name in static_names]
    static_dirs += [t / "static" for t in theme_dirs if (t / "static").is_dir()]
    archetype_dirs = [_under(root, reader.string("archetypes", "archetypedir"))]
    archetype_dirs += [t / "archetypes" for t in theme_dirs if (t / "archetypes").is_dir()]
    layout_dir = _under(root, reader.string("layouts", "layoutdir"))

    site = SiteConfig(
        kind="hugo",
        root=root,
        config_file=config_file,
        content_dir=content_dir,
        title=reader.string("", "title"),
        base_url=reader.string("", "baseurl"),
        default_language=default_lang,
        languages=languages,
        language_code=reader.string("", "languagecode") or default_lang,
        summary_length=reader.integer(70, "summarylength"),
        has_cjk_language=reader.boolean(False, "hascjklanguage"),
        goldmark=_goldmark(reader),
        highlight=_highlight(reader),
        toc=_toc(reader),
        params=reader.mapping("params"),
        author=_hugo_author(reader),
        taxonomies=_taxonomies(reader),
        permalinks=reader.mapping("permalinks"),
        archetype_dirs=tuple(archetype_dirs),
        static_dirs=tuple(static_dirs),
        assets_dir=_under(root, reader.string("assets", "assetdir")),
        shortcode_names=shortcode_names([layout_dir, *(t / "layouts" for t in theme_dirs)]),
        theme=tuple(themes),
        diagnostics=(),
    )
    return replace(site, diagnostics=tuple(problems) + reader.diagnostics())


def _under(root: Path, name: str) -> Path:
    return root / name if name else root


def _hugo_languages(
    root: Path,
    reader: ValueReader,
    languages_raw: dict[str, Any],
    default_lang: str,
    content_root: str,
) -> tuple[LanguageConfig, ...]:
    found: list[LanguageConfig] = []
    for code, block in languages_raw.items():
        if not isinstance(block, dict):
            reader.warn(f"languages.{code} should be a table", ("languages", code))
            continue
        sub = ValueReader(block, reader.sources, ("languages", code), reader.problems)
        found.append(
            LanguageConfig(
                code=code,
                content_dir=_under(root, sub.string(content_root, "contentdir")),
                name=sub.string("", "languagename"),
                title=sub.string("", "title"),
                weight=sub.integer(0, "weight"),
            )
        )
    if not any(lang.code == default_lang for lang in found):
        found.append(LanguageConfig(default_lang, _under(root, content_root)))
    # Hugo orders languages by weight (0 = unweighted, last), then by code.
    found.sort(key=lambda lang: (lang.weight == 0, lang.weight, lang.code))
    return tuple(found)


def _goldmark(reader: ValueReader) -> GoldmarkConfig:
    d = GoldmarkConfig()
    gm = ("markup", "goldmark")
    ext = (*gm, "extensions")
    parser = (*gm, "parser")
    id_type = reader.string(d.auto_heading_id_type, *parser, "autoheadingidtype")
    id_type = reader.string(id_type, *parser, "autoidtype").lower()
    if id_type not in _AUTO_ID_TYPES:
        reader.warn(
            f"unknown autoHeadingIDType {id_type!r} (github, github-ascii or blackfriday)",
            (*parser, "autoheadingidtype"),
        )
        id_type = d.auto_heading_id_type
    cjk = reader.boolean(False, *ext, "cjk", "enable")
    definition_list = reader.boolean(d.definition_list, *ext, "definitionlist")
    return GoldmarkConfig(
        unsafe=reader.boolean(d.unsafe, *gm, "renderer", "unsafe"),
        typographer=reader.switch(d.typographer, *ext, "typographer", off_key="disable"),
        linkify=reader.boolean(d.linkify, *ext, "linkify"),
        table=reader.boolean(d.table, *ext, "table"),
        strikethrough=reader.boolean(d.strikethrough, *ext, "strikethrough"),
        task_list=reader.boolean(d.task_list, *ext, "tasklist"),
        footnote=reader.switch(d.footnote, *ext, "footnote", on_key="enable"),
        footnote_backlink_html=reader.string(
            d.footnote_backlink_html, *ext, "footnote", "backlinkhtml"
        )
        if isinstance(reader.get(*ext, "footnote"), dict)
        else d.footnote_backlink_html,
        footnote_id_prefix=isinstance(reader.get(*ext, "footnote"), dict)
        and reader.boolean(False, *ext, "footnote", "enableautoidprefix"),
        definition_list=definition_list,
        attribute_title=reader.boolean(d.attribute_title, *parser, "attribute", "title"),
        attribute_block=reader.boolean(d.attribute_block, *parser, "attribute", "block"),
        auto_heading_id=reader.boolean(d.auto_heading_id, *parser, "autoheadingid"),
        auto_heading_id_type=id_type,
        auto_definition_term_id=(
            reader.boolean(d.auto_definition_term_id, *parser, "autodefinitiontermid")
            and definition_list
        ),
        wrap_standalone_image=reader.boolean(
            d.wrap_standalone_image, *parser, "wrapstandaloneimagewithinparagraph"
        ),
        hard_wraps=reader.boolean(d.hard_wraps, *gm, "renderer", "hardwraps"),
        xhtml=reader.boolean(d.xhtml, *gm, "renderer", "xhtml"),
        passthrough=reader.switch(d.passthrough, *ext, "passthrough", on_key="enable"),
        passthrough_inline=_delimiters(reader, (*ext, "passthrough", "delimiters", "inline")),
        passthrough_block=_delimiters(reader, (*ext, "passthrough", "delimiters", "block")),
        typographer_subs=tuple(
            (name, value)
            for key, (name, default) in _TYPOGRAPHER_KEYS.items()
            if (value := reader.string(default, *ext, "typographer", key)) != default
        )
        if isinstance(reader.get(*ext, "typographer"), dict)
        else (),
        emoji=reader.boolean(d.emoji, "enableemoji"),
        extras=tuple(
            name
            for name in GOLDMARK_EXTRAS
            if reader.boolean(False, *ext, "extras", name, "enable")
        ),
        east_asian_line_breaks=_east_asian_line_breaks(reader, (*ext, "cjk")) if cjk else "",
        escaped_space=cjk and reader.boolean(False, *ext, "cjk", "escapedspace"),
    )


def _east_asian_line_breaks(reader: ValueReader, cjk: tuple[str, ...]) -> str:
    """extensions.cjk.eastAsianLineBreaks' style as Hugo picks it: "css3draft" when the
    style is exactly that, else "simple"; "" when off."""
    if not reader.boolean(False, *cjk, "eastasianlinebreaks"):
        return ""
    style = reader.string("simple", *cjk, "eastasianlinebreaksstyle")
    return "css3draft" if style == "css3draft" else "simple"


# markup.goldmark.extensions.typographer's keys (lower-cased): Goldmark's names, Hugo's defaults
_TYPOGRAPHER_KEYS = {
    "apostrophe": ("apos", "&rsquo;"),
    "ellipsis": ("hellip", "&hellip;"),
    "emdash": ("mdash", "&mdash;"),
    "endash": ("ndash", "&ndash;"),
    "leftanglequote": ("laquo", "&laquo;"),
    "leftdoublequote": ("ldquo", "&ldquo;"),
    "leftsinglequote": ("lsquo", "&lsquo;"),
    "rightanglequote": ("raquo", "&raquo;"),
    "rightdoublequote": ("rdquo", "&rdquo;"),
    "rightsinglequote": ("rsquo", "&rsquo;"),
}


def _delimiters(reader: ValueReader, path: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Passthrough delimiters: a list of [open, close] pairs of non-empty strings (anything
    else is left out, with a warning)."""
    value = reader.get(*path)
    if value is None:
        return ()
    pairs = value if isinstance(value, list) else [value]
    out: list[tuple[str, str]] = []
    for pair in pairs:
        if (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(part, str) and part for part in pair)
        ):
            out.append((pair[0], pair[1]))
        else:
            reader.warn(
                f'{".".join(path)}: {pair!r} is not a pair of delimiters such as ["$", "$"]',
                path,
            )
    return tuple(out)


def _highlight(reader: ValueReader) -> HighlightConfig:
    d = HighlightConfig()
    hl = ("markup", "highlight")
    return HighlightConfig(
        style=reader.string(d.style, *hl, "style") or d.style,
        no_classes=reader.boolean(d.no_classes, *hl, "noclasses"),
        line_nos=reader.boolean(d.line_nos, *hl, "linenos"),
        line_numbers_in_table=reader.boolean(d.line_numbers_in_table, *hl, "linenumbersintable"),
        line_no_start=reader.integer(d.line_no_start, *hl, "linenostart"),
        guess_syntax=reader.boolean(d.guess_syntax, *hl, "guesssyntax"),
        tab_width=reader.integer(d.tab_width, *hl, "tabwidth"),
        code_fences=reader.boolean(d.code_fences, *hl, "codefences"),
        wrapper_class=reader.string(d.wrapper_class, *hl, "wrapperclass"),
    )


def _toc(reader: ValueReader) -> TocConfig:
    d = TocConfig()
    toc = ("markup", "tableofcontents")
    return TocConfig(
        start_level=reader.integer(d.start_level, *toc, "startlevel"),
        end_level=reader.integer(d.end_level, *toc, "endlevel"),
        ordered=reader.boolean(d.ordered, *toc, "ordered"),
    )


def _hugo_author(reader: ValueReader) -> str | None:
    for path in (("params", "author"), ("params", "authors"), ("author",)):
        value = reader.get(*path)
        if value is not None:
            return author_text(value)
    return None


def _taxonomies(reader: ValueReader) -> dict[str, str]:
    default = {"tag": "tags", "category": "categories"}
    raw = reader.get("taxonomies")
    if raw is None:
        return default
    if not isinstance(raw, dict):
        reader.warn("taxonomies should be a table of singular = plural", ("taxonomies",))
        return default
    out: dict[str, str] = {}
    for singular, plural in raw.items():
        if isinstance(plural, str):
            out[singular] = plural
        else:
            reader.warn(f"taxonomy {singular!r} should name its plural", ("taxonomies", singular))
    return out
