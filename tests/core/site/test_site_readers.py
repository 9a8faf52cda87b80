"""site.config for the other generators: Jekyll, Zola, Pelican (never executed), MkDocs."""

from __future__ import annotations

from pathlib import Path

from editor.core.diagnostics import Severity
from editor.core.site.config import find_site, load_site
from editor.core.site.readers import python_markdown_goldmark, read_python_literals


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_jekyll(tmp_path: Path) -> None:
    write(
        tmp_path / "_config.yml",
        "title: My Jekyll\nurl: https://j.example/\nbaseurl: /blog\n"
        "author:\n  name: Jay\npermalink: /:year/:title/\nlang: de\ntheme: minima\n",
    )
    site = find_site(write(tmp_path / "_posts" / "2024-01-01-a.md", "x"))
    assert site.kind == "jekyll" and site.root == tmp_path
    assert site.title == "My Jekyll"
    assert site.base_url == "https://j.example/blog"
    assert site.author == "Jay"
    assert site.default_language == "de"
    assert site.permalinks == {"posts": "/:year/:title/"}
    assert site.content_dir == tmp_path / "."
    assert site.goldmark.unsafe and not site.goldmark.linkify
    assert site.theme == ("minima",)
    assert site.markdown_engine == "goldmark"


def test_zola(tmp_path: Path) -> None:
    write(
        tmp_path / "config.toml",
        'base_url = "https://z.example"\ntitle = "Zed"\ndefault_language = "en"\n'
        'theme = "even"\ntaxonomies = [{name = "tags"}, {name = "series", feed = true}, 3]\n'
        "[markdown]\nhighlight_code = true\nhighlight_theme = 'base16-ocean-dark'\n"
        "smart_punctuation = true\n"
        "[languages.fr]\ntitle = 'Zède'\n[extra]\nauthor = 'Zoe'\n",
    )
    write(tmp_path / "templates" / "shortcodes" / "youtube.html", "")
    write(tmp_path / "themes" / "even" / "templates" / "shortcodes" / "note.md", "")
    site = find_site(tmp_path / "content" / "blog" / "a.md")
    assert site.kind == "zola"
    assert site.base_url == "https://z.example" and site.title == "Zed"
    assert [(lang.code, lang.title) for lang in site.languages] == [("en", "Zed"), ("fr", "Zède")]
    assert site.taxonomies == {"tags": "tags", "series": "series"}
    assert site.highlight.style == "base16-ocean-dark"
    assert site.goldmark.typographer and site.goldmark.unsafe
    assert site.author == "Zoe" and site.params == {"author": "Zoe"}
    assert site.shortcode_names == {"youtube", "note"}


def test_zola_newer_highlighting_table(tmp_path: Path) -> None:
    write(
        tmp_path / "config.toml",
        'base_url = "/"\nauthor = "Top"\n[markdown.highlighting]\ntheme = "github-dark"\n',
    )
    site = load_site(tmp_path)
    assert site.highlight.style == "github-dark" and site.author == "Top"


def test_malformed_zola_config_is_still_zola(tmp_path: Path) -> None:
    write(tmp_path / "config.toml", 'base_url = "/"\ntitle = \n')
    site = load_site(tmp_path)
    assert site.kind == "zola"
    assert site.diagnostics[0].line == 2


PELICANCONF = """\
import os
AUTHOR = 'Pat Pelican'
SITENAME = "Pat's notes"
SITEURL = ''
PATH = 'content'
TIMEZONE = 'Europe/Paris'
DEFAULT_LANG = 'fr'
SUMMARY_MAX_LENGTH = 35
STATIC_PATHS = ['images', 'extra']
THEME = 'notmyidea'
ARTICLE_URL = '{date:%Y}/{slug}/'
FEED_DOMAIN = SITEURL
COMPUTED = os.path.join('a', 'b')
AUTHOR_ALIAS: str = AUTHOR
MARKDOWN = {
    'extension_configs': {
        'markdown.extensions.codehilite': {'css_class': 'highlight', 'pygments_style': 'native'},
        'markdown.extensions.toc': {},
    },
    'extensions': ['markdown.extensions.smarty', 3],
    'output_format': 'html5',
}
open(os.path.join(os.path.dirname(__file__), 'EXECUTED'), 'w').write('oops')
raise SystemExit('pelicanconf.py must never be executed')
"""


