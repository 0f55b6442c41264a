"""How precisely a figure was stated, as an interval, and arithmetic on intervals.

A figure's interval is where the true quantity may lie given how it was
written: `1.245 hồ sơ` is exactly 1245; `0,72%` allows ±0,01 (one unit of its
last stated digit: rounding or truncation); `gần 31.000` lies just below 31.000,
`trên 214 ngàn` above 214.000: by half a unit of the last non-zero digit for
gần/khoảng, by up to ten units for trên/hơn/dưới, which bound one side only.
Read strictly (`strict=True`), a one-sided bound reaches one unit of that digit
(`hơn 1,7 triệu` is below 1,8 triệu, else the writer would have said so): a
check is only confirmed on the strict reading and only refuted on the loose one.
"""
from __future__ import annotations

from typing import Iterable, NamedTuple, Optional

from extract.language import rules
from extract.language.words import WORD_EDGES, WordSet, alternation, search_in, word_regex
from extract.models import Indicator
from extract.language.compiled import Patterns

_PATTERNS = Patterns(__file__)

Interval = tuple[float, float]

_LEX = rules.load("audit").lexicons
_SCALES: dict[str, int] = _LEX["scales"]
_SCALE_WORD = "(?:" + alternation(_SCALES, longest_first=False, escape=False) + ")"
# The first numeral and the scale words right after it (nghìn tỷ), if any: one search.
_NUMERAL = _PATTERNS.compile(rf"(\d[\d.,]*\d|\d)(?:\s*((?i:{_SCALE_WORD}(?:[ \t]+{_SCALE_WORD})?))\b)?")
_VAGUE = word_regex(_LEX["vague"], edges=WORD_EDGES, longest_first=False, compile_with=_PATTERNS.compile)
_VAGUE_WORDS = WordSet(_LEX["vague"])
_BELOW = _PATTERNS.compile(r"^(?:" + alternation(_LEX["approx_below"], longest_first=False) + r")(?!\w)")
EPS = 1e-9
_ONE_SIDED = frozenset({"over", "at_least", "under", "at_most"})


class Stated(NamedTuple):
    """The digits a figure was written with: value, unit of the last digit, of the last non-zero digit."""
    value: float
    last: float
    nonzero: float
    rounded: bool  # written with a scale word, decimals or as a percentage: not an exact count


_new_stated = tuple.__new__  # a Stated without NamedTuple's Python-level constructor


def _parse_numeral(s: str) -> tuple[float, int]:
    """'1.245' → (1245, 0); '0,72' → (0.72, 2); '86.45' → (86.45, 2)."""
    if "," in s:
        whole, _, frac = s.rpartition(",")
        return float(whole.replace(".", "") + "." + frac), len(frac)
    parts = s.split(".")
    if len(parts) == 2 and len(parts[1]) <= 2:
        return float(s), len(parts[1])
    return float(s.replace(".", "")), 0


def _nonzero_unit(digits: str, decimals: int) -> float:
    stripped = digits.rstrip("0")
    if not stripped.strip("0"):
        return 10.0 ** -decimals
    return 10.0 ** (len(digits) - len(stripped) - decimals)


def any_vague(inds: Iterable[Indicator]) -> bool:
    """Whether one of the figures may hold a vague word: when none does, `stated` need not look in each."""
    return _VAGUE_WORDS.any_in("\n".join(i.text for i in inds).lower())


