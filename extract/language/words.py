"""Word lists from the YAML rule files turned into regex: the one place that does it.

`alternation` joins literal words; `fill` puts lexicons into a pattern template
written in code (`{NAME}` stands for the lexicon `name`); `word_regex` makes a
whole-word pattern; `WordSet` finds literal words in one pass, for pre-checks, and
`finditer_at_words` tries a pattern only where they start; `WordStarts` with `finditer_at` do the same for
several lists at once; `WordSet.hits` finds a whole text's words once, `found_between` and `starts_between` read
them back for each of its parts; `WordGroups` gives the hits of several lists from one pass. `match_in`, `search_in`,
`fullmatch_in`, `finditer_in`, `split_in` (and the two above) make every regex call of the finders: their timeout is
by default the article's guard (language/guard.py), read at the call; a timeout of None is left out, and every
argument goes by position, `concurrent` False among them (see CONCURRENT): a keyword costs the regex module a
slower parse of its arguments, about a microsecond a call.
Words stay in extract/patterns/*.yaml, grammar stays in code.
"""
from __future__ import annotations

import functools
from bisect import bisect_left
from typing import Callable, Iterable, Iterator, Mapping, Optional

import ahocorasick
import regex

from extract.language import guard

# A placeholder is an upper-case name in braces; `\p{L}` is a Unicode class, not one.
PLACEHOLDER = regex.compile(r"(?<!\\[pP])\{([A-Z][A-Z_0-9]*)\}")
# Edges of a whole word: no letter (with its marks) or digit right before or after it.
LETTER_OR_DIGIT_EDGES = (r"(?<![\p{L}\p{N}])", r"(?![\p{L}\p{N}])")
WORD_EDGES = (r"(?<!\w)", r"(?!\w)")
# `concurrent`, passed by position (keywords cost the regex module a slower argument parse): False, since by
# default it releases and retakes the GIL around every call on a str and around its allocations, for threads
# a worker does not have: 5% of a worker's instructions. Positions: match(string, pos, endpos, concurrent,
# partial, timeout); finditer(string, pos, endpos, overlapped, concurrent, partial, timeout); split(string,
# maxsplit, concurrent, timeout).
CONCURRENT = False
# A timeout argument meaning: the article's guard (language/guard.py), read at the call; the helpers' default.
GUARD = "guard"


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
               tail: str = "", compile_with: Callable[[str, int], regex.Pattern] = regex.compile,
               **how) -> regex.Pattern:
    """Any of the words, as whole words (`compile_with`: a module's `Patterns.compile`, to keep it compiled)."""
    return compile_with(f"{edges[0]}(?:{alternation(words, **how)}){edges[1]}{tail}", flags)


_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")


@functools.lru_cache(maxsize=4096)
def _letter_or_digit(char: str) -> bool:  # by the regex module's Unicode tables, as the patterns see it
    return _LETTER_OR_DIGIT.match(char) is not None


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
            self._automaton.add_word(w, (w, len(w) - 1))  # the word, and how far back from its end it starts
        self._empty = len(self._automaton) == 0  # an automaton with no word cannot be built
        if not self._empty:
            self._automaton.make_automaton()

    def any_in(self, text: str, *, folded: Optional[str] = None) -> bool:
        """`folded`, here and below: the text already case-folded, when the caller has it for several word sets."""
        return not self._empty and next(self._automaton.iter(self._folded(text, folded)), None) is not None

    def starts(self, text: str, *, whole: bool = False, folded: Optional[str] = None) -> Optional[list[int]]:
        """Where the words start in the text, in order (with `whole`, only those with no letter or digit right
        before or after them); None when case-folding changed the text's length, so offsets do not line up."""
        folded = self._folded(text, folded)
        if len(folded) != len(text):
            return None
        if self._empty:
            return []
        if not whole:
            return sorted({end - back for end, (_, back) in self._automaton.iter(folded)})
        last = len(text) - 1
        found = []
        for end, (_, back) in self._automaton.iter(folded):
            start = end - back
            if not ((start and _letter_or_digit(text[start - 1])) or (end < last and _letter_or_digit(text[end + 1]))):
                found.append(start)
        return sorted(set(found)) if len(found) > 1 else found

    def hits(self, text: str, *, folded: Optional[str] = None) -> Optional[list[tuple[int, int, str]]]:
        """(start, end, word) of every word found, overlaps included, by start; None as for `starts`. Found once in a
        whole text, they are read back for each of its parts with `found_between` and `starts_between`."""
        folded = self._folded(text, folded)
        if len(folded) != len(text):
            return None
        if self._empty:
            return []
        found = [(end - back, end + 1, w) for end, (w, back) in self._automaton.iter(folded)]
        found.sort()
        return found

    def _folded(self, text: str, folded: Optional[str] = None) -> str:
        return text if not self._fold else text.casefold() if folded is None else folded

    def found_in(self, text: str, *, folded: Optional[str] = None) -> set[str]:
        return set() if self._empty else {w for _, (w, _) in self._automaton.iter(self._folded(text, folded))}