def test_pelican_is_read_without_executing(tmp_path: Path) -> None:
    write(tmp_path / "pelicanconf.py", PELICANCONF)
    (tmp_path / "content").mkdir()
    site = find_site(tmp_path / "content" / "a.md")
    assert not (tmp_path / "EXECUTED").exists()
    assert site.kind == "pelican"
    assert site.author == "Pat Pelican" and site.title == "Pat's notes"
    assert site.content_dir == tmp_path / "content"
    assert site.default_language == "fr"
    assert site.summary_length == 35
    assert site.static_dirs == (tmp_path / "content" / "images", tmp_path / "content" / "extra")
    assert site.markdown_engine == "python-markdown"
    assert site.markdown_extensions == (
        "markdown.extensions.codehilite",
        "markdown.extensions.toc",
        "markdown.extensions.smarty",
    )
    assert site.goldmark.typographer and site.goldmark.auto_heading_id
    assert not site.goldmark.table and not site.goldmark.xhtml
    assert site.highlight.style == "native" and not site.highlight.no_classes
    assert site.permalinks == {"article": "{date:%Y}/{slug}/"}
    assert site.params["FEED_DOMAIN"] == "" and "COMPUTED" not in site.params
    assert site.params["AUTHOR_ALIAS"] == "Pat Pelican"
    assert site.theme == ("notmyidea",)
    assert site.diagnostics == ()


def test_pelican_defaults(tmp_path: Path) -> None:
    write(tmp_path / "pelicanconf.py", "SITENAME = 'x'\nMARKDOWN = 'oops'\n")
    site = load_site(tmp_path)
    assert site.content_dir == tmp_path / "."
    assert site.summary_length == 50
    assert "markdown.extensions.extra" in site.markdown_extensions
    assert site.goldmark.table and site.goldmark.footnote and not site.goldmark.xhtml
    assert site.static_dirs == (tmp_path / "." / "images",)
    (problem,) = site.diagnostics
    assert problem.line == 2 and "MARKDOWN" in problem.message


def test_pelican_syntax_error_has_its_line(tmp_path: Path) -> None:
    write(tmp_path / "pelicanconf.py", "AUTHOR = 'a'\nSITENAME = (\n")
    site = load_site(tmp_path)
    assert site.kind == "pelican" and site.author is None
    (problem,) = site.diagnostics
    assert problem.severity == Severity.ERROR and problem.line == 2


def test_read_python_literals_skips_what_needs_running(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.py",
        "A = 1\nB = A\nC = undefined\nD = f()\nA = [1, A]\nx.y = 3\nE: int\nF = G = 'both'\n",
    )
    values, problems = read_python_literals(path)
    assert values == {"B": 1, "F": "both", "G": "both"}
    assert problems == []
    bad = tmp_path / "bad.py"
    bad.write_bytes(b"A = '\xff'\n")
    assert read_python_literals(bad)[1][0].severity == Severity.ERROR


def test_mkdocs_with_python_tags(tmp_path: Path) -> None:
    write(
        tmp_path / "mkdocs.yml",
        "site_name: Docs\nsite_url: https://d.example/\nsite_author: Mo\ndocs_dir: src\n"
        "theme:\n  name: material\n  language: ja\n"
        "markdown_extensions:\n  - footnotes\n  - attr_list\n  - pymdownx.tasklist\n"
        "  - pymdownx.highlight:\n      pygments_style: friendly\n      linenums: true\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n  version: !ENV [VERSION, '1.0']\n",
    )
    site = find_site(tmp_path / "src" / "index.md")
    assert site.kind == "mkdocs"
    assert site.title == "Docs" and site.author == "Mo"
    assert site.content_dir == tmp_path / "src"
    assert site.default_language == "ja" and site.theme == ("material",)
    assert site.markdown_engine == "python-markdown"
    assert site.markdown_extensions[:4] == ("toc", "tables", "fenced_code", "footnotes")
    assert site.goldmark.footnote and site.goldmark.task_list and site.goldmark.table
    assert site.goldmark.attribute_title and site.goldmark.xhtml
    assert site.highlight.style == "friendly" and site.highlight.line_nos
    assert site.params == {"version": ["VERSION", "1.0"]}
    assert site.taxonomies == {}
    assert site.diagnostics == ()


def test_mkdocs_minimal(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yaml", "site_name: D\ntheme: readthedocs\n")
    site = load_site(tmp_path)
    assert site.content_dir == tmp_path / "docs" and site.theme == ("readthedocs",)
    assert site.highlight.style == "monokai"


def test_python_markdown_extra_and_names() -> None:
    goldmark = python_markdown_goldmark(
        ["markdown.extensions.extra", "mdx_truly_sane_lists", "nl2br", "pymdownx.magiclink"],
        xhtml=False,
    )
    assert goldmark.table and goldmark.footnote and goldmark.definition_list
    assert goldmark.hard_wraps and goldmark.linkify and goldmark.unsafe
    assert not goldmark.strikethrough and not goldmark.typographer


def test_detection_order_in_one_folder(tmp_path: Path) -> None:
    write(tmp_path / "mkdocs.yml", "site_name: D\n")
    assert load_site(tmp_path).kind == "mkdocs"
    write(tmp_path / "pelicanconf.py", "SITENAME = 'p'\n")
    assert load_site(tmp_path).kind == "pelican"
    write(tmp_path / "_config.yml", "title: j\n")
    assert load_site(tmp_path).kind == "jekyll"
    write(tmp_path / "hugo.toml", "title = 'h'\n")
    assert load_site(tmp_path).kind == "hugo"
