"""enableEmoji: goldmark-emoji's short names (compared with Hugo in test_rendering_hugo.py's
html-enable-emoji-* fixtures, every name of the set included)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from editor.core.markdown.goldmark.emoji_table import EMOJI
from editor.core.markdown.renderer import Renderer
from editor.core.site.config import SiteConfig


def _renderer(emoji: bool) -> Renderer:
    site = SiteConfig.hugo_defaults(Path("/nonexistent-site"))
    return Renderer(
        dataclasses.replace(site, goldmark=dataclasses.replace(site.goldmark, emoji=emoji))
    )


ON, OFF = _renderer(True), _renderer(False)


def test_off_by_default_short_names_stay_text() -> None:
    assert SiteConfig.hugo_defaults(Path("/x")).goldmark.emoji is False
    assert OFF.render("I :heart: it").html == "<p>I :heart: it</p>\n"


def test_short_names_become_entities_outside_code() -> None:
    html = ON.render("I :heart: a:+1:b `:smile:` :nope: :smile\n\n    :smile:\n").html
    assert html == (
        "<p>I &#x2764;&#xfe0f; a&#x1f44d;b <code>:smile:</code> :nope: :smile</p>\n"
        "<pre><code>:smile:\n</code></pre>\n"
    )
    assert ON.render(":family_man_woman_boy:").html == (
        "<p>&#x1f468;&zwj;&#x1f469;&zwj;&#x1f466;</p>\n"
    )


def test_a_heading_id_takes_the_short_name() -> None:
    result = ON.render("## Ship it :rocket:\n")
    assert result.html == '<h2 id="ship-it-rocket">Ship it &#x1f680;</h2>\n'


def test_long_runs_of_colons_and_letters_stay_text() -> None:
    text = ":" + "a" * 100_000 + ": " + ":xq" * 50_000 + " :smile:"
    html = ON.render(text).html
    assert html.endswith(" &#x1f604;</p>\n") and html.count("&#x") == 1
    assert "xq" not in EMOJI and len(EMOJI) == 1913 and max(map(len, EMOJI)) < 64
