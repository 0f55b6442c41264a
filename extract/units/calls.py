"""Regex calls of the units and officials finders, with the regex module's `concurrent` flag off, passed by position.

By default the module releases the GIL around its matching: in a one-thread worker that is ~1,100 instructions
of locking per call, and per match of a finditer, for nothing. A keyword argument costs it more (~3,000, its
argument parsing), so the flag goes by position, and the guard's timeout, when the article has one, with it:
match/search(string, pos, endpos, concurrent, partial, timeout), finditer(string, pos, endpos, overlapped,
concurrent, partial, timeout), split(string, maxsplit, concurrent, timeout). The results are the plain calls'.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Callable, Iterator, Optional

import regex


def match(pattern: regex.Pattern, text: str, pos: int, endpos: Optional[int], timeout: Optional[float]
          ) -> Optional[regex.Match]:
    """`pattern.match(text, pos, endpos, timeout=timeout)`."""
    if timeout is None:
        return pattern.match(text, pos, endpos, False)
    return pattern.match(text, pos, endpos, False, False, timeout)


def search(pattern: regex.Pattern, text: str, pos: int, endpos: Optional[int], timeout: Optional[float]
           ) -> Optional[regex.Match]:
    """`pattern.search(text, pos, endpos, timeout=timeout)`."""
    if timeout is None:
        return pattern.search(text, pos, endpos, False)
    return pattern.search(text, pos, endpos, False, False, timeout)


def finditer(pattern: regex.Pattern, text: str, pos: int, endpos: Optional[int], timeout: Optional[float]
             ) -> Iterator[regex.Match]:
    """`pattern.finditer(text, pos, endpos, timeout=timeout)`."""
    if timeout is None:
        return pattern.finditer(text, pos, endpos, False, False)
    return pattern.finditer(text, pos, endpos, False, False, False, timeout)


def split(pattern: regex.Pattern, text: str, timeout: Optional[float]) -> list[str]:
    """`pattern.split(text, timeout=timeout)`."""
    return pattern.split(text, 0, False) if timeout is None else pattern.split(text, 0, False, timeout)


def finditer_at(pattern: regex.Pattern, text: str, starts: Optional[list[int]], pos: int, endpos: int,
                timeout: Optional[float], pick: Optional[Callable[[int], regex.Pattern]] = None,
                ) -> Iterator[regex.Match]:
    """`language.words.finditer_at` (the pattern tried only at `starts`, each match after the last one's end)."""
    if starts is None:
        yield from finditer(pattern, text, pos, endpos, timeout)
        return
    end = pos
    for start in starts[bisect_left(starts, pos):]:
        if start >= endpos:
            break
        if start >= end:
            tried = pattern if pick is None else pick(start)
            m = (tried.match(text, start, endpos, False) if timeout is None
                 else tried.match(text, start, endpos, False, False, timeout))
            if m:
                yield m
                end = m.end()
