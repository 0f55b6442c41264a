"""The tier of a figure (`level`, per OUTPUT.md's *Tier of a figure*): tier words in scope and where they end,
the body that handles it, the authority named after procedures, counted units as territory."""
from __future__ import annotations

import bisect
from typing import Optional

import regex

from extract.context import Context
from extract.language.words import (WordSet, finditer_at, finditer_at_words, finditer_in, fullmatch_in, match_in,
                                    search_in)
from extract.indicators.cues import (_ACTS_AFTER, _APPOSITION, _AT_BACK, _AUTHORITY, _AUTHORITY_AFTER,
    _AUTHORITY_REACH, _BACK_REFERENCE, _BELOW, _BODY_HEADS, _BODY_TIER, _CITY_PROVINCE, _CLAUSE_END,
    _CLOSING_REACH, _CLOSING_STOP, _COMMUNE_WORD, _COUNCIL, _CUES, _Figure, _has, _INDEX_NAMED, _INFO_CHANNEL, _JOINED,
    _LEVEL_CUES, _LEVEL_JOINED, _LEVELS, _LEX, _LIST_HEAD, _NATIONAL, _NATIONAL_BLOCK, _NO_DISTRICTS, _NOT_LEVEL,
    _NOT_LEVEL_CUES, _NOUN, _NOUN_OF, _PLACE_WORD, _PROVINCE_TIER, _SENTENCE_END, _SOURCE_AFTER, _SOURCE_BEFORE,
    _STRONG_TIER, _SUBJECT_OPENER, _UNIT_OPENS, _UNSAID, _WINDOW, _starts_between)
from extract.indicators.subject import _cited, _glossed, _list_head_at, _sentence_start, _start_before


# ---------------------------------------------------------------- levels

def _level_marks(text: str, starts: Optional[list[int]] = None) -> list[tuple[int, Optional[str], bool, int]]:
    """(offset, tier, topic, end of its parentheses) of every tier named in the text; two tiers joined give None.
    A tier that opens its sentence (Với cấp xã, …; Tại Bộ phận Một cửa huyện …) holds for the paragraph,
    any other for its sentence; one named inside parentheses ('298 cấp xã)') only up to their close.
    `starts`: where its tier words start, when the caller found them already."""
    marks: list[tuple[int, Optional[str], bool, int]] = []
    joined_end = 0
    names = None  # looked for once a tier is named: most texts name none
    for m in finditer_at_words(_LEVELS, _LEVEL_CUES, text, starts=starts):
        if names is None:
            names = [x.span() for x in finditer_in(_NOT_LEVEL, text)] \
                if _NOT_LEVEL_CUES.any_in(text) else []
        if m.start() < joined_end or any(a <= m.start() < b for a, b in names) or _no_tier(text, m):
            continue  # the second tier of "cấp huyện và cấp xã"; "cấp tỉnh" in an index's name
        level = m.lastgroup
        if fullmatch_in(_NATIONAL_BLOCK, m.group(0)) and search_in(_NATIONAL, text, _sentence_start(text, m.start()), m.start()):
            level = None  # "toàn quốc 45%; riêng khối bộ 60%, còn khối tỉnh 41%": every province's authorities
        if level == "all":  # "toàn tỉnh" spans every tier, unless a tier was just named ("Với cấp xã, toàn tỉnh")
            if not (marks and marks[-1][1] and m.start() - marks[-1][0] < 30
                    and not search_in(_SENTENCE_END, text, marks[-1][0], m.start())):
                marks.append((m.start(), None, True, _paren_end(text, m.start())))
            continue
        end = m.end()
        while j := match_in(_LEVEL_JOINED, text, end):
            if level == "commune" and search_in(_COMMUNE_WORD, j.group(0)):
                break  # "phường, xã" is one tier
            level, end = None, j.end()
        joined_end = end
        # a tier heading a list ("Ở cấp xã: …") holds for its list, the sentence, not for the paragraph
        topic = bool(search_in(_STRONG_TIER, m.group(0))) and _is_topic(text, m.start()) and not match_in(_LIST_HEAD, text, end)
        marks.append((m.start(), level, topic, _paren_end(text, m.start())))
    return marks


