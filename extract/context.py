"""What one article carries through the pipeline: its text, its segments and
what each finder has found so far. Finders read it and return their items;
they know nothing of spaCy, the command line or scheduling."""
from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from extract.models import Date, Finding, Indicator, Official, Source, Unit

# Segment kinds that carry the article's own content; the rest is boilerplate.
CONTENT_KINDS = frozenset({"title", "lead", "body", "caption", "dateline"})


@dataclass(frozen=True)
class Segment:
    kind: str  # chrome, clock, dateline, title, lead, body, caption, byline, source, related, ad, counter
    start: int
    end: int


@dataclass
class Places:
    """What the article says about where it is: its admin units and the ones it implies."""
    units: list[Unit] = field(default_factory=list)
    weight: Counter = field(default_factory=Counter)  # unit name → mentions, agencies included
    types: dict[str, Optional[str]] = field(default_factory=dict)  # unit name → its type word (Huyện, Phường …)
    agencies: list[Unit] = field(default_factory=list)
    date: Optional[dt.date] = None  # the date its names are read at: before or since the 2025 reform

    @property
    def provinces(self) -> list[Unit]:
        return [u for u in self.units if u.level == "province"]

    def main_province(self) -> Optional[str]:
        """The one province the article names, or names far more than any other; else its units' one province.
        A former province named beside the one it merged into counts as that one."""
        weight = Counter({u.name: self.weight[u.name] for u in self.provinces})
        current = {u.name for u in self.provinces if u.successor is None}
        for u in self.provinces:
            if u.successor is not None and u.successor.name in current and u.successor.name != u.name:
                weight[u.successor.name] += weight.pop(u.name, 0)
        named = set(weight)
        if len(named) == 1:
            return named.pop()
        ranked = sorted(weight.values(), reverse=True)
        if len(ranked) > 1 and ranked[0] >= 2 * ranked[1]:
            return next(n for n in named if weight[n] == ranked[0])
        below = {u.province for u in self.units if u.level != "province" and u.province}
        if len(below) == 1 and (not named or below <= named):
            return below.pop()
        return None

    def main(self, type_word: Optional[str] = None, levels: Iterable[str] = ("district",)) -> Optional[Unit]:
        """The most-mentioned unit of this type (or of these levels); None when two tie."""
        pool = [u for u in self.units if u.level in levels and (type_word is None or self.types.get(u.name) == type_word)]
        if not pool:
            return None
        ranked = sorted(pool, key=lambda u: (-self.weight[u.name], u.mentions[0].span[0] if u.mentions else 0))
        if len(ranked) > 1 and self.weight[ranked[0].name] == self.weight[ranked[1].name] \
                and ranked[0].name != ranked[1].name:
            return None
        return ranked[0]  # of same-named units in two provinces, the one the article names first is its own

    def home(self) -> Optional[str]:
        """The clearly most named admin unit: what a figure with no unit of its own belongs to."""
        admin = sorted((u for u in self.units if u.mentions), key=lambda u: -len(u.mentions))
        if admin and (len(admin) == 1 or len(admin[0].mentions) > len(admin[1].mentions)):
            return admin[0].name
        return None


@dataclass
class Context:
    id: str
    text: str
    source: Source = field(default_factory=Source)
    segments: list[Segment] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # spans inside content segments
    title: Optional[str] = None
    published: Optional[str] = None
    authors: list[str] = field(default_factory=list)
    # The date relative expressions resolve against: publication date, else the
    # article's latest full date (set by the dates finder when publication is unknown).
    anchor: Optional[dt.date] = None
    anchor_from_published: bool = False
    places: Optional[Places] = None
    dates: list[Date] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    audit: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def content(self, kinds: frozenset[str] = CONTENT_KINDS) -> Iterator[Segment]:
        """Segments that may yield items (never menus, clocks, counters, related news, ads)."""
        return (s for s in self.segments if s.kind in kinds)

    def segment_at(self, offset: int) -> Optional[Segment]:
        for s in self.segments:
            if s.start <= offset < s.end:
                return s
        return None

    def sentences_in(self, seg: Segment) -> Iterator[tuple[int, int]]:
        """The sentences inside a segment, in order: found by position, since an article may have thousands."""
        starts = self._sentence_starts()
        if starts is None:  # not in text order: every sentence is looked at
            return ((a, b) for a, b in self.sentences if seg.start <= a and b <= seg.end)
        i = bisect.bisect_left(starts, seg.start)
        j = bisect.bisect_right(starts, seg.end)
        return ((a, b) for a, b in self.sentences[i:j] if b <= seg.end)

    def lower(self) -> str:
        """The text in lower case, made once for all the steps that look words up in it."""
        if getattr(self, "_lower_of", None) is not self.text:
            self._lower, self._lower_of = self.text.lower(), self.text
        return self._lower

    def folded(self) -> str:
        """The text case-folded (as IGNORECASE patterns and folding word sets see it), made once for all steps."""
        if getattr(self, "_folded_of", None) is not self.text:
            self._folded, self._folded_of = self.text.casefold(), self.text
        return self._folded

    def _sentence_starts(self) -> Optional[list[int]]:
        key = (id(self.sentences), len(self.sentences))
        if getattr(self, "_starts_key", None) != key:
            starts = [a for a, _ in self.sentences]
            self._starts = starts if all(x <= y for x, y in zip(starts, starts[1:])) else None
            self._starts_key = key
        return self._starts
