"""What may be a figure on a line: numbers (extract/indicators/numbers.py), ordinal ranks, 'hàng trăm' and
'một nửa'. The number words and the cue words of a whole text are found in one pass each (`_Lines`) and read back
for each of its lines: a page has a dozen lines, and a pass per line costs more than the words found."""
from __future__ import annotations

from typing import Optional

import regex

from extract.indicators import numbers
from extract.indicators.cues import (_APPROX, _APPROX_CUES, _CANDIDATE_CUES, _FRACTION, _FRACTION_CUES, _LEX, _NOUN,
    _PERCENT, _RANK_MORE, _RANK_WORD, _RANK_WORD_CUES, _article_words, _no_word_opens, _opens)
from extract.language.words import finditer_in, found_between, match_in, starts_between


class _Lines:
    """A text's number words and candidate cues, found once with the article's words (None when case-folding
    changes its length: then each line is read on its own)."""

    def __init__(self, text: str, folded: str):
        self.text = text
        found = _article_words(text, folded)
        self.numbers, self.cues = (None, None) if found is None else (found["number_words"], found["candidate_cues"])


def _candidates(lines: _Lines, lo: int, hi: int) -> list[numbers.Number]:
    """The candidates of the line text[lo:hi], in order; a number in words ('năm', 'một') only with its unit right
    after it: the others are no figure."""
    text = lines.text
    seg = text[lo:hi]
    if lines.cues is None:
        starts, cues = None, _CANDIDATE_CUES.found_in(seg)
    else:  # a line with no number word, no cue and no digit costs scan one pass that finds nothing
        # an article with no word of a list (most have no cue) reads no hits back for each of its lines
        starts = starts_between(lines.numbers, text, lo, hi) if lines.numbers else []
        cues = found_between(lines.cues, lo, hi) if lines.cues else set()
    found = numbers.scan(seg, offset=lo, word_starts=starts)
    if not found and not cues:
        return []
    read = len(found)
    for m in finditer_in(_RANK_WORD, seg) if cues & _RANK_WORD_CUES else ():
        while m:
            rank = _ordinal(seg, m)
            if rank is None:
                break
            found.append(numbers.Number(m.start("t") + lo, rank.end + lo, seg[m.start("t"):rank.end], rank.value,
                                        "indicators.rank"))
            m = match_in(_RANK_MORE, seg, rank.end)
    for m in finditer_in(_APPROX, seg) if cues & _APPROX_CUES else ():
        found.append(numbers.Number(m.start() + lo, m.end() + lo, m.group(0),
                                    _LEX["approx_words"][m.group("w").lower()], "indicators.approx_words"))
    for m in finditer_in(_FRACTION, seg) if cues & _FRACTION_CUES else ():
        found.append(numbers.Number(m.start() + lo, m.end() + lo, m.group(0),
                                    _LEX["fraction_words"][m.group("w").lower()], "indicators.fraction_words"))
    if len(found) > read:  # an ordinal, 'hàng trăm' or 'một nửa' wins over the number word inside it
        found.sort(key=lambda n: (n.start, n.rule.startswith("numbers")))
    return [n for n in found if n.rule != "numbers.words" or not _no_word_opens(_opens(text, n.end))
            and (match_in(_PERCENT, text, n.end) or match_in(_NOUN, text, n.end))]


def _ordinal(text: str, m: regex.Match) -> Optional[numbers.Number]:
    """The rank an ordinal match says, ending where its number ends ("thứ hai năm 2023" is 2); None if unread."""
    w = m.group("w").lower()
    single = {**_LEX["ordinals"], **_LEX["ordinals_unmarked"]}.get(w)
    if single is not None:
        return numbers.Number(m.start("w"), m.end("w"), m.group("w"), single, "indicators.rank")
    read = numbers.scan(m.group("w"))
    if not read or read[0].start != 0 or not isinstance(read[0].value, int):
        return None
    return numbers.Number(m.start("w"), m.start("w") + read[0].end, read[0].text, read[0].value, "indicators.rank")