def _no_tier(text: str, m: regex.Match) -> bool:
    """'Chỉ số Xanh cấp tỉnh' names an index; 'biết thông tin qua chính quyền xã' names where people learnt of it."""
    lo = max(0, m.start() - 70)
    if m.group(0).lower() == _PROVINCE_TIER and search_in(_INDEX_NAMED, text, lo, m.start()):
        return True
    lo = max(0, m.start() - 130)
    return _CHANNEL_CUES.any_in(text[lo:m.start()]) \
        and bool(search_in(_INFO_CHANNEL, text, lo, m.start()))


_CHANNEL_CUES = WordSet(_CUES["channel_words"], fold=True)  # an _INFO_CHANNEL match holds one: most windows none


def _paren_end(text: str, pos: int) -> int:
    """Where the parentheses `pos` stands in close (the text's end when it stands in none)."""
    if text.rfind("(", 0, pos) <= text.rfind(")", 0, pos):
        return len(text)
    close = text.find(")", pos)
    return close if close >= 0 else len(text)


def _is_topic(text: str, pos: int) -> bool:
    lo = max(0, pos - 61)  # only the last 60 characters matter: no scan back through the whole text
    return pos - max(text.rfind(c, lo, pos) for c in ".!?\n") <= 60


def _level_at(marks, start: int, par_start: int, sentence_start: int):
    """The last tier named before `start` in its scope (marks are in text order); _UNSAID when none is."""
    for pos, lv, strong, closed in reversed(marks[:bisect.bisect_left(marks, (start,))]):
        if closed < start:
            continue
        if pos >= (par_start if strong else sentence_start):
            return lv
        if pos < par_start:
            break
    return _UNSAID


def _acting(text: str, start: int, end: int) -> bool:
    """'có 5/9 huyện hoàn thành': counted units opening their clause, a verb after them, are the ones acting."""
    before = text[max(0, start - 40):start]
    cut = max(before.rfind(c) for c in ",;:(.\n")
    return bool(fullmatch_in(_SUBJECT_OPENER, before[cut + 1:]) and match_in(_ACTS_AFTER, text, end))


def _authority_tier(right: str) -> tuple[Optional[str], bool]:
    """(tier, said) of the bodies said to handle them: '1.680 thủ tục … thuộc thẩm quyền cấp tỉnh', '656 thủ tục
    thuộc 8 sở, ngành'; '… của các sở, ngành tỉnh, UBND cấp huyện và cấp xã' names several tiers: none."""
    m = match_in(_AUTHORITY_AFTER, right)
    if not m:
        return None, False
    stretch = right[m.end():m.end() + _AUTHORITY_REACH]
    said = {lv for _, lv, _, _ in _level_marks(regex.split(r"[;.(\n]", stretch, maxsplit=1)[0])}
    if not said:  # "thuộc Sở Tư pháp": a body whose noun has its tier
        noun = match_in(_NOUN, right, m.end())
        level = _NOUN_OF[noun.group("noun").lower()].get("level") if noun else None
        return level, level is not None
    return (said.pop() if len(said) == 1 else None), True  # "sở, ban, ngành cấp tỉnh" is one tier, said twice


def _tier_closing(right: str, end: int) -> tuple[Optional[str], int]:
    """'14 đơn vị sự nghiệp, hội, đoàn thể cấp tỉnh;': one tier closing the clause of counted bodies, no verb
    between, is theirs; (tier, where it ends in the text)."""
    tail = right.rstrip(" \t.)")
    last = None
    for last in finditer_in(_LEVELS, tail, max(0, len(tail) - _CLOSING_REACH)):
        pass
    if last is None or last.end() != len(tail) or len(tail) > _CLOSING_REACH \
            or search_in(_CLOSING_STOP, tail, 0, last.start()):
        return None, 0
    said = {lv for _, lv, _, _ in _level_marks(tail)}
    return (said.pop(), end + len(tail)) if len(said) == 1 and None not in said and "all" not in said else (None, 0)


def _tier_after(right: str) -> Optional[str]:
    """The tier named right after a counted body: '11 UBND huyện, thị xã', '2.870 Trung tâm … cấp xã'."""
    words = right.lstrip()
    m = match_in(_LEVELS, words)
    if m and m.lastgroup != "all":  # "45 cơ quan cấp tỉnh và cấp huyện": two tiers, none
        return None if match_in(_LEVEL_JOINED, words, m.end()) else m.lastgroup
    m = match_in(_BODY_TIER, right)
    return _LEX["body_tiers"][m.group("w").lower()] if m else None


