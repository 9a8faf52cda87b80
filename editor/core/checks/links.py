"""Per-post checks of what the body points at: links, images, alt text, headings, code.

A local image or link is looked for where Hugo would publish it: the page bundle's
resources (files beside the post), the site's static folders (an absolute `/img/a.png`,
or a path relative to the page's URL) and the pages the site builds (post URLs, section
lists, content files named in a relative `.md` link). Anything with a scheme (`https:`,
`mailto:`), a bare `#anchor` and template text are not local.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import Path

from editor.core.checks.document import PLACEHOLDER, LinkRef
from editor.core.checks.registry import Finding, post_check
from editor.core.checks.view import PostView
from editor.core.diagnostics import Severity
from editor.core.library.types import MARKDOWN_SUFFIXES
from editor.core.markdown.highlight import has_lexer
from editor.core.markdown.support import local_link

# fence languages Hugo (or every common theme) turns into something other than code
_NOT_CODE = frozenset(["goat", "mermaid", "math", "katex", "plantuml", "chart", "diagram"])


def _link_path(view: PostView, link: LinkRef) -> str | None:
    """The local path `link` names (in a Pelican site, `{static}/a.png` and `{filename}b.md`
    name the content folder's `/a.png` and the post's `b.md`); template text is not local."""
    if link.url.startswith("{{") or PLACEHOLDER in link.url:
        return None
    found = local_link(link.url, view.facts.site.kind == "pelican")
    return None if found is None else found.path


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _page_url(view: PostView) -> str:
    return view.record.url if view.record is not None else "/"


def _static_target(view: PostView, path: str) -> Path | None:
    """The static file a local path reaches, as a browser resolves it from the page."""
    url = path if path.startswith("/") else posixpath.join(_page_url(view), path)
    return view.facts.static_file(posixpath.normpath(url))


def _beside(view: PostView, path: str) -> bool:
    folder = view.folder
    if folder is None:
        return False
    if path.startswith("/"):
        return any(
            _is_file(content / path.lstrip("/"))
            for content in view.facts.library.content_dirs.values()
        )
    return _is_file(folder / path)


def _image_found(view: PostView, path: str) -> bool:
    return _beside(view, path) or _static_target(view, path) is not None


def unresolved_links(view: PostView) -> list[tuple[LinkRef, str | None]]:
    """The post's local links that reach no file: each with the URL a page of the site
    would need to have for the link to work (None: none can, it is broken)."""
    out: list[tuple[LinkRef, str | None]] = []
    for link in view.doc.links:
        if link.image:
            continue
        path = _link_path(view, link)
        if path is None or _image_found(view, path):
            continue
        if Path(path).suffix.lower() in MARKDOWN_SUFFIXES:
            out.append((link, None))  # a content file named directly, not there
            continue
        url = path if path.startswith("/") else posixpath.join(_page_url(view), path)
        out.append((link, posixpath.normpath(url) + ("/" if path.endswith("/") else "")))
    return out


def broken_link_finding(link: LinkRef) -> Finding:
    return Finding(link.line, f"link {link.url!r} points at no page or file of the site")


def _local_images(view: PostView) -> Iterator[tuple[LinkRef, str]]:
    for link in view.doc.links:
        if link.image:
            path = _link_path(view, link)
            if path is not None:
                yield link, path


@post_check("missing-image", Severity.WARNING, "an image or resource file that does not exist")
def missing_image(view: PostView) -> Iterator[Finding]:
    for link, path in _local_images(view):
        if not _image_found(view, path):
            where = "the page bundle or static/" if view.bundle else "static/ or beside the post"
            yield Finding(link.line, f"image {link.url!r} not found (looked in {where})")


@post_check(
    "broken-link", Severity.WARNING, "a relative link to a page or file that does not exist"
)
def broken_link(view: PostView) -> Iterator[Finding]:
    for link, url in unresolved_links(view):
        if url is None or not view.facts.known_url(url):
            yield broken_link_finding(link)


@post_check(
    "static-image-bundle",
    Severity.INFO,
    "an image in static/ that a page-bundle export would leave behind",
)
def static_image_bundle(view: PostView) -> Iterator[Finding]:
    for link, path in _local_images(view):
        if _beside(view, path):
            continue
        found = _static_target(view, path)
        if found is not None:
            yield Finding(
                link.line,
                f"image {link.url!r} lives in static/ ({found.name}): exported as a page "
                "bundle, the post would leave it behind",
            )


@post_check("missing-alt", Severity.WARNING, "an image without alt text")
def missing_alt(view: PostView) -> Iterator[Finding]:
    for link in view.doc.links:
        if not link.image or (link.source == "figure" and not link.url):
            continue
        if link.source == "html" and link.alt is not None:
            continue  # alt="" marks a decorative image on purpose
        if not (link.alt or "").strip():
            yield Finding(link.line, f"image {link.url!r} has no alt text")


@post_check("heading-skip", Severity.INFO, "a heading level that skips one (h2 -> h4)")
def heading_skip(view: PostView) -> Iterator[Finding]:
    previous = 1  # the title is the page's h1
    for heading in view.doc.headings:
        if heading.level > previous + 1:
            before = "the title (h1)" if previous == 1 else f"h{previous}"
            yield Finding(heading.line, f"h{heading.level} follows {before}: a level is skipped")
        previous = heading.level


@post_check("unknown-code-language", Severity.WARNING, "a code fence language no highlighter knows")
def unknown_code_language(view: PostView) -> Iterator[Finding]:
    hooks = view.facts.codeblock_hooks
    for fence in view.doc.fences:
        lang = fence.lang.lower()
        if not lang or lang in _NOT_CODE or lang in hooks or has_lexer(lang):
            continue
        yield Finding(
            fence.line, f"code language {fence.lang!r} is unknown: the block is not highlighted"
        )
