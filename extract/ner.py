"""Thin adapter over underthesea's word segmentation and NER, aligned to the text.

underthesea's labels are weak on this press (it reads "Sở Nội vụ tỉnh Tiền Giang"
as a location and often tags names as LOC), but its proper-noun words separate a
place from a name the surname list does not know ("Gia Lai | Rơ Mah Tuấn"). The
officials finder asks it only about such a name, never about every sentence.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    pos: str    # underthesea part of speech: Np is a proper noun
    label: str  # entity label without B-/I-: PER, LOC, ORG, MISC, or O


@lru_cache(maxsize=1)
def _tagger():
    # Imported on first use: loading underthesea costs about a second per process.
    from underthesea import ner
    return ner


def tag(text: str, offset: int = 0) -> list[Word]:
    """underthesea's words of one sentence, as spans into the text `text` starts at `offset` of."""
    words: list[Word] = []
    cursor = 0
    for token in _tagger()(text):
        span = _locate(text, token[0], cursor)
        if span is None:
            continue
        cursor = span[1]
        label = token[-1][2:] if token[-1][:2] in ("B-", "I-") else "O"
        words.append(Word(span[0] + offset, span[1] + offset, token[1], label))
    return words


def _locate(text: str, word: str, cursor: int) -> Optional[tuple[int, int]]:
    """Where a word (syllables joined by single spaces) stands in the text from `cursor` on."""
    start = end = None
    for syllable in word.split():
        at = text.find(syllable, cursor if end is None else end)
        if at < 0:
            return None
        start = at if start is None else start
        end = at + len(syllable)
    return None if start is None else (start, end)
