"""Hugo archetypes: find the one `hugo new content` would use and fill it the same way.

Hugo archetypes are Go templates. Inkpost evaluates the actions archetypes use in
practice and leaves any other action verbatim (with a warning), since only Hugo can
run it. Supported inside `{{ }}` (with `{{-`/`-}}` trimming and `{{/* comments */}}`):

- values: `.Date` (now, RFC 3339, as Hugo prints it), `.Name`, `.File.ContentBaseName`,
  `.File.BaseFileName`, `.File.TranslationBaseName`, `.File.LogicalName`, `.File.Dir`,
  `.File.Path`, `.File.Ext`, `.Section`, `.Type`, `.Kind`, `.Site.Title`,
  `.Site.BaseURL`, `.Site.Language.Lang`, `now.Format "LAYOUT"`, and string, number
  and `true`/`false` literals;
- functions, called or piped: `replace` / `strings.Replace`, `title` / `strings.Title`
  (Hugo's default AP style), `lower` / `strings.ToLower`, `upper` / `strings.ToUpper`,
  `humanize`, `urlize`, `trim`, `default`.

Lookup order (Hugo's): ARCHETYPE_DIR/SECTION.md in every archetype folder (site first,
then themes), then default.md likewise, then Hugo's built-in default archetype.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from editor.core.diagnostics import Diagnostic, Severity
from editor.core.post.dates import format_go_date, go_rfc3339
from editor.core.site.slugs import hugo_urlize

BUILTIN_ARCHETYPE = """\
---
title: "{{ replace .File.ContentBaseName "-" " " | title }}"
date: {{ .Date }}
draft: true
---

"""

# A site whose posts open with metadata lines (Pelican, MkDocs) has no archetypes: the
# same post in those lines, dated as Pelican's docs write dates, a draft by Pelican's Status.
META_ARCHETYPE = """\
Title: {{ replace .File.ContentBaseName "-" " " | title }}
Date: {{ now.Format "2006-01-02 15:04" }}
Status: draft

"""

_ACTION = re.compile(r"\{\{(-\s)?(.*?)(\s-)?\}\}", re.DOTALL)
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|`[^`]*`|\(|\)|\||[^\s|()]+')
_WORD = re.compile(r"[^\W_]+[^\s\-/]*")
_AP_SMALL = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "en",
        "for",
        "if",
        "in",
        "nor",
        "of",
        "on",
        "or",
        "per",
        "the",
        "to",
        "v",
        "v.",
        "vs",
        "vs.",
        "via",
    ]
)


@dataclass(frozen=True)
class ArchetypeContext:
    """What an archetype can see, for the content file `path` (relative to content/)."""

    path: str  # e.g. "posts/my-post.md" or "posts/my-post/index.md"
    now: datetime  # aware
    site_title: str = ""
    base_url: str = ""
    language: str = "en"

    @property
    def content_base_name(self) -> str:
        parts = self.path.split("/")
        stem = parts[-1].rsplit(".", 1)[0]
        if stem.split(".")[0] in ("index", "_index") and len(parts) > 1:
            return parts[-2]
        return stem.split(".")[0]

    @property
    def section(self) -> str:
        parts = self.path.split("/")
        return parts[0] if len(parts) > 1 else ""


class _UnsupportedError(Exception):
    pass


def go_date(moment: datetime) -> str:
    """Go's time.RFC3339 formatting: seconds precision, "Z" for UTC."""
    return go_rfc3339(moment)


def hugo_title(text: str) -> str:
    """Hugo's `title` with its default titleCaseStyle "ap" (jdkato/prose AP style)."""
    end = len(text)

    def repl(match: re.Match[str]) -> str:
        word = match.group(0)
        pos, stop = match.start(), match.end()
        prev = text[pos - 1] if pos > 0 else ""
        prev2 = text[pos - 2] if pos > 1 else ""
        after = text[stop] if stop < end else ""
        bounding = pos == 0 or stop == end
        if (
            not bounding
            and word.lower() in _AP_SMALL
            and prev in (" ", "-", "/")
            and prev2 not in (":", "-")
            and (after != "-" or prev == "-")
        ):
            return word.lower()
        return word[:1].upper() + word[1:]

    return _WORD.sub(repl, text)


def _humanize(text: str) -> str:
    words = re.sub(r"[-_\s]+", " ", text).strip().lower()
    return words[:1].upper() + words[1:]


def _call(name: str, args: list[object]) -> object:
    strings = [str(a) for a in args]
    if name in ("replace", "strings.Replace") and len(args) == 3:
        return strings[0].replace(strings[1], strings[2])
    if name in ("title", "strings.Title") and len(args) == 1:
        return hugo_title(strings[0])
    if name in ("lower", "strings.ToLower") and len(args) == 1:
        return strings[0].lower()
    if name in ("upper", "strings.ToUpper") and len(args) == 1:
        return strings[0].upper()
    if name == "humanize" and len(args) == 1:
        return _humanize(strings[0])
    if name == "urlize" and len(args) == 1:
        return hugo_urlize(strings[0])
    if name == "trim" and len(args) == 2:
        return strings[0].strip(strings[1])
    if name == "default" and len(args) == 2:
        return args[1] if args[1] not in ("", None, False, 0) else args[0]
    raise _UnsupportedError(name)


