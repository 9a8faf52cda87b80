"""Slugs, one rule per generator: Hugo's `urlize`, Jekyll's `slugify`, Zola's `slugify`, and
the file names Inkpost gives new posts.

`hugo_urlize(text)` is Hugo 0.168's `urlize` template function (helpers.URLize):
sanitize the path (letters, digits, marks and `._-/\\#+~@` are kept, spaces become
one hyphen, everything else goes), lower-case it, then percent-encode it the way Go's
`url.URL.String()` does. `hugo_make_path(text)` is the same without the escaping: the
form Hugo uses on disk and what it decodes back to.

`file_slug(title)` is what Inkpost names a new post's file or bundle folder: an ASCII
slug (python-slugify, accents transliterated) when all its letters are Latin-script
letters or digits, otherwise Hugo's unescaped path form (so a Chinese title keeps its
characters), and "untitled" when nothing is left.

`hugo_slug`, `jekyll_slugify` and `zola_slugify` are the names each generator makes of a
title (an exported post's file name); `target_slug(generator, text)` picks one.
`pelican_slugify` is Pelican's (`pelican.utils.slugify`), with the site's substitutions.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from typing import Literal
from urllib.parse import quote

Generator = Literal["hugo", "jekyll", "zola"]

_ALLOWED_PUNCT = frozenset("./\\_#+~-@")
_HEX = frozenset("0123456789abcdefABCDEF")
# Go's url.URL.String() escapes a path with shouldEscape(c, encodePath): these stay.
_PATH_SAFE = "-_.~$&+,/:;=@!'()*"


def _is_allowed(text: str, i: int, ch: str) -> bool:
    if ch == " ":
        return False
    if ch.isalpha() or ch.isdigit() or ch in _ALLOWED_PUNCT:
        return True
    if unicodedata.category(ch).startswith("M"):
        return True
    return ch == "%" and i + 2 < len(text) and text[i + 1] in _HEX and text[i + 2] in _HEX


def _sanitize(text: str) -> str:
    """Hugo's paths.Sanitize: drop disallowed runes, spaces/hyphens become one hyphen."""
    if all(_is_allowed(text, i, ch) for i, ch in enumerate(text)):
        return text
    out: list[str] = []
    prepend_hyphen = False
    for i, ch in enumerate(text):
        if _is_allowed(text, i, ch):
            if prepend_hyphen:
                out.append("-")
                prepend_hyphen = False
            out.append(ch)
        elif out and (ch == "-" or ch.isspace()):
            prepend_hyphen = True
    return "".join(out)


def hugo_make_path(text: str) -> str:
    """Hugo's MakePathSanitized: sanitized and lower-cased, not escaped."""
    return _sanitize(text).lower()


_PCT = re.compile(r"%[0-9a-fA-F]{2}")


def hugo_urlize(text: str) -> str:
    """Hugo's `urlize` template function (default config: paths lower-cased)."""
    path = hugo_make_path(text)
    # Go keeps a valid "%XX" as already escaped; everything between is escaped.
    out: list[str] = []
    pos = 0
    for match in _PCT.finditer(path):
        out.append(quote(path[pos : match.start()], safe=_PATH_SAFE))
        out.append(match.group(0))
        pos = match.end()
    out.append(quote(path[pos:], safe=_PATH_SAFE))
    return "".join(out)


def _is_latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


def file_slug(title: str) -> str:
    """A file or folder name for a post titled `title` (never empty, no path separators)."""
    letters = [ch for ch in title if ch.isalnum()]
    if letters and all(ch.isdigit() or _is_latin(ch) for ch in letters):
        from slugify import slugify  # with text_unidecode, ~10 ms: at the first new post

        ascii_slug = slugify(
            title, lowercase=True, max_length=80, replacements=[["'", ""], ["\u2019", ""]]
        )
        if ascii_slug:
            return str(ascii_slug)
    unicode_slug = hugo_make_path(title).replace("/", "-").replace("\\", "-").strip(".-")
    if unicode_slug:
        return unicode_slug[:80]
    return "untitled"


# --- one rule per generator (an exported post's file name) -----------------------------------


def hugo_slug(text: str) -> str:
    """The path segment Hugo makes of `text` (a permalink's `:title`): `urlize` before
    percent-encoding, where `/` and `\\` separate words as spaces do ("A/B tests" gives
    "a-b-tests"; `urlize` alone keeps the slash, which would make a folder)."""
    return hugo_make_path(text.strip().replace("/", " ").replace("\\", " "))


