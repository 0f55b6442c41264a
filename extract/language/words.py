"""Word lists from the YAML rule files turned into regex: the one place that does it.

`alternation` joins literal words; `fill` puts lexicons into a pattern template
written in code (`{NAME}` stands for the lexicon `name`); `word_regex` makes a
whole-word pattern; `WordSet` finds literal words in one pass, for pre-checks.
Words stay in extract/patterns/*.yaml, grammar stays in code.
"""
from __future__ import annotations

from typing import Callable, Iterable, Mapping

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


_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")


class WordSet:
    """Literal words found in one pass over a text (an Aho–Corasick automaton), as substrings, overlaps included:
    the pre-check that keeps a pattern off a text that cannot hold it. With `fold`, case is ignored as an
    IGNORECASE pattern ignores it (words and text are case-folded)."""

    def __init__(self, words: Iterable[str], *, fold: bool = False):
        self._automaton = ahocorasick.Automaton()
        self._fold = fold
        for w in words:
            if not w:
                raise ValueError("an empty word is in every text: no pre-check")
            w = w.casefold() if fold else w
            self._automaton.add_word(w, w)
        self._empty = len(self._automaton) == 0  # an automaton with no word cannot be built
        if not self._empty:
            self._automaton.make_automaton()

    def any_in(self, text: str) -> bool:
        return not self._empty and next(self._automaton.iter(self._folded(text)), None) is not None

    def any_word_in(self, text: str) -> bool:
        """Whether one of the words stands whole in the text: no letter or digit right before or after it."""
        folded = self._folded(text)
        if len(folded) != len(text):
            return True  # a letter folded into two: offsets no longer line up, so no pre-check
        for end, w in ([] if self._empty else self._automaton.iter(folded)):
            start = end + 1 - len(w)
            if not (start and _LETTER_OR_DIGIT.match(text, start - 1)) and not _LETTER_OR_DIGIT.match(text, end + 1):
                return True
        return False

    def _folded(self, text: str) -> str:
        return text.casefold() if self._fold else text

    def found_in(self, text: str) -> set[str]:
        return set() if self._empty else {w for _, w in self._automaton.iter(self._folded(text))}
