"""editor.core.post.dates: the one date parser and Go-layout formatter, against real Hugo."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from html import unescape
from pathlib import Path

import pytest

from editor.core.post.dates import RFC3339, format_go_date, go_rfc3339, parse_date
from tests.hugo_site import HugoSite

# Text dates Hugo accepts in front matter (quoted, so YAML leaves them text).
ACCEPTED = [
    "2024-03-09",
    "2024-03-09T10:11:12",
    "2024-03-09 10:11:12",
    "2024-03-09T10:11:12Z",
    "2024-03-09T10:11:12+05:30",
    "2024-03-09T10:11:12.5-07:00",
    "2024-03-09T10:11:12-0700",
    "2024-03-09 10:11:12 -0700",
    "2024-03-09 10:11:12 -07:00",
    "2024-03-09 10:11:12Z",
    "09 Mar 2024",
    "Sat, 09 Mar 2024 10:11:12 +0100",
]
LAYOUTS = [
    "January 2, 2006",
    "Mon Jan _2 15:04:05 MST 2006",
    "02.01.06 3:04PM",
    "2006-01-02T15:04:05.000Z07:00",
    "15:04:05.999999 -0700",
    "Monday 002",
    RFC3339,
]


@pytest.fixture(scope="module")
def hugo_dates(tmp_path_factory: pytest.TempPathFactory) -> dict[int, list[str]]:
    site = HugoSite(tmp_path_factory.mktemp("dates"))
    single = "{{ .Date.Format " + " }}|{{ .Date.Format ".join(f'"{x}"' for x in LAYOUTS) + " }}"
    (site.root / "layouts" / "single.html").write_text(single, encoding="utf-8")
    for i, text in enumerate(ACCEPTED):
        site.add(f"posts/d{i}.md", f'---\ntitle: d{i}\ndate: "{text}"\n---\nx\n')
    site.build()
    out: dict[int, list[str]] = {}
    for i in range(len(ACCEPTED)):
        html = Path(site.root, "public", "posts", f"d{i}", "index.html").read_text()
        out[i] = unescape(html.strip()).split("|")
    return out


@pytest.mark.parametrize("i", range(len(ACCEPTED)))
def test_parse_and_format_like_hugo(i: int, hugo_dates: dict[int, list[str]]) -> None:
    parsed = parse_date(ACCEPTED[i])
    assert parsed is not None, ACCEPTED[i]
    assert [format_go_date(parsed, layout) for layout in LAYOUTS] == hugo_dates[i]


def test_values_hugo_reads_as_dates() -> None:
    assert parse_date(date(2024, 1, 2)) == datetime(2024, 1, 2, tzinfo=UTC)
    assert parse_date(datetime(2024, 1, 2, 3)) == datetime(2024, 1, 2, 3, tzinfo=UTC)
    assert parse_date(0) == datetime(1970, 1, 1, tzinfo=UTC)
    for value in ("2024-13-02", "yesterday", "", True, None, 1.5, ["2024-01-02"]):
        assert parse_date(value) is None, value


def test_go_rfc3339() -> None:
    assert go_rfc3339(datetime(2026, 3, 9, 10, 11, 12, 999, tzinfo=UTC)) == "2026-03-09T10:11:12Z"
    offset = datetime(2026, 3, 9, 10, 11, 12, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    assert go_rfc3339(offset) == "2026-03-09T10:11:12+05:30"