_JEKYLL_PRETTY_KEPT = frozenset("._~!$&'()+,;=@")


def jekyll_slugify(text: str, *, pretty: bool = False, cased: bool = False) -> str:
    """Jekyll's `Utils.slugify(text)`: the default mode, or `mode: "pretty"`.

    Every run of characters that are not letters, marks or decimal digits (nor, when
    `pretty`, one of ``._~!$&'()+,;=@``) becomes one hyphen, one leading and one trailing
    hyphen are dropped, and the result is lower-cased unless `cased`.
    """
    kept = _JEKYLL_PRETTY_KEPT if pretty else frozenset()
    out: list[str] = []
    in_run = False
    for char in text:
        category = unicodedata.category(char)
        if category[0] in "LM" or category == "Nd" or char in kept:
            out.append(char)
            in_run = False
        elif not in_run:
            out.append("-")
            in_run = True
    slug = "".join(out)
    if slug.startswith("-"):
        slug = slug[1:]
    if slug.endswith("-"):
        slug = slug[:-1]
    return slug if cased else slug.lower()


def zola_slugify(text: str) -> str:
    """Zola's default slugify (the `slug` crate): ASCII transliteration, `[a-z0-9-]` only."""
    from text_unidecode import unidecode  # ~8 ms to load: at the first Zola slug

    out: list[str] = []
    prev_dash = True
    for char in text:
        piece = char if char.isascii() else (unidecode(char) or "-")
        for c in piece:
            if "a" <= c <= "z" or "0" <= c <= "9":
                out.append(c)
                prev_dash = False
            elif "A" <= c <= "Z":
                out.append(c.lower())
                prev_dash = False
            elif not prev_dash:
                out.append("-")
                prev_dash = True
    if out and out[-1] == "-":
        out.pop()
    return "".join(out)


# Pelican's SLUG_REGEX_SUBSTITUTIONS default
PELICAN_SUBSTITUTIONS: tuple[tuple[str, str], ...] = (
    (r"[^\w\s-]", ""),  # remove non-alphabetical/whitespace/'-' chars
    (r"(?u)\A\s*", ""),  # strip leading whitespace
    (r"(?u)\s*\Z", ""),  # strip trailing whitespace
    (r"[-\s]+", "-"),  # reduce multiple whitespace or '-' to single '-'
)


def _strip_tags(text: str) -> str:
    """markupsafe 3's `Markup.striptags`: comments and tags removed in one pass (an unclosed
    one ends it), spaces collapsed, entities unescaped."""
    parts: list[str] = []
    at = 0
    while (start := text.find("<", at)) != -1:
        if text.startswith("<!--", start):
            if (end := text.find("-->", start + 4)) == -1:
                break
            end += 3
        else:
            if (end := text.find(">", start)) == -1:
                break
            end += 1
        parts.append(text[at:start])
        at = end
    parts.append(text[at:])
    return html.unescape(" ".join("".join(parts).split()))


def _ascii(char: str) -> str:
    """`char` transliterated (text-unidecode's tables, those of Pelican's Unidecode where
    they agree); a character neither knows gives nothing, as in Unidecode."""
    from text_unidecode import unidecode  # ~8 ms to load: at the first slug that needs it

    found = unidecode(char)
    return "" if found.strip() == "[?]" else found


def pelican_slugify(
    text: str,
    substitutions: Iterable[tuple[str, str]] = PELICAN_SUBSTITUTIONS,
    *,
    preserve_case: bool = False,
    use_unicode: bool = False,
) -> str:
    """Pelican's `slugify`: tags stripped (markupsafe's `striptags`), NFKC, transliterated
    to ASCII unless `use_unicode`, the site's regex substitutions applied in order
    (ignoring case), lower-cased unless `preserve_case`, stripped."""
    text = _strip_tags(text)
    text = unicodedata.normalize("NFKC", text)
    if not use_unicode:
        text = "".join(c if c.isascii() else _ascii(c) for c in text)
    for source, target in substitutions:
        source = unicodedata.normalize("NFKC", source)
        text = re.sub(source, unicodedata.normalize("NFKC", target), text, flags=re.IGNORECASE)
    return (text if preserve_case else text.lower()).strip()


def target_slug(generator: Generator, text: str) -> str:
    """The slug `generator` makes of `text`."""
    if generator == "jekyll":
        return jekyll_slugify(text)
    if generator == "zola":
        return zola_slugify(text)
    return hugo_slug(text)
