"""editor.core.site.config: finding a site and reading a Hugo config (every format, split config
folders, case-insensitive keys, wrong types and malformed files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.core.diagnostics import Severity
from editor.core.site.config import (
    GoldmarkConfig,
    HighlightConfig,
    SiteConfig,
    TocConfig,
    author_text,
    find_site,
    load_site,
    settings_folders,
    settings_stamp,
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- defaults and finding -------------------------------------------------------------------


def test_hugo_defaults_are_hugo_0_168s(tmp_path: Path) -> None:
    site = SiteConfig.hugo_defaults(tmp_path)
    assert site.kind == "hugo"
    assert site.content_dir == tmp_path / "content"
    assert site.summary_length == 70
    assert not site.has_cjk_language
    assert site.goldmark == GoldmarkConfig()
    assert not site.goldmark.unsafe and site.goldmark.typographer and site.goldmark.footnote
    assert not site.goldmark.attribute_block and not site.goldmark.passthrough
    assert site.highlight == HighlightConfig()
    assert (site.highlight.style, site.highlight.no_classes) == ("monokai", True)
    assert site.toc == TocConfig(start_level=2, end_level=3, ordered=False)
    assert site.taxonomies == {"tag": "tags", "category": "categories"}
    assert site.markdown_engine == "goldmark"
    assert site.is_hugo


def test_find_site_walks_up_from_a_post(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", 'title = "Blog"\nsummaryLength = 12\n')
    post = write(tmp_path / "content" / "posts" / "a.md", "# A\n")
    site = find_site(post)
    assert site.root == tmp_path
    assert site.kind == "hugo"
    assert site.config_file == tmp_path / "hugo.toml"
    assert site.title == "Blog"
    assert site.summary_length == 12
    assert site.diagnostics == ()
    # a path that does not exist yet (a post about to be created) works too
    assert find_site(tmp_path / "content" / "posts" / "new" / "index.md").root == tmp_path


def test_a_bare_folder_gets_hugos_defaults(tmp_path: Path) -> None:
    write(tmp_path / "notes" / "a.md", "# A\n")
    (tmp_path / ".git").mkdir()
    site = find_site(tmp_path / "notes" / "a.md")
    assert site.kind == "folder"
    assert site.root == tmp_path / "notes"
    assert site.content_dir == tmp_path / "notes"
    assert site.summary_length == 70 and site.goldmark == GoldmarkConfig()
    assert [d.severity for d in site.diagnostics] == [Severity.INFO]
    assert "no site configuration" in site.diagnostics[0].message


def test_the_walk_stops_at_a_repository_root(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", 'title = "Outer"\n')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo / "docs" / "a.md", "x")
    assert find_site(repo / "docs" / "a.md").kind == "folder"
    assert find_site(tmp_path / "other" / "b.md").title == "Outer"


def test_load_site_does_not_walk(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", 'title = "Blog"\n')
    assert load_site(tmp_path).kind == "hugo"
    assert load_site(tmp_path / "content").kind == "folder"


def test_another_tools_config_toml_is_not_a_hugo_site(tmp_path: Path) -> None:
    write(tmp_path / "config.toml", '[tool]\nname = "x"\n')
    assert load_site(tmp_path).kind == "folder"
    write(tmp_path / "config.toml", 'baseURL = "https://x.org/"\n')
    assert load_site(tmp_path).kind == "hugo"


def test_config_toml_beside_a_content_folder_is_hugo_even_if_broken(tmp_path: Path) -> None:
    write(tmp_path / "config.toml", "title = \n")
    (tmp_path / "content").mkdir()
    site = load_site(tmp_path)
    assert site.kind == "hugo"
    assert site.diagnostics[0].line == 1


# --- every format says the same -------------------------------------------------------------

TOML = """\
baseURL = "https://example.org/"
title = "Formats"
summaryLength = 40
hasCJKLanguage = true
[markup.goldmark.renderer]
unsafe = true
[markup.highlight]
style = "dracula"
noClasses = false
[params]
author = "Ada"
"""
YAML = """\
baseURL: https://example.org/
title: Formats
summaryLength: 40
hasCJKLanguage: true
markup:
  goldmark:
    renderer:
      unsafe: true
  highlight:
    style: dracula
    noClasses: false
