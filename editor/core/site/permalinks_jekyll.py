"""Where Jekyll (4.x) publishes a post or a page: its URL, from the file's path under the
site's source folder, its front matter and the site's `permalink` setting.

Posts live in `_posts/` (or `<category>/_posts/`) named `YYYY-MM-DD-title.md`; drafts in
`_drafts/`. The setting is a style (`date`, the default: ``/:categories/:year/:month/:day/
:title:output_ext``; `pretty`, `ordinal`, `weekdate`, `none`) or a pattern of its own.
Front matter `permalink` wins (its placeholders filled in too). `:title` is the `slug`
front matter (else the file name after its date) slugified keeping case and the "pretty"
punctuation, `:slug` the same lower-cased with only letters and digits; `:categories`
are the folders above `_posts` then the front matter's `categories` and `category`,
lower-cased. Pages (Markdown or HTML outside folders starting with "_" or ".") live at
their path, `.html` or a trailing slash after it by the style. Files of other collections
get no URL (None). `jekyll_url(config, ...)` reads the setting from the site's
`_config.yml` data, with `collections.posts.permalink` and the front matter `defaults`
(scoped by path, glob and type; the most specific wins, the file's own front matter over
them all).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote

from editor.core.post.fields import date_of, lookup
from editor.core.site.slugs import jekyll_slugify

__all__ = ["jekyll_permalink", "jekyll_pretty_slugify", "jekyll_url", "style_to_permalink"]

STYLES = {
    "pretty": "/:categories/:year/:month/:day/:title/",
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}
_DATED_NAME = re.compile(r"^(\d{2,4})-(\d{1,2})-(\d{1,2})-(.*)$")
_MARKUP = (".md", ".markdown", ".mkdown", ".mkdn", ".mkd", ".html", ".htm")
_ESCAPE_SAFE = "-._~!$&'()*+,;=:@/"
_PLACEHOLDER = re.compile(r":([a-z_]+)")


def style_to_permalink(style: str) -> str:
    """The pattern of a `permalink` setting: a named style's, or the setting itself."""
    return STYLES.get(style.strip(), style)


def jekyll_pretty_slugify(text: str) -> str:
    """`Utils.slugify(text, mode: "pretty", cased: true)`, what `:title` becomes."""
    return jekyll_slugify(text, pretty=True, cased=True)


def _text(value: Any) -> str:
    return str(value).strip() if isinstance(value, str | int | float) and value is not True else ""


def _categories(path_dirs: Sequence[str], metadata: Mapping[str, Any]) -> list[str]:
    """Folders above `_posts`, then front matter `categories` (a list, or words) and
    `category`, as Jekyll merges them; lower-cased without repeats."""
    names = list(path_dirs)
    for key in ("categories", "category"):
        value = lookup(metadata, key)[1]
        if isinstance(value, str):
            names += value.split() if key == "categories" else [value]
        elif isinstance(value, list):
            names += [str(item) for item in value if item is not None]
    seen: dict[str, None] = {}
    for name in names:
        seen.setdefault(name.lower(), None)
    return [name for name in seen if name]


def _escape(value: str) -> str:
    return quote(value, safe=_ESCAPE_SAFE)


