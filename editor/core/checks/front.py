"""Per-post checks of the front matter: will Hugo publish it now, and is it described well."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from editor.core.checks.registry import Finding, post_check
from editor.core.checks.view import PostView
from editor.core.diagnostics import Severity
from editor.core.post.dates import parse_date
from editor.core.post.fields import draft_of, lookup

_PUBLISH_KEYS = ("publishdate", "pubdate", "published")
_EXPIRY_KEYS = ("expirydate", "unpublishdate")


def _when(moment: datetime) -> str:
    if moment.hour == moment.minute == moment.second == 0:
        return moment.date().isoformat()
    return moment.isoformat(sep=" ", timespec="minutes")


def _first_date(view: PostView, keys: tuple[str, ...]) -> tuple[str, datetime] | None:
    for key in keys:
        name, value = lookup(view.post.metadata, key)
        found = parse_date(value) if name is not None and not isinstance(value, bool) else None
        if found is not None:
            return str(name), found
    return None


@post_check("front-matter", Severity.ERROR, "front matter Hugo cannot read (the build fails)")
def front_matter(view: PostView) -> Iterator[Finding]:
    for problem in view.post.diagnostics:
        yield Finding(problem.line, problem.message, problem.severity)


@post_check("draft", Severity.WARNING, "a draft: Hugo builds it only with --buildDrafts")
def draft(view: PostView) -> Iterator[Finding]:
    if draft_of(view.post.metadata):
        key = "draft" if lookup(view.post.metadata, "draft")[0] is not None else "published"
        yield Finding(view.line(key), "draft: Hugo does not publish it (only with --buildDrafts)")


@post_check("future-date", Severity.WARNING, "dated in the future: not published before then")
def future_date(view: PostView) -> Iterator[Finding]:
    if _first_date(view, _PUBLISH_KEYS) is not None:
        return  # publishDate decides (the publish-date check)
    found = _first_date(view, ("date",))
    if found is not None and found[1] > view.now:
        yield Finding(
            view.line(found[0]),
            f"dated in the future: Hugo publishes it from {_when(found[1])} "
            "(the first build after; only with --buildFuture before)",
        )


@post_check("publish-date", Severity.INFO, "publishDate in the future: scheduled")
def publish_date(view: PostView) -> Iterator[Finding]:
    found = _first_date(view, _PUBLISH_KEYS)
    if found is not None and found[1] > view.now:
        key, when = found
        yield Finding(
            view.line(key),
            f"scheduled: {key} is {_when(when)}, Hugo publishes it from then "
            "(the first build after)",
        )


@post_check("expired", Severity.WARNING, "expiryDate passed: Hugo no longer publishes it")
def expired(view: PostView) -> Iterator[Finding]:
    found = _first_date(view, _EXPIRY_KEYS)
    if found is not None and found[1] <= view.now:
        key, when = found
        yield Finding(
            view.line(key),
            f"expired on {_when(when)} ({key}): Hugo no longer publishes it "
            "(only with --buildExpired)",
        )


def _text(view: PostView, key: str) -> str:
    value = view.value(key)
    return value.strip() if isinstance(value, str) else ""


@post_check("missing-description", Severity.INFO, "no description or summary in the front matter")
def missing_description(view: PostView) -> Iterator[Finding]:
    if view.post.fm_format is None and view.post.diagnostics:
        return  # the front-matter check speaks for it
    if not _text(view, "description") and not _text(view, "summary"):
        yield Finding(
            1,
            "no description: search results and link previews show the post's first words",
        )


@post_check("title-length", Severity.INFO, "a title longer than the theme shows")
def title_length(view: PostView) -> Iterator[Finding]:
    title = _text(view, "title")
    limit = view.settings.title_max
    if len(title) > limit:
        yield Finding(
            view.line("title"),
            f"the title is {len(title)} characters; search results and cards show about {limit}",
        )


@post_check("description-length", Severity.INFO, "a description longer than the theme shows")
def description_length(view: PostView) -> Iterator[Finding]:
    key = "description" if _text(view, "description") else "summary"
    text = _text(view, key)
    limit = view.settings.description_max
    if len(text) > limit:
        yield Finding(
            view.line(key),
            f"the {key} is {len(text)} characters; search results show about {limit}",
        )