def _city_tier(ctx: Context, main: Optional[str]) -> str:
    """'cấp thành phố' is the province's tier in a centrally-run city and once districts are gone, else a district's."""
    province = main or ""
    late = ctx.anchor is not None and ctx.anchor >= _NO_DISTRICTS
    return "province" if late or province.startswith(_CITY_PROVINCE) else "district"


def _new_subject(text: str, f: _Figure, places: list) -> bool:
    """A tier heading an earlier sentence ends where a sentence opens on a unit of another tier:
    'Tại cấp xã, … . Trên Cổng quốc gia, TP.HCM tiếp nhận 900 phản ánh' is the city's, not its communes';
    'Toàn tỉnh có 998 hồ sơ trễ. Trong đó, Sở Tài chính có 363 hồ sơ' is the department's."""
    s0 = _sentence_start(text, f.start)
    end = search_in(_CLAUSE_END, text, f.end, f.end + _WINDOW)
    e = end.start() if end else f.end
    starts = _starts_between(text, "levels", s0, e)  # a tier named in this sentence starts with one of its words
    if any(finditer_at(_LEVELS, text, None if starts is None else [s0 + a for a in starts], s0, e)):
        return False  # the tier was named in this sentence
    for pos, level, agency, end in places[bisect.bisect_left(places, (s0,)):]:
        if pos >= f.start:
            return False
        if (agency and (level is None or _cited(text, pos, end))) or (not agency and f.level is None) \
                or _glossed(text, pos, f.start):
            continue  # a tier gives way to a unit or body of another tier, an area-wide total to a body only
        return level != f.level  # the sentence's subject
    return False


