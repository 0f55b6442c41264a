"""Number words against an independent oracle: num2words (lang='vi') writes them, the reader reads them back.

num2words is a test-only dependency. Its Vietnamese output is one spelling; the variants the press
uses (ngàn/nghìn, tỉ/tỷ, linh/lẻ, không trăm, tư/bốn, năm/lăm, một/mốt after mươi) are drawn on top.
Its own decimals are not used: it writes 0.05 as "không phẩy năm", which readers take as 0.5.
"""
from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from num2words import num2words

from extract.indicators import numbers

_SCALE = r"(?:nghìn|ngàn|triệu|tỷ|tỉ)"
_UNIT = r"(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín)"
_VARIANTS = {
    "ngàn": lambda s: s.replace("nghìn", "ngàn"),
    "tỉ": lambda s: s.replace("tỷ", "tỉ"),
    "linh": lambda s: s.replace("lẻ", "linh"),
    # "hai nghìn lẻ năm" is also said "hai nghìn không trăm linh năm"; "lẻ mười bảy" → "không trăm mười bảy"
    "không trăm": lambda s: regex.sub(rf"(?<={_SCALE}) lẻ (?={_UNIT}(?! mươi)\b)", " không trăm linh ",
                                      regex.sub(rf"(?<={_SCALE}) lẻ (?=mười|{_UNIT} mươi)", " không trăm ", s)),
    "tư": lambda s: regex.sub(r"(?<=mươi|mười) bốn\b", " tư", s),
    "năm": lambda s: regex.sub(r"(?<=mươi) lăm\b", " năm", s),
    "một": lambda s: regex.sub(r"(?<=mươi) mốt\b", " một", s),
    "nhăm": lambda s: regex.sub(r"(?<=mươi) lăm\b", " nhăm", s),
}
_NAMES = sorted(_VARIANTS)
# One integer per example carries the number and its spelling variants: a draw costs more than a reading.
_FAST = settings(max_examples=10_000, deadline=None, database=None, suppress_health_check=list(HealthCheck))


def _spell(n: int, mask: int) -> str:
    words = num2words(n, lang="vi")
    for bit, name in enumerate(_NAMES):
        if mask >> bit & 1:
            words = _VARIANTS[name](words)
    return words


@_FAST
@given(st.integers(0, (10**12 + 1) << len(_VARIANTS)))
def test_integers_round_trip(k):
    n, mask = k >> len(_VARIANTS), k & ((1 << len(_VARIANTS)) - 1)
    words = _spell(n, mask)
    if n == 0:  # "không" alone is "not": only a part of a number
        assert numbers.parse_words(words) is None
        return
    assert numbers.parse_words(words) == n, words
    found = [(x.text, x.value) for x in numbers.scan(f"đã tiếp nhận {words} hồ sơ")]
    if words.endswith("mươi năm"):  # in running text a closing "năm" after tens is the noun year
        assert found == [(words[:-4], n - 5)]
    else:
        assert found == [(words, n)]


@_FAST
@given(st.integers(0, 10**10))
def test_decimals_and_negatives_round_trip(k):
    """'ba phẩy mười bốn' = 3.14, 'không phẩy không năm' = 0.05, 'âm hai phẩy năm' = -2.5."""
    k, negative = divmod(k, 2)
    k, zeros = divmod(k, 3)
    whole, frac = divmod(k, 1000)
    frac = frac or 7
    words = f"{num2words(whole, lang='vi')} phẩy {'không ' * zeros}{num2words(frac, lang='vi')}"
    value = float(f"{whole}.{'0' * zeros}{frac}")
    if negative:
        words, value = "âm " + words, -value
    assert numbers.parse_words(words) == value, words
