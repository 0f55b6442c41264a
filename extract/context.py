"""What one article carries through the pipeline: its text, its segments and
what each finder has found so far. Finders read it and return their items;
they know nothing of spaCy, the command line or scheduling."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterator, Optional

from .models import Date, Finding, Indicator, Official, Source, Unit

# Segment kinds that carry the article's own content; the rest is boilerplate.
CONTENT_KINDS = frozenset({"title", "lead", "body", "caption", "dateline"})


@dataclass(frozen=True)
class Segment:
    kind: str  # chrome, clock, dateline, title, lead, body, caption, byline, source, related, ad, counter
    start: int
    end: int


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
        return ((a, b) for a, b in self.sentences if seg.start <= a and b <= seg.end)


@dataclass
class Article:
    """One input item, decoded. `title`/`published` come from HTML metadata or JSONL fields when given."""
    id: str
    text: str
    source: Source = field(default_factory=Source)
    title: Optional[str] = None
    published: Optional[str] = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class ReadError:
    """An input item that could not become an article at all (a broken JSONL line, an unreadable path)."""
    source: Source
    message: str

    def __str__(self) -> str:
        where = self.source.path or "<stdin>"
        if self.source.line is not None:
            where += f":{self.source.line}"
        return f"{where}: {self.message}"
