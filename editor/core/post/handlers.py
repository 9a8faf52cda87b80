"""Inkpost's python-frontmatter handlers: `frontmatter.load(path, handler=...)` reads front
matter exactly as Inkpost and Hugo do (editor.core.post.frontmatter's reading).

    >>> import frontmatter
    >>> from editor.core.post.handlers import handler_for
    >>> text = "---\\ntitle: Hello\\n---\\nBody\\n"
    >>> frontmatter.loads(text, handler=handler_for(text))["title"]
    'Hello'
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from frontmatter.default_handlers import BaseHandler

from editor.core.post.fields import FmFormat
from editor.core.post.frontmatter import load_metadata, split_front_matter

__all__ = [
    "InkpostHandler",
    "InkpostJSONHandler",
    "InkpostTOMLHandler",
    "InkpostYAMLHandler",
    "handler_for",
]


class InkpostHandler(BaseHandler):
    """Reads the front matter of one format as Inkpost and Hugo read it (see the module).

    `split` raises ValueError when the text's front matter is of another format or cannot
    be found (python-frontmatter then returns the text with no metadata); `load` raises
    FrontMatterError (a ValueError) when the block cannot be parsed.
    """

    FORMAT: ClassVar[FmFormat]
    FM_BOUNDARY = re.compile(r"\A[ \t\r\n\ufeff]*(?:---|\+\+\+|\{)")

    def __init__(self) -> None:
        super().__init__()
        self._line0 = 1

    def detect(self, text: str) -> bool:
        return split_front_matter(text).fm_format == self.FORMAT

    def split(self, text: str) -> tuple[str, str]:
        found = split_front_matter(text)
        if found.problem:
            raise ValueError(found.message)
        if found.fm_format != self.FORMAT or found.content is None:
            raise ValueError(f"no {self.FORMAT.upper()} front matter")
        self._line0 = found.content_line
        return text[found.content[0] : found.content[1]], text[found.body_start :]

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        return load_metadata(self.FORMAT, fm, self._line0)

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        raise NotImplementedError(
            "Inkpost's handlers only read: change fields with "
            "editor.core.post.model.Post.with_field, which keeps every other byte"
        )


class InkpostYAMLHandler(InkpostHandler):
    """`---` front matter, YAML 1.2 (ruamel.yaml): `yes`/`on` are text, as in Hugo."""

    FORMAT = "yaml"
    START_DELIMITER = END_DELIMITER = "---"


class InkpostTOMLHandler(InkpostHandler):
    """`+++` front matter, TOML 1.0 (tomllib)."""

    FORMAT = "toml"
    START_DELIMITER = END_DELIMITER = "+++"


class InkpostJSONHandler(InkpostHandler):
    """A JSON object at the start of the file; key order is kept."""

    FORMAT = "json"
    START_DELIMITER = END_DELIMITER = ""


_HANDLERS: dict[FmFormat, type[InkpostHandler]] = {
    "yaml": InkpostYAMLHandler,
    "toml": InkpostTOMLHandler,
    "json": InkpostJSONHandler,
}


def handler_for(text: str) -> InkpostHandler | None:
    """The handler for the front matter of `text`, or None when it has none Hugo reads."""
    fmt = split_front_matter(text).fm_format
    return None if fmt is None else _HANDLERS[fmt]()