class _Bodies:
    """The tier of the body that handles a figure when no tier word is in scope (OUTPUT.md, Tier of a figure):
    the agency named last before it in its paragraph ('UBND xã A (đạt 99%)'), else the one a bare 'Trung tâm'
    points back to, else, in a paragraph that names no unit, the body the title is about. A body cited as a
    source ('Theo Sở Nội vụ, …') or followed by an admin unit of its own ('Sở Nội vụ: tỉnh A đạt 80%') gives none."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.centre = _has(ctx.text, "back_references")  # no centre named: no bare 'Trung tâm' points back to one
        admin = {" " + u.name.lower(): u.level for u in ctx.units if u.kind == "admin"}  # as a name's last words
        self.level = {u.name: u.level for u in ctx.units if u.kind == "admin"}
        ends = tuple(admin)
        self.tier = {u.name: _agency_tier(u.name, admin, ends) for u in ctx.units if u.kind == "agency"}
        # by start, a longer one first: a container comes before the names inside it
        self.mentions = sorted((m.span[0], -m.span[1], u.kind, u.name) for u in ctx.units for m in u.mentions)
        self.mentions = [(a, -b, k, n) for a, b, k, n in self.mentions]
        title = next((ctx.text[s.start:s.end].strip().lower() for s in ctx.segments if s.kind == "title"), "")
        head = _head(title)
        head = head.lower() if head else None
        named = [m[3] for m in self.mentions if m[2] == "agency" and head and m[3].lower().startswith(head)]
        self.topic = named[0] if named else None  # "Trung tâm Phục vụ hành chính công: …" is about the centre

    def tier_at(self, pos: int, stock: bool = False) -> Optional[str]:
        """`stock`: procedures or services are a body's only when named in their sentence, and a committee's
        are its own and its communes' alike: no tier.
        A committee above the commune speaks for its whole area unless named as the authority ('thẩm quyền của')."""
        text = self.ctx.text
        s0 = _list_head_at(text, pos, max(0, pos - _WINDOW))
        s0 = _start_before(text, pos, stock) if s0 is None else s0
        window = self.mentions[bisect.bisect_left(self.mentions, (s0,)):bisect.bisect_left(self.mentions, (pos,))]
        near, reach = [], -1
        for m in window:  # outer mentions only: 'xã A' inside 'UBND xã A' is not another body
            if m[1] <= pos and m[1] > reach and not _glossed(text, m[0], pos):
                near.append(m)
            reach = max(reach, m[1])
        if near:
            start, end, kind, name = near[-1]
            if kind == "admin" and len(near) > 1 and self._locates(near[-2], near[-1]):
                start, end, kind, name = near[-2]  # "UBND xã A, huyện B (đạt 99%)": B only says where A is
            if search_in(_SOURCE_BEFORE, text, max(0, start - 8), start) or match_in(_SOURCE_AFTER, text, end):
                return None
            if kind != "agency":  # a commune named in the figure's sentence: its figures are its own, no tier lies below
                s1 = _start_before(text, pos, True)
                own = self.level.get(name) == "commune" and not stock and start >= s1 \
                    and bool(search_in(_UNIT_OPENS, text, max(s1, start - 12), start))
                return "commune" if own else None
            tier = self.tier.get(name)
            if len(near) > 1 and fullmatch_in(_JOINED, text, near[-2][1], start) and self.tier.get(near[-2][3]) != tier:
                return None  # "Chi nhánh … thành phố và Sở …": one figure for two tiers
            if match_in(_COUNCIL, name) and (stock or (tier != "commune" and not search_in(_AUTHORITY, 
                    text, max(s0, start - 40), start))):
                return None
            return tier
        back = None
        for back in finditer_in(_BACK_REFERENCE, text, s0, pos) if self.centre else ():
            pass
        back = back or self.centre and match_in(_AT_BACK, text, pos, min(len(text), pos + _WINDOW // 2))
        if back:
            word = back.group("back").lower() + " "
            named = next((m[3] for m in reversed(self.mentions[:bisect.bisect_left(self.mentions, (back.start(),))])
                          if m[2] == "agency" and m[3].lower().startswith(word)), None)
            return self.tier.get(named) if named else None
        return self.tier.get(self.topic) if self.topic and not stock else None

    def _locates(self, body: tuple, place: tuple) -> bool:
        """An admin unit right after a body, past a comma, and above the body's tier, is where the body is."""
        tier = self.tier.get(body[3])
        above = self.level.get(place[3])
        return body[2] == "agency" and tier in _BELOW and above in _BELOW[tier] \
            and bool(fullmatch_in(_APPOSITION, self.ctx.text, body[1], place[0]))

    def topic_at(self, pos: int) -> Optional[str]:
        """Bodies counted in an article about one centre, none named before them in their paragraph
        ('Trung tâm … tỉnh: …' ⏎ 'có 18 cơ quan trả kết quả đúng hạn'): the centre's, stationed there."""
        s0 = _start_before(self.ctx.text, pos, False)
        named = bisect.bisect_left(self.mentions, (pos,)) > bisect.bisect_left(self.mentions, (s0,))
        return self.tier.get(self.topic) if self.topic and not named else None


# the handling bodies' heads as a name opens with them (lower case, a space after): one startswith for them all
_HEADS = {h.lower() + " ": h for h in _BODY_HEADS}
_HEAD_OPENS = tuple(_HEADS)
_COUNCIL_OPENS = tuple(c.lower() for c in _CUES["councils"])


def _head(low: str) -> Optional[str]:
    """The first handling body's head (of `_BODY_HEADS`) the lower-case name opens with, if any."""
    low += " "
    if not low.startswith(_HEAD_OPENS):  # most names open with none
        return None
    return next(_HEADS[h] for h in _HEAD_OPENS if low.startswith(h))


def _agency_tier(name: str, admin: dict, ends: tuple) -> Optional[str]:
    """A body's tier from its name: a department is provincial; a committee of a province speaks for all tiers;
    any other body has the tier of the unit it is named after ('… xã A' → commune, 'Trung tâm … tỉnh' → province).
    `admin`: ' ' + an admin unit's lower-case name → its tier; `ends`: its keys."""
    low = name.lower()
    head = _head(low)
    if head is None:
        return None
    if _BODY_HEADS[head]:
        return _BODY_HEADS[head]
    tier = next((lv for unit, lv in admin.items() if low.endswith(unit)), None) if low.endswith(ends) else None
    if tier is None:
        words = [m.group("w") for m in finditer_in(_PLACE_WORD, low)]
        tier = _LEX["body_tiers"].get(words[-1]) if words else None
    return None if tier == "province" and low.startswith(_COUNCIL_OPENS) else tier
