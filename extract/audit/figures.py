"""What the audit of an article works on: its figures (`Fig`), the total-and-parts structures found among them
(`Structure`), and the article's figures indexed by position, sentence and metric (`Audit`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from extract.audit.intervals import Interval
from extract.context import Context
from extract.language import rules
from extract.language.words import WORD_EDGES, word_regex
from extract.models import Finding, Indicator
from extract.language.compiled import Patterns

_PATTERNS = Patterns(__file__)

LEX = rules.load("audit").lexicons
_NEW_SUBJECT = word_regex(LEX["new_subject"], flags=regex.IGNORECASE, edges=WORD_EDGES, compile_with=_PATTERNS.compile)
_ITEM_CHARS = 100  # a list item is a short line: longer ones are paragraphs


@dataclass(eq=False, slots=True)
class Fig:
    """An indicator being audited, with where it sits and the interval its wording allows."""
    ind: Indicator
    sent: int
    bounds: Optional[Interval]
    period: Optional[str] = None  # the article's one name for the reporting period
    tier: Optional[str] = None  # its level, or the one level its unit is reported at when the text names none
    parent: Optional["Fig"] = None
    members: list["Fig"] = field(default_factory=list)  # the counts a summed figure stands for
    parent_by: Optional[str] = None  # the kind of structure that made `parent` its total
    strict: Optional[Interval] = None  # `bounds` with a one-sided bound read strictly (intervals.interval)
    paired: bool = False  # after 'lần lượt' in its clause: one of several names' figures, which one unsure

    @property
    def sure(self) -> Optional[Interval]:
        """The interval a check is confirmed on: a 'hơn' reaches one unit of its last digit, not ten."""
        return self.strict or self.bounds

    @property
    def metric(self) -> str:
        return self.ind.metric

    @property
    def start(self) -> int:
        return self.ind.span[0]

    @property
    def end(self) -> int:
        return self.ind.span[1]

    @property
    def group(self) -> tuple:
        return (self.ind.unit_ref, self.tier, self.period)

    @property
    def noun(self) -> str:
        """What is counted, coarsely: figures of different nouns are never added."""
        return _noun(self.metric, self.ind.unit)  # not a cached_property: its lock cost more than the lookup


@lru_cache(maxsize=4096)
def _noun(m: str, unit: str) -> str:
    unit = unit.lower()
    if unit == "%":
        return "%"
    for noun, how in LEX["nouns"].items():
        if m.startswith(tuple(how["metric_prefixes"])) or unit.startswith(tuple(how["units"])):
            return noun
    return unit


@dataclass
class Structure:
    total: Fig
    parts: list[Fig]
    complete: bool  # the parts cover the whole, so a shortfall is an error
    # what in the text sets them together: trong_do, trong_so, opens_total, parenthesis, run, list_order,
    # list_head (the article lists them), nearby or tiers (only the metric model and proximity do)
    kind: str = "trong_do"
    fit_only: bool = False  # parts that make the whole only if nothing is left unsaid: checked only when they fit

    @property
    def plain(self) -> bool:
        """The article itself makes the relation plain (OUTPUT.md, Finding): only then may it be inconsistent."""
        return self.kind in PLAIN


PLAIN = frozenset({"trong_do", "trong_so", "opens_total", "parenthesis", "list_order", "list_head", "clause_list",
                   "continued", "tiers_named", "item_lines", "next_sentence"})


@dataclass
class Audit:
    ctx: Context
    figs: list[Fig]
    sentences: list[tuple[int, int]]
    findings: list[tuple[Finding, tuple]] = field(default_factory=list)
    folded: dict[int, Optional[str]] = field(default_factory=dict)  # sentence → its case-folded text (`_folded`)

    def __post_init__(self) -> None:
        # Figures are indexed by position, sentence and metric so that no check scans them all (near-linear).
        self.counts = [f for f in self.figs if f.ind.unit != "%"]
        self.count_starts = [f.start for f in self.counts]
        self.counts_in: dict[int, list[Fig]] = {}
        self.counts_of: dict[str, list[Fig]] = {}
        self.figs_in: dict[int, list[Fig]] = {}
        for f in self.counts:
            self.counts_in.setdefault(f.sent, []).append(f)
            self.counts_of.setdefault(f.metric, []).append(f)
        for f in self.figs:
            self.figs_in.setdefault(f.sent, []).append(f)
        self._run_end: dict[int, int] = {}
        self._run_start: dict[int, int] = {}
        self._parts: Optional[dict[int, list[Fig]]] = None
        self.carried: dict[tuple[int, int], bool] = {}  # a count's span → whether it was carried over (`carried_over`)

    def parts_of(self, whole: Fig) -> list[Fig]:
        """Counts with bounds whose parent is `whole`, in text order; indexed once parents are set (after read)."""
        if self._parts is None:
            self._parts = {}
            for f in self.counts:
                if f.parent is not None and f.bounds is not None:
                    self._parts.setdefault(id(f.parent), []).append(f)
        return self._parts.get(id(whole), [])

    def bare_opening(self, si: int) -> bool:
        """Sentence si opens on its counts with no subject, place or period of its own ('Đã giải quyết …'):
        it goes on about the subject of the sentence before."""
        first = self.counts_in.get(si)
        if not first:
            return False
        opening = self.ctx.text[self.sentences[si][0]:first[0].start]
        return not any(c.isdigit() for c in opening) and not _NEW_SUBJECT.search(opening)

    def counts_between(self, first: int, last: int) -> list[Fig]:
        """Counts of sentences first..last, in text order."""
        return [f for si in range(max(first, 0), last + 1) for f in self.counts_in.get(si, ())]

    def item_run_end(self, j: int) -> int:
        """The first sentence from j on that is not a one-figure item line (memoised: lists are walked once)."""
        k = j
        while k < len(self.sentences) and k not in self._run_end and is_item(self, k):
            k += 1
        end = self._run_end.get(k, k)
        for i in range(j, k + 1):
            self._run_end[i] = end
        return end

    def item_run_start(self, j: int) -> int:
        """The last sentence from j back that is not a one-figure item line (memoised)."""
        k = j
        while k >= 0 and k not in self._run_start and is_item(self, k):
            k -= 1
        start = self._run_start.get(k, k)
        for i in range(k, j + 1):
            self._run_start[i] = start
        return start


def is_item(audit: Audit, si: int) -> bool:
    """A short line of its own holding one count: '- Trễ hạn: 90 hồ sơ', 'Đúng hạn | 40.102 hồ sơ'."""
    text, (a, b) = audit.ctx.text, audit.sentences[si]
    if len(audit.counts_in.get(si, [])) != 1 or b - a > _ITEM_CHARS:
        return False
    line_end = text.find("\n", b)
    return not text[text.rfind("\n", 0, a) + 1:a].strip() and not text[b:line_end if line_end >= 0 else None].strip()


_PATTERNS.save()  # every module-level pattern is built by here