params:
  author: Ada
"""
JSON = json.dumps(
    {
        "baseURL": "https://example.org/",
        "title": "Formats",
        "summaryLength": 40,
        "hasCJKLanguage": True,
        "markup": {
            "goldmark": {"renderer": {"unsafe": True}},
            "highlight": {"style": "dracula", "noClasses": False},
        },
        "params": {"author": "Ada"},
    }
)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("hugo.toml", TOML),
        ("hugo.yaml", YAML),
        ("hugo.yml", YAML),
        ("hugo.json", JSON),
        ("config.toml", TOML),
        ("config.yaml", YAML),
        ("config.yml", YAML),
        ("config.json", JSON),
    ],
)
def test_every_config_name_and_format(tmp_path: Path, name: str, text: str) -> None:
    write(tmp_path / name, text)
    site = find_site(tmp_path)
    assert (site.kind, site.config_file) == ("hugo", tmp_path / name)
    assert site.title == "Formats" and site.base_url == "https://example.org/"
    assert site.summary_length == 40 and site.has_cjk_language
    assert site.goldmark.unsafe
    assert site.highlight == HighlightConfig(style="dracula", no_classes=False)
    assert site.author == "Ada"
    assert site.diagnostics == ()


def test_hugo_toml_wins_over_config_toml(tmp_path: Path) -> None:
    write(tmp_path / "config.toml", 'title = "old"\n')
    write(tmp_path / "hugo.toml", 'title = "new"\n')
    assert find_site(tmp_path).title == "new"


def test_keys_are_case_insensitive(tmp_path: Path) -> None:
    write(
        tmp_path / "hugo.toml",
        "SUMMARYLENGTH = 9\nHasCjkLanguage = true\n[Markup.Goldmark.Renderer]\nUnsafe = true\n"
        '[markup.HIGHLIGHT]\nStyle = "github"\n[Params]\nAuthor = "Bo"\n',
    )
    site = find_site(tmp_path)
    assert site.summary_length == 9 and site.has_cjk_language
    assert site.goldmark.unsafe and site.highlight.style == "github"
    assert site.author == "Bo" and site.params == {"author": "Bo"}


# --- markup ---------------------------------------------------------------------------------


def test_every_goldmark_setting(tmp_path: Path) -> None:
    write(
        tmp_path / "hugo.yaml",
        """\
enableEmoji: true
markup:
  goldmark:
    renderer: {unsafe: true, hardWraps: true, xhtml: true}
    extensions:
      typographer: false
      linkify: false
      table: false
      strikethrough: false
      taskList: false
      footnote: false
      definitionList: false
      passthrough: {enable: true, delimiters: {inline: [['$', '$']]}}
    parser:
      autoHeadingID: false
      autoHeadingIDType: github-ascii
      wrapStandAloneImageWithinParagraph: false
      attribute: {title: false, block: true}
