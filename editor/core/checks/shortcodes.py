"""Per-post checks of shortcodes: names Hugo knows, built-ins' arguments, ref/relref targets.

Hugo fails the build on an unknown shortcode, a removed built-in, a tag it cannot parse,
a built-in missing an argument it needs and a ref/relref to a page that does not exist:
those are errors. A figure without `src` builds (an empty image): a warning.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from editor.core.checks.registry import Finding, post_check
from editor.core.checks.view import PostView
from editor.core.diagnostics import Severity
from editor.core.markdown.shortcodes.builtins import REMOVED_SHORTCODES
from editor.core.markdown.shortcodes.context import Call

# built-in -> (the argument it cannot do without: named key or position, what it is)
_REQUIRED = {
    "youtube": ("id", 0, "a video id"),
    "vimeo": ("id", 0, "a video id"),
    "vimeo_simple": ("id", 0, "a video id"),
    "instagram": ("id", 0, "a post id"),
    "x": ("id", 0, "a post id"),
    "x_simple": ("id", 0, "a post id"),
    "param": ("", 0, "a parameter name"),
    "ref": ("path", 0, "a target page"),
    "relref": ("path", 0, "a target page"),
}


@post_check("unknown-shortcode", Severity.ERROR, "a shortcode the site does not define")
def unknown_shortcode(view: PostView) -> Iterator[Finding]:
    known = view.facts.shortcode_names
    for call in view.doc.shortcodes:
        if call.name in known:
            continue
        if call.name in REMOVED_SHORTCODES:
            message = f"the {call.name!r} shortcode was removed from Hugo (v0.156): the build fails"
        else:
            message = (
                f"unknown shortcode {call.name!r}: Hugo fails the build (no layouts/_shortcodes/"
                f"{call.name}.html in the site or its themes)"
            )
        yield Finding(call.line, message)


def _lookup(data: Mapping[str, Any], dotted: str) -> Any:
    current: Any = data
    for part in dotted.split("."):
        if not isinstance(current, Mapping):
            return None
        current = next((v for k, v in current.items() if str(k).lower() == part.lower()), None)
    return current


def _builtin_problems(view: PostView, call: Call) -> Iterator[Finding]:
    name = call.name
    if name == "figure" and not call.get("src"):
        yield Finding(
            call.line, "figure without src: Hugo renders an empty image", Severity.WARNING
        )
    required = _REQUIRED.get(name)
    if required is not None:
        key, index, what = required
        value = (call.named.get(key) if key else None) or call.get(index)
        if not value:
            yield Finding(call.line, f"{name} shortcode without {what}: Hugo fails the build")
        elif name == "param":
            site_params = view.facts.site.params
            if _lookup(view.post.metadata, value) in (None, "") and _lookup(site_params, value) in (
                None,
                "",
            ):
                yield Finding(
                    call.line,
                    f"param {value!r} is set neither in the front matter nor in the site's "
                    "params: Hugo fails the build",
                )
    if name == "qr" and not call.get("text") and not (call.inner or "").strip():
        yield Finding(call.line, "qr shortcode without text: Hugo fails the build")


@post_check("shortcode-args", Severity.ERROR, "a shortcode Hugo cannot parse or call as written")
def shortcode_args(view: PostView) -> Iterator[Finding]:
    for message, line in view.doc.shortcode_problems:
        yield Finding(line, message + ": Hugo fails the build")
    site_names = view.facts.site.shortcode_names
    for call in view.doc.shortcodes:
        if call.name not in site_names:  # a site's own template replaces the built-in
            yield from _builtin_problems(view, call)


@post_check("broken-ref", Severity.ERROR, "ref/relref to a page that does not exist")
def broken_ref(view: PostView) -> Iterator[Finding]:
    for call in view.doc.shortcodes:
        if call.name not in ("ref", "relref") or call.name in view.facts.site.shortcode_names:
            continue
        target = call.first("path", 0)
        path = target.partition("#")[0]
        if path and view.facts.find_ref(path, view.path) is None:
            yield Finding(
                call.line,
                f"{call.name} target {target!r} is not a page of the site: Hugo fails the build "
                "(REF_NOT_FOUND)",
            )
