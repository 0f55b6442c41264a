"""Unicode and spelling normalization shared by every finder.

Names follow one tone-placement convention, the one official names mostly use:
the tone of an open `oa`, `oe`, `uy` syllable sits on the first vowel (Hòa,
Khỏe, Thủy), whatever the source wrote (Hoà, Khoẻ, Thuỷ).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_SYLLABLE = regex.compile(r"\p{L}+")
# A glide pair that closes the syllable: tone belongs on the first letter.
_OPEN_PAIRS = ("oa", "oe", "uy")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _retone_syllable(m: regex.Match) -> str:
    return _retone_word(m.group(0))


@lru_cache(maxsize=1 << 14)  # a few thousand syllables make every name: the gazetteer's build retones 46,000
def _retone_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tone = next((c for c in decomposed if c in TONES), None)
    if tone is None:
        return word
    bare = decomposed.replace(tone, "")
    base = unicodedata.normalize("NFC", bare)
    low = base.lower()
    # Only a syllable that ends in the pair (no final consonant) moves its tone.
    for pair in _OPEN_PAIRS:
        if low.endswith(pair) and not (pair == "uy" and low.endswith("quy")):
            i = len(base) - 2
            if len(low) >= 3 and low[-3] in "aăâeêioôơuưy":
                return word  # a longer vowel cluster (e.g. 'uya') keeps its place
            chars = list(base)
            chars[i] = unicodedata.normalize("NFC", chars[i] + tone)
            return "".join(chars)
    return word


def tone_old(text: str) -> str:
    """Hoà → Hòa, Thuỷ → Thủy, khoẻ → khỏe; everything else unchanged."""
    return _SYLLABLE.sub(_retone_syllable, nfc(text))


def spaces(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=65536)  # finders ask for the same few hundred names again and again
def canonical_name(text: str) -> str:
    """NFC, official tone placement, single spaces: the form names are emitted in."""
    return spaces(tone_old(text))


def name_case(text: str) -> str:
    """THANH TÙNG → Thanh Tùng; already mixed-case names are left as written."""
    words = canonical_name(text).split(" ")
    return " ".join(".".join(_word_case(p) for p in w.split(".")) for w in words)


def _word_case(w: str) -> str:
    """One word of a name; an initial keeps its capital (N.ANH → N.Anh, T.D stays T.D)."""
    return w[:1].upper() + w[1:].lower() if w.isupper() or w.islower() else w


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A comparison key: canonical, lowercased."""
    return canonical_name(text).lower()
