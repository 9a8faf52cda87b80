"""The typographer's open quotes, carried by the renderer from chunk to chunk.

Goldmark counts the quotes left open for the whole page (goldmark/typographer.py,
QuoteCounts), so a chunk's HTML depends on the open quotes that come into it, but only so
far: after k of them (single and double apart) it differs from its HTML after none only in
that its first min(k, starved) closing quotes close one, `starved` being the closing
quotes that find none open after none; the rest, k - min(k, starved), pass it by. So a
chunk is rendered, and cached, after `start(k, starved)` open quotes. Balanced text has no
starved closing quote: each chunk keeps its one rendering, whatever comes before it.
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

__all__ = ["NO_QUOTES", "Quotes", "Renderings", "carry", "normalized", "start"]

Quotes = tuple[int, int]  # open quotes: (single, double)
NO_QUOTES: Quotes = (0, 0)  # the one object for none (the fast paths test identity)


def normalized(pair: Quotes) -> Quotes:
    """`pair`, NO_QUOTES itself when it is (0, 0)."""
    return NO_QUOTES if pair == NO_QUOTES else pair


def start(quotes: Quotes, starved: Quotes) -> Quotes:
    """The open quotes a chunk's HTML depends on, of `quotes` coming in."""
    if quotes is NO_QUOTES or starved is NO_QUOTES:
        return NO_QUOTES
    return normalized((min(quotes[0], starved[0]), min(quotes[1], starved[1])))


def carry(out: Quotes, after: Quotes, quotes: Quotes) -> Quotes:
    """The open quotes after a chunk that left `out` when rendered after `after`, when
    `quotes` come in instead (as many as it depends on either way: the rest pass it by)."""
    if quotes == after:
        return out
    return normalized((out[0] + quotes[0] - after[0], out[1] + quotes[1] - after[1]))


class _Rendered(Protocol):
    @property
    def quotes_start(self) -> Quotes: ...


R = TypeVar("R", bound=_Rendered)


class Renderings(Generic[R]):
    """A chunk text's renderings, by the open quotes they were rendered after (`start`)."""

    __slots__ = ("plain", "started", "starved")

    def __init__(self, starved: Quotes) -> None:
        self.starved = starved
        self.plain: R | None = None  # after no open quote it depends on
        self.started: dict[Quotes, R] = {}  # after some

    def get(self, quotes: Quotes) -> R | None:
        """The rendering for `quotes` coming in, if kept."""
        if quotes is NO_QUOTES or self.starved is NO_QUOTES:
            return self.plain
        after = start(quotes, self.starved)
        return self.plain if after is NO_QUOTES else self.started.get(after)

    def keep(self, rendered: R) -> None:
        if rendered.quotes_start is NO_QUOTES:
            self.plain = rendered
        else:
            self.started[rendered.quotes_start] = rendered