class _Evaluator:
    def __init__(self, ctx: ArchetypeContext) -> None:
        self.ctx = ctx
        base = ctx.content_base_name
        file_name = ctx.path.rsplit("/", 1)[-1]
        stem = file_name.rsplit(".", 1)[0]
        self.values: dict[str, object] = {
            ".Date": go_date(ctx.now),
            ".Name": base,
            ".File.ContentBaseName": base,
            ".File.BaseFileName": stem,
            ".File.TranslationBaseName": stem.split(".")[0],
            ".File.LogicalName": file_name,
            ".File.Dir": ctx.path.rsplit("/", 1)[0] + "/" if "/" in ctx.path else "",
            ".File.Path": ctx.path,
            ".File.Ext": file_name.rsplit(".", 1)[-1] if "." in file_name else "",
            ".Section": ctx.section,
            ".Type": ctx.section or "page",
            ".Kind": "page",
            ".Site.Title": ctx.site_title,
            ".Site.BaseURL": ctx.base_url,
            ".Site.Language.Lang": ctx.language,
        }

    def operand(self, token: str) -> object:
        if token.startswith('"') and token.endswith('"') and len(token) >= 2:
            return bytes(token[1:-1], "utf-8").decode("unicode_escape")
        if token.startswith("`") and token.endswith("`") and len(token) >= 2:
            return token[1:-1]
        if token in self.values:
            return self.values[token]
        if token in ("true", "false"):
            return token == "true"
        if re.fullmatch(r"-?\d+", token):
            return int(token)
        raise _UnsupportedError(token)

    def command(self, tokens: list[str], piped: list[object]) -> object:
        if not tokens:
            raise _UnsupportedError("empty command")
        head, rest = tokens[0], tokens[1:]
        if head == "now.Format" and len(rest) == 1 and not piped:
            layout = self.operand(rest[0])
            return format_go_date(self.ctx.now, str(layout))
        if head.startswith((".", '"', "`")) or head in ("true", "false") or head[0].isdigit():
            if rest or piped:
                raise _UnsupportedError(head)
            return self.operand(head)
        return _call(head, [self.operand(t) for t in rest] + piped)

    def pipeline(self, tokens: list[str]) -> object:
        if "(" in tokens or ")" in tokens:
            return self.pipeline(self._flatten_parens(tokens))
        commands: list[list[str]] = [[]]
        for token in tokens:
            if token == "|":
                commands.append([])
            else:
                commands[-1].append(token)
        value: list[object] = []
        for cmd in commands:
            value = [self.command(cmd, value)]
        return value[0]

    def _flatten_parens(self, tokens: list[str]) -> list[str]:
        # Evaluate the innermost parenthesised pipeline and splice it in as a literal.
        close = tokens.index(")")
        opening = max(i for i in range(close) if tokens[i] == "(")
        inner = self.pipeline(tokens[opening + 1 : close])
        self.values[f"\x00{opening}"] = inner
        return [*tokens[:opening], f"\x00{opening}", *tokens[close + 1 :]]


def render_archetype(
    template: str, ctx: ArchetypeContext, source: Path | None = None
) -> tuple[str, tuple[Diagnostic, ...]]:
    """The archetype `template` filled for `ctx`, and warnings for actions left as they are."""
    evaluator = _Evaluator(ctx)
    warnings: list[Diagnostic] = []
    out: list[str] = []
    pos = 0
    for match in _ACTION.finditer(template):
        before = template[pos : match.start()]
        if match.group(1):
            before = before.rstrip()
        out.append(before)
        pos = match.end()
        if match.group(3):
            rest = template[pos:]
            pos += len(rest) - len(rest.lstrip())
        body = match.group(2).strip()
        if body.startswith("/*") and body.endswith("*/"):
            continue
        try:
            value = evaluator.pipeline(_TOKEN.findall(body))
        except (_UnsupportedError, ValueError, UnicodeDecodeError):
            line = template.count("\n", 0, match.start()) + 1
            warnings.append(
                Diagnostic(
                    f"archetype action {match.group(0)!r} is not supported by Inkpost; "
                    "left as it is",
                    source,
                    line,
                    Severity.WARNING,
                )
            )
            out.append(match.group(0))
            continue
        out.append(_to_text(value))
    out.append(template[pos:])
    return "".join(out), tuple(warnings)


def _to_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def find_archetype(archetype_dirs: Sequence[Path], section: str) -> Path | None:
    """The archetype file Hugo would use for a new page in `section`, or None (built-in)."""
    names = ([f"{section}.md"] if section else []) + ["default.md"]
    for name in names:
        for folder in archetype_dirs:
            candidate = Path(folder) / name
            if candidate.is_file():
                return candidate
    return None


def find_bundle_archetype(archetype_dirs: Sequence[Path], section: str) -> Path | None:
    """A directory archetype (ARCHETYPES/SECTION/ or default/ with an index.md), or None."""
    names = ([section] if section else []) + ["default"]
    for name in names:
        for folder in archetype_dirs:
            candidate = Path(folder) / name
            if (candidate / "index.md").is_file():
                return candidate
    return None


def archetype_text(
    archetype_dirs: Sequence[Path],
    section: str,
    reader: Callable[[Path], str] | None = None,
    *,
    meta: bool = False,
) -> tuple[str, Path | None]:
    """The template text and its file (None for the built-in default: Hugo's, or with
    `meta` the metadata lines of a Pelican or MkDocs site)."""
    found = find_archetype(archetype_dirs, section)
    if found is None:
        return (META_ARCHETYPE if meta else BUILTIN_ARCHETYPE), None
    read = reader or (lambda p: p.read_text(encoding="utf-8-sig"))
    return read(found), found
