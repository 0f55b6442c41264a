"""Whose figure it is and for when: the unit or agency a figure belongs to (`unit_ref`), whole-country
figures that belong to none, and the period it covers."""
from __future__ import annotations

import bisect
import functools
from typing import Optional

from extract.context import Context
from extract.language.words import fullmatch_in, match_in, search_in
from extract.indicators.cues import (_BULLET, _BULLET_OPENS, _COMPARED, _COUNCIL, _CUES, _Figure, _GROUP_JOIN, _has,
    _INDEX_NAMED, _INDEX_PART, _MINISTRY_INDEX, _NATIONAL_LOCALITIES, _NATIONAL_SCOPE, _NEXT_ITEM, _PERIOD_RANK,
    _SOURCE_AFTER, _SOURCE_BEFORE, _SUBJECT_OPENING, _UNNAMED, _WINDOW)


def _list_head_at(text: str, pos: int, lo: int) -> Optional[int]:
    """Where the head of the bulleted list whose item holds `pos` starts ('Cấp xã:' ⏎ '- nhận 500 hồ sơ'), if any."""
    start = _line_start(text, pos, lo)
    if text[start:start + 1] not in _BULLET_OPENS or not match_in(_BULLET, text, start):
        return None
    floor = max(lo, pos - _WINDOW)
    while start > floor:
        prev = _line_start(text, start - 1, floor)
        if text[prev:start - 1].rstrip().endswith(":"):
            return prev
        if text[prev:prev + 1] not in _BULLET_OPENS or not match_in(_BULLET, text, prev):
            return None
        start = prev
    return None


def _line_start(text: str, pos: int, lo: int) -> int:
    return max(lo, text.rfind("\n", 0, pos) + 1)


def _cited(text: str, start: int, end: int) -> bool:
    """'Theo Sở Nội vụ, …', 'Sở Nội vụ cho biết …': a body cited as the source, not the one handling."""
    return bool(search_in(_SOURCE_BEFORE, text, max(0, start - 8), start) or match_in(_SOURCE_AFTER, text, end))


def _start_before(text: str, pos: int, sentence: bool) -> int:
    """Where the paragraph (or sentence) of `pos` starts, looked for no further back than the window."""
    lo = max(0, pos - _WINDOW)
    start = max(lo, text.rfind("\n", lo, pos) + 1)
    return max(start, text.rfind(". ", start, pos) + 1) if sentence else start


@functools.lru_cache(maxsize=256)  # a figure's sentence is looked for by half a dozen of the finder's parts
def _sentence_start(text: str, pos: int) -> int:
    line = text.rfind("\n", 0, pos)
    cut = max(line, text.rfind(". ", line + 1, pos))  # no search past the line: many short lines stay linear
    return cut + 1


def _unit_ref(ctx: Context, pos: int, named: list[tuple[int, int, str]]) -> Optional[str]:
    """The unit or body named last before the figure in its sentence, unless another item of a list of named
    figures stands between them ('Sở A (88), Ban B (40)': 40 is Ban B's, whether or not B is a known unit)."""
    s0 = _sentence_start(ctx.text, pos)
    near = [m for m in named[bisect.bisect_left(named, (s0,)):bisect.bisect_left(named, (pos,))]
            if not _glossed(ctx.text, m[0], pos)]
    if not near:
        return None
    start, end, name = near[-1]
    if item := search_in(_NEXT_ITEM, ctx.text[end:pos]):  # its own item's name: a council, or unknown
        councils = [(m.span[0], u.name) for u in ctx.units for m in u.mentions if end + item.start() < m.span[0] < pos]
        return max(councils)[1] if councils else _UNNAMED
    before = [m for m in near if m[1] <= start]
    if before and fullmatch_in(_GROUP_JOIN, ctx.text, before[-1][1], start):
        return _UNNAMED  # 'các huyện A, B và C đạt 70%': one figure of several units, no one unit's
    return name