""",
    )
    assert find_site(tmp_path).goldmark == GoldmarkConfig(
        unsafe=True,
        typographer=False,
        linkify=False,
        table=False,
        strikethrough=False,
        task_list=False,
        footnote=False,
        definition_list=False,
        attribute_title=False,
        attribute_block=True,
        auto_heading_id=False,
        auto_heading_id_type="github-ascii",
        wrap_standalone_image=False,
        hard_wraps=True,
        xhtml=True,
        passthrough=True,
        passthrough_inline=(("$", "$"),),
        emoji=True,
    )


def test_the_footnotes_back_link_and_id_prefix_are_the_site_s(tmp_path: Path) -> None:
    default = find_site(write(tmp_path / "a" / "hugo.toml", "")).goldmark
    assert default.footnote_backlink_html == "&#x21a9;&#xfe0e;"  # Hugo's
    assert not default.footnote_id_prefix
    config = (
        '[markup.goldmark.extensions.footnote]\nbackLinkHTML = "<b>^</b>"\n'
        "enableAutoIDPrefix = true\n"
    )
    site = find_site(write(tmp_path / "b" / "hugo.toml", config)).goldmark
    assert site.footnote and site.footnote_backlink_html == "<b>^</b>"
    assert site.footnote_id_prefix


def test_passthrough_delimiters_and_bad_ones(tmp_path: Path) -> None:
    write(
        tmp_path / "hugo.toml",
        "[markup.goldmark.extensions.passthrough]\nenable = true\n"
        "[markup.goldmark.extensions.passthrough.delimiters]\n"
        "block = [['\\[', '\\]'], ['$$', '$$']]\n"
        "inline = [['\\(', '\\)'], ['$'], 'x']\n",
    )
    site = find_site(tmp_path)
    assert site.goldmark.passthrough
    assert site.goldmark.passthrough_block == (("\\[", "\\]"), ("$$", "$$"))
    assert site.goldmark.passthrough_inline == (("\\(", "\\)"),)
    messages = [(d.message, d.file, d.line) for d in site.diagnostics]
    assert [(m.split(":")[0], f, line) for m, f, line in messages] == [
        ("markup.goldmark.extensions.passthrough.delimiters.inline", tmp_path / "hugo.toml", 5),
    ] * 2
    assert "['$']" in messages[0][0] and "'x'" in messages[1][0]


def test_extension_tables_enable_and_disable(tmp_path: Path) -> None:
    write(
        tmp_path / "hugo.toml",
        "[markup.goldmark.extensions.typographer]\ndisable = true\n"
        "[markup.goldmark.extensions.footnote]\nenable = false\n"
        "[markup.goldmark.parser]\nautoIDType = 'blackfriday'\n",
    )
    goldmark = find_site(tmp_path).goldmark
    assert not goldmark.typographer and not goldmark.footnote
    assert goldmark.auto_heading_id_type == "blackfriday"
    # a typographer table that does not disable it (custom quotes) keeps it on
    write(
        tmp_path / "hugo.toml",
        "[markup.goldmark.extensions.typographer]\nleftDoubleQuote = '«'\n"
        "apostrophe = \"'\"\nellipsis = '&hellip;'\n",  # the default: nothing to change
    )
    goldmark = find_site(tmp_path).goldmark
    assert goldmark.typographer
    assert goldmark.typographer_subs == (("apos", "'"), ("ldquo", "«"))


def test_highlight_and_toc_settings(tmp_path: Path) -> None:
    write(
        tmp_path / "hugo.toml",
        "[markup.highlight]\nstyle = 'github-dark'\nnoClasses = false\nlineNos = true\n"
        "lineNumbersInTable = false\nlineNoStart = 10\nguessSyntax = true\ntabWidth = 2\n"
        "codeFences = false\nwrapperClass = 'highlight code'\n"
        "[markup.tableOfContents]\nstartLevel = 1\nendLevel = 4\nordered = true\n",
    )
    site = find_site(tmp_path)
    assert site.highlight == HighlightConfig(
        style="github-dark",
        no_classes=False,
        line_nos=True,
        line_numbers_in_table=False,
        line_no_start=10,
        guess_syntax=True,
        tab_width=2,
        code_fences=False,
        wrapper_class="highlight code",
    )
    assert site.toc == TocConfig(start_level=1, end_level=4, ordered=True)


# --- params, author, taxonomies, permalinks -------------------------------------------------


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ('[params]\nauthor = "Ada Lovelace"\n', "Ada Lovelace"),
        ('[params]\nauthor = ["Ada", "Bo"]\n', "Ada, Bo"),
        ('[params.author]\nname = "Ada"\nemail = "a@x.org"\n', "Ada"),
        ('[params]\nauthors = ["Cy"]\n', "Cy"),
        ('[author]\nname = "Old Style"\n', "Old Style"),
        ('[params]\nauthor = ""\n', None),
        ("", None),
    ],
)
def test_author_forms(tmp_path: Path, snippet: str, expected: str | None) -> None:
    write(tmp_path / "hugo.toml", snippet)
    assert find_site(tmp_path).author == expected


def test_author_text_odd_values() -> None:
    assert author_text(42) == "42"
    assert author_text(True) is None
    assert author_text({"email": "x@y"}) is None
    assert author_text([{"name": "A"}, "B", 3, None]) == "A, B, 3"
    assert author_text([]) is None


def test_taxonomies_replace_the_defaults(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", '[taxonomies]\nseries = "series"\nTag = "tags"\n')
    assert find_site(tmp_path).taxonomies == {"series": "series", "tag": "tags"}
    write(tmp_path / "hugo.toml", "[taxonomies]\n")
    assert find_site(tmp_path).taxonomies == {}
    write(tmp_path / "hugo.toml", "taxonomies = ['tags']\n")
    site = find_site(tmp_path)
    assert site.taxonomies == {"tag": "tags", "category": "categories"}
    assert site.diagnostics and site.diagnostics[0].line == 1
    write(tmp_path / "hugo.toml", "[taxonomies]\ntag = 'tags'\nbad = 3\n")
    site = find_site(tmp_path)
    assert site.taxonomies == {"tag": "tags"}
    assert site.diagnostics[0].line == 3


def test_permalinks_and_params(tmp_path: Path) -> None:
    write(
        tmp_path / "hugo.toml",
        "[permalinks]\nposts = '/:year/:slug/'\n[permalinks.page]\nnotes = '/n/:slug/'\n"
        "[params]\nShowReadingTime = true\n[params.social]\nmastodon = '@me'\n",
    )
    site = find_site(tmp_path)
    assert site.permalinks == {"posts": "/:year/:slug/", "page": {"notes": "/n/:slug/"}}
    assert site.params == {"showreadingtime": True, "social": {"mastodon": "@me"}}


# --- folders, themes, shortcodes ------------------------------------------------------------


def test_folders_themes_and_shortcodes(tmp_path: Path) -> None:
    write(
        tmp_path / "hugo.toml",
        'contentDir = "src"\nstaticDir = ["static", "files"]\nstaticDir2 = "more"\n'
        'assetDir = "res"\narchetypeDir = "arch"\ntheme = ["paper", "missing"]\n',
    )
    theme = tmp_path / "themes" / "paper"
    write(theme / "layouts" / "shortcodes" / "notice.html", "")
    write(theme / "layouts" / "_shortcodes" / "gallery.en.html", "")
    write(theme / "archetypes" / "default.md", "")
    write(theme / "static" / "x.css", "")
    write(tmp_path / "layouts" / "shortcodes" / "video.html", "")
    write(tmp_path / "layouts" / "_shortcodes" / "blocks" / "card.html", "")
    write(tmp_path / "layouts" / "shortcodes" / ".hidden.html", "")
    site = find_site(tmp_path)
    assert site.content_dir == tmp_path / "src"
    assert site.static_dirs == (
        tmp_path / "static",
        tmp_path / "files",
        tmp_path / "more",
        theme / "static",
    )
    assert site.assets_dir == tmp_path / "res"
    assert site.archetype_dirs == (tmp_path / "arch", theme / "archetypes")
    assert site.theme == ("paper", "missing")
    assert site.shortcode_names == {"notice", "gallery", "video", "blocks/card"}
    (note,) = site.diagnostics
    assert note.severity == Severity.INFO and "missing" in note.message


def test_theme_dir_and_layout_dir_settings(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", 'themesDir = "t"\ntheme = "x"\nlayoutDir = "tpl"\n')
    write(tmp_path / "t" / "x" / "layouts" / "shortcodes" / "a.html", "")
    write(tmp_path / "tpl" / "shortcodes" / "b.html", "")
    assert find_site(tmp_path).shortcode_names == {"a", "b"}


# --- languages and config folders -----------------------------------------------------------


def test_languages_with_their_own_content_folders(tmp_path: Path) -> None:
    write(
        tmp_path / "hugo.toml",
        'title = "Root"\ndefaultContentLanguage = "FR"\n'
        "[languages.en]\nweight = 2\ncontentDir = 'content/en'\ntitle = 'English'\n"
        "[languages.fr]\nweight = 1\ncontentDir = 'content/fr'\ntitle = 'Français'\n"
        "languageName = 'Français'\n[languages.fr.params]\nauthor = 'Zoé'\n"
        "[languages.de]\nlanguageName = 'Deutsch'\n",
    )
    site = find_site(tmp_path)
    assert site.default_language == "fr"
    assert [lang.code for lang in site.languages] == ["fr", "en", "de"]
    assert site.content_dir == tmp_path / "content" / "fr"
    assert site.languages[2].content_dir == tmp_path / "content"
    assert site.languages[0].name == "Français"
    assert site.title == "Français"
    assert site.author == "Zoé"


def test_a_language_that_is_not_a_table(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", 'languages = {en = "English"}\n')
    site = find_site(tmp_path)
    assert [lang.code for lang in site.languages] == ["en"]
    assert "languages.en" in site.diagnostics[0].message


def test_config_folder_with_split_files(tmp_path: Path) -> None:
    default = tmp_path / "config" / "_default"
    write(tmp_path / "hugo.toml", 'title = "root"\nsummaryLength = 5\n')
    write(default / "hugo.toml", 'title = "folder"\n')
    write(default / "markup.yaml", "highlight:\n  style: dracula\n  noClasses: maybe\n")
    write(default / "params.toml", 'author = "Ada"\n')
    write(default / "languages.toml", "[en]\nweight = 1\n[ja]\nweight = 2\ncontentDir = 'ja'\n")
    write(default / "params.ja.toml", 'author = "Aiko"\n')
    write(default / "notes.txt", "ignored")
    site = find_site(tmp_path / "content")
    assert site.kind == "hugo" and site.config_file == tmp_path / "hugo.toml"
    assert site.title == "folder"
    assert site.summary_length == 5
    assert site.highlight.style == "dracula"
    assert site.author == "Ada"
    assert [(lang.code, lang.content_dir) for lang in site.languages] == [
        ("en", tmp_path / "content"),
        ("ja", tmp_path / "ja"),
    ]
    (problem,) = site.diagnostics
    assert problem.file == default / "markup.yaml" and problem.line == 3
    assert "noclasses" in problem.message


def test_config_folder_alone(tmp_path: Path) -> None:
    write(tmp_path / "config" / "_default" / "params.yaml", "author: X\n")
    site = find_site(tmp_path)
    assert site.kind == "hugo" and site.config_file is None and site.author == "X"


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("hugo.toml", 'title = "x"\nsummaryLength = \n', 2),
        ("hugo.toml", 'title = "x"\n[params\n', 2),
        ("hugo.yaml", "title: x\nparams:\n  a: [1, 2\n", 4),
        ("hugo.yaml", "title: x\ntitle: y\n", 2),
        ("hugo.json", '{"title": "x",\n "summaryLength": }\n', 2),
        ("hugo.yaml", "- just\n- a list\n", 1),
    ],
)
def test_malformed_config_gives_defaults_and_a_located_diagnostic(
    tmp_path: Path, name: str, text: str, line: int
) -> None:
    write(tmp_path / name, text)
    site = find_site(tmp_path)
    assert site.kind == "hugo"
    assert site.summary_length == 70 and site.goldmark == GoldmarkConfig()
    (problem,) = site.diagnostics
    assert problem.file == tmp_path / name
    assert problem.line == line
    assert problem.severity == Severity.ERROR


def test_config_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_bytes(b'title = "ok"\nauthor = "\xff"\n')
    (problem,) = find_site(tmp_path).diagnostics
    assert problem.line == 2 and "UTF-8" in problem.message


def test_unreadable_config(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").mkdir()  # a folder where the file should be
    write(tmp_path / "config" / "_default" / "hugo.toml", "summaryLength = 3\n")
    site = load_site(tmp_path)
    assert site.summary_length == 3


def test_empty_config_is_fine(tmp_path: Path) -> None:
    write(tmp_path / "hugo.yaml", "")
    site = find_site(tmp_path)
    assert site.kind == "hugo" and site.diagnostics == ()


@pytest.mark.parametrize(
    ("snippet", "check"),
    [
        ('summaryLength = "x"', lambda s: s.summary_length == 70),
        ("summaryLength = true", lambda s: s.summary_length == 70),
        ('hasCJKLanguage = "maybe"', lambda s: not s.has_cjk_language),
        ("title = [1, 2]", lambda s: s.title == ""),
        ("theme = 5", lambda s: s.theme == ()),
        ("params = 3", lambda s: s.params == {}),
        ("markup.highlight.tabWidth = 2.5", lambda s: s.highlight.tab_width == 4),
        ('markup.goldmark.parser.autoHeadingIDType = "slug"', lambda s: True),
    ],
)
def test_wrong_types_give_the_default_and_a_diagnostic_on_their_line(
    tmp_path: Path, snippet: str, check: object
) -> None:
    write(tmp_path / "hugo.toml", f'languageCode = "en"\nbaseURL = "https://x.org/"\n{snippet}\n')
    site = find_site(tmp_path)
    assert callable(check) and check(site)
    (problem,) = site.diagnostics
    assert problem.file == tmp_path / "hugo.toml"
    assert problem.line == 3, problem
    assert problem.severity == Severity.WARNING


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ('summaryLength = "12"', 12),
        ("summaryLength = 12.0", 12),
        ("summaryLength = -3", -3),
    ],
)
def test_numbers_written_loosely_are_accepted(tmp_path: Path, snippet: str, expected: int) -> None:
    write(tmp_path / "hugo.toml", snippet + "\n")
    site = find_site(tmp_path)
    assert site.summary_length == expected and site.diagnostics == ()


def test_booleans_and_strings_written_loosely(tmp_path: Path) -> None:
    write(
        tmp_path / "hugo.toml",
        'hasCJKLanguage = "TRUE"\ntitle = 2026\n[markup.goldmark.renderer]\nunsafe = 1\n'
        "[markup.highlight]\nstyle = ''\n",
    )
    site = find_site(tmp_path)
    assert site.has_cjk_language and site.goldmark.unsafe
    assert site.title == "2026" and site.highlight.style == "monokai"
    assert site.diagnostics == ()


# --- the value itself -----------------------------------------------------------------------


def test_site_config_is_hashable_and_json_friendly(tmp_path: Path) -> None:
    write(tmp_path / "hugo.toml", "[params]\nwhen = 2024-01-02\n")
    site = find_site(tmp_path)
    assert hash(site) == hash(find_site(tmp_path))
    assert site == find_site(tmp_path)
    data = json.loads(json.dumps(site.to_json(), default=str))
    assert data["kind"] == "hugo" and data["highlight"]["style"] == "monokai"
    assert data["languages"][0]["code"] == "en"
    assert data["diagnostics"] == []


# --- what a watcher of the settings looks at ----------------------------------------------


def test_the_settings_stamp_is_the_config_files_load_site_may_read(tmp_path: Path) -> None:
    import os

    root = tmp_path / "blog"
    assert settings_stamp(root) == ()
    assert settings_folders(root) == (root, root / "config", root / "config" / "_default")
    hugo = write(root / "hugo.toml", 'title = "T"\n')
    write(root / "notes.txt", "not read\n")
    params = write(root / "config" / "_default" / "params.yaml", "color: teal\n")
    write(root / "config" / "_default" / "README", "not read\n")
    write(root / "config" / "production" / "hugo.toml", "not read by us\n")
    first = settings_stamp(root)
    assert [Path(path) for path, _mtime, _size in first] == [hugo, params]
    assert settings_stamp(root) == first
    st = hugo.stat()
    os.utime(hugo, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert settings_stamp(root) != first
    for name in ("_config.yml", "pelicanconf.py", "mkdocs.yml", "config.json"):
        write(root / name, "x\n")
    assert len(settings_stamp(root)) == 6


def test_enable_emoji_is_read_any_case_and_a_bad_value_is_named(tmp_path: Path) -> None:
    assert not find_site(write(tmp_path / "a" / "hugo.toml", "")).goldmark.emoji
    assert find_site(write(tmp_path / "b" / "hugo.toml", "EnableEmoji = true\n")).goldmark.emoji
    site = find_site(write(tmp_path / "c" / "hugo.toml", 'title = "T"\nenableEmoji = "maybe"\n'))
    assert not site.goldmark.emoji
    assert [(d.file, d.line) for d in site.diagnostics] == [(tmp_path / "c" / "hugo.toml", 2)]


def test_goldmark_extras_are_read_in_hugo_order_and_a_bad_value_is_named(tmp_path: Path) -> None:
    assert find_site(write(tmp_path / "a" / "hugo.toml", "")).goldmark.extras == ()
    config = """\