def _fill(template: str, values: Mapping[str, str]) -> str:
    """`URL#generate_url_from_drop`: each `:name` replaced (an unknown one stays), then
    the slashes squeezed and the result sanitized as `URL#sanitize_url`."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        for key in (name, name.rstrip("_")):
            if key in values:
                return _escape(values[key]) + name[len(key) :]
        return match.group(0)

    url = "/" + _PLACEHOLDER.sub(one, template)
    url = url.replace("..", "/").replace("./", "")
    return re.sub(r"/{2,}", "/", url)


def _date_values(when: datetime) -> dict[str, str]:
    iso = when.isocalendar()
    return {
        "year": f"{when.year:04d}",
        "short_year": when.strftime("%y"),
        "month": f"{when.month:02d}",
        "i_month": str(when.month),
        "short_month": when.strftime("%b"),
        "long_month": when.strftime("%B"),
        "day": f"{when.day:02d}",
        "i_day": str(when.day),
        "y_day": when.strftime("%j"),
        "w_year": str(iso.year),
        "week": f"{iso.week:02d}",
        "w_day": str(iso.weekday),
        "short_day": when.strftime("%a"),
        "long_day": when.strftime("%A"),
        "hour": when.strftime("%H"),
        "minute": when.strftime("%M"),
        "second": when.strftime("%S"),
    }


def jekyll_url(
    config: Mapping[str, Any],
    relative: str,
    metadata: Mapping[str, Any],
    now: datetime | None = None,
) -> str | None:
    """`jekyll_permalink` for a site whose `_config.yml` holds `config`."""
    setting = config.get("permalink")
    collections = config.get("collections")
    posts = collections.get("posts") if isinstance(collections, Mapping) else None
    pattern = posts.get("permalink") if isinstance(posts, Mapping) else None
    kind = "posts" if {"_posts", "_drafts"} & set(relative.split("/")[:-1]) else "pages"
    merged = {**_defaults(config.get("defaults"), relative, kind), **metadata}
    return jekyll_permalink(
        setting if isinstance(setting, str) else None,
        relative,
        merged,
        now,
        pattern if isinstance(pattern, str) else None,
    )


def _in_scope(relative: str, path: str) -> bool:
    if not path:
        return True
    if "*" in path:
        return fnmatch.fnmatch(relative, path) or fnmatch.fnmatch(relative, path + "/*")
    return relative.startswith(path)


def _defaults(sets: Any, relative: str, kind: str) -> dict[str, Any]:
    """`FrontmatterDefaults#all`: the values of the `defaults` whose scope holds the file,
    a more specific scope (longer path, then one naming the type) over a broader one."""
    merged: dict[str, Any] = {}
    old: tuple[int, bool] | None = None
    for entry in sets if isinstance(sets, list) else []:
        scope = entry.get("scope") if isinstance(entry, Mapping) else None
        values = entry.get("values") if isinstance(entry, Mapping) else None
        if not isinstance(values, Mapping):
            continue
        scope = scope if isinstance(scope, Mapping) else {}
        path = scope.get("path")
        path = path.strip("/") if isinstance(path, str) else ""
        if not _in_scope(relative, path) or scope.get("type", kind) != kind:
            continue
        rank = (len(path), "type" in scope)
        if old is None or rank[0] > old[0] or (rank[0] == old[0] and (rank[1] or not old[1])):
            merged, old = {**merged, **values}, rank
        else:
            merged = {**values, **merged}
    return merged


def jekyll_permalink(
    setting: str | None,
    relative: str,
    metadata: Mapping[str, Any],
    now: datetime | None = None,
    posts_pattern: str | None = None,
) -> str | None:
    """The URL Jekyll gives the file at `relative` (a "/" path under the source folder),
    for the site's `permalink` `setting` (None: "date") or the posts collection's own
    `posts_pattern`; None when Jekyll publishes no such file (a post named without its
    date, a file in another collection). `now` is a draft's date when its front matter
    has none (Jekyll takes the file's time)."""
    parts = relative.split("/")
    folders, name = parts[:-1], parts[-1]
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ext = "." + ext.lower() if ext else ""
    if ext not in _MARKUP:
        return None
    style = (setting or "date").strip() or "date"
    special = next((i for i, f in enumerate(folders) if f in ("_posts", "_drafts")), None)
    if special is None:
        if any(f.startswith(("_", ".")) for f in folders) or name.startswith(("_", ".")):
            return None
        return _page(style, folders, stem, metadata)
    dated = _DATED_NAME.match(stem)
    if dated is None and folders[special] == "_posts":
        return None
    slug_text = (dated.group(4) if dated else stem).rstrip(".")
    slug_text = _text(lookup(metadata, "slug")[1]) or slug_text
    when = date_of(metadata, ("date",))
    if when is None and dated is not None:
        year, month, day = (int(g) for g in dated.groups()[:3])
        when = datetime(year, month, day)
    when = when or now or datetime.now()
    categories = _categories(folders[:special], metadata)
    values = {
        "collection": "posts",
        "path": "/".join([*folders[special + 1 :], stem]),
        "name": jekyll_slugify(stem),
        "title": jekyll_pretty_slugify(slug_text),
        "slug": jekyll_slugify(slug_text),
        "categories": "/".join(categories),
        "slugified_categories": "/".join(jekyll_slugify(c) for c in categories),
        "output_ext": ".html",
        **_date_values(when),
    }
    own = _text(lookup(metadata, "permalink")[1])
    return _fill(own or posts_pattern or style_to_permalink(style), values)


def _page(style: str, folders: Sequence[str], stem: str, metadata: Mapping[str, Any]) -> str:
    """A page's URL: `/:path/:basename` and the style's ending; an index page its folder."""
    values = {"path": "/".join(folders), "basename": stem, "output_ext": ".html"}
    own = _text(lookup(metadata, "permalink")[1])
    if own:
        return _fill(own, values)
    if stem == "index":
        return _fill("/:path/", values)
    template = "/:path/:basename"
    if style == "pretty" or (style not in STYLES and style.endswith("/")):
        template += "/"
    elif style in ("date", "ordinal", "none") or style.endswith(":output_ext"):
        template += ":output_ext"
    return _fill(template, values)