def found_between(hits: list[tuple[int, int, str]], lo: int, hi: int) -> set[str]:
    """`WordSet.found_in(text[lo:hi])`, from the text's `WordSet.hits`."""
    return {w for _, end, w in hits[bisect_left(hits, (lo,)):bisect_left(hits, (hi,))] if end <= hi}


def starts_between(hits: list[tuple[int, int, str]], text: str, lo: int, hi: int) -> list[int]:
    """`WordSet.starts(text[lo:hi], whole=True)`, from the text's `WordSet.hits`: offsets in text[lo:hi]."""
    found = []
    for start, end, _ in hits[bisect_left(hits, (lo,)):bisect_left(hits, (hi,))]:
        if end <= hi and not ((start > lo and _letter_or_digit(text[start - 1]))
                              or (end < hi and _letter_or_digit(text[end]))):
            found.append(start - lo)
    return sorted(set(found)) if len(found) > 1 else found


def _lists_automaton(lists: Mapping[str, Iterable[str]], case: Callable[[str], str],
                     value: Callable[[str, tuple[str, ...]], tuple]) -> ahocorasick.Automaton:
    """One automaton for the words of several lists, each word (in `case`) stored as `value(word, its lists)`."""
    found: dict[str, list[str]] = {}
    for name, words in lists.items():
        for w in words:
            if not w:
                raise ValueError(f"an empty word in {name!r} is in every text: no pre-check")
            names = found.setdefault(case(w), [])
            if name not in names:
                names.append(name)
    automaton = ahocorasick.Automaton()
    for w, names in found.items():
        automaton.add_word(w, value(w, tuple(names)))
    if found:  # an automaton with no word cannot be built
        automaton.make_automaton()
    return automaton


class WordStarts:
    """Where the words of several lists start in a text (in its lower case, overlaps included), found in one
    pass: the offsets a pattern that begins with one of a list's words is tried at (see `finditer_at`)."""

    def __init__(self, lists: Mapping[str, Iterable[str]]):
        self._names = list(lists)
        self._automaton = _lists_automaton(lists, str.lower, lambda w, names: (len(w), names))

    def find(self, text: str, *, low: Optional[str] = None) -> dict[str, Optional[list[int]]]:
        """List name → sorted offsets where one of its words starts; None for every list when lower-casing
        changes the text's length, so that offsets in its lower case are not the text's. `low`: the text in
        lower case, when the caller has it."""
        low = text.lower() if low is None else low
        if len(low) != len(text):
            return dict.fromkeys(self._names)
        starts: dict[str, set[int]] = {name: set() for name in self._names}
        for end, (length, names) in self._automaton.iter(low) if len(self._automaton) else ():
            for name in names:
                starts[name].add(end - length + 1)
        return {name: sorted(at) for name, at in starts.items()}


