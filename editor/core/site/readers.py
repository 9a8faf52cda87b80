"""The config readers for the generators other than Hugo: Jekyll, Zola, Pelican and MkDocs.

Each returns a `SiteConfig` describing the site in Hugo's terms as far as they map. None of
them passes raw HTML through a sanitiser, so all have `goldmark.unsafe = True`. Pelican's
`pelicanconf.py` is read with `ast`, never executed: only literal assignments count.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.site.files import ConfigSource, ValueReader, load_config_file
from editor.core.site.model import (
    GoldmarkConfig,
    HighlightConfig,
    LanguageConfig,
    SiteConfig,
    SiteKind,
    author_text,
    shortcode_names,
)

_DEFAULT_TAXONOMIES = {"tag": "tags", "category": "categories"}
# Pelican's own default MARKDOWN setting (replaced wholesale when the site sets one).
_PELICAN_MARKDOWN: dict[str, Any] = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
    },
    "output_format": "html5",
}
_MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


def load_other(kind: SiteKind, root: Path, config_file: Path | None) -> SiteConfig:
    """The site at `root` of `kind` (not "hugo"), read from `config_file`."""
    assert config_file is not None
    if kind == "pelican":
        return _load_pelican(root, config_file)
    source, problems = load_config_file(config_file)
    reader = ValueReader(source.data, [source], (), problems)
    if kind == "jekyll":
        return _load_jekyll(root, source, reader)
    if kind == "zola":
        return _load_zola(root, source, reader)
    return _load_mkdocs(root, source, reader)


def _load_jekyll(root: Path, source: ConfigSource, reader: ValueReader) -> SiteConfig:
    content = root / reader.string(".", "source")
    url = reader.string("", "url").rstrip("/") + reader.string("", "baseurl")
    permalink = reader.get("permalink")
    lang = reader.string("en", "lang") or "en"
    return SiteConfig(
        kind="jekyll",
        root=root,
        config_file=source.path,
        content_dir=content,
        title=reader.string("", "title"),
        base_url=url,
        default_language=lang,
        languages=(LanguageConfig(lang, content),),
        goldmark=GoldmarkConfig(unsafe=True, linkify=False),
        params=dict(source.data),
        author=author_text(reader.get("author")),
        taxonomies=dict(_DEFAULT_TAXONOMIES),
        permalinks={"posts": permalink} if isinstance(permalink, str) else {},
        static_dirs=(content,),
        assets_dir=content / "assets",
        theme=tuple(reader.string_list("theme")),
        diagnostics=reader.diagnostics(),
    )


def _load_zola(root: Path, source: ConfigSource, reader: ValueReader) -> SiteConfig:
    content = root / "content"
    lang = reader.string("en", "default_language") or "en"
    languages = [LanguageConfig(lang, content, title=reader.string("", "title"))]
    for code, block in reader.mapping("languages").items():
        if code != lang:
            title = block.get("title") if isinstance(block, dict) else None
            languages.append(LanguageConfig(code, content, title=str(title or "")))
    taxonomies: dict[str, str] = {}
    raw_tax = reader.get("taxonomies")
    if isinstance(raw_tax, list):
        for item in raw_tax:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                taxonomies[item["name"]] = item["name"]
    themes = reader.string_list("theme")
    theme_dirs = [root / "themes" / name for name in themes if (root / "themes" / name).is_dir()]
    style = reader.string("", "markdown", "highlight_theme")
    style = reader.string(style, "markdown", "highlighting", "theme") or "monokai"
    extra = reader.mapping("extra")
    author = author_text(reader.get("author")) or author_text(extra.get("author"))
    return SiteConfig(
        kind="zola",
        root=root,
        config_file=source.path,
        content_dir=content,
        title=reader.string("", "title"),
        base_url=reader.string("", "base_url"),
        default_language=lang,
        languages=tuple(languages),
        goldmark=GoldmarkConfig(
            unsafe=True,
            linkify=False,
            typographer=reader.boolean(False, "markdown", "smart_punctuation"),
            definition_list=reader.boolean(False, "markdown", "definition_list"),
        ),
        highlight=HighlightConfig(style=style),
        params=extra,
        author=author,
        taxonomies=taxonomies,
        permalinks={"slugify": reader.mapping("slugify")},  # its path rule (site.permalinks)
        static_dirs=(root / "static", *(t / "static" for t in theme_dirs)),
        shortcode_names=shortcode_names(
            [root / "templates", *(t / "templates" for t in theme_dirs)]
        ),
        theme=tuple(themes),
        diagnostics=reader.diagnostics(),
    )


def _extension_name(entry: str) -> str:
    """'markdown.extensions.toc:TocExtension' -> 'toc'; 'pymdownx.tasklist' stays."""
    name = entry.split(":")[0]
    for prefix in ("markdown.extensions.", "mdx_"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return name


def python_markdown_goldmark(extensions: list[str], xhtml: bool) -> GoldmarkConfig:
    """What a Python-Markdown setup with these extensions renders, in Goldmark's terms."""
    names = {_extension_name(entry) for entry in extensions}
    extra = "extra" in names
    return GoldmarkConfig(
        unsafe=True,
        typographer="smarty" in names,
        linkify="pymdownx.magiclink" in names,
        table=extra or "tables" in names,
        strikethrough="pymdownx.tilde" in names,
        task_list="pymdownx.tasklist" in names,
        footnote=extra or "footnotes" in names,
        definition_list=extra or "def_list" in names,
        attribute_title=extra or "attr_list" in names,
        attribute_block=extra or "attr_list" in names,
        auto_heading_id="toc" in names,
        hard_wraps="nl2br" in names,
        xhtml=xhtml,
    )