[markup.goldmark.extensions.extras]
superscript.enable = true
Mark = { Enable = true }
subscript = { enable = true }
delete = { enable = "sometimes" }

[markup.goldmark.extensions.extras.insert]
enable = "never"
"""
    site = find_site(write(tmp_path / "b" / "hugo.toml", config))
    assert site.goldmark.extras == ("mark", "subscript", "superscript")
    lines = [(d.file, d.line) for d in site.diagnostics]
    assert lines == [(tmp_path / "b" / "hugo.toml", 5), (tmp_path / "b" / "hugo.toml", 8)]


def test_goldmark_cjk_is_read_as_hugo_applies_it(tmp_path: Path) -> None:
    def cjk(name: str, config: str) -> tuple[str, bool]:
        goldmark = find_site(write(tmp_path / name / "hugo.toml", config)).goldmark
        return goldmark.east_asian_line_breaks, goldmark.escaped_space

    assert cjk("none", "") == ("", False)
    table = "[markup.goldmark.extensions.cjk]\n"
    # nothing applies unless the extension is enabled
    assert cjk("off", table + "eastAsianLineBreaks = true\nescapedSpace = true\n") == ("", False)
    assert cjk("on", table + "enable = true\neastAsianLineBreaks = true\n") == ("simple", False)
    css3 = (
        table
        + 'enable = true\neastAsianLineBreaks = true\neastAsianLineBreaksStyle = "css3draft"\n'
    )
    assert cjk("css3", css3) == ("css3draft", False)
    # any other style is Goldmark's simple one, as Hugo reads it
    other = (
        table
        + 'enable = true\neastAsianLineBreaks = true\neastAsianLineBreaksStyle = "CSS3Draft"\n'
    )
    assert cjk("other", other) == ("simple", False)
    assert cjk("space", table + "Enable = true\nEscapedSpace = true\n") == ("", True)


def test_auto_definition_term_id_needs_definition_lists(tmp_path: Path) -> None:
    def term_ids(name: str, config: str) -> bool:
        site = find_site(write(tmp_path / name / "hugo.toml", config))
        return site.goldmark.auto_definition_term_id

    assert not term_ids("none", "")
    on = "[markup.goldmark.parser]\nautoDefinitionTermID = true\n"
    assert term_ids("on", on)
    off = on + "[markup.goldmark.extensions]\ndefinitionList = false\n"
    assert not term_ids("no-lists", off)  # Hugo turns it off without definition lists


def test_a_bad_value_in_an_inline_table_is_named_with_its_line(tmp_path: Path) -> None:
    config = """\
title = "T"
[markup.goldmark]
renderer = { hardWraps = true, unsafe = "maybe" }
parser.attribute = {title = "nope"}
"""
    site = find_site(write(tmp_path / "hugo.toml", config))
    assert site.goldmark.hard_wraps and not site.goldmark.unsafe
    assert sorted(d.line for d in site.diagnostics) == [3, 4]