def finditer_at(pattern: regex.Pattern, text: str, starts: Optional[list[int]], pos: int, endpos: int,
                timeout: Optional[float] | str = GUARD, pick: Optional[Callable[[int], regex.Pattern]] = None,
                ) -> Iterator[regex.Match]:
    """`pattern.finditer(text, pos, endpos)` for a pattern that never matches empty and only where one of
    `starts` is (see `WordStarts`; None: everywhere): tried there alone, each match after the last one's end.
    `pick`: the part of `pattern` that can match at a start, when the caller can tell it from the text there."""
    if timeout is GUARD:
        timeout = guard.timeout
    if starts is None:
        yield from finditer_in(pattern, text, pos, endpos, timeout=timeout)
        return
    end = pos
    for start in starts[bisect_left(starts, pos):]:
        if start >= endpos:
            break
        if start >= end:
            tried = pattern if pick is None else pick(start)
            m = (tried.match(text, start, endpos, CONCURRENT) if timeout is None
                 else tried.match(text, start, endpos, CONCURRENT, False, timeout))
            if m:
                yield m
                end = m.end()


def finditer_at_words(pattern: regex.Pattern, words: WordSet, text: str, *, whole: bool = False,
                      overlapped: bool = False, timeout: Optional[float] | str = GUARD,
                      starts: Optional[list[int]] = None) -> Iterator[regex.Match]:
    """`pattern.finditer(text, overlapped=…)`, tried only where one of the words starts (see `WordSet.starts`; given
    in `starts` when the caller found them already): the same matches for a pattern whose every match starts with
    one of the words and is never empty."""
    if timeout is GUARD:
        timeout = guard.timeout
    starts = words.starts(text, whole=whole) if starts is None else starts
    if starts is None:
        yield from (pattern.finditer(text, None, None, overlapped, CONCURRENT) if timeout is None
                    else pattern.finditer(text, None, None, overlapped, CONCURRENT, False, timeout))
        return
    end = 0
    for start in starts:
        if start >= end and (m := match_in(pattern, text, start, timeout=timeout)):
            end = start + 1 if overlapped else m.end()
            yield m


def match_in(pattern: regex.Pattern, text: str, pos: Optional[int] = None, endpos: Optional[int] = None, *,
             timeout: Optional[float] | str = GUARD) -> Optional[regex.Match]:
    """`pattern.match(text, pos, endpos, timeout=timeout)`; on the timeout, see the module docstring."""
    if timeout is GUARD:
        timeout = guard.timeout
    return (pattern.match(text, pos, endpos, CONCURRENT) if timeout is None
            else pattern.match(text, pos, endpos, CONCURRENT, False, timeout))


def search_in(pattern: regex.Pattern, text: str, pos: Optional[int] = None, endpos: Optional[int] = None, *,
              timeout: Optional[float] | str = GUARD) -> Optional[regex.Match]:
    """`pattern.search(text, pos, endpos, timeout=timeout)`; on the timeout, see the module docstring."""
    if timeout is GUARD:
        timeout = guard.timeout
    return (pattern.search(text, pos, endpos, CONCURRENT) if timeout is None
            else pattern.search(text, pos, endpos, CONCURRENT, False, timeout))


def fullmatch_in(pattern: regex.Pattern, text: str, pos: Optional[int] = None, endpos: Optional[int] = None, *,
                 timeout: Optional[float] | str = GUARD) -> Optional[regex.Match]:
    """`pattern.fullmatch(text, pos, endpos, timeout=timeout)`; on the timeout, see the module docstring."""
    if timeout is GUARD:
        timeout = guard.timeout
    if timeout is None:
        return pattern.fullmatch(text, pos, endpos, CONCURRENT)
    return pattern.fullmatch(text, pos, endpos, CONCURRENT, False, timeout)


def split_in(pattern: regex.Pattern, text: str, *, timeout: Optional[float] | str = GUARD) -> list[str]:
    """`pattern.split(text, timeout=timeout)`; on the timeout, see the module docstring."""
    if timeout is GUARD:
        timeout = guard.timeout
    return pattern.split(text, 0, CONCURRENT) if timeout is None else pattern.split(text, 0, CONCURRENT, timeout)


def finditer_in(pattern: regex.Pattern, text: str, pos: Optional[int] = None, endpos: Optional[int] = None, *,
                timeout: Optional[float] | str = GUARD) -> Iterator[regex.Match]:
    """`pattern.finditer(text, pos, endpos, timeout=timeout)`; on the timeout, see the module docstring."""
    if timeout is GUARD:
        timeout = guard.timeout
    if timeout is None:
        return pattern.finditer(text, pos, endpos, False, CONCURRENT)
    return pattern.finditer(text, pos, endpos, False, CONCURRENT, False, timeout)


