"""Vietnamese numbers: digit strings, number words and scale words → values.

A small pure module (no Context): `parse`, `parse_words` and `scan` are meant
for any finder that reads a figure. Conventions: `.` groups thousands and `,`
marks decimals (1.245 = 1245, 0,72 = 0.72); a dot before one or two final
digits is a decimal point some sites use (86.45); leading zeros are dropped.
Word lists live in patterns/numbers.yaml.
"""
from __future__ import annotations

import functools
from typing import NamedTuple, Optional, Union

import regex

from extract.language import rules
from extract.language.words import WordSet, alternation, finditer_at_words, finditer_in, fullmatch_in, match_in
from extract.language.compiled import Patterns

_PATTERNS = Patterns(__file__)

Value = Union[int, float]

_LEX = rules.load("numbers").lexicons
_NON_SPACE = _PATTERNS.compile(r"\S+")
DIGIT_WORDS: dict[str, int] = _LEX["digit_words"]
SCALES: dict[str, int] = _LEX["scales"]
_UNITS = {**DIGIT_WORDS, **_LEX["unit_words"]}
_AFTER_TEN, _AFTER_TENS, _AFTER_FILLER = (set(_LEX[k]) for k in ("after_ten", "after_tens", "after_filler"))
_ELIDED = set(_LEX["elided_tens"])
_ZERO, _TEN, _TENS, _ROUND_TENS = (set(_LEX[k]) for k in ("zero", "ten", "tens", "round_tens"))
_HUNDRED, _FILLERS, _HALF = set(_LEX["hundred"]), set(_LEX["fillers"]), set(_LEX["half"])
_POINT, _MINUS, _YEAR = set(_LEX["decimal_point"]), set(_LEX["minus"]), _LEX["year_word"]


# One alternative per reading, tried in this order; each is one rule of numbers.yaml.
_DIGITS = [
    ("numbers.spaced", r"\d(?: \d){1,2} ,\d{1,2}(?= ?%)"),
    ("numbers.grouped", r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![.,]?\d)"),
    ("numbers.decimal_comma", r"\d+,\d+(?![.,]?\d)"),
    ("numbers.decimal_dot", r"\d+\.\d{1,2}(?![.,]?\d)"),
    ("numbers.plain", r"\d+(?![.,]\d)"),
]
_NUMBER = _PATTERNS.compile(
    # a sign: "-1.200" after a space or "(", never a bullet at a line start; "âm 3". What stands before it is looked
    # at only once the sign is there: tried at every position, the sign costs more than the number
    r"(?P<neg>-(?<=[ \t(]-)(?=\d)|(?:" + "|".join(rf"{w}(?<![\p{{L}}\p{{N}}]{w})" for w in map(regex.escape, _MINUS))
    + r")[ \t]+(?=\d))?"
    r"(?<![\p{L}\p{N}.,]|\p{N}[-–/])(?:" + "|".join(f"(?P<r{i}>{p})" for i, (_, p) in enumerate(_DIGITS)) + r")"
    # "1,2 nghìn tỷ": two scale words multiply
    + r"(?:\s*(?P<scale>(?:" + alternation(SCALES) + r")(?:[ \t]+(?:" + alternation(SCALES) + r"))?)(?![\p{L}\p{N}]))?(?![\p{L}\p{N}])",
    regex.IGNORECASE,
)
# _NUMBER without its sign, for `scan`: tried at every position of a line, the sign's alternatives cost as much as
# the digits; a match's sign is read back from the text before it (`_sign_start`), as _NUMBER's `neg` reads it.
_UNSIGNED = _PATTERNS.compile(_NUMBER.pattern[_NUMBER.pattern.index(r"(?<![\p{L}\p{N}.,]|"):], regex.IGNORECASE)
_SIGN_WORD = _PATTERNS.compile(r"(?<![\p{L}\p{N}])(?:" + alternation(_MINUS) + r")", regex.IGNORECASE | regex.REVERSE)
_SIGN_REACH = max(map(len, _MINUS))  # a sign word ends where the spaces before the digits begin
# what the words before a number end with, in lower case, when _SIGN_WORD may match them: most end otherwise ("năm")
_SIGN_TAILS = tuple(w.lower() for w in _MINUS)
_TOKEN_WORDS = [*_UNITS, *_TEN, *_TENS, *_ROUND_TENS, *_HUNDRED, *_FILLERS, *_HALF, *_POINT, *SCALES]
_PLAIN_WORDS = alternation(_TOKEN_WORDS)
_Z, _P = alternation(_ZERO), alternation(_POINT)
# "không" is "not" unless it sits inside a number: không trăm, không phẩy, phẩy không năm
_TOKEN = (rf"(?:(?:{_PLAIN_WORDS})|(?<=(?:{_P}|{_Z}) )(?:{_Z})|(?:{_Z})(?= (?:{alternation(_HUNDRED)}|{_P})(?![\p{{L}}])))"
          r"(?![\p{L}\p{N}])")