def _python_markdown_highlight(configs: dict[str, Any]) -> HighlightConfig:
    for name, options in configs.items():
        if _extension_name(name) in ("codehilite", "pymdownx.highlight") and isinstance(
            options, dict
        ):
            style = options.get("pygments_style", "default")
            return HighlightConfig(
                style=style if isinstance(style, str) else "default",
                no_classes=options.get("noclasses") is True,
                line_nos=options.get("linenums") is True,
            )
    return HighlightConfig()


def _load_mkdocs(root: Path, source: ConfigSource, reader: ValueReader) -> SiteConfig:
    content = root / (reader.string("docs", "docs_dir") or "docs")
    extensions: list[str] = list(_MKDOCS_BUILTIN_EXTENSIONS)
    configs: dict[str, Any] = {}
    raw = reader.get("markdown_extensions")
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, str):
            extensions.append(item)
        elif isinstance(item, dict):
            for name, options in item.items():
                extensions.append(name)
                configs[name] = options
    theme = reader.get("theme")
    theme_name = theme.get("name") if isinstance(theme, dict) else theme
    lang = theme.get("language") if isinstance(theme, dict) else None
    lang = lang if isinstance(lang, str) and lang else "en"
    return SiteConfig(
        kind="mkdocs",
        root=root,
        config_file=source.path,
        content_dir=content,
        title=reader.string("", "site_name"),
        base_url=reader.string("", "site_url"),
        default_language=lang,
        languages=(LanguageConfig(lang, content),),
        goldmark=python_markdown_goldmark(extensions, xhtml=True),
        highlight=_python_markdown_highlight(configs),
        params=reader.mapping("extra"),
        author=author_text(reader.get("site_author")),
        taxonomies={},
        static_dirs=(content,),
        markdown_engine="python-markdown",
        markdown_extensions=tuple(dict.fromkeys(extensions)),
        theme=(theme_name,) if isinstance(theme_name, str) and theme_name else (),
        diagnostics=reader.diagnostics(),
    )


def read_python_literals(path: Path) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The literal top-level assignments of a Python settings file, without running it.

    `NAME = <literal>` and `NAME = OTHER_NAME` (an earlier literal) count; anything computed
    is skipped. A syntax error gives a diagnostic with its line.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
        tree = ast.parse(text, filename=str(path))
    except SyntaxError as exc:
        message = f"cannot parse the Python settings ({exc.msg}): using defaults"
        return {}, [Diagnostic(message, path, exc.lineno, Severity.ERROR)]
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        message = f"cannot read the Python settings ({exc}): using defaults"
        return {}, [Diagnostic(message, path, None, Severity.ERROR)]
    except RecursionError:
        return {}, [Diagnostic("the Python settings nest too deeply", path, None, Severity.ERROR)]
    values: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
            value_node: ast.expr | None = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets, value_node = [node.target.id], node.value
        else:
            continue
        if value_node is None:
            continue
        if isinstance(value_node, ast.Name):
            if value_node.id not in values:
                continue
            value = values[value_node.id]
        else:
            try:
                value = ast.literal_eval(value_node)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                for name in targets:
                    values.pop(name, None)
                continue
        for name in targets:
            values[name] = value
    return values, []


def _load_pelican(root: Path, config_file: Path) -> SiteConfig:
    values, problems = read_python_literals(config_file)
    lowered = {name.lower(): value for name, value in values.items()}
    source = ConfigSource(config_file, _safe_text(config_file), lowered)
    reader = ValueReader(lowered, [source], (), problems)
    default_path = "content" if (root / "content").is_dir() else "."
    content = root / (reader.string(default_path, "PATH") or ".")
    lang = reader.string("en", "DEFAULT_LANG") or "en"
    markdown = reader.get("MARKDOWN")
    if not isinstance(markdown, dict):
        if markdown is not None:
            reader.warn("MARKDOWN should be a dict: using Pelican's default", ("MARKDOWN",))
        markdown = _PELICAN_MARKDOWN
    configs = markdown.get("extension_configs")
    configs = configs if isinstance(configs, dict) else {}
    listed = markdown.get("extensions")
    extensions = (
        [*configs, *(e for e in listed if isinstance(e, str))]
        if isinstance(listed, list)
        else list(configs)
    )
    html5 = markdown.get("output_format", "xhtml") in ("html", "html5")
    permalinks = {
        kind: reader.get(key)
        for kind, key in (("article", "ARTICLE_URL"), ("page", "PAGE_URL"))
        if isinstance(reader.get(key), str)
    }
    static = reader.string_list("STATIC_PATHS") if "STATIC_PATHS" in values else ["images"]
    theme = reader.string("", "THEME")
    return SiteConfig(
        kind="pelican",
        root=root,
        config_file=config_file,
        content_dir=content,
        title=reader.string("", "SITENAME"),
        base_url=reader.string("", "SITEURL"),
        default_language=lang,
        languages=(LanguageConfig(lang, content),),
        summary_length=reader.integer(50, "SUMMARY_MAX_LENGTH"),
        goldmark=python_markdown_goldmark(extensions, xhtml=not html5),
        highlight=_python_markdown_highlight(configs),
        params={k: v for k, v in values.items() if k.isupper()},
        author=author_text(reader.get("AUTHOR")),
        taxonomies=dict(_DEFAULT_TAXONOMIES),
        permalinks=permalinks,
        static_dirs=tuple(content / name for name in static),
        markdown_engine="python-markdown",
        markdown_extensions=tuple(dict.fromkeys(extensions)),
        theme=(theme,) if theme else (),
        diagnostics=reader.diagnostics(),
    )


def _safe_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
