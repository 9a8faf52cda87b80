"""Dates as Hugo reads and writes them: the one date parser and the one Go-layout formatter.

`parse_date(value)` turns a front matter value into an aware datetime the way Hugo's
`cast.ToTimeE` does with its default `timeZone` (UTC): YAML/TOML dates and datetimes, Unix
times, and text in the layouts Hugo accepts (RFC 3339 with or without offset, `2006-01-02`,
`2006-01-02T15:04:05`, a space instead of the `T`, `-0700` offsets, `02 Jan 2006`, RFC 1123
and RFC 822). `format_go_date(moment, layout)` formats with a Go reference-time layout
("January 2, 2006", `time.RFC3339`, ...), as Hugo's `.Format` and `now.Format` do.

    >>> parse_date("2024-03-09 10:11:12 +0530").isoformat()
    '2024-03-09T10:11:12+05:30'
    >>> format_go_date(parse_date("2024-03-09"), "Monday, January 2, 2006")
    'Saturday, March 9, 2024'
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

__all__ = [
    "RFC3339",
    "format_go_date",
    "format_hugo_date",
    "go_rfc3339",
    "parse_date",
    "rfc3339",
]

RFC3339 = "2006-01-02T15:04:05Z07:00"

_BARE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?"
    r"\s?(Z|[+-]\d{2}:?\d{2})?(?:\s+[A-Z]{3,5})?"
)
_DAY_MONTH_YEAR = re.compile(r"\d{2} [A-Z][a-z]{2} \d{4}")


def parse_date(value: object) -> datetime | None:
    """A front matter date as Hugo reads it: an aware datetime, or None if it is not a date.

    A bare date is midnight UTC; a time without an offset is UTC (Hugo's default timeZone);
    RFC 3339 and TOML offset datetimes keep their offset; an integer is a Unix time.
    """
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    try:
        return _parse_text(value.strip())
    except (ValueError, TypeError, IndexError):
        return None


def _parse_text(text: str) -> datetime | None:
    if _BARE_DATE.fullmatch(text):
        return datetime.fromisoformat(text).replace(tzinfo=UTC)
    match = _ISO.fullmatch(text)
    if match:
        day, clock, fraction, zone = match.groups()
        fraction = (fraction or "")[:7]
        offset = "+00:00" if zone in (None, "Z") else zone[:3] + ":" + zone[-2:]
        return datetime.fromisoformat(f"{day}T{clock}{fraction}{offset}")
    if _DAY_MONTH_YEAR.fullmatch(text):
        return datetime.strptime(text, "%d %b %Y").replace(tzinfo=UTC)
    if "," in text:
        from email.utils import parsedate_to_datetime  # RFC 1123 dates are rare: loaded then

        parsed = parsedate_to_datetime(text)
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    return None


def rfc3339(value: datetime) -> str:
    """RFC 3339 text keeping fractions of a second ("Z" for UTC)."""
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def go_rfc3339(moment: datetime) -> str:
    """Go's `time.RFC3339` formatting: seconds precision, "Z" for UTC."""
    return format_go_date(moment, RFC3339)


# --- Go layouts -----------------------------------------------------------------------------

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Go's reference-time chunks in the order time.nextStdChunk tries them at one position.
_GO_CHUNK = re.compile(
    r"January|Jan|Monday|Mon|MST|2006|002|0[1-6]|15|1|__2|_2(?!006)|2|3|4|5|PM|pm"
    r"|Z070000|Z07:00:00|Z0700|Z07:00|Z07|-070000|-07:00:00|-0700|-07:00|-07"
    r"|[.,](?:0+|9+)(?![0-9])"
)


def format_go_date(value: datetime | date, layout: str) -> str:
    """`value` formatted with a Go time layout ("January 2, 2006", "2006-01-02", ...)."""
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    return _GO_CHUNK.sub(lambda m: _go_chunk(moment, m.group()), layout)


def _go_chunk(moment: datetime, chunk: str) -> str:
    hour12 = moment.hour % 12 or 12
    simple = {
        "January": _MONTHS[moment.month - 1],
        "Jan": _MONTHS[moment.month - 1][:3],
        "Monday": _DAYS[moment.weekday()],
        "Mon": _DAYS[moment.weekday()][:3],
        "MST": _zone_name(moment),
        "2006": f"{moment.year:04d}",
        "002": f"{moment.timetuple().tm_yday:03d}",
        "01": f"{moment.month:02d}",
        "02": f"{moment.day:02d}",
        "03": f"{hour12:02d}",
        "04": f"{moment.minute:02d}",
        "05": f"{moment.second:02d}",
        "06": f"{moment.year % 100:02d}",
        "15": f"{moment.hour:02d}",
        "1": str(moment.month),
        "__2": f"{moment.timetuple().tm_yday:>3}",
        "_2": f"{moment.day:>2}",
        "2": str(moment.day),
        "3": str(hour12),
        "4": str(moment.minute),
        "5": str(moment.second),
        "PM": "PM" if moment.hour >= 12 else "AM",
        "pm": "pm" if moment.hour >= 12 else "am",
    }
    if chunk in simple:
        return simple[chunk]
    if chunk[0] in ".,":
        digits = f"{moment.microsecond:06d}".ljust(9, "0")[: len(chunk) - 1]
        if chunk[1] == "9":
            digits = digits.rstrip("0")
            return chunk[0] + digits if digits else ""
        return chunk[0] + digits
    return _zone_offset(moment, chunk)


def _offset(moment: datetime) -> timedelta:
    return moment.utcoffset() or timedelta(0)


def _zone_name(moment: datetime) -> str:
    """Go's `MST`: the zone's abbreviation, "UTC", or "+0530" for an unnamed offset."""
    name = moment.tzname() or ""
    if not _offset(moment):
        return "UTC"
    return name if name.isalpha() else _zone_offset(moment, "-0700")


def _zone_offset(moment: datetime, chunk: str) -> str:
    """Go's numeric zone chunks ("Z07:00", "-0700", ...)."""
    offset = _offset(moment)
    if chunk.startswith("Z") and not offset:
        return "Z"
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    hh, mm, ss = seconds // 3600, seconds // 60 % 60, seconds % 60
    pattern = chunk[1:]
    if pattern == "07":
        return f"{sign}{hh:02d}"
    if pattern == "0700":
        return f"{sign}{hh:02d}{mm:02d}"
    if pattern == "07:00":
        return f"{sign}{hh:02d}:{mm:02d}"
    if pattern == "070000":
        return f"{sign}{hh:02d}{mm:02d}{ss:02d}"
    return f"{sign}{hh:02d}:{mm:02d}:{ss:02d}"


# --- Hugo's time.Format in the site's language --------------------------------------------

_NAMED_LAYOUTS = {"date_full": "full", "date_long": "long", "date_medium": "medium"}
_NAMED_LAYOUTS["date_short"] = "short"


def format_hugo_date(value: datetime | date, layout: str, language: str = "en") -> str:
    """`value` as Hugo's `time.Format layout` prints it on a site whose languageCode is
    `language` ("fr", "de-CH", ...; an unknown code is English, as in Hugo).

    Like Hugo's TimeFormatter, a Go layout is formatted in English, then, if the layout has
    "January" (else "Jan"), every English name of the month is replaced by the language's
    wide (else abbreviated) one, and the same for "Monday"/"Mon" and the weekday. The
    `:date_full`, `:date_long`, `:date_medium` and `:date_short` layouts are the language's
    CLDR date formats. `value.Format` in a template (Go's own method) stays English: use
    `format_go_date` for it.
    """
    if not layout:
        return ""
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    locale = _babel_locale(language)
    style = _NAMED_LAYOUTS.get(layout[1:].lower()) if layout.startswith(":") else None
    if style is not None:
        from babel.dates import format_date

        return str(format_date(moment.date(), style, locale=locale or "en_US"))
    text = format_go_date(moment, layout)
    if locale is None:
        return text
    month, weekday = moment.month, moment.weekday()
    if "January" in layout:
        text = text.replace(_MONTHS[month - 1], _names(locale, "months", "wide")[month])
    elif "Jan" in layout:
        text = text.replace(_MONTHS[month - 1][:3], _names(locale, "months", "abbreviated")[month])
    if "Monday" in layout:
        text = text.replace(_DAYS[weekday], _names(locale, "days", "wide")[weekday])
    elif "Mon" in layout:
        text = text.replace(_DAYS[weekday][:3], _names(locale, "days", "abbreviated")[weekday])
    return text


@lru_cache(maxsize=32)
def _babel_locale(language: str) -> Any:
    """Babel's locale for a Hugo languageCode, or None for English and unknown codes."""
    parts = [part for part in re.split(r"[-_]", language.strip()) if part]
    if not parts or (parts[0].lower() == "en" and len(parts) == 1):
        return None
    from babel import Locale, UnknownLocaleError

    candidates = ["_".join([parts[0].lower(), *(p.upper() for p in parts[1:2])]), parts[0].lower()]
    for candidate in candidates:
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    return None


@lru_cache(maxsize=64)
def _names(locale: Any, kind: str, width: str) -> dict[int, str]:
    """The locale's month (1-12) or weekday (0 = Monday) names, in the format context."""
    table = locale.months if kind == "months" else locale.days
    return {key: str(name) for key, name in table["format"][width].items()}