RUN = rf"{_TOKEN}(?:[ ]+{_TOKEN})*"  # a run of number words, for finders that read one after a cue word
_WORDS = _PATTERNS.compile(rf"(?<![\p{{L}}\p{{N}}])(?:(?:{alternation(_MINUS)})[ ]+(?={_TOKEN}))?{_TOKEN}(?:[ ]+{_TOKEN})*",
                       regex.IGNORECASE)


# Where to look: a run of number words starts with one of its words (or a sign) standing whole.
WORD_CUES = [*_TOKEN_WORDS, *_ZERO, *_MINUS]
_WORD_CUES = WordSet(WORD_CUES, fold=True)

_GROUPED = _PATTERNS.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_DECIMAL_COMMA = _PATTERNS.compile(r"\d+,\d+")
_PLAIN_OR_DOT = _PATTERNS.compile(r"\d+(?:\.\d{1,2})?")


class Number(NamedTuple):  # a tuple: built thousands of times a run, several times cheaper than a frozen dataclass
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
    if s.isdecimal():  # plain digits, the most common: no pattern needed
        return _tidy(float(s))
    if fullmatch_in(_GROUPED, s):
        s = s.replace(".", "").replace(",", ".")
    elif fullmatch_in(_DECIMAL_COMMA, s):
        s = s.replace(",", ".")
    elif not fullmatch_in(_PLAIN_OR_DOT, s):
        return None
    return _tidy(float(s))


class _Unsure(Exception):
    """The words do not make one number: read nothing rather than a part of it."""


def parse_words(s: str) -> Optional[Value]:
    """'mười lăm' → 15, 'một nghìn tỷ hai trăm tỷ' → 1.2e12, 'không phẩy năm' → 0.5; None if not one number."""
    words = s.lower().split()
    sign = -1 if words[:1] and words[0] in _MINUS else 1
    words = words[1:] if sign < 0 else words
    try:
        points = [i for i, w in enumerate(words) if w in _POINT]
        if not points:
            return sign * _integer(words)
        if len(points) > 1:
            raise _Unsure
        after, scale = words[points[0] + 1:], 1
        while after and after[-1] in SCALES:  # "một phẩy hai triệu": the scale is the whole number's
            scale, after = scale * SCALES[after[-1]], after[:-1]
        whole = _integer(words[:points[0]], zero_ok=True)
        if scale > 1 and whole >= 1000:
            raise _Unsure
        return sign * _tidy((whole + _fraction(after)) * scale)
    except _Unsure:
        return None


def _fraction(words: list[str]) -> Value:
    """After phẩy: 'năm' → .5, 'mười bốn' → .14, 'không năm' → .05, 'một bốn' → .14."""
    zeros = 0
    while zeros < len(words) and words[zeros] in _ZERO:
        zeros += 1
    rest = words[zeros:]
    if not rest:
        raise _Unsure
    if len(rest) > 1 and all(w in DIGIT_WORDS for w in rest):
        digits = "".join(str(DIGIT_WORDS[w]) for w in rest)
    else:
        digits = str(_integer(rest))
    return float("0." + "0" * zeros + digits)


def _integer(words: list[str], zero_ok: bool = False) -> int:
    """A whole number in words; stacked scales (một nghìn hai trăm tỷ) and repeated ones (một nghìn tỷ hai trăm tỷ)."""
    if zero_ok and len(words) == 1 and words[0] in _ZERO:
        return 0
    if not words:
        raise _Unsure
    terms: list[tuple[int, int]] = []  # (value, magnitude): the scale product that made it
    i = 0
    while i < len(words):
        if words[i] in _HALF and terms and i == len(words) - 1:
            return sum(v for v, _ in terms) + terms[-1][1] // 2  # hai triệu rưỡi
        value, i, bare = _group(words, i, after_scale=bool(terms))
        scales = []
        while i < len(words) and words[i] in SCALES:
            scales.append(SCALES[words[i]])
            i += 1
        if bare and terms and not (scales and scales[0] < min(m for _, m in terms)):
            raise _Unsure  # "hai nghìn ba": 2003 or 2300, said either way
        if not scales:
            if i < len(words) or (terms and value >= min(m for _, m in terms)):
                raise _Unsure
            return sum(v for v, _ in terms) + value
        for scale in scales:
            small = [t for t in terms if t[1] < scale]
            terms = [t for t in terms if t[1] >= scale]
            mag = scale * max((m for _, m in small), default=1)
            value = (value + sum(v for v, _ in small)) * scale
            if value == 0 or (terms and value >= min(m for _, m in terms)):
                raise _Unsure
            terms.append((value, mag))
            value = 0
    return sum(v for v, _ in terms)


