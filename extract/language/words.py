"""Word lists from the YAML rule files turned into regex: the one place that does it.

`alternation` joins literal words; `fill` puts lexicons into a pattern template
written in code (`{NAME}` stands for the lexicon `name`); `word_regex` makes a
whole-word pattern; `WordSet` finds literal words in one pass, for pre-checks, and
`WordStarts` with `finditer_at` run a pattern only where one of its words starts
(`finditer`, `finditer_at`, `match` and `search` leave out a timeout of None: the keyword alone is slow).
Words stay in extract/patterns/*.yaml, grammar stays in code.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Callable, Iterable, Iterator, Mapping, Optional

import ahocorasick
import regex

# A placeholder is an upper-case name in braces; `\p{L}` is a Unicode class, not one.
PLACEHOLDER = regex.compile(r"(?<!\\[pP])\{([A-Z][A-Z_0-9]*)\}")
# Edges of a whole word: no letter (with its marks) or digit right before or after it.
LETTER_OR_DIGIT_EDGES = (r"(?<![\p{L}\p{N}])", r"(?![\p{L}\p{N}])")
WORD_EDGES = (r"(?<!\w)", r"(?!\w)")


def alternation(words: Iterable[str], *, longest_first: bool = True, escape: bool = True,
                space: str = " ") -> str:
    """Words as one regex alternation; longest first, so a longer word wins over its own prefix."""
    words = list(words)
    if longest_first:
        words = sorted(words, key=len, reverse=True)
    parts = (regex.escape(w, literal_spaces=True) if escape else w for w in words)
    return "|".join(p.replace(" ", space) for p in parts)


def fill(template: str, lexicon: Callable[[str], Iterable[str]] | Mapping[str, Iterable[str]], **how) -> str:
    """`{NAME}` in a pattern template → `(?:w1|w2|…)` of the lexicon `name` (see `alternation` for `how`)."""
    look = lexicon if callable(lexicon) else (lambda name: lexicon[name])
    return PLACEHOLDER.sub(lambda m: "(?:" + alternation(look(m.group(1).lower()), **how) + ")", template)


def word_regex(words: Iterable[str], *, flags: int = 0, edges: tuple[str, str] = LETTER_OR_DIGIT_EDGES,
               tail: str = "", **how) -> regex.Pattern:
    """Any of the words, as whole words."""
    return regex.compile(f"{edges[0]}(?:{alternation(words, **how)}){edges[1]}{tail}", flags)


class WordSet:
    """Literal words found in one pass over a text (an Aho–Corasick automaton), as substrings, overlaps included:
    the pre-check that keeps a pattern off a text that cannot hold it."""

    def __init__(self, words: Iterable[str]):
        self._automaton = ahocorasick.Automaton()
        for w in words:
            if not w:
                raise ValueError("an empty word is in every text: no pre-check")
            self._automaton.add_word(w, w)
        self._empty = len(self._automaton) == 0  # an automaton with no word cannot be built
        if not self._empty:
            self._automaton.make_automaton()

    def any_in(self, text: str) -> bool:
        return not self._empty and next(self._automaton.iter(text), None) is not None

    def found_in(self, text: str) -> set[str]:
        return set() if self._empty else {w for _, w in self._automaton.iter(text)}


class WordStarts:
    """Where the words of several lists start in a text (in its lower case, overlaps included), found in one
    pass: the offsets a pattern that begins with one of a list's words is tried at (see `finditer_at`)."""

    def __init__(self, lists: Mapping[str, Iterable[str]]):
        self._names = list(lists)
        found: dict[str, list[str]] = {}
        for name, words in lists.items():
            for w in words:
                if not w:
                    raise ValueError(f"an empty word in {name!r} starts everywhere: no pre-check")
                found.setdefault(w, []).append(name)
        self._automaton = ahocorasick.Automaton()
        for w, names in found.items():
            self._automaton.add_word(w, (len(w), names))
        if found:  # an automaton with no word cannot be built
            self._automaton.make_automaton()

    def find(self, text: str) -> dict[str, Optional[list[int]]]:
        """List name → sorted offsets where one of its words starts; None for every list when lower-casing
        changes the text's length, so that offsets in its lower case are not the text's."""
        low = text.lower()
        if len(low) != len(text):
            return dict.fromkeys(self._names)
        starts: dict[str, set[int]] = {name: set() for name in self._names}
        for end, (length, names) in self._automaton.iter(low) if len(self._automaton) else ():
            for name in names:
                starts[name].add(end - length + 1)
        return {name: sorted(at) for name, at in starts.items()}


def finditer(pattern: regex.Pattern, text: str, pos: int, endpos: int, timeout: Optional[float]) -> Iterator[regex.Match]:
    """`pattern.finditer(text, pos, endpos, timeout=timeout)`, a timeout of None left out: passing the keyword at
    all costs the regex module about a microsecond a call, which hot loops over every segment feel."""
    if timeout is None:
        return pattern.finditer(text, pos, endpos)
    return pattern.finditer(text, pos, endpos, timeout=timeout)


def match(pattern: regex.Pattern, text: str, pos: int, timeout: Optional[float]) -> Optional[regex.Match]:
    """`pattern.match(text, pos, timeout=timeout)`, a timeout of None left out (see `finditer`)."""
    return pattern.match(text, pos) if timeout is None else pattern.match(text, pos, timeout=timeout)


def search(pattern: regex.Pattern, text: str, pos: int, endpos: int, timeout: Optional[float]) -> Optional[regex.Match]:
    """`pattern.search(text, pos, endpos, timeout=timeout)`, a timeout of None left out (see `finditer`)."""
    if timeout is None:
        return pattern.search(text, pos, endpos)
    return pattern.search(text, pos, endpos, timeout=timeout)


def finditer_at(pattern: regex.Pattern, text: str, starts: Optional[list[int]], pos: int, endpos: int,
                timeout: Optional[float]) -> Iterator[regex.Match]:
    """`pattern.finditer(text, pos, endpos)` for a pattern that never matches empty and only where one of
    `starts` is (see `WordStarts`; None: everywhere): tried there alone, each match after the last one's end."""
    if starts is None:
        yield from finditer(pattern, text, pos, endpos, timeout)
        return
    end = pos
    for start in starts[bisect_left(starts, pos):]:
        if start >= endpos:
            break
        if start >= end:
            m = (pattern.match(text, start, endpos) if timeout is None
                 else pattern.match(text, start, endpos, timeout=timeout))
            if m:
                yield m
                end = m.end()
