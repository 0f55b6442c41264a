"""The structure a figure sits in, and the province it belongs to.

A figure inside parentheses right after another figure is a part of it ('1.310 hồ sơ (1.250 …, 60 …)');
one after 'trong đó', 'gồm' … in its sentence is a listed part of the figure before the marker; one after a
head ending in ':' that heads two or more figures of its sentence is an item of that list ('tỷ lệ …: tỉnh A
đạt 61%, B (57%)'). The innermost structure wins; parentheses after a name, not a figure ('B (57%)'), only
when the figure sits in no list. 'lần lượt' is set by the finder, which pairs the names.
The words are the audit's (patterns/audit.yaml, parts_follow): both read one list of part markers.
"""
from __future__ import annotations

import bisect
from typing import Optional

import regex

from extract.context import Context
from extract.language import rules
from extract.language.words import WORD_EDGES, WordSet, finditer_at, finditer_in, fullmatch_in, word_regex
from extract.language.compiled import Patterns

_PATTERNS = Patterns(__file__)

# a body of the whole country (Bộ, Chính phủ …, agencies.yaml `tier: national`): its figures are no province's
_NATIONAL = {r.id for r in rules.load("agencies").rules if getattr(r, "tier", None) == "national"}
_PARTS_FOLLOW = word_regex(rules.load("audit").lexicons["parts_follow"], flags=regex.IGNORECASE, edges=WORD_EDGES, compile_with=_PATTERNS.compile)
_PARTS_CUES = WordSet(rules.load("audit").lexicons["parts_follow"], fold=True)  # a _PARTS_FOLLOW match is one
_CLAUSE_CUT = _PATTERNS.compile(r"[.;!?\n]")
_REACH = 400  # how far back a figure's structure is looked for, as the finder's own window
_HEAD_CHARS = 120  # a list head is a short phrase: a longer run before ':' is a sentence of its own
_GLOSS_GAP = _PATTERNS.compile(r"[ \t]*(?:[\p{L}]+[ \t]*){0,4}\($")  # '1.310 hồ sơ (': words of the figure, then '('


def structures(text: str, sentences: list[tuple[int, int]], spans: list[tuple[int, int]],
               folded: Optional[str] = None, markers: Optional[list[tuple[int, int, str]]] = None) -> list[Optional[dict]]:
    """For each figure span (in text order), its structure {kind, head} or None. Each figure looks back no
    further than _REACH and at its sentence's figures by position: a page of thousands of figures stays linear.
    `folded`: the text case-folded, `markers`: the `WordSet.hits` of the part markers, when the caller has them."""
    starts = [a for a, _ in sentences]
    fig_starts = [a for a, _ in spans]
    # where a part marker may stand: a figure with none before it is no listed part
    markers = _PARTS_CUES.hits(text, folded=folded) if markers is None else markers
    parts = bool(markers) if markers is not None else _PARTS_CUES.any_in(text, folded=folded)
    out: list[Optional[dict]] = []
    for i, (start, end) in enumerate(spans):
        si = bisect.bisect_right(starts, start) - 1
        s0, s1 = sentences[si] if si >= 0 and start < sentences[si][1] else (_line_start(text, start), end)
        s0 = max(s0, start - _REACH)
        before = spans[bisect.bisect_left(fig_starts, s0):i]
        gloss = _parenthesis(text, s0, start, before)
        out.append(gloss if gloss and gloss["head"] else parts and _listed(text, s0, start, before, markers)
                   or _list_head(text, s0, s1, start, spans, fig_starts) or gloss)
    return out


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _parenthesis(text: str, s0: int, start: int, before: list[tuple[int, int]]) -> Optional[dict]:
    opened = text.rfind("(", s0, start)
    if opened < 0 or text.rfind(")", opened, start) >= 0:
        return None
    owner = next((sp for sp in reversed(before) if sp[1] <= opened), None)
    head = owner if owner and fullmatch_in(_GLOSS_GAP, text, owner[1], opened + 1) else None
    return {"kind": "parenthesis", "head": head}


def _listed(text: str, s0: int, start: int, before: list[tuple[int, int]], markers) -> Optional[dict]:
    if markers is not None and not any(end <= start for _, end, _ in
                                       markers[bisect.bisect_left(markers, (s0,)):bisect.bisect_left(markers, (start,))]):
        return None
    marker = None  # tried only where a marker word starts
    starts = None if markers is None else [a for a, _, _ in markers]  # by start: finditer_at skips repeats
    for marker in finditer_at(_PARTS_FOLLOW, text, starts, s0, start):
        pass
    if marker is None:
        return None
    total = next((sp for sp in reversed(before) if sp[1] <= marker.start()), None)
    return {"kind": "trong_do", "head": total or marker.span()}


def _list_head(text: str, s0: int, s1: int, start: int, spans, fig_starts: list[int]) -> Optional[dict]:
    colon = text.rfind(":", s0, start)
    if colon < 0 or text[colon + 1:colon + 2].isdigit() or text[colon - 1:colon].isdigit():
        return None  # a clock ('7:30') or a ratio
    first, after = bisect.bisect_left(fig_starts, s0), bisect.bisect_left(fig_starts, colon)
    if bisect.bisect_left(fig_starts, s1) - after < 2 or first < after:
        return None  # one labelled value ('Đúng hạn: 90 hồ sơ'), or a figure before the head
    cut = max((m.end() for m in finditer_in(_CLAUSE_CUT, text, max(s0, colon - _HEAD_CHARS), colon)),
              default=max(s0, colon - _HEAD_CHARS))
    head = text[cut:colon]
    lead = len(head) - len(head.lstrip(" \t-+•*–"))
    return {"kind": "list_head", "head": (cut + lead, colon)} if head.strip(" \t-+•*–") else None


def province_of(ctx: Context, unit_ref: Optional[str], home: Optional[str]) -> Optional[str]:
    """The province of the figure's unit (a province is its own), else the article's one home province
    when the figure names no unit, or names one the gazetteer places nowhere; a national body's has none."""
    if unit_ref is None:
        return home
    unit = next((u for u in ctx.units if u.name == unit_ref), None)
    if unit is None:
        return home
    if unit.province or (unit.kind == "admin" and unit.level == "province"):
        return unit.province or unit.name  # the units step's canonical province, era resolved
    return None if unit.rule in _NATIONAL else home
_PATTERNS.save()  # every module-level pattern is built by here
