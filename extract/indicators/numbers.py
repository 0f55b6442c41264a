"""Vietnamese numbers: digit strings, number words and scale words → values.

A small pure module (no Context): `parse`, `parse_words` and `scan` are meant
for any finder that reads a figure. Conventions: `.` groups thousands and `,`
marks decimals (1.245 = 1245, 0,72 = 0.72); a dot before one or two final
digits is a decimal point some sites use (86.45); leading zeros are dropped.
Word lists live in patterns/numbers.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

import regex

from extract.language import rules
from extract.language.words import alternation
from extract.settings import REGEX_TIMEOUT

Value = Union[int, float]

_LEX = rules.load("numbers").lexicons
DIGIT_WORDS: dict[str, int] = _LEX["digit_words"]
SCALES: dict[str, int] = _LEX["scales"]
_TENS = set(_LEX["tens"])            # mười, mươi
_TEN = _LEX["tens"][0]               # mười alone is ten; mươi multiplies the digit before it
_HUNDRED = set(_LEX["hundred"])      # trăm
_FILLERS = set(_LEX["fillers"])      # linh, lẻ: "một trăm linh năm"


# One alternative per reading, tried in this order; each is one rule of numbers.yaml.
_DIGITS = [
    ("numbers.spaced", r"\d(?: \d){1,2} ,\d{1,2}(?= ?%)"),
    ("numbers.grouped", r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![.,]?\d)"),
    ("numbers.decimal_comma", r"\d+,\d+(?![.,]?\d)"),
    ("numbers.decimal_dot", r"\d+\.\d{1,2}(?![.,]?\d)"),
    ("numbers.plain", r"\d+(?![.,]\d)"),
]
_NUMBER = regex.compile(
    r"(?<![\p{L}\p{N}.,]|\p{N}[-–/])(?:" + "|".join(f"(?P<r{i}>{p})" for i, (_, p) in enumerate(_DIGITS)) + r")"
    # "1,2 nghìn tỷ": two scale words multiply
    + r"(?:\s*(?P<scale>(?:" + alternation(SCALES) + r")(?:[ \t]+(?:" + alternation(SCALES) + r"))?)(?![\p{L}\p{N}]))?(?![\p{L}\p{N}])",
    regex.IGNORECASE,
)
_WORD = alternation(list(DIGIT_WORDS) + list(_TENS) + list(_HUNDRED) + list(_FILLERS) + list(SCALES))
_WORDS = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{_WORD})(?:[ ]+(?:{_WORD}))*(?![\p{{L}}\p{{N}}])", regex.IGNORECASE)


_GROUPED = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_DECIMAL_COMMA = regex.compile(r"\d+,\d+")
_PLAIN_OR_DOT = regex.compile(r"\d+(?:\.\d{1,2})?")


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    text: str
    value: Value
    rule: str
    scaled: bool = False  # a scale word (nghìn, triệu, tỷ) followed the digits


def _tidy(x: float) -> Value:
    return int(x) if float(x).is_integer() else round(x, 10)


def parse_digits(s: str) -> Optional[Value]:
    """'1.245' → 1245, '0,72' → 0.72, '86.45' → 86.45, '06' → 6, '9 9 ,2' → 99.2."""
    s = s.replace(" ", "")
    if _GROUPED.fullmatch(s):
        s = s.replace(".", "").replace(",", ".")
    elif _DECIMAL_COMMA.fullmatch(s):
        s = s.replace(",", ".")
    elif not _PLAIN_OR_DOT.fullmatch(s):
        return None
    return _tidy(float(s))


def parse_words(s: str) -> Optional[int]:
    """'mười lăm' → 15, 'hai mươi mốt' → 21, 'một trăm linh năm' → 105; None if not a number."""
    total = group = cur = 0
    seen_digit = False
    for w in s.lower().split():
        if w in _FILLERS:
            continue
        if w in DIGIT_WORDS:
            cur, seen_digit = DIGIT_WORDS[w], True
        elif w in _TENS and w == _TEN:
            group, seen_digit = group + 10, True
        elif w in _TENS:
            group, cur = group + cur * 10, 0
        elif w in _HUNDRED:
            group, cur = group + cur * 100, 0
        elif w in SCALES:
            total, group, cur = total + (group + cur) * SCALES[w], 0, 0
        else:
            return None
    return total + group + cur if seen_digit else None


def parse(s: str) -> Optional[Value]:
    """A number written in digits (optionally with a scale word) or in words."""
    m = _NUMBER.fullmatch(s.strip(), timeout=REGEX_TIMEOUT)
    if m:
        return _value(m)
    return parse_words(s)


def scale_of(words: str) -> int:
    """'nghìn tỷ' → 10**12: the product of the scale words."""
    out = 1
    for w in words.lower().split():
        out *= SCALES[w]
    return out


def _value(m: regex.Match) -> Optional[Value]:
    digits = next(g for g in (m.group(f"r{i}") for i in range(len(_DIGITS))) if g is not None)
    v = parse_digits(digits)
    if v is not None and m.group("scale"):
        v = _tidy(v * scale_of(m.group("scale")))
    return v


def scan(text: str, words: bool = True) -> list[Number]:
    """Every number in the text, in order; number words only when `words`."""
    found = []
    for m in _NUMBER.finditer(text, timeout=REGEX_TIMEOUT):
        v = _value(m)
        if v is None:
            continue
        rule = "numbers.scaled" if m.group("scale") else next(
            r for i, (r, _) in enumerate(_DIGITS) if m.group(f"r{i}") is not None)
        found.append(Number(m.start(), m.end(), m.group(0), v, rule, bool(m.group("scale"))))
    if words:
        for m in _WORDS.finditer(text, timeout=REGEX_TIMEOUT):
            v = parse_words(m.group(0))
            if v is not None:
                found.append(Number(m.start(), m.end(), m.group(0), v, "numbers.words",
                                    any(w in SCALES for w in m.group(0).lower().split())))
    return sorted(found, key=lambda n: n.start)


def items(text: str) -> list[dict]:
    """Every number in a text, as dicts: what the probe of kind `numbers` gives."""
    return [{"text": n.text, "span": (n.start, n.end), "value": n.value, "rule": n.rule} for n in scan(text)]