def stated(ind: Indicator, vague: bool = True) -> Optional[Stated]:
    """The precision the indicator's text shows; None for a vague quantity (hàng trăm hồ sơ).
    `vague`: False when the figure is known to hold no vague word (`any_vague`)."""
    text = ind.text
    if vague:
        low = text.lower()
        if _VAGUE_WORDS.any_in(low) and _VAGUE.search(low):  # the words first: most figures hold none
            return None
    percent = ind.unit == "%"
    value = float(ind.value)
    m = search_in(_NUMERAL, text)
    if m is None:  # number words: an exact small count
        return _new_stated(Stated, (value, 1.0, 1.0, percent))
    numeral, scale_words = m.group(1, 2)
    if scale_words is None and numeral.isdigit():  # plain digits (most counts): a whole number, no scale
        if numeral != "0" * len(numeral) and abs(float(numeral) - value) <= 1e-6 * max(1.0, abs(value)):
            return _new_stated(Stated, (value, 1.0, 10.0 ** (len(numeral) - len(numeral.rstrip("0"))), percent))
        return _new_stated(Stated, (value, 1.0, 1.0, percent))
    number, decimals = _parse_numeral(numeral)
    scale = 1
    for w in (scale_words.lower().split() if scale_words else ()):
        scale *= _SCALES[w]
    if abs(number * scale - value) > 1e-6 * max(1.0, abs(value)):
        # the text's first numeral is not the value (e.g. a number word elsewhere): trust the value
        return _new_stated(Stated, (value, 1.0, 1.0, percent))
    digits = numeral.replace(".", "").replace(",", "")  # a numeral is digits, dots and commas
    last = 10.0 ** -decimals * scale
    # a decimal (9,42/10 điểm, 5,65 ngàn) or a percentage is rounded: its last digit is uncertain
    return _new_stated(Stated, (value, last, _nonzero_unit(digits, decimals) * scale, percent or scale > 1 or decimals > 0))


def interval(ind: Indicator, strict: bool = False) -> Optional[Interval]:
    """Where the quantity lies, given the words and digits it was stated with."""
    s = stated(ind)
    return None if s is None else _around(ind, s, strict)


def intervals(ind: Indicator, vague: bool = True) -> tuple[Optional[Interval], Optional[Interval]]:
    """`interval(ind)` and `interval(ind, strict=True)`, the figure's digits read once (`vague`: as for `stated`)."""
    s = stated(ind, vague)
    if s is None:
        return None, None
    if ind.qualifier in _ONE_SIDED:  # only a one-sided bound reads differently when strict
        return _around(ind, s, False), _around(ind, s, True)
    bounds = _around(ind, s, False)
    return bounds, bounds


def _around(ind: Indicator, s: Stated, strict: bool) -> Interval:
    v, q = s.value, ind.qualifier
    # trên/hơn and dưới bound one side only; allow ten units of the last non-zero digit on the other (one, strictly)
    reach = (1 if strict else 10) * s.nonzero
    if q in ("over", "at_least"):
        return (v, min(v + reach, 100.0) if ind.unit == "%" else v + reach)
    if q in ("under", "at_most"):
        return (max(v - reach, 0.0), v)
    if q == "approx":
        if _BELOW.match(ind.text.lower()):
            return (v - s.nonzero / 2, v)
        return (v - s.nonzero / 2, v + s.nonzero / 2)
    if s.rounded:
        return (v - s.last, v + s.last)
    return (v, v)


def total(intervals: Iterable[Interval]) -> Interval:
    lo = hi = 0.0
    for a, b in intervals:
        lo, hi = lo + a, hi + b
    return (lo, hi)


def ratio(num: Interval, den: Interval) -> Optional[Interval]:
    """num / den in percent; None when the denominator may be zero."""
    if den[0] <= 0:
        return None
    return (100 * num[0] / den[1], 100 * num[1] / den[0])


def overlaps(a: Interval, b: Interval) -> bool:
    tol = EPS * max(1.0, abs(a[1]), abs(b[1]))
    return a[0] <= b[1] + tol and b[0] <= a[1] + tol


def vn(x: float, decimals: int = 2) -> str:
    """Vietnamese number style: 1.245, 0,72, 98,48."""
    if abs(x - round(x)) < 1e-9:
        return f"{int(round(x)):,}".replace(",", ".")
    s = f"{x:,.{decimals}f}".rstrip("0").rstrip(".")
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".")
_PATTERNS.save()  # every module-level pattern is built by here
