"""What one per-post check sees: the post, its parsed body, the site's facts and settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from editor.core.checks.document import PostDoc, parse_body
from editor.core.checks.facts import PostRecord, SiteFacts
from editor.core.checks.settings import CheckSettings
from editor.core.post.fields import key_line, lookup
from editor.core.post.model import Post

__all__ = ["PostView"]


@dataclass
class PostView:
    post: Post
    facts: SiteFacts
    settings: CheckSettings
    now: datetime
    record: PostRecord | None = None
    _lines: dict[str, int | None] = field(default_factory=dict, repr=False)

    @cached_property
    def doc(self) -> PostDoc:
        return parse_body(self.post.body, self.post.body_line, self.post.path)

    @property
    def path(self) -> Path | None:
        return self.post.path

    @property
    def folder(self) -> Path | None:
        return None if self.post.path is None else self.post.path.parent

    @property
    def bundle(self) -> bool:
        """A leaf bundle: its index file (other files beside it are its resources)."""
        path = self.post.path
        return path is not None and path.name.split(".")[0] == "index"

    def value(self, key: str) -> Any:
        """The front matter value of `key` (case-insensitive), None when absent."""
        return lookup(self.post.metadata, key)[1]

    def line(self, key: str) -> int:
        """The 1-based line of front matter `key` (the first line when not found)."""
        if key not in self._lines:
            name = lookup(self.post.metadata, key)[0]
            fmt = self.post.fm_format
            found = None
            if name is not None and fmt is not None:
                found = key_line(fmt, self.post.front_matter, name, 1)
            self._lines[key] = found
        return self._lines[key] or 1
