"""Calendar expressions: dates, months, quarters, half-years, years, intervals.

The language lives in patterns/dates.yaml: each rule's regex matches exactly
an item's text and names a `make` below that turns its groups into a value.
This module matches the rules over content segments, keeps the longest of
overlapping matches, joins neighbours into intervals, fixes the anchor and
fills missing years from it.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Optional, Union

import regex
from pydantic import TypeAdapter

from extract.context import Context, Segment
from extract.language import rules
from extract.language.compiled import Patterns
from extract.language.words import (ARTICLE_WORDS, WordSet, alternation, finditer_at, finditer_in, found_between,
                                    found_in_part, fullmatch_in, match_in, search_in)
from extract.models import Date

_PATTERNS = Patterns(__file__)
_FILE = rules.load("dates")
_LEX = _FILE.lexicons
_PAST_BIAS = dt.timedelta(days=183)  # a yearless period starting further ahead than this is last year's
_LEAP = 2000  # validates a yearless 29/2


@dataclass(frozen=True)
class Point:
    """One calendar period at its own granularity; y None while the year is unknown."""
    kind: str  # date, month, quarter, half, year
    y: Optional[int]
    m: int = 1
    d: int = 1
    q: int = 0
    h: int = 0

    def first_day(self, year: int) -> dt.date:
        month = {"quarter": 3 * self.q - 2, "half": 6 * self.h - 5, "year": 1}.get(self.kind, self.m)
        day = min(self.d, _month_len(year, month)) if self.kind == "date" else 1
        return dt.date(year, month, day)

    def render(self) -> str:
        y = "XXXX" if self.y is None else f"{self.y:04d}"
        kind = self.kind
        if kind == "date":
            return f"{y}-{self.m:02d}-{self.d:02d}"
        if kind == "month":
            return f"{y}-{self.m:02d}"
        return {"quarter": f"{y}-Q{self.q}", "half": f"{y}-H{self.h}", "year": y}[kind]


NOW = "now"  # the end of "… đến nay": the anchor date


@dataclass(frozen=True)
class RestOfYear:
    """'những tháng cuối năm': the months after the period named just before."""
    y: Optional[int]


Value = Union[Point, tuple, RestOfYear]  # a tuple is an interval (Point, Point | NOW)


@lru_cache(maxsize=4096)  # monthrange works out the weekday too, for every date read
def _month_len(year: Optional[int], month: int) -> int:
    return calendar.monthrange(year or _LEAP, month)[1]


# ---- makers: named groups → value (None when the calendar says no) ---------------------------

def _int(g: dict, key: str) -> Optional[int]:
    return int(g[key]) if g.get(key) else None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _LEX["number_words"][" ".join(word.lower().split())]


_MONTH_NAMED = {name.lower(): m for name, m in _LEX["month_names"].items()}
_QUARTER = {**_LEX["quarters"], **{w.upper(): q for w, q in _LEX["quarter_words"].items()}}


def _month_named(words: str) -> int:
    return _MONTH_NAMED[" ".join(words.lower().split())]


def _quarter(q: str) -> int:
    return _QUARTER.get(q.upper()) or int(q)


def _day(y: Optional[int], m: int, d: int) -> Optional[Point]:
    return Point("date", y, m, d) if 1 <= d <= _month_len(y, m) else None


def _months(y: Optional[int], first: int, last: int) -> Value:
    return Point("month", y, first) if first == last else (Point("month", y, first), Point("month", y, last))


def _first_months(g: dict) -> Optional[Value]:
    n, y = _count(g["n"]), _int(g, "y")
    if not 1 <= n <= 12:
        return None
    named = {3: Point("quarter", y, q=1), 6: Point("half", y, h=1), 12: Point("year", y)}
    return named.get(n) or _months(y, 1, n)


def _last_months(g: dict) -> Optional[Value]:
    n, y = _count(g["n"]), _int(g, "y")
    if not 1 <= n <= 12:
        return None
    named = {3: Point("quarter", y, q=4), 6: Point("half", y, h=2), 12: Point("year", y)}
    return named.get(n) or _months(y, 13 - n, 12)


def _first_days(g: dict) -> Optional[Value]:
    y, m, n = _int(g, "y"), int(g["m"]), _count(g["n"])
    return (Point("date", y, m, 1), Point("date", y, m, n)) if 1 <= n <= _month_len(y, m) else None


def _year_start_to_month(g: dict) -> Value:
    start, end, m = _int(g, "y1") or _int(g, "y"), _int(g, "y") or _int(g, "y1"), int(g["m"])
    if not g.get("e"):
        return Point("month", start, 1), Point("month", end, m)
    return Point("date", start, 1, 1), Point("date", end, m, _LEX["month_points"][g["e"].lower()])


def _year_start_to_day(g: dict) -> Optional[Value]:
    start, end = _int(g, "y1") or _int(g, "y"), _int(g, "y") or _int(g, "y1")
    last = _day(end, int(g["m"]), int(g["d"]))
    return (Point("date", start, 1, 1), last) if last else None


def _day_range(g: dict) -> Optional[Value]:
    y, m, first, last = _int(g, "y"), int(g["m"]), int(g["d1"]), int(g["d"])
    return (Point("date", y, m, first), Point("date", y, m, last)) if first < last <= _month_len(y, m) else None


def _month_range(g: dict) -> Optional[Value]:
    first, last = int(g["m1"]), int(g["m"])
    return _months(_int(g, "y"), first, last) if first < last else None


def _year_range(g: dict) -> Optional[Value]:
    a, b = int(g["y1"]), int(g["y2"])
    return (Point("year", a), Point("year", b)) if a < b else None


_MAKERS: dict[str, Callable[[dict], Optional[Value]]] = {
    "date": lambda g: _day(_int(g, "y"), int(g["m"]), int(g["d"])),
    "month": lambda g: Point("month", _int(g, "y"), int(g["m"])),
    "month_words": lambda g: Point("month", _int(g, "y"), _month_named(g["mw"])),
    "date_month_words": lambda g: _day(_int(g, "y"), _month_named(g["mw"]), int(g["d"])),
    "date_short_year": lambda g: _day(1900 + int(g["y"]), int(g["m"]), int(g["d"])),
    "quarter": lambda g: Point("quarter", _int(g, "y"), q=_quarter(g["q"])),
    "half": lambda g: Point("half", _int(g, "y"), h=_LEX["halves"][g["h"].lower()]),
    "year": lambda g: Point("year", int(g["y"])),
    "year_range": _year_range,
    "day_range": _day_range,
    "month_range": _month_range,
    "first_months": _first_months,
    "last_months": _last_months,
    "rest_of_year": lambda g: RestOfYear(_int(g, "y")),
    "first_days": _first_days,
    "since_year_start": lambda g: (Point("date", _int(g, "y"), 1, 1), NOW),
    "year_start_to_month": _year_start_to_month,
    "year_start_to_day": _year_start_to_day,
}


# ---- compiling the YAML -----------------------------------------------------------------------

_PLACEHOLDER = _PATTERNS.compile(r"(?<!\\[pP])\{([A-Z][A-Z_0-9]*)\}")  # not \p{L}


def _expand(pattern: str) -> str:
    """{NAME} → lexicons.parts NAME, or an alternation of the lexicon `name` (longest first)."""
    def part(m: regex.Match) -> str:
        name = m.group(1)
        if name in _LEX["parts"]:
            return _expand(_LEX["parts"][name])
        return "(?:" + alternation(_LEX[name.lower()], escape=False, space=r"\s+") + ")"
    return _PLACEHOLDER.sub(part, pattern)


def _compile(pattern: str) -> regex.Pattern:
    return _PATTERNS.compile(_expand(pattern), regex.IGNORECASE)


@dataclass(frozen=True)
class _Rule:
    id: str
    order: int
    pattern: regex.Pattern
    make: Callable[[dict], Optional[Value]]
    weak: bool = False  # kept only when listed after a date or joined to one
    needs: frozenset[str] = frozenset()  # `needs` entries: every match holds each (a|b: one of them)
    at_numbers: bool = False  # starts with {NB}: tried only where NUMBER_AT finds a number that can start it
    starts: tuple[str, ...] = ()  # words every match begins with (with `number_then`: has after its number)
    number_then: bool = False


_INTERVAL = _FILE.rule("date.interval")
_JOIN = _compile(_INTERVAL.join)
_UNTIL_NOW = _compile(_INTERVAL.now)
_LISTED = _compile(_FILE.rule("date.dm_bare").listed)
_NUMBER_AT = _compile("{NUMBER_AT}")
_RULES = [
    _Rule(r.id, i, _compile(r.pattern), _MAKERS[r.make], getattr(r, "weak", False),
          frozenset(getattr(r, "needs", ())), r.pattern.startswith("{NB}"),
          tuple(getattr(r, "starts", ()) or getattr(r, "number_then", ())), bool(getattr(r, "number_then", ())))
    for i, r in enumerate(_FILE.rules) if r.pattern
]
_LONGEST_NUMBER = max(2, *map(len, _LEX["number_words"]))  # {N}: one or two digits, or a number word
_DIGIT = _PATTERNS.compile(r"\p{N}")
_OTHER_DIGIT = _PATTERNS.compile(r"[^\P{Nd}0-9]")  # a decimal digit of another script, which \d also matches
_PATTERNS.save()
_DATES = TypeAdapter(list[Date])  # one validation call per article's dates, not one per date
_NEEDED_BY: dict[str, set[str]] = {}  # a word → the `needs` entries it satisfies
for _need in sorted({n for r in _RULES for n in r.needs if n != "digit"}):
    for _word in _need.split("|"):
        # "digit/": a digit right before the character, spelt 0/ … 9/
        for _spelt in ([d + _word[5:] for d in "0123456789"] if _word.startswith("digit") else [_word]):
            _NEEDED_BY.setdefault(_spelt, set()).add(_need)
_AFTER_DIGIT = {n for r in _RULES for n in r.needs if n.startswith("digit") and n != "digit"}
_NEED_WORDS = WordSet(_NEEDED_BY)
_NEED_LIST = ARTICLE_WORDS.add("dates.needs", _NEEDED_BY)


def _found(text: str, seg: Segment, low: Optional[str], needs: Optional[list],
           firsts: Optional[dict[str, int]] = None) -> tuple[Optional[int], frozenset[str], bool]:
    """What a segment's needs are read from: where its first digit is (None: it has none), its need words, whether
    a digit of another script follows its first digit. `low`: the text in lower case, when that kept its length (its
    slice then holds the same words as the slice's lower case); `needs`: the article's hits of `_NEED_LIST`, when the
    one pass of every step's words found them; `firsts`: `_firsts` of the segment, when the caller has it."""
    digit = search_in(_DIGIT, text, seg.start, seg.end)
    words = firsts if firsts is not None else found_between(needs, seg.start, seg.end) if needs is not None else (
        found_in_part(_NEED_WORDS, low, seg.start, seg.end) if low
        else _NEED_WORDS.found_in(text[seg.start:seg.end].lower()))
    if digit is None:
        return None, frozenset(words), False
    return digit.start(), frozenset(words), search_in(_OTHER_DIGIT, text, digit.start(), seg.end) is not None


def _firsts(hits: list[tuple[int, int, str]], lo: int, hi: int) -> dict[str, int]:
    """Each word of the article's `hits` in text[lo:hi] → where it first starts (the words of `found_between`)."""
    out: dict[str, int] = {}
    for start, end, w in hits[bisect.bisect_left(hits, (lo,)):bisect.bisect_left(hits, (hi,))]:
        if end <= hi and w not in out:
            out[w] = start
    return out


def _start(text: str, seg: Segment, rule: _Rule, firsts: Optional[dict[str, int]]) -> int:
    """Where a rule's matches in the segment start at the earliest: at the first of its `starts` words, or before its
    first `number_then` word by the spaces and the longest number; the segment's start when that is not known."""
    at = min((firsts[w] for w in rule.starts if w in firsts), default=None) if firsts and rule.starts else None
    if at is None:
        return seg.start
    if rule.number_then:
        low = max(seg.start, at - 32)
        while at > low and not text[at - 1].isalnum():  # the spaces: a space is never alphanumeric
            at -= 1
        if at == low and at > seg.start and not text[at - 1].isalnum():
            return seg.start  # more spaces than that (hostile text): not walked through
        at = max(seg.start, at - _LONGEST_NUMBER)
    return at


def _needs(digit: bool, words: frozenset[str], other_digit: bool) -> frozenset[str]:
    present = {"digit"} if digit else set()
    for word in words:
        present |= _NEEDED_BY[word]
    if other_digit:  # its digit-then-character needs aren't spelt
        present |= _AFTER_DIGIT
    return frozenset(present)


def _rules_for(present: frozenset[str]) -> tuple[tuple[_Rule, ...], tuple[_Rule, ...]]:
    """The rules the segment may hold: those starting with a number, and the others."""
    rules = [r for r in _RULES if r.needs <= present]
    return tuple(r for r in rules if r.at_numbers), tuple(r for r in rules if not r.at_numbers)


@lru_cache(maxsize=1024)  # segments hold the same few words: their rules worked out once
def _rules_of(digit: bool, words: frozenset[str], other_digit: bool) -> tuple[tuple[_Rule, ...], tuple[_Rule, ...]]:
    return _rules_for(_needs(digit, words, other_digit))


# ---- finding ----------------------------------------------------------------------------------

@dataclass
class _Hit:
    start: int
    end: int
    rule: str
    value: Value
    order: int = 0
    weak: bool = False


def _matches(ctx: Context, seg: Segment, low: Optional[str], needs: Optional[list]) -> list[_Hit]:
    # A rule runs only on a segment holding what its every match holds (`needs`): most segments hold few.
    firsts = _firsts(needs, seg.start, seg.end) if needs is not None else None
    first, words, other_digit = _found(ctx.text, seg, low, needs, firsts)
    numbered, worded = _rules_of(first is not None, words, other_digit)
    if not (numbered or worded):
        return []
    out = []
    numbers = []  # where rules starting with a number may start
    try:
        if numbered and first is not None:  # a number starts at a digit: none before the first
            numbers = [m.start() for m in finditer_in(_NUMBER_AT, ctx.text, first, seg.end)]
    except TimeoutError:
        ctx.warnings.append(f"dates: numbers timed out on segment {seg.start}-{seg.end}")
    for r in (numbered + worded) if numbers else worded:
        try:
            found = (finditer_at(r.pattern, ctx.text, numbers, seg.start, seg.end) if r.at_numbers
                     else finditer_in(r.pattern, ctx.text, _start(ctx.text, seg, r, firsts), seg.end))
            for m in found:
                value = r.make(m.groupdict())
                if value is not None:
                    out.append(_Hit(m.start(), m.end(), r.id, value, r.order, r.weak))
        except TimeoutError:
            ctx.warnings.append(f"dates: rule {r.id} timed out on segment {seg.start}-{seg.end}")
    return out


def _longest_first(hits: list[_Hit]) -> list[_Hit]:
    """Of overlapping matches keep the longest (then the rule listed first), in text order."""
    starts: list[int] = []  # kept hits never overlap, so sorted by start they are sorted by end too
    kept: list[_Hit] = []
    for h in sorted(hits, key=lambda h: (h.start - h.end, h.order, h.start)):
        i = bisect.bisect_left(starts, h.start)
        if (i == 0 or kept[i - 1].end <= h.start) and (i == len(kept) or h.end <= kept[i].start):
            starts.insert(i, h.start)
            kept.insert(i, h)
    return kept


def _joinable(a: _Hit, b: _Hit) -> bool:
    return isinstance(a.value, Point) and isinstance(b.value, Point) and a.value.kind == b.value.kind


def _join(text: str, hits: list[_Hit]) -> list[_Hit]:
    """Neighbours joined by "-", "đến", "tới" become one interval; so does "X đến nay"."""
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        a, b = hits[i], hits[i + 1] if i + 1 < len(hits) else None
        if b is not None and _joinable(a, b) and fullmatch_in(_JOIN, text, a.end, b.start):
            out.append(_Hit(a.start, b.end, _INTERVAL.id, (a.value, b.value), weak=a.weak and b.weak))
            i += 2
            continue
        now = match_in(_UNTIL_NOW, text, a.end) if isinstance(a.value, Point) else None
        out.append(_Hit(a.start, now.end(), _INTERVAL.id, (a.value, NOW), weak=a.weak) if now else a)
        i += 1
    return _keep_listed(text, out)


def _keep_listed(text: str, hits: list[_Hit]) -> list[_Hit]:
    """A weak item stays when it follows a kept date in a list (ngày 12/4 và 13/4)."""
    kept: list[_Hit] = []
    for h in hits:
        prev = kept[-1] if kept else None
        if h.weak and not (prev and isinstance(prev.value, Point) and prev.value.kind == "date"
                           and fullmatch_in(_LISTED, text, prev.end, h.start)):
            continue
        kept.append(h)
    return kept


# ---- anchoring and values ---------------------------------------------------------------------

def _points(value: Value):
    parts = value if isinstance(value, tuple) else (value,)
    return [p for p in parts if isinstance(p, Point)]


def _anchor(ctx: Context, hits: list[_Hit]) -> tuple[Optional[dt.date], bool]:
    """Publication date (and True), else the article's latest full date."""
    if ctx.published:
        try:
            return dt.date.fromisoformat(ctx.published[:10]), True
        except ValueError:
            ctx.warnings.append(f"dates: unreadable publication date {ctx.published!r}")
    full = [p.first_day(p.y) for h in hits for p in _points(h.value) if p.kind == "date" and p.y]
    return max(full, default=None), False


def _fill(p: Point, anchor: Optional[dt.date]) -> tuple[Point, bool]:
    """A missing year from the anchor, the year before when that would put it far ahead."""
    if p.y is not None or anchor is None:
        return p, False
    year = anchor.year - (p.first_day(anchor.year) - anchor > _PAST_BIAS)
    return replace(p, y=year), True


def _year_after(p: Point, other: Point, sign: int) -> Optional[int]:
    """The year of p that puts it after (sign 1) or before (sign -1) other, whose year is known."""
    if other.y is None:
        return None
    y = other.y
    if sign * (p.first_day(y) - other.first_day(y)).days < 0:
        y += sign
    return y


def _resolve(value: Value, anchor: Optional[dt.date]) -> tuple[Value, bool]:
    """The value with every year filled in (from the other end, else from the anchor)."""
    if isinstance(value, Point):
        return _fill(value, anchor)
    a, b = value
    if b is NOW:
        a, filled = _fill(a, anchor)
        end = Point("date", anchor.year, anchor.month, anchor.day) if anchor else NOW
        return (a, end), filled or anchor is not None
    if a.y is None and b.y is not None:
        a = replace(a, y=_year_after(a, b, -1))
    a, filled = _fill(a, anchor)
    if b.y is None:
        b = replace(b, y=_year_after(b, a, 1))
    return (a, b), filled


def _clip(p):
    """Day 31 of a month edge (cuối tháng 2) is that month's last day in the filled year."""
    if isinstance(p, Point) and p.kind == "date" and p.d == 31:
        return replace(p, d=_month_len(p.y, p.m))
    return p


def _valid(value: Value) -> bool:
    """False for a yearless 29/2 that the anchor put in a common year (day 31 was checked or is an edge)."""
    return all(p.kind != "date" or p.d == 31 or p.d <= _month_len(p.y, p.m) for p in _points(value))


def _render(value: Value) -> tuple[str, str]:
    if isinstance(value, Point):
        return value.kind, _clip(value).render()
    return "interval", "/".join("XXXX-XX-XX" if p is NOW else _clip(p).render() for p in value)


def _last_month(value: Value) -> Optional[tuple[Optional[int], int]]:
    """(year, month) a multi-month period ends in, for 'những tháng cuối năm' after it."""
    end = value[-1] if isinstance(value, tuple) else value
    if not isinstance(end, Point):
        return None
    month = {"month": end.m, "quarter": 3 * end.q, "half": 6 * end.h}.get(end.kind)
    return (end.y, month) if month and (isinstance(value, tuple) or end.kind != "month") else None


def _rest_of_year(rest: RestOfYear, before: Optional[tuple[Optional[int], int]]) -> Optional[Value]:
    if before is None or before[1] >= 12 or (rest.y and before[0] and rest.y != before[0]):
        return None
    return _months(rest.y or before[0], before[1] + 1, 12)


def read(ctx: Context) -> dict:
    """The pipeline step: the article's dates and the anchor its partial dates were resolved against."""
    # Whole segments, not sentences: a sentence splitter may cut "ngày 12.4" at its dot.
    low = ctx.lower()  # once, not once a segment (and once for every step)
    low = low if len(low) == len(ctx.text) else None
    found = ARTICLE_WORDS.hits(ctx.text, ctx.lower(), ctx.folded())
    needs = None if found is None else found[_NEED_LIST]
    hits = _join(ctx.text, _longest_first([h for seg in ctx.content() for h in _matches(ctx, seg, low, needs)]))
    anchor, from_published = _anchor(ctx, hits)
    return {"dates": _dates(ctx.text, hits, anchor), "anchor": anchor, "anchor_from_published": from_published}


def find(ctx: Context) -> list[Date]:
    return read(ctx)["dates"]


def _dates(text: str, hits: list[_Hit], anchor: Optional[dt.date]) -> list[Date]:
    dates: list[dict] = []
    before = None  # the last multi-month period, for RestOfYear
    for h in hits:
        value = _rest_of_year(h.value, before) if isinstance(h.value, RestOfYear) else h.value
        if value is None:
            continue
        value, anchored = _resolve(value, anchor)
        if not _valid(value):
            continue
        before = _last_month(value) or before
        kind, text_value = _render(value)
        dates.append({"text": text[h.start:h.end], "span": (h.start, h.end), "type": kind,
                      "value": text_value, "anchored": anchored, "rule": h.rule})
    return _DATES.validate_python(dates) if dates else []
