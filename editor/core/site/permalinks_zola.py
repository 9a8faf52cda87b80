"""Where Zola publishes a page or a section: its path, from the file's place under
`content/`, its front matter and the config's `[slugify]` table.

A page lives at ``/<section folders>/<slug>/``: the slug is the `slug` front matter, else
the file name (a bundle's `index.md`: its folder's name) without a leading date
(``2024-01-02-name`` or ``2024-01-02_name``, unless `slugify.paths_keep_dates`), made
into a path by `slugify.paths`: "on" (the default: the `slug` crate, ASCII
lower-case), "safe" (only the characters no file may hold go) or "off". Front matter
`path` wins. A page in a language other than the default (``name.fr.md``) is put under
``/fr/``. A section (`_index.md`) lives at its folders.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from editor.core.post.fields import lookup
from editor.core.site.slugs import zola_slugify

__all__ = ["zola_path", "zola_slugify_path"]

_DATED = re.compile(
    r"^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"(T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)(\.[0-9]+)?"
    r"(Z|([+-])([01][0-9]|2[0-3]):([0-5][0-9])))?\s?[_-](?P<slug>.+)$"
)
_UNSAFE = frozenset('<>:"/\\|?*')


def zola_slugify_path(text: str, strategy: str = "on") -> str:
    """Zola's `slugify_paths`: "on" the `slug` crate, "safe" strips the characters no
    file name may hold (after trailing spaces and dots), "off" keeps the text."""
    if strategy == "off":
        return text
    if strategy == "safe":
        return "".join(c for c in text.rstrip(" .") if c not in _UNSAFE)
    return zola_slugify(text)


def _text(value: Any) -> str:
    return str(value).strip() if isinstance(value, str | int | float) and value is not True else ""


def zola_path(
    relative: str,
    metadata: Mapping[str, Any],
    slugify: Mapping[str, Any] | None = None,
    languages: Collection[str] = (),
    default_language: str = "en",
) -> str | None:
    """The path Zola gives the file at `relative` (a "/" path under `content/`), with the
    config's `slugify` table and the site's language codes; None for a file that is no
    Markdown."""
    settings = slugify or {}
    strategy = str(settings.get("paths", "on")).lower()
    parts = relative.split("/")
    folders, name = parts[:-1], parts[-1]
    if not name.endswith(".md"):
        return None
    stem = name[: -len(".md")]
    lang = default_language
    base, dot, suffix = stem.rpartition(".")
    if dot and suffix in languages:
        stem, lang = base, suffix
    prefix = "" if lang == default_language else f"/{lang}"
    if stem == "_index":
        return "/".join([prefix, *folders, ""]) if folders or prefix else "/"
    own_path = _text(lookup(metadata, "path")[1])
    if own_path:
        path = own_path if own_path.startswith("/") else "/" + own_path
        return path if path.endswith("/") else path + "/"
    bundle = stem == "index" and bool(folders)
    if bundle:
        folders, file_name = folders[:-1], folders[-1]
    else:
        file_name = stem
    dated = _DATED.match(file_name)
    if dated is not None and not settings.get("paths_keep_dates", False):
        file_name = dated.group("slug")
    slug = _text(lookup(metadata, "slug")[1]) or file_name
    slug = zola_slugify_path(slug, strategy)
    if stem == "index" and not bundle:
        return prefix + "/"
    return "/".join([prefix, *folders, slug, ""])
