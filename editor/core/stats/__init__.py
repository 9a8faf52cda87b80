"""Hugo's figures for a post (words, reading time, summary), from its rendered HTML.

`figures` holds `post_stats` (render and measure a post), `stats_from_html`, `PostStats` and
the word rules (`count_words`, `reading_time`, `has_cjk`); `strip_html` holds Hugo's `.Plain`
(`plain_text`, html/template's tag stripper).
"""

from editor.core.lazy import lazy_face

TYPE_CHECKING = False  # not from typing: a face costs nothing (editor.core.lazy)

__all__ = [
    "PostStats",
    "count_words",
    "has_cjk",
    "plain_text",
    "post_stats",
    "reading_time",
    "stats_from_html",
]

if TYPE_CHECKING:
    from editor.core.stats.figures import (
        PostStats,
        count_words,
        has_cjk,
        post_stats,
        reading_time,
        stats_from_html,
    )
    from editor.core.stats.strip_html import plain_text
else:
    __getattr__, __dir__ = lazy_face(
        __name__,
        {
            "figures": [
                "PostStats",
                "count_words",
                "has_cjk",
                "post_stats",
                "reading_time",
                "stats_from_html",
            ],
            "strip_html": ["plain_text"],
        },
    )
