"""Where Pelican publishes an article or a page: its URL, from the file's place under the
content `PATH`, its metadata and pelicanconf.py's settings (Pelican's `Content.url`).

A file under one of `PAGE_PATHS` (default `pages`) is a page, any other an article. The
URL is the `URL` metadata when given; else the setting `ARTICLE_URL` (`{slug}.html`),
`PAGE_URL` (`pages/{slug}.html`), or for a draft `DRAFT_URL` / `DRAFT_PAGE_URL`, each
with `_LANG_` for a post in another language than `DEFAULT_LANG`, filled in with
`str.format`: `{slug}` (the `Slug` metadata, else the title, or the file name with
`SLUGIFY_SOURCE = "basename"`, through `pelican_slugify`), `{date}` (`{date:%Y}`),
`{category}` and `{author}` (their slugs), `{lang}`, `{path}` (the source path) and any
other metadata key, lower-cased. The category is the `Category` metadata, else the
file's folder (`USE_FOLDER_AS_CATEGORY`), else `DEFAULT_CATEGORY`; `FILENAME_METADATA`
(a leading `YYYY-MM-DD` date by default), `PATH_METADATA`, `EXTRA_PATH_METADATA` and
`DEFAULT_METADATA` fill in what the file does not say, as Pelican's readers do.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from editor.core.post.fields import meta_list
from editor.core.site.slugs import PELICAN_SUBSTITUTIONS, pelican_slugify

__all__ = ["INTRASITE_LINK", "intrasite_path", "pelican_url"]

# Pelican's INTRASITE_LINK_REGEX at the start of a link, for the kinds that name a file
INTRASITE_LINK = re.compile(r"[{|](static|attach|filename)[|}]")


def intrasite_path(url: str) -> str | None:
    """The path of a Pelican link to a file (`{static}/images/a.png` -> `/images/a.png`,
    `{attach}b.png` -> `b.png`: from the content folder when it starts with `/`, else from
    the post's folder), None when `url` is no such link."""
    match = INTRASITE_LINK.match(url)
    return None if match is None else url[match.end() :]


# Pelican's defaults (pelican/settings.py DEFAULT_CONFIG) for the settings read here.
_DEFAULTS: dict[str, Any] = {
    "ARTICLE_URL": "{slug}.html",
    "ARTICLE_LANG_URL": "{slug}-{lang}.html",
    "DRAFT_URL": "drafts/{slug}.html",
    "DRAFT_LANG_URL": "drafts/{slug}-{lang}.html",
    "PAGE_URL": "pages/{slug}.html",
    "PAGE_LANG_URL": "pages/{slug}-{lang}.html",
    "DRAFT_PAGE_URL": "drafts/pages/{slug}.html",
    "DRAFT_PAGE_LANG_URL": "drafts/pages/{slug}-{lang}.html",
    "PAGE_PATHS": ["pages"],
    "DEFAULT_LANG": "en",
    "DEFAULT_CATEGORY": "misc",
    "CATEGORY_SAVE_AS": "category/{slug}.html",
    "USE_FOLDER_AS_CATEGORY": True,
    "FILENAME_METADATA": r"(?P<date>\d{4}-\d{2}-\d{2}).*",
    "PATH_METADATA": "",
    "EXTRA_PATH_METADATA": {},
    "DEFAULT_METADATA": {},
    "WITH_FUTURE_DATES": True,
    "SLUGIFY_SOURCE": "title",
    "SLUGIFY_USE_UNICODE": False,
    "SLUGIFY_PRESERVE_CASE": False,
}
_LONGEST = 2048  # characters of a URL pattern, and its widths: a bound on what it can make


def pelican_url(
    settings: Mapping[str, Any], relative: str, metadata: Mapping[str, Any]
) -> str | None:
    """The site-relative URL (`/…`) Pelican gives the file at `relative` (a path under the
    content `PATH`) with `metadata` (as the post's lines are read); `settings` are
    pelicanconf.py's upper-case names. None when the patterns cannot be filled in (a key
    no post has, a malformed pattern), where Pelican would stop with an error."""
    conf = _Settings(settings)
    meta = _metadata(conf, relative, metadata)
    override = meta.get("url")
    if isinstance(override, str):  # URL: metadata, as written
        return "/" + override.lstrip("/")
    page = any(
        relative == folder or relative.startswith(folder.rstrip("/") + "/")
        for folder in conf.strings("PAGE_PATHS")
        if folder
    )
    status = str(meta.get("status") or "published").strip().lower()
    date = meta.get("date")
    if isinstance(date, datetime) and not page and not conf.get("WITH_FUTURE_DATES"):
        now = datetime.now(UTC) if date.tzinfo else datetime.now()
        status = "draft" if date > now else status
    default_lang = str(conf.get("DEFAULT_LANG") or "en").lower()
    lang = _first(meta.get("lang")) or default_lang  # compared as written, as Pelican does
    klass = ("DRAFT_PAGE" if status == "draft" else "PAGE") if page else None
    klass = klass or ("DRAFT" if status == "draft" else "ARTICLE")
    key = "URL" if lang == default_lang else "LANG_URL"
    pattern = conf.get(f"{klass}_{key}")
    if not isinstance(pattern, str) or len(pattern) > _LONGEST:
        return None
    fields = {
        **{name: value for name, value in meta.items() if name.isidentifier()},
        "path": relative,
        "slug": _slug(conf, relative, meta),
        "lang": lang,
        "date": date if isinstance(date, datetime) else datetime.now(),
        "author": _name_slug(conf, "AUTHOR", _author(conf, meta)),
        "category": _name_slug(conf, "CATEGORY", _first(meta.get("category"))),
    }
    try:
        url = _Formatter().format(pattern, **fields)
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return None
    return "/" + url.lstrip("/")


class _Settings:
    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = values

    def get(self, name: str) -> Any:
        return self._values.get(name, _DEFAULTS.get(name))

    def strings(self, name: str) -> list[str]:
        value = self.get(name)
        return [v for v in value if isinstance(v, str)] if isinstance(value, list | tuple) else []

    def substitutions(self, kind: str) -> Iterable[tuple[str, str]]:
        value = self._values.get(f"{kind}_REGEX_SUBSTITUTIONS")
        if value is None:
            value = self._values.get("SLUG_REGEX_SUBSTITUTIONS", PELICAN_SUBSTITUTIONS)
        if not isinstance(value, list | tuple):
            return PELICAN_SUBSTITUTIONS
        return [
            (pair[0], pair[1])
            for pair in value
            if isinstance(pair, list | tuple)
            and len(pair) == 2
            and all(isinstance(part, str) for part in pair)
        ]

    def slugify(self, kind: str, text: str) -> str:
        return pelican_slugify(
            text,
            self.substitutions(kind),
            preserve_case=bool(self.get("SLUGIFY_PRESERVE_CASE")),
            use_unicode=bool(self.get("SLUGIFY_USE_UNICODE")),
        )


def _metadata(conf: _Settings, relative: str, metadata: Mapping[str, Any]) -> dict[str, Any]:
    """The post's metadata as Pelican's readers make it: lower-cased keys; what the file does
    not say taken from its path (`FILENAME_METADATA`, `PATH_METADATA`, the folder as
    category), then `EXTRA_PATH_METADATA`, then the defaults."""
    meta: dict[str, Any] = {}
    defaults = conf.get("DEFAULT_METADATA")
    if isinstance(defaults, Mapping):
        meta.update({str(k).lower(): v for k, v in defaults.items()})
    if conf.get("DEFAULT_CATEGORY") and conf.get("CATEGORY_SAVE_AS"):
        meta["category"] = conf.get("DEFAULT_CATEGORY")
    extra = conf.get("EXTRA_PATH_METADATA")
    if isinstance(extra, Mapping):
        for path, values in sorted(extra.items(), key=lambda item: str(item[0])):
            folder = str(path).rstrip("/") + "/"
            if (relative == path or relative.startswith(folder)) and isinstance(values, Mapping):
                meta.update({str(k).lower(): v for k, v in values.items()})
    meta.update(_path_metadata(conf, relative))
    for key, value in metadata.items():
        if value is not None and value != "":
            meta[str(key).lower()] = value
    return meta


def _path_metadata(conf: _Settings, relative: str) -> dict[str, Any]:
    path = PurePosixPath(relative)
    checks = [(conf.get("FILENAME_METADATA"), path.stem), (conf.get("PATH_METADATA"), relative)]
    if conf.get("USE_FOLDER_AS_CATEGORY") and conf.get("CATEGORY_SAVE_AS"):
        checks.append(("(?P<category>.*)", path.parent.name))
    found: dict[str, Any] = {}
    for pattern, text in checks:
        if not (isinstance(pattern, str) and pattern and text):
            continue
        try:
            match = re.match(pattern, text)
        except re.error:
            continue
        for key, value in (match.groupdict() if match else {}).items():
            if value is not None and key.lower() not in found:
                found[key.lower()] = _path_date(value) if key.lower() == "date" else value
    return found


def _path_date(text: str) -> datetime | str:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return text


def _first(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return str(value).strip() if isinstance(value, str | int | float) else ""


def _author(conf: _Settings, meta: Mapping[str, Any]) -> str:
    if meta.get("author"):
        return _first(meta["author"])
    names = meta_list(meta.get("authors"))
    if names:
        return names[0]
    author = conf.get("AUTHOR")
    return author if isinstance(author, str) else ""


def _name_slug(conf: _Settings, kind: str, name: str) -> str:
    return conf.slugify(kind, name) if name else ""


def _slug(conf: _Settings, relative: str, meta: Mapping[str, Any]) -> str:
    if meta.get("slug"):
        return _first(meta["slug"])
    source = conf.get("SLUGIFY_SOURCE")
    if source == "title" and meta.get("title"):
        return conf.slugify("SLUG", _first(meta["title"]))
    if source == "basename":
        return conf.slugify("SLUG", PurePosixPath(relative).stem)
    return ""


class _Formatter(string.Formatter):
    """`str.format` without attribute or index lookups, and no width past `_LONGEST`."""

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> Any:
        if "." in field_name or "[" in field_name:
            raise KeyError(field_name)
        return super().get_field(field_name, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> Any:
        if any(int(width) > _LONGEST for width in re.findall(r"\d+", format_spec)):
            raise ValueError(format_spec)
        return super().format_field(value, format_spec)