def _subject_before(ctx: Context, pos: int) -> Optional[str]:
    """'Sở Tư pháp giải quyết 900 hồ sơ. Số hồ sơ đúng hạn là 880': a sentence naming no unit goes on with the body
    that opens the sentence before it in its paragraph (after a time phrase at most), unless that body is only cited."""
    text = ctx.text
    s0 = _sentence_start(text, pos)
    if s0 < 1 or text[s0 - 1] != ".":
        return None  # the figure's sentence opens its paragraph
    ps = _sentence_start(text, s0 - 1)
    named = sorted((m.span[0], -m.span[1], u) for u in ctx.units for m in u.mentions if ps <= m.span[0] < s0)
    if not named:
        return None
    start, end, body = named[0][0], -named[0][1], named[0][2]
    if body.kind != "agency" or match_in(_COUNCIL, body.name) or not fullmatch_in(_SUBJECT_OPENING, text, ps, start) \
            or _cited(text, start, end):
        return None
    return max((m for m in named if m[0] < end), key=lambda m: m[0])[2].name  # as in its own sentence: the unit inside its name


def _national(text: str, f: _Figure) -> bool:
    """A figure of the whole country, said where its sentence names no unit before it: the sentence says so
    before it ('Chỉ số … của các tỉnh, thành phố đạt trung bình 86%'), or it counts provinces in a sentence
    that speaks of the country ('Có 30/63 địa phương … cao hơn mức của cả nước'). A rank is always its unit's."""
    if f.family == "rank":
        return False
    s0 = _sentence_start(text, f.start)
    before = text[s0:f.start]
    index = _has(text, "index_names")
    if _country_wide(text, before) or (index and search_in(_INDEX_NAMED, before) and (
            search_in(_INDEX_PART, text, f.start, f.end) or search_in(_MINISTRY_INDEX, before))):
        return True  # 'Chỉ số … cấp bộ xếp hạng 17 bộ', 'Bộ chỉ số … gồm 41 tiêu chí': the index's method
    if f.unit not in _CUES["province_counts"]:
        return False
    ends = [i for i in (text.find("\n", f.end, f.end + _WINDOW), text.find(". ", f.end, f.end + _WINDOW)) if i >= 0]
    sentence = text[s0:min(ends, default=min(len(text), f.end + _WINDOW))]
    return _country_wide(text, sentence) or index and bool(search_in(_INDEX_NAMED, sentence))


def _country_wide(text: str, words: str) -> bool:
    """`words`: a part of the article `text`."""
    return _has(text, "national_scope") and bool(search_in(_NATIONAL_SCOPE, words)) or bool(
        _has(text, "national_localities") and search_in(_NATIONAL_LOCALITIES, words)
        and search_in(_INDEX_NAMED, words))


def _glossed(text: str, start: int, pos: int) -> bool:
    """A unit inside parentheses closed before the figure only locates the one before it: 'xã Tân Phú (tỉnh Đồng Nai)'."""
    return ")" in text[start:pos] and text.rfind("(", 0, start) > text.rfind(")", 0, start)  # cheap test first


def _period(ctx: Context, pos: int, dated: tuple[list[int], list]) -> Optional[str]:
    """The period stated before the figure in its sentence: the most named one, else the nearest."""
    s0 = _sentence_start(ctx.text, pos)
    starts, dates = dated
    near = dates[bisect.bisect_left(starts, s0):bisect.bisect_left(starts, pos)]
    return min(near, key=lambda d: (_PERIOD_RANK.get(d.type, 3), -d.span[0])).value if near else None


def _compared(ctx: Context, d) -> bool:
    return _has(ctx.text, "comparisons") and bool(search_in(_COMPARED, ctx.text[max(0, d.span[0] - 30):d.span[0]]))


def _reporting_period(ctx: Context) -> Optional[str]:
    """The first span of time (quarter, year, interval …) named in the title or lead.

    A headline's year is refined by a span inside that year named after it ("năm 2020" … "Từ 01/01/2020 đến 15/11/2020").
    """
    lead_end = min((s.end for s in ctx.segments if s.kind == "lead"), default=600)
    periods = [d for d in ctx.dates if d.type != "date" and d.span[0] < lead_end and not _compared(ctx, d)]
    if not periods:
        return None
    first = periods[0]
    if first.type == "year":
        inside = [d for d in periods[1:] if d.type != "year" and d.value.startswith(first.value)
                  and all(part.startswith(first.value) for part in d.value.split("/"))]
        if inside:
            return inside[0].value
    return first.value
