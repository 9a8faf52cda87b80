"""markdown-it-py set up to parse and render like Goldmark as Hugo 0.168 configures it.

`build_markdown(options)` (a `MarkupOptions`, goldmark/options.py) returns a MarkdownIt whose
rules reproduce Goldmark's: linkify triggers and trailing-punctuation rules, the typographer
emitted as named entities, task lists, heading attributes, Hugo's table markup, footnotes, raw
HTML omission and Hugo's code blocks. Block rules live in goldmark/blocks.py,
goldmark/deflist.py and goldmark/tables.py, inline rules in goldmark/inline.py and
goldmark/typographer.py (and the extensions' own modules), render rules in goldmark/html.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from editor.core.markdown.goldmark import cjk as goldmark_cjk
from editor.core.markdown.goldmark import emoji as goldmark_emoji
from editor.core.markdown.goldmark import extras as goldmark_extras
from editor.core.markdown.goldmark import inline as goldmark_inline
from editor.core.markdown.goldmark import passthrough as goldmark_passthrough
from editor.core.markdown.goldmark import typographer as goldmark_typographer
from editor.core.markdown.goldmark.blocks import (
    GLOBAL_ATTRS,
    attr_block,
    attr_block_rule,
    keep_unicode_spaces,
    parse_attribute_block,
    task_marker_rule,
    task_rule,
    tightness_rule,
    unwrap_images_rule,
)
from editor.core.markdown.goldmark.deflist import (
    definition_stops_paragraph,
    deflist_rule,
    goldmark_deflist,
    terms_rule,
)
from editor.core.markdown.goldmark.html import install_render_rules
from editor.core.markdown.goldmark.options import MarkupOptions
from editor.core.markdown.goldmark.tables import (
    cell_code_pipes,
    item_columns,
    paragraph_tables,
    setext_tables,
    table_terms,
)
from editor.core.markdown.goldmark.text import id_text, plain_text, toc_title

__all__ = ["HeadingInfo", "build_markdown"]


@dataclass(frozen=True)
class HeadingInfo:
    """A heading as parsed: its id is resolved later, page-wide (see heading_ids.IdFactory)."""

    level: int
    text: str
    title_html: str
    explicit_id: str | None
    line: int  # 0-based within the parsed chunk
    id_text: str  # what the automatic id is made from
    term: bool = False  # a definition term given an id (autoDefinitionTermID), no heading


MAX_NESTING = 64  # deeper blocks are cut (Python's recursion); a warning says so
ID_MARK = "\x02{}\x03"
ID_MARK_RE = re.compile("\x02(\\d+)\x03")


def _heading_attrs_rule(state: StateCore) -> None:
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type != "heading_open" or i + 1 >= len(tokens):
            continue
        inline = tokens[i + 1]
        parsed = parse_attribute_block(inline.content)
        if parsed is None:
            continue
        inline.content, attrs = parsed
        token.meta["attrs"] = attrs


def _headings_rule(state: StateCore) -> None:
    options: MarkupOptions = state.md.options["goldmark"]
    found: list[HeadingInfo] = state.env.setdefault("headings", [])
    tokens = state.tokens
    runs: str = state.md.options["goldmark_runs"]
    terms = options.auto_definition_term_id
    for i, token in enumerate(tokens):
        if terms and token.type == "dt_open" and i + 1 < len(tokens):
            # Hugo gives terms ids from the same per-page registry, in document order, made
            # as a heading's are (render.TextPlain; a term is one line)
            text = id_text(tokens[i + 1].children or [], runs)
            if text:
                token.attrs["id"] = ID_MARK.format(len(found))
                line = token.map[0] if token.map else 0
                found.append(HeadingInfo(0, text, "", None, line, text, term=True))
            continue
        if token.type != "heading_open":
            continue
        children = tokens[i + 1].children or []
        attrs: list[tuple[str, str]] = token.meta.get("attrs", [])
        explicit = next((v for k, v in attrs if k == "id"), None)
        for key, value in attrs:
            if key in GLOBAL_ATTRS or key.startswith(("data-", "aria-")):
                token.attrs[key] = ID_MARK.format(len(found)) if key == "id" else value
        text_for_id = id_text(children, runs)
        if explicit is None and options.auto_heading_id and text_for_id:
            token.attrs["id"] = ID_MARK.format(len(found))
        for key, value in token.meta.get("block_attrs", []):
            token.attrs[key] = value
        line = token.map[0] if token.map else 0
        level = int(token.tag[1])
        found.append(
            HeadingInfo(
                level,
                plain_text(children),
                toc_title(children, unsafe=options.unsafe),
                explicit,
                line,
                text_for_id,
            )
        )


def build_markdown(options: MarkupOptions) -> MarkdownIt:
    """A MarkdownIt that renders like Goldmark under Hugo with these options."""
    md = MarkdownIt(
        "commonmark",
        {
            "html": True,
            "xhtmlOut": options.xhtml,
            "breaks": options.hard_wraps,
            "linkify": False,
            "typographer": False,
            "maxNesting": MAX_NESTING,
        },
    )
    md.options["goldmark"] = options  # the core and render rules read it from there
    for name in ("paragraph", "heading", "lheading"):
        rule = md.block.ruler.__rules__[md.block.ruler.__find__(name)]
        md.block.ruler.at(name, keep_unicode_spaces(rule.fn, name), {"alt": rule.alt})
    md.disable(["linkify", "replacements", "smartquotes"], ignoreInvalid=True)
    if options.table:  # Goldmark makes tables out of paragraphs: markdown-it's rule stays off
        ruler = md.block.ruler
        wrappers = (
            ("lheading", setext_tables),
            ("paragraph", paragraph_tables),
            ("list", item_columns),
        )
        for name, wrap in wrappers:
            rule = ruler.__rules__[ruler.__find__(name)]
            ruler.at(name, wrap(rule.fn), {"alt": rule.alt})
        md.core.ruler.after("inline", "goldmark_cell_code_pipes", cell_code_pipes)
    runs = goldmark_extras.runs_table(options.strikethrough, options.extras)
    if runs:  # Goldmark's strikethrough and the extras, in place of markdown-it's strikethrough
        goldmark_extras.install(md, runs)
    md.options["goldmark_runs"] = goldmark_extras.delimiter_runs(runs)  # for heading ids
    if options.definition_list:
        deflist_plugin(md)
        block_rules = md.block.ruler.__rules__
        index = md.block.ruler.__find__("deflist")
        rule = block_rules.pop(index)
        rule.fn = goldmark_deflist(rule.fn)
        # before setext headings: a ":" line ends the paragraph a setext heading would take
        block_rules.insert(md.block.ruler.__find__("lheading"), rule)
        md.block.ruler.__compile__()
        tables = table_terms if options.table else None  # a table in the terms comes first
        md.block.ruler.before("deflist", "goldmark_terms", terms_rule(tables))
        md.block.ruler.before(
            "deflist", "goldmark_dd_stop", definition_stops_paragraph, {"alt": ["paragraph"]}
        )
        md.core.ruler.after("block", "goldmark_deflist", deflist_rule)
    if options.footnote:
        footnote_plugin(md, inline=False)
    passthrough = options.passthrough and bool(
        options.passthrough_inline or options.passthrough_block
    )
    if passthrough:  # before linkify, which sets the text rule's terminators last
        goldmark_passthrough.install(md, options.passthrough_inline, options.passthrough_block)
    goldmark_inline.install(md, options.linkify, options.linkify_protocol)
    if options.typographer:
        goldmark_typographer.install(md)
    if options.emoji:  # last of the inline rules, as goldmark-emoji's parser
        goldmark_emoji.install(md)
    md.core.ruler.before("inline", "goldmark_heading_attrs", _heading_attrs_rule)
    if options.attribute_block:
        md.block.ruler.before(
            "paragraph" if options.table else "table",  # where markdown-it's table rule was
            "goldmark_attr_block",
            attr_block,
            {"alt": ["paragraph", "reference", "blockquote", "list", "table"]},
        )
        # after the <dl> merge: an attribute line between two lists keeps them apart
        anchor = "goldmark_deflist" if options.definition_list else "block"
        md.core.ruler.after(anchor, "goldmark_attr_blocks", attr_block_rule)
    if options.table:
        md.core.ruler.after("block", "goldmark_list_tightness", tightness_rule)
    if not options.attribute_title:
        md.core.ruler.disable("goldmark_heading_attrs")
    # after "inline", in this order (each insertion goes right after "inline")
    if passthrough and md.inline.ruler.__find__("goldmark_passthrough") >= 0:
        # last: Goldmark splits the paragraph after the typographer read it whole
        md.core.ruler.after(
            "inline", "goldmark_passthrough_blocks", goldmark_passthrough.split_rule
        )
    if not options.wrap_standalone_image:
        md.core.ruler.after("inline", "goldmark_unwrap_images", unwrap_images_rule)
    md.core.ruler.after("inline", "goldmark_headings", _headings_rule)
    if options.task_list:
        md.core.ruler.before("inline", "goldmark_task_markers", task_marker_rule)
        md.core.ruler.after("inline", "goldmark_tasks", task_rule)
    if options.typographer:
        md.core.ruler.after("inline", "goldmark_typographer", goldmark_typographer.typographer_rule)
    goldmark_cjk.install(
        md,
        line_breaks=options.east_asian_line_breaks,
        escaped_space=options.escaped_space,
        runs=md.options["goldmark_runs"],
    )
    install_render_rules(md)
    return md
