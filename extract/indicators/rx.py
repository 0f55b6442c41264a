"""The finder's regex calls, holding the GIL: `words.match_in` and its kin (`finditer_at_words`, `finditer_at`) with
`concurrent=False`.

On a str the regex module lets go of the GIL around every call unless told not to: a lock, an unlock and a
wake-up, a sixth of a short match's instructions, for a worker that runs one thread. `concurrent` is given by
position: as a keyword it costs about what it saves. The article's guard (language/guard.py) is read per call, and a
timeout passed as `match_in` passes it: by keyword, only on an article long enough to need one.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Iterator, Optional

import regex

from extract.language import guard
from extract.language.words import WordSet


def match(pattern: regex.Pattern, text: str, pos: Optional[int] = None, endpos: Optional[int] = None,
          ) -> Optional[regex.Match]:
    timeout = guard.timeout
    return pattern.match(text, pos, endpos, False) if timeout is None \
        else pattern.match(text, pos, endpos, False, timeout=timeout)


def search(pattern: regex.Pattern, text: str, pos: Optional[int] = None, endpos: Optional[int] = None,
           ) -> Optional[regex.Match]:
    timeout = guard.timeout
    return pattern.search(text, pos, endpos, False) if timeout is None \
        else pattern.search(text, pos, endpos, False, timeout=timeout)


def fullmatch(pattern: regex.Pattern, text: str, pos: Optional[int] = None, endpos: Optional[int] = None,
              ) -> Optional[regex.Match]:
    timeout = guard.timeout
    return pattern.fullmatch(text, pos, endpos, False) if timeout is None \
        else pattern.fullmatch(text, pos, endpos, False, timeout=timeout)


def finditer(pattern: regex.Pattern, text: str, pos: Optional[int] = None, endpos: Optional[int] = None,
             overlapped: bool = False) -> Iterator[regex.Match]:
    timeout = guard.timeout
    return pattern.finditer(text, pos, endpos, overlapped, False) if timeout is None \
        else pattern.finditer(text, pos, endpos, overlapped, False, timeout=timeout)


def finditer_at_words(pattern: regex.Pattern, words: WordSet, text: str, *, whole: bool = False,
                      overlapped: bool = False, starts: Optional[list[int]] = None) -> Iterator[regex.Match]:
    """`words.finditer_at_words`, each start tried by `match` above."""
    starts = words.starts(text, whole=whole) if starts is None else starts
    if starts is None:
        yield from finditer(pattern, text, overlapped=overlapped)
        return
    end = 0
    for start in starts:
        if start >= end and (m := match(pattern, text, start)):
            end = start + 1 if overlapped else m.end()
            yield m


def finditer_at(pattern: regex.Pattern, text: str, starts: Optional[list[int]], pos: int, endpos: int,
                ) -> Iterator[regex.Match]:
    """`words.finditer_at` (no `pick`), each start tried by `match` above."""
    if starts is None:
        yield from finditer(pattern, text, pos, endpos)
        return
    end = pos
    for start in starts[bisect_left(starts, pos):]:
        if start >= endpos:
            break
        if start >= end and (m := match(pattern, text, start, endpos)):
            yield m
            end = m.end()
