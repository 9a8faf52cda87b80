"""editor.core.site.permalinks: the one permalink rule (refs and the checks both use it)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from editor.core.site.permalinks import content_parts, relative_permalink

DATED = {"title": "Hello, World!", "date": datetime(2026, 3, 9, tzinfo=UTC)}


@pytest.mark.parametrize(
    ("permalinks", "parts", "metadata", "prefix", "expected"),
    [
        ({}, ["posts", "first"], {}, "", "/posts/first/"),
        ({}, ["posts", "trip", "index"], {}, "", "/posts/trip/"),
        ({}, ["posts", "first"], {"slug": "Other Name"}, "", "/posts/other-name/"),
        ({}, ["posts", "first"], {"url": "/custom/path"}, "", "/custom/path/"),
        ({}, ["posts", "first"], {"URL": "feed.xml"}, "", "/feed.xml"),
        ({}, ["_index"], {}, "", "/"),
        ({}, ["posts", "_index"], {}, "/fr", "/fr/posts/"),
        ({"posts": "/:year/:month/:slug/"}, ["posts", "first"], DATED, "", "/2026/03/hello-world/"),
        ({"page": {"posts": "/:section/:filename/"}}, ["posts", "x", "index"], {}, "", "/posts/x/"),
        ({"posts": "/:title/"}, ["posts", "first"], DATED, "/de", "/de/hello-world/"),
    ],
)
def test_relative_permalink(
    permalinks: dict[str, object],
    parts: list[str],
    metadata: dict[str, object],
    prefix: str,
    expected: str,
) -> None:
    assert relative_permalink(permalinks, parts, metadata, prefix) == expected


def test_content_parts() -> None:
    content = Path("/site/content")
    assert content_parts(content, content / "posts" / "x" / "index.md") == ["posts", "x", "index"]