def _group(words: list[str], i: int, after_scale: bool) -> tuple[int, int, bool]:
    """A number under a thousand from words[i]: (value, next index, whether it is one bare digit)."""
    w = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if nxt in _HUNDRED and (w in DIGIT_WORDS or (w in _ZERO and after_scale)):
        value, i = DIGIT_WORDS.get(w, 0) * 100, i + 2
        if i < len(words) and words[i] in _HALF:
            return value + 50, i + 1, False  # một trăm rưỡi
        if i < len(words) and words[i] in _FILLERS:
            rest, i = _filled(words, i)
            return value + rest, i, False
        if i < len(words) and words[i] not in SCALES:
            rest, i, bare = _tens(words, i)
            if bare:
                raise _Unsure  # "một trăm hai": 102 or 120
            return value + rest, i, False
        if value == 0:
            raise _Unsure
        return value, i, False
    if w in _FILLERS and after_scale:
        rest, i = _filled(words, i)
        return rest, i, False
    return _tens(words, i)


def _filled(words: list[str], i: int) -> tuple[int, int]:
    """'linh năm' → 5; after a scale 'lẻ ba mươi' → 30."""
    if i + 1 >= len(words):
        raise _Unsure
    if words[i + 1] in _AFTER_FILLER and (i + 2 >= len(words) or words[i + 2] not in _TENS | _ROUND_TENS):
        return _UNITS[words[i + 1]], i + 2
    value, j, _ = _tens(words, i + 1)
    return value, j


def _tens(words: list[str], i: int) -> tuple[int, int, bool]:
    """1..99 from words[i]: mười [units], D mươi [units], D lăm, D chục, or one bare digit."""
    w = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if w in _TEN:
        if nxt in _AFTER_TEN:
            return 10 + _UNITS[nxt], i + 2, False
        return 10, i + 1, False
    if w not in DIGIT_WORDS:
        raise _Unsure  # a number opens with a digit, mười, or (after a scale) không trăm or linh
    if nxt in _TENS and DIGIT_WORDS[w] > 1:
        after = words[i + 2] if i + 2 < len(words) else ""
        if after in _AFTER_TENS:
            return DIGIT_WORDS[w] * 10 + _UNITS[after], i + 3, False
        return DIGIT_WORDS[w] * 10, i + 2, False
    if nxt in _ELIDED and DIGIT_WORDS[w] > 1:  # "hai lăm": the mươi is dropped
        return DIGIT_WORDS[w] * 10 + _UNITS[nxt], i + 2, False
    if nxt in _ROUND_TENS:
        return DIGIT_WORDS[w] * 10, i + 2, False
    return DIGIT_WORDS[w], i + 1, True


def parse(s: str) -> Optional[Value]:
    """A number written in digits (optionally with a scale word) or in words."""
    m = fullmatch_in(_NUMBER, s.strip())
    if m:
        return _value(m)
    return parse_words(s)


def scale_of(words: str) -> int:
    """'nghìn tỷ' → 10**12: the product of the scale words."""
    out = 1
    for w in words.lower().split():
        out *= SCALES[w]
    return out


# (group index, rule) of each digit alternative, and of the sign and the scale: one groups() call per match
_READINGS = [(_NUMBER.groupindex[f"r{i}"] - 1, rule) for i, (rule, _) in enumerate(_DIGITS)]
_NEG, _SCALE = _NUMBER.groupindex["neg"] - 1, _NUMBER.groupindex["scale"] - 1


def _value(m: regex.Match) -> Optional[Value]:
    return _read_match(m.groups())[0]


@functools.lru_cache(maxsize=4096)  # the same few numbers (years, 100%) recur on every page
def _read_match(groups: tuple) -> tuple[Optional[Value], str]:
    """(value, rule) of a _NUMBER match from its groups."""
    for i, rule in _READINGS:
        if groups[i] is not None:
            break
    v = parse_digits(groups[i])
    scale = groups[_SCALE]
    if v is not None and scale:
        v = _tidy(v * scale_of(scale))
    if groups[_NEG]:
        return (-v if v is not None else v), "numbers.negative"
    return v, "numbers.scaled" if scale else rule