def any_start(starts: Optional[list[int]], pos: int, endpos: int) -> bool:
    """Whether one of `starts` (sorted; None: not known, so maybe) lies in [pos, endpos): where `finditer_at` would
    try nothing, it need not be set up."""
    if starts is None:
        return True
    i = bisect_left(starts, pos)
    return i < len(starts) and starts[i] < endpos


class WordGroups:
    """Several word lists found in one pass over a text (one automaton for all, case ignored as in `WordSet` with
    `fold`): a pass costs about as much as the text is long, so one pass serves every list."""

    def __init__(self, lists: Mapping[str, Iterable[str]], *, case: Callable[[str], str] = str.casefold):
        """`case`: what each word is made into before it is looked for (`str` keeps the words as given)."""
        self._names = list(lists)
        self._automaton = _lists_automaton(lists, case, lambda w, names: (w, len(w) - 1, names))

    def hits(self, text: str, *, folded: Optional[str] = None) -> Optional[dict[str, list[tuple[int, int, str]]]]:
        """List name → its `WordSet.hits` in the text; None when case-folding changes the text's length."""
        folded = text.casefold() if folded is None else folded
        if len(folded) != len(text):
            return None
        out: dict[str, list[tuple[int, int, str]]] = {name: [] for name in self._names}
        for end, (w, back, names) in (self._automaton.iter(folded) if len(self._automaton) else ()):
            hit = (end - back, end + 1, w)
            for name in names:
                out[name].append(hit)
        for hits in out.values():
            if len(hits) > 1:  # found by end: each list sorted by start on its own
                hits.sort()
        return out


class ArticleWords:
    """The word lists of every step, found in one pass over an article: a pass costs about as much as the text is
    long whatever the lists hold, so one serves them all. A step adds its lists at import, each word already in the
    case its own lookup uses (lower case or case-folded). The pass runs on a text whose lower case is also its
    case-folded form and keeps its length (nearly every article); for any other, `hits` is None and each step
    looks its words up alone, as before."""

    def __init__(self):
        self._lists: dict[str, list[str]] = {}
        self._groups: Optional[WordGroups] = None
        self._last: tuple = (None, None)  # the text last looked through, and what was found in it

    def add(self, name: str, words: Iterable[str]) -> str:
        """Adds (or replaces) the list `name`; returns the name, the key of its hits."""
        self._lists[name] = list(words)
        self._groups, self._last = None, (None, None)  # built again, with this list, for the next text
        return name

    def hits(self, text: str, low: Optional[str] = None, folded: Optional[str] = None,
             ) -> Optional[dict[str, list[tuple[int, int, str]]]]:
        """List name → `WordSet.hits` of its words in the text; None as said above. `low`, `folded`: the text's
        lower case and case-folded forms, when the caller has them. The last text's hits are kept, so every step
        asking of the same article gets them without a second pass."""
        last, found = self._last
        if last is text:
            return found
        low = text.lower() if low is None else low
        if len(low) != len(text) or low != (text.casefold() if folded is None else folded):
            found = None
        else:
            if self._groups is None:
                self._groups = WordGroups(self._lists, case=str)
            found = self._groups.hits(text, folded=low)
        self._last = (text, found)
        return found


    def last(self, text: str) -> Optional[dict[str, list[tuple[int, int, str]]]]:
        """`hits` of `text` when it is the text last looked through, else None: for a lookup that may be asked of
        other texts too, which must not cost the article its kept hits."""
        last, found = self._last
        return found if last is text else None


ARTICLE_WORDS = ArticleWords()


def found_in_part(words: WordSet, text: str, start: int, end: int) -> set[str]:
    """`words.found_in(text[start:end])` for a text already folded as `words` wants it, read in place, not sliced."""
    return set() if words._empty else {w for _, (w, _) in words._automaton.iter(text, start, end)}
