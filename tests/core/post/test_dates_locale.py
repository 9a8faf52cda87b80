"""format_hugo_date: Hugo's `time.Format` in the site's language, against the real Hugo."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.post.dates import format_go_date, format_hugo_date
from tests.hugo_site import HugoSite

LANGUAGES = ["fr", "de", "es", "ja", "en", "pt-BR", "en-GB", "xx"]
# Layouts whose output Babel's CLDR data gives as Hugo's locales do, in every language above.
LAYOUTS = [
    ":date_long",
    ":date_full",
    ":date_medium",
    "January 2, 2006",
    "2 January 2006",
    "Monday, January 2, 2006",
    "Jan January Mon Monday",
    "2006-01-02",
]
# Hugo's abbreviated month names differ from CLDR's in Japanese ("" for "Jan"), and its
# `:date_short` is an older CLDR pattern in some languages ("09/03/26" for fr): not promised.
ABBREVIATED = ["Mon, 2 Jan 2006"]
DATES = [date(2026, 3, 9), date(2026, 5, 3), date(2025, 12, 31)]


@pytest.fixture(scope="module")
def hugo_dates(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], list[str]]:
    """What Hugo prints for every layout, per (languageCode, date index)."""
    out: dict[tuple[str, int], list[str]] = {}
    for language in LANGUAGES:
        site = HugoSite(tmp_path_factory.mktemp("dates"), {"languageCode": language})
        chunks = [f'{{{{ .Date | time.Format "{x}" }}}}' for x in LAYOUTS + ABBREVIATED]
        (site.root / "layouts" / "single.html").write_text("|".join(chunks), encoding="utf-8")
        for i, day in enumerate(DATES):
            site.add(f"posts/d{i}.md", f"---\ntitle: d{i}\ndate: {day.isoformat()}\n---\nx\n")
        site.build()
        for i in range(len(DATES)):
            html = Path(site.root, "public", "posts", f"d{i}", "index.html").read_text()
            out[(language, i)] = unescape(html.strip()).split("|")
    return out


@pytest.mark.hugo
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("i", range(len(DATES)))
def test_time_format_like_hugo(
    language: str, i: int, hugo_dates: dict[tuple[str, int], list[str]]
) -> None:
    ours = [format_hugo_date(DATES[i], layout, language) for layout in LAYOUTS]
    assert ours == hugo_dates[(language, i)][: len(LAYOUTS)]


@pytest.mark.hugo
@pytest.mark.parametrize("language", ["fr", "de", "es", "en", "pt-BR"])
def test_abbreviated_names_like_hugo(
    language: str, hugo_dates: dict[tuple[str, int], list[str]]
) -> None:
    for i, day in enumerate(DATES):
        ours = [format_hugo_date(day, layout, language) for layout in ABBREVIATED]
        assert ours == hugo_dates[(language, i)][len(LAYOUTS) :]


def test_french_long_date_and_the_english_default() -> None:
    assert format_hugo_date(date(2026, 3, 9), "2 January 2006", "fr") == "9 mars 2026"
    assert format_hugo_date(date(2026, 3, 9), "January 2, 2006", "en") == "March 9, 2026"
    assert format_hugo_date(date(2026, 3, 9), "January 2, 2006", "FR_ca") == "mars 9, 2026"
    assert format_hugo_date(date(2026, 3, 9), "", "fr") == ""


def test_named_layout_uses_the_dates_own_day() -> None:
    late = datetime(2026, 3, 10, 3, 30, tzinfo=UTC).astimezone(timezone(timedelta(hours=-5)))
    assert format_hugo_date(late, ":date_long", "de") == "9. März 2026"


@given(
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)),
    st.sampled_from(["January 2, 2006", "Mon Jan _2 15:04:05 2006", "Monday 002", "Jan"]),
)
def test_english_is_go_format(moment: datetime, layout: str) -> None:
    assert format_hugo_date(moment, layout, "en") == format_go_date(moment, layout)
