"""When two period values of one article name the same reporting period.

Reports often give a named period and the dates it runs over: "quý I năm 2024
(tính từ 16/12/2023 đến 15/3/2024)" is 2024-Q1 and 2023-12-16/2024-03-15. Such
pairs, of about the same length and mostly overlapping, are one period for the
audit; anything else (a year and one of its quarters) stays apart.
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import Optional

import regex

_NAMED = regex.compile(r"^(\d{4})(?:-(Q[1-4]|H[12]|\d{2}))?$")
_DAY = regex.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_SLACK_DAYS = 20

Range = tuple[dt.date, dt.date]


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _named(value: str) -> Optional[Range]:
    m = _NAMED.match(value)
    if not m:
        return None
    y, part = int(m.group(1)), m.group(2)
    if part is None:
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if part[0] == "Q":
        q = int(part[1])
        return dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
    if part[0] == "H":
        h = int(part[1])
        return dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
    return dt.date(y, int(part), 1), _month_end(y, int(part))


def _end(value: str, first: bool) -> Optional[dt.date]:
    m = _DAY.match(value)
    if not m:
        return None
    y, mo = int(m.group(1)), int(m.group(2))
    if m.group(3):
        return dt.date(y, mo, int(m.group(3)))
    return dt.date(y, mo, 1) if first else _month_end(y, mo)


def _interval(value: str) -> Optional[Range]:
    if "/" not in value:
        return None
    a, _, b = value.partition("/")
    start, end = _end(a, True), _end(b, False)
    return (start, end) if start and end and start <= end else None


def same_reporting_period(a: str, b: str) -> bool:
    """A named period and an interval of about its length that mostly overlaps it."""
    for named, other in ((a, b), (b, a)):
        n, i = _named(named), _interval(other)
        if n is None or i is None:
            continue
        length_n, length_i = (n[1] - n[0]).days, (i[1] - i[0]).days
        overlap = (min(n[1], i[1]) - max(n[0], i[0])).days
        if abs(length_n - length_i) <= _SLACK_DAYS and overlap >= min(length_n, length_i) / 2:
            return True
    return False


def aliases(values: set[str]) -> dict[str, str]:
    """Each interval that restates a named period of the article, mapped to that named period."""
    if not any("/" in v for v in values):  # no interval: nothing to map (most articles)
        return {}
    named = sorted(v for v in values if _named(v))
    return {v: n for v in values if _interval(v) for n in named if same_reporting_period(n, v)}
