"""Where Hugo publishes a page: its relative permalink, from the page's content path, its
front matter and the site's `permalinks` patterns.

Front matter `url` wins (a trailing slash added unless it names a file); otherwise the
section's pattern (`[permalinks.page]` or the older top-level form) is filled in with
`:year`, `:month`, `:monthname`, `:day`, `:weekday`, `:yearday`, `:section`, `:sections`,
`:title`, `:slug`, `:filename`, `:contentbasename`, `:slugorfilename` and
`:slugorcontentbasename`; without a pattern the page lives at its folders and its `slug`
(or file name). Paths are lower-cased and cleaned as Hugo's `MakePath` does.

`site_permalink(site, file, metadata)` is the one entry for any site: Hugo's rule here,
Jekyll's (permalinks_jekyll), Zola's (permalinks_zola) and Pelican's (permalinks_pelican)
beside it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from editor.core.post.fields import date_of, lookup, title_of
from editor.core.site.model import SiteConfig
from editor.core.site.permalinks_jekyll import jekyll_url
from editor.core.site.permalinks_pelican import pelican_url
from editor.core.site.permalinks_zola import zola_path
from editor.core.site.slugs import hugo_make_path, hugo_urlize

__all__ = ["content_parts", "relative_permalink", "section_pattern", "site_permalink"]


def content_parts(content: Path, file: Path) -> list[str]:
    """The page's content path without its suffix, as parts: `posts/x/index` -> 3 parts."""
    return file.relative_to(content).with_suffix("").as_posix().split("/")


def section_pattern(permalinks: Mapping[str, Any], section: str) -> str | None:
    """The site's permalink pattern for pages of `section`, if it has one."""
    page = permalinks.get("page")
    if isinstance(page, Mapping) and isinstance(page.get(section), str):
        return str(page[section])
    value = permalinks.get(section)
    return value if isinstance(value, str) else None


def _text(value: Any) -> str:
    return str(value).strip() if isinstance(value, str | int | float) and value is not True else ""


def relative_permalink(
    permalinks: Mapping[str, Any],
    parts: Sequence[str],
    metadata: Mapping[str, Any],
    prefix: str = "",
) -> str:
    """The relative permalink Hugo gives the page at content path `parts`; `prefix` is a
    language's ("/fr") when the site puts one in front."""
    if parts and parts[-1] == "_index":  # a section (or the home page)
        folders = "/".join(parts[:-1])
        return hugo_make_path(f"{prefix}/{folders}/" if folders else f"{prefix}/")
    url = _text(lookup(metadata, "url")[1])
    if url:
        url = "/" + url.lstrip("/")
        return hugo_make_path(url if "." in url.rsplit("/", 1)[-1] else url.rstrip("/") + "/")
    bundle = parts[-1] == "index"
    base = parts[-2] if bundle and len(parts) > 1 else parts[-1]
    dirs = list(parts[:-2] if bundle else parts[:-1])
    slug = _text(lookup(metadata, "slug")[1])
    section = dirs[0] if dirs else ""
    pattern = section_pattern(permalinks, section) if section else None
    if pattern is None:
        return hugo_make_path(prefix + "/" + "/".join([*dirs, slug or base]) + "/")
    when = date_of(metadata) or datetime(1, 1, 1)
    title = title_of(metadata)
    tokens = {
        ":year": f"{when.year:04d}",
        ":month": f"{when.month:02d}",
        ":monthname": when.strftime("%B").lower(),
        ":day": f"{when.day:02d}",
        ":weekday": str((when.weekday() + 1) % 7),
        ":yearday": str(when.timetuple().tm_yday),
        ":section": section,
        ":sections": "/".join(dirs),
        ":title": hugo_urlize(title),
        ":slug": hugo_urlize(slug or title),
        ":filename": base,
        ":contentbasename": base,
        ":slugorfilename": slug or base,
        ":slugorcontentbasename": slug or base,
    }
    out = pattern
    for token in sorted(tokens, key=len, reverse=True):
        out = out.replace(token, tokens[token])
    return hugo_make_path(prefix + "/" + out.strip("/") + "/")


def site_permalink(site: SiteConfig, file: Path, metadata: Mapping[str, Any]) -> str | None:
    """The relative permalink `site`'s generator gives the page in `file` with `metadata`;
    None for a file outside the site's content, or a generator whose rule is not known."""
    try:
        relative = file.relative_to(site.content_dir).as_posix()
    except ValueError:
        return None
    if site.is_hugo:
        return relative_permalink(site.permalinks, content_parts(site.content_dir, file), metadata)
    if site.kind == "jekyll":
        return jekyll_url(site.params, relative, metadata)  # params: the whole _config.yml
    if site.kind == "pelican":
        return pelican_url(site.params, relative, metadata)  # params: pelicanconf's settings
    if site.kind == "zola":
        table = site.permalinks.get("slugify")
        codes = [lang.code for lang in site.languages]
        return zola_path(
            relative,
            metadata,
            table if isinstance(table, Mapping) else None,
            codes,
            site.default_language,
        )
    return None