def _sign_start(text: str, digit: int) -> int:
    """Where the sign of the number whose digits start at `digit` starts ('-' after a space or '(', 'âm' standing
    whole before spaces), else `digit`: what _NUMBER's `neg` group takes."""
    before = text[digit - 1] if digit else ""
    if before == "-":
        return digit - 1 if digit >= 2 and text[digit - 2] in " \t(" else digit
    if before in (" ", "\t"):
        end = digit - 1
        while end and text[end - 1] in " \t":
            end -= 1
        if not text[max(0, end - _SIGN_REACH):end].lower().endswith(_SIGN_TAILS):
            return digit
        m = match_in(_SIGN_WORD, text, max(0, end - _SIGN_REACH), end)  # read backwards
        return m.start() if m else digit
    return digit


# (value, rule, scaled) of a number's surface (sign, digits, scale), which decides which of _NUMBER's groups it fills:
# read once per surface, without building the groups tuple again for the same few numbers (years, 100%)
_READ: dict[str, tuple[Optional[Value], str, bool]] = {}
_tuple = tuple.__new__  # builds a Number without the Python-level __new__ a NamedTuple call runs


def scan(text: str, words: bool = True, offset: int = 0, word_starts: Optional[list[int]] = None) -> list[Number]:
    """Every number in the text, in order; number words only when `words`. `offset` is added to the spans.
    `word_starts`: where a number word stands whole in the text, when the caller found them already."""
    found = []
    # one pass: every reading opens with a digit, which the regex module skips to by itself (searching for the first
    # and the last digit to bound the pass costs more than the positions it spares)
    for m in finditer_in(_UNSIGNED, text):
        a, b = m.span()
        sign = _sign_start(text, a)
        surface = text[sign:b]
        reading = _READ.get(surface)
        if reading is None:
            groups = (text[sign:a] if sign < a else None, *m.groups())  # _NUMBER's groups: its sign first
            reading = _READ[surface] = (*_read_match(groups), bool(groups[_SCALE]))
            if len(_READ) > 4096:
                _READ.clear()
        if reading[0] is not None:
            found.append(_tuple(Number, (sign + offset, b + offset, surface, *reading)))
    read = len(found)
    if words and word_starts != []:  # [] : the caller found no number word
        for m in finditer_at_words(_WORDS, _WORD_CUES, text, whole=True, starts=word_starts):
            at = m.start()
            for a, b, v, scaled in _read_run_text(m.group(0)):
                found.append(Number(at + a + offset, at + b + offset, text[at + a:at + b], v, "numbers.words", scaled))
    return found if len(found) == read else sorted(found, key=lambda n: n.start)  # digit readings come in order


@functools.lru_cache(maxsize=4096)  # the same few runs (năm, một) recur
def _read_run_text(run: str) -> tuple[tuple[int, int, Value, bool], ...]:
    """(start, end, value, scaled) of the numbers in a run of number words (a _WORDS match), offsets in the run."""
    tokens = [(t.start(), t.end(), t.group(0).lower()) for t in finditer_in(_NON_SPACE, run)]
    return tuple((tokens[i][0], tokens[j - 1][1], v, any(w in SCALES for _, _, w in tokens[i:j]))
                 for i, j, v in _read_run([w for _, _, w in tokens]))


def _read_run(words: list[str]) -> list[tuple[int, int, Value]]:
    """(first, end, value) of the numbers in a run of number words; "năm" may be the noun year that splits it."""
    n = len(words)
    if n > 1 and words[-1] == _YEAR and words[-2] not in _FILLERS | _ZERO | _POINT:
        v = parse_words(" ".join(words[:-1]))  # "hai mươi năm": twenty years, not 25
        if v is not None:
            return [(0, n - 1, v)]
    v = parse_words(" ".join(words))
    if v is not None:
        return [(0, n, v)]
    for k in range(1, n - 1):
        if words[k] == _YEAR and (v := parse_words(" ".join(words[:k]))) is not None:
            return [(0, k, v)] + [(i + k + 1, j + k + 1, x) for i, j, x in _read_run(words[k + 1:])]
    return []


def items(text: str) -> list[dict]:
    """Every number in a text, as dicts: what the probe of kind `numbers` gives."""
    return [{"text": n.text, "span": (n.start, n.end), "value": n.value, "rule": n.rule} for n in scan(text)]
_PATTERNS.save()  # every module-level pattern is built by here
