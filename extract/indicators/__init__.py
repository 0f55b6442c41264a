"""Indicators: reported quantities with what they count and what they measure.

A figure is a number (extract/indicators/numbers.py) that is a percentage, is followed by
a counted noun, is a rank, or stands bare in a list whose head noun it counts.
Its metric comes from the nearest keyword before it (else right after its
noun, else from the figure before it in the clause); tier, service levels,
qualifier and change from the words around it. Words live in
patterns/indicators.yaml.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional

import regex

from extract.context import Context
from extract.indicators import numbers
from extract.language import metrics, rules
from extract.language.words import WordSet, alternation, fill, finditer_at, word_regex
from extract.models import Indicator
from extract.language import guard

_WINDOW = 400  # how far back a clause or a list head is looked for: bounds the work per figure
_RF = rules.load("indicators")
_LEX = _RF.lexicons
_I = regex.IGNORECASE
# A pattern anchored at the end ($) is tried from there, not from every start before it: `match` reads it backwards
# from the end of the text (or of its endpos), the one place it can match.
_AT_END = _I | regex.REVERSE


_CUES = _LEX["cues"]
_COMMUNE_TYPES = [t for t, levels in rules.load("units").lexicons["levels"].items() if levels == ["commune"]]


def _cue_re(template: str, flags: int = _I) -> regex.Pattern:
    """A pattern whose {NAME}s are cue lists of indicators.yaml, tried in the order written."""
    return regex.compile(fill(template, _CUES, longest_first=False), flags)


_BODY_NAME_AFTER = regex.compile(rf"[ \t]+(?:{alternation(_LEX['unit_words'])})(?![\p{{L}}])")
_NOUN_OF = {f.lower(): n for n in _LEX["nouns"] for f in n["forms"]}
_NOUN = regex.compile(rf"[ \t]*(?P<noun>{alternation(_NOUN_OF)})(?![\p{{L}}\p{{N}}])", _I)
_QUALIFIER = regex.compile(rf"(?<![\p{{L}}])(?P<q>{alternation(_LEX['qualifiers'])})[ \t]+$", _AT_END)
_QUALIFIER_REACH = max(map(len, _LEX["qualifiers"])) + 4
_BOUND_AFTER = regex.compile(rf"[ \t]*(?P<b>{alternation(_LEX['bounds_after'])})(?![\p{{L}}])", _I)
_NOT_FIGURE = regex.compile(
    rf"(?:(?<![\p{{L}}])(?:{alternation(_LEX['not_figure_before'])})[ \t]*[:.\-]?[ \t]*"
    + fill(r"|\p{L}[-+]|\d(?::|{CLOCK_MARKS})|\d[.,]|(?<!(?:{NOT_BEFORE_NUMBER_WORD}) )(?:{NUMBER_WORDS}) |/)$",
           _CUES, longest_first=False), _AT_END)
# A day/month or hour written after the number, a document number, an e-mail or web address.
_NOT_FIGURE_AFTER = _cue_re(r"(?::|{CLOCK_MARKS_AFTER})\d|/\d+/|/\s?\p{Lu}|[-/][\p{Lu}]|@|\.\p{L}", 0)
_DATE_AFTER = regex.compile(r"[./-]\d{1,2}(?![\d%])")
# "/" first, not "[ \t]*/": a leading optional run before a literal makes the regex module look for
# that literal to the end of the text on every match() call, which is quadratic on a long page.
_OF = regex.compile(r"(?:/|[ \t]+/)[ \t]*(?P<of>\d{1,3}(?:\.\d{3})+|\d+(?:[.,]\d+)?)(?![\d/])")
# "5,3 điểm %" and "1,2 điểm phần trăm" are percentage points: a change of a rate, still in %
_PERCENT = _cue_re(r"[ \t]*(?:{POINT_WORDS}[ \t]*)?(?:%|％|{PERCENT_WORDS}(?![\p{L}]))")
_BARE_END = _cue_re(r"[ \t]*(?:[,;.:)(/]|{CONJUNCTIONS}(?!\p{L})|$)", 0)
_RANK_BEFORE = _cue_re(r"(?<![\p{L}]){RANK_VERBS}(?:[ \t]+{RANK_PLACES})?[ \t]+(?:{ORDINAL_MARKS}[ \t]+)?$", _AT_END)
# "thứ ba", "thứ mười hai" (a number-word run, else one ordinal word such as nhất), "đầu tiên"
_ORDINAL = (r"(?:{ORDINAL_MARKS}[ \t]+(?P<w>" + numbers.RUN + "|" + alternation(_LEX["ordinals"])
            + r")|(?P<w>" + alternation(_LEX["ordinals_unmarked"]) + r"))(?![\p{L}])")
_RANK_WORD = _cue_re(r"(?<![\p{L}]){RANK_WORD_VERBS}(?:[ \t]+{RANK_PLACES})?[ \t]+(?P<t>" + _ORDINAL + ")")
_RANK_MORE = _cue_re(r"[ \t]*(?:,|{CONJUNCTIONS})[ \t]+(?P<t>" + _ORDINAL + ")")  # "… thứ hai và thứ ba"
_APPROX = _cue_re(r"(?<![\p{L}]){APPROX_HEADS}[ \t]+(?P<w>" + alternation(_LEX["approx_words"]) + r")(?![\p{L}])")
_FRACTION = regex.compile(rf"(?<![\p{{L}}])(?P<w>{alternation(_LEX['fraction_words'])})(?![\p{{L}}])", _I)
# Pre-checks: the words each of _RANK_WORD, _APPROX and _FRACTION cannot match without, found in one pass
_RANK_WORD_CUES, _APPROX_CUES, _FRACTION_CUES = (
    {w.casefold() for w in ws} for ws in (_CUES["rank_word_verbs"], _CUES["approx_heads"], _LEX["fraction_words"]))
_CANDIDATE_CUES = WordSet([*_RANK_WORD_CUES, *_APPROX_CUES, *_FRACTION_CUES], fold=True)
_LEVEL_CUES = WordSet([w for ws in _LEX["levels"].values() for w in ws], fold=True)  # a _LEVELS match starts with one
_CHANGE_CUES = WordSet(_CUES["increase_words"] + _CUES["decrease_words"], fold=True)  # a _CHANGE match starts with one
_RESPECTIVELY_CUES = WordSet(_CUES["respectively"], fold=True)  # a _RESPECTIVELY match starts with one
_DOSSIER_CUES = WordSet([f for f, n in _NOUN_OF.items() if n["family"] == "dossier"], fold=True)  # _DOSSIER_NOUN needs one
_RANGE = _cue_re(r"[ \t]*(?:[-–]|{RANGE_WORDS}(?![\p{L}]))[ \t]*\d+(?:[.,]\d+)*")
_AT_LEAST_AFTER = _cue_re(r"[ \t]*{AT_LEAST_AFTER}(?![\p{L}])")
_FROM_BEFORE = _cue_re(r"(?<![\p{L}]){FROM_WORDS}[ \t]+$")
_CHANGE = _cue_re(r"(?<![\p{L}])(?P<v>{INCREASE_WORDS}|{DECREASE_WORDS})(?![\p{L}])(?![ \t]+{NOT_CHANGE_AFTER}(?![\p{L}]))")
_RANK_CHANGE = _cue_re(r"(?<![\p{L}])(?P<v>{RANK_UP}|{RANK_DOWN})(?:[ \t]+{RANK_CHANGE_FILLERS})?[ \t]+$")
_RANK_OF = _cue_re(r"[ \t]+{RANK_OF_WORDS}(?:[ \t]+(?:{TOTAL_WORDS}[ \t]+)?{NUMBER_WORDS})?[ \t]+(?P<of>\d+)(?![\d.,])")
_LEVELS = regex.compile(
    "|".join(rf"(?P<{lv}>(?<![\p{{L}}])(?:{alternation(ws)})(?![\p{{L}}]))" for lv, ws in _LEX["levels"].items()), _I)
_BODY_TIER = _cue_re(r"[ \t]+(?:{PLURAL_MARKS}[ \t]+)?(?P<w>" + alternation(_LEX["body_tiers"]) + r")(?![\p{L}])")
_STRONG_TIER = _cue_re(r"{STRONG_TIERS}")
_LIST_HEAD = regex.compile(r"[ \t]*:(?![ \t]*\n)")
_LEVEL_JOINED = _cue_re(r"[ \t]*(?:,[ \t]*{RANGE_WORDS}?|{CONJUNCTIONS}|{RANGE_WORDS})[ \t]+(?:"
                         + alternation(_LEX["level_joined"]) + r")(?![\p{L}])")
_SERVICE = _cue_re(r"{SERVICE_LEVEL_WORDS}[ \t]*[1-4](?![\d,.]\d)"
                   r"(?:[ \t]*(?:,|{CONJUNCTIONS}|-|/)[ \t]*(?:{SERVICE_LEVEL_WORDS}[ \t]*)?[1-4](?![\d,.]\d))*")
_CLAUSE_END = regex.compile(r"[;\n]|[.!?](?=[ \t]+\p{Lu})|:(?=[ \t]*\n)")
_LAST_CLAUSE_END = regex.compile(_CLAUSE_END.pattern, regex.REVERSE)  # one character: the last of finditer
_STOP_RIGHT = _cue_re(r"[,;.()]|(?<![\p{L}]){STOP_RIGHT}(?![\p{L}])")
_ENGLISH_THOUSANDS = regex.compile(r"\d{1,3}(?:,\d{3})+")
_LEVEL_DIGIT = regex.compile(r"[1-4]")
_REACHES = _cue_re(r"(?<![\p{L}]){REACH_VERBS}(?![\p{L}])")  # "tăng …, đạt 90%": a level, not a change
_COMMUNE_WORD = regex.compile(alternation(_COMMUNE_TYPES), _I)
_RATE_VERB_END = _cue_re(r"{RATE_VERBS}[ \t]*$", _AT_END)
_POINTS_SAID = _cue_re(r"(?:[^.;\n%]|\.(?=\d)){0,60}?\d[ \t]*{POINT_WORDS}(?![\p{L}])")  # the sentence goes on in points
# "phấn đấu đạt 80%", "vượt mục tiêu đề ra là 96%": an aim, unless "đã" says it was reached after the word
_TARGET = _cue_re(r"(?<![\p{L}]){TARGET_WORDS}(?![\p{L}])(?![^;]*(?<![\p{L}]){DONE_WORDS}(?![\p{L}]))")
_RANK_IS = _cue_re(r"(?<![\p{L}]){RANK_HEADS}(?![\p{L}])[^,;.\n]{0,100}(?:{COPULAS}|:)[ \t]*$", _AT_END)  # "xếp hạng … là 19/63"
_LIST_ITEM = regex.compile(r"[ \t]*\)[ \t]*;[ \t]*[^;()\d\n]{1,60}\([^;()\d\n]{0,15}")
_STOP_MODIFIER = _cue_re(r"[,;()]|\.(?!\d)|\d|(?<![\p{L}]){PARTS_FOLLOW}(?![\p{L}])")


def _keyword_map(groups: dict) -> tuple[regex.Pattern, dict]:
    lookup = {w.lower(): key for key, ws in groups.items() for w in ws}
    pattern = word_regex(lookup, flags=_I)
    _KEYWORD_STARTS[pattern] = WordSet(lookup, fold=True)
    return pattern, lookup


_KEYWORD_STARTS: dict[regex.Pattern, WordSet] = {}  # where a keyword pattern can match: its words, standing whole


_SPECIFIC, _SPECIFIC_OF = _keyword_map(metrics.cues("dossier"))
_GENERIC, _GENERIC_OF = _keyword_map(metrics.cues("dossier", "verbs"))
_PROC_KIND, _PROC_KIND_OF = _keyword_map(metrics.cues("procedure"))
_RATE_OF = metrics.RATE_OF
_DOSSIER_NOUN = word_regex([f for f, n in _NOUN_OF.items() if n["family"] == "dossier"], flags=_I)
_INDEX_WORDS = _cue_re(r"{INDEX_CONTEXT}")
_FAMILY_METRIC = metrics.ONLY_METRIC


@dataclass
class _Figure:
    start: int
    end: int
    value: float
    unit: str
    metric: str
    rule: str
    qualifier: str = "exact"
    level: Optional[str] = None
    service_levels: list[int] = field(default_factory=list)
    of: Optional[float] = None
    change: Optional[str] = None
    family: str = "other"
    target: bool = False  # stated as an aim ("phấn đấu đạt 80%"), not as achieved
    tier_said: bool = False  # a tier word in scope decided `level` (None included: "toàn tỉnh" spans tiers)


# ---------------------------------------------------------------- keywords

def _names_body(text: str, m: regex.Match) -> bool:
    """'Bưu điện tỉnh Long An tiếp nhận …': a capitalised keyword before a unit word names an agency, not a channel."""
    return m.group(0)[:1].isupper() and bool(_BODY_NAME_AFTER.match(text, m.end()))


def _last_keyword(pattern: regex.Pattern, lookup: dict, text: str) -> Optional[str]:
    """The keyword ending nearest the end of `text` (the longest when two end together)."""
    best = None
    for m in finditer_at(pattern, _KEYWORD_STARTS[pattern], text, whole=True, overlapped=True, timeout=guard.timeout):
        if _names_body(text, m):
            continue
        if best is None or (m.end(), len(m.group(0))) > (best.end(), len(best.group(0))):
            best = m
    return lookup[best.group(0).lower()] if best else None


def _first_keyword(pattern: regex.Pattern, lookup: dict, text: str) -> Optional[str]:
    found = [x for x in finditer_at(pattern, _KEYWORD_STARTS[pattern], text, whole=True, overlapped=True,
                                    timeout=guard.timeout) if not _names_body(text, x)]
    if not found:
        return None
    first = min(x.start() for x in found)
    longest = max((x for x in found if x.start() == first), key=lambda x: len(x.group(0)))
    return lookup[longest.group(0).lower()]


def _modifier(right: str) -> str:
    """The words right after a figure that say what it is, up to the next figure or list comma."""
    cut = _STOP_MODIFIER.search(right, timeout=guard.timeout)
    return right[:cut.start()] if cut else right


def _dossier_metric(left: str, right: str, same: Optional[str] = None) -> str:
    """Nearest specific word before, else right after; then generic verbs; then the list's previous item."""
    return (_last_keyword(_SPECIFIC, _SPECIFIC_OF, left) or _first_keyword(_SPECIFIC, _SPECIFIC_OF, right)
            or _last_keyword(_GENERIC, _GENERIC_OF, left) or _first_keyword(_GENERIC, _GENERIC_OF, right)
            or same or "dossiers_received")


def _rate_metric(left: str, right: str, prev: Optional[_Figure], clause: str) -> str:
    # "giải quyết 98% hồ sơ đúng hạn": what the share is of, said right after it, beats the verb before it
    said = (_last_keyword(_SPECIFIC, _SPECIFIC_OF, left) or _first_keyword(_SPECIFIC, _SPECIFIC_OF, right)
            or _last_keyword(_GENERIC, _GENERIC_OF, left))
    if said:
        return _RATE_OF.get(said, "rate_other")
    if prev is not None and (prev.family == "dossier" or prev.unit == "%"):
        return _RATE_OF.get(prev.metric, "rate_other")
    kinds = {_SPECIFIC_OF[m.group(0).lower()] for m in finditer_at(
        _SPECIFIC, _KEYWORD_STARTS[_SPECIFIC], right + " " + clause, whole=True, timeout=guard.timeout)}
    rates = {_RATE_OF[k] for k in kinds if k in _RATE_OF}
    return rates.pop() if len(rates) == 1 else "rate_other"


def _procedure_metric(left: str, right: str) -> str:
    if _SERVICE.search(left, timeout=guard.timeout) or any(p in left.lower() for p in _CUES["online_level_phrases"]):
        return "online_services"
    return _first_keyword(_PROC_KIND, _PROC_KIND_OF, right) or _last_keyword(_PROC_KIND, _PROC_KIND_OF, left) or "procedures"


def _service_levels(left: str, right: str) -> list[int]:
    m = None
    for m in _SERVICE.finditer(left, timeout=guard.timeout):
        pass
    if m is None:
        m = _SERVICE.search(right, timeout=guard.timeout)
        cut = _STOP_RIGHT.search(right, timeout=guard.timeout)
        if m and cut and cut.start() < m.start():
            m = None
    return sorted({int(d) for d in _LEVEL_DIGIT.findall(m.group(0))}) if m else []


def _change(left: str) -> Optional[str]:
    m = None
    for m in finditer_at(_CHANGE, _CHANGE_CUES, left, timeout=guard.timeout):
        pass
    after = left[m.end():] if m else ""
    if m is None or _REACHES.search(after) or after.count("(") > after.count(")"):
        return None  # "cao hơn mức chung (95,4%)": the figure in parentheses is the other level, not the change
    return "increase" if m.group("v").lower() in _CUES["increase_words"] else "decrease"


# ---------------------------------------------------------------- levels

def _level_marks(text: str) -> list[tuple[int, Optional[str], bool, int]]:
    """(offset, tier, topic, end of its parentheses) of every tier named in the text; two tiers joined give None.
    A tier that opens its sentence (Với cấp xã, …; Tại Bộ phận Một cửa huyện …) holds for the paragraph,
    any other for its sentence; one named inside parentheses ('298 cấp xã)') only up to their close."""
    marks: list[tuple[int, Optional[str], bool, int]] = []
    joined_end = 0
    for m in finditer_at(_LEVELS, _LEVEL_CUES, text, timeout=guard.timeout):
        if m.start() < joined_end:
            continue  # the second tier of "cấp huyện và cấp xã"
        level = m.lastgroup
        if level == "all":  # "toàn tỉnh" spans every tier, unless a tier was just named ("Với cấp xã, toàn tỉnh")
            if not (marks and marks[-1][1] and m.start() - marks[-1][0] < 30):
                marks.append((m.start(), None, True, _paren_end(text, m.start())))
            continue
        end = m.end()
        while j := _LEVEL_JOINED.match(text, end, timeout=guard.timeout):
            if level == "commune" and _COMMUNE_WORD.search(j.group(0)):
                break  # "phường, xã" is one tier
            level, end = None, j.end()
        joined_end = end
        # a tier heading a list ("Ở cấp xã: …") holds for its list, the sentence, not for the paragraph
        topic = bool(_STRONG_TIER.search(m.group(0))) and _is_topic(text, m.start()) and not _LIST_HEAD.match(text, end)
        marks.append((m.start(), level, topic, _paren_end(text, m.start())))
    return marks


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


_UNSAID = object()


# ---------------------------------------------------------------- reading one paragraph

def _clause_start(text: str, pos: int, lo: int) -> int:
    lo = max(lo, pos - _WINDOW)
    m = _LAST_CLAUSE_END.search(text, lo, pos, timeout=guard.timeout)
    return m.end() if m else lo


def _right_context(text: str, pos: int, hi: int) -> str:
    hi = min(hi, pos + _WINDOW)
    end = _CLAUSE_END.search(text, pos, hi, timeout=guard.timeout)
    return text[pos:end.start() if end else hi]


def _excluded(text: str, n: numbers.Number, lo: int, blocked) -> bool:
    if any(a <= n.start < b for a, b in blocked):
        return True
    before = text[max(lo, n.start - 25):n.start]
    after = text[n.end:n.end + 8]
    if _NOT_FIGURE.match(before, timeout=guard.timeout) or _NOT_FIGURE_AFTER.match(after, timeout=guard.timeout):
        return True
    # a day/month pair (15/8, 12.4, 9-2) not followed by a counted noun or a % (10-15%)
    date = _DATE_AFTER.match(after) if n.rule != "numbers.words" and n.value <= 31 else None
    return bool(date) and not (_NOUN.match(text, n.end + date.end()) or _PERCENT.match(text, n.end + date.end()))


def _qualifier(text: str, start: int, lo: int) -> tuple[str, int]:
    # searched in place, not in a slice: a phrase cut at the slice's edge ("…ông dưới") would read as another
    m = _QUALIFIER.match(text, max(lo, start - _QUALIFIER_REACH), start, timeout=guard.timeout)
    if not m:
        return "exact", start
    q = _LEX["qualifiers"][m.group("q").lower()]
    return q, (start if q == "exact" else start - len(m.group(0)))


def _bound_after(text: str, start: int, end: int) -> Optional[str]:
    """'90% trở lên', '5 ngày trở xuống'; 'từ 90% đến …' gives the lower bound."""
    m = _BOUND_AFTER.match(text, end, timeout=guard.timeout)
    if m:
        return _LEX["bounds_after"][m.group("b").lower()]
    if _AT_LEAST_AFTER.match(text, end) and _FROM_BEFORE.search(text[max(0, start - 5):start]):
        return "at_least"
    return None


def _paragraph(text: str, lo: int, hi: int, blocked, marks, tier_from: int) -> list[_Figure]:
    figures: list[_Figure] = []
    skip_until = lo
    for n in _candidates(text, lo, hi):
        if n.start < skip_until or _excluded(text, n, lo, blocked):
            continue
        clause0 = _clause_start(text, n.start, lo)
        prev = figures[-1] if figures and figures[-1].end > clause0 else None
        if prev is None and figures and figures[-1].unit == "%" and _LIST_ITEM.fullmatch(text, figures[-1].end, n.start):
            prev = figures[-1]  # "Sở A (hơn 12%); Sở B (gần 9%)": items of one list, past the semicolon
        left = text[max(clause0, prev.end if prev else lo):n.start]
        if prev is not None:  # words right after the previous figure describe it, not this one
            cut = _STOP_RIGHT.search(left, timeout=guard.timeout)
            left = left[cut.end():] if cut else left
        fig = _read(text, n, left, prev, hi, clause0)
        if fig is None:
            fig = _bare(text, n, left, _head_noun(text, lo, n.start))
        if fig is None:
            continue
        fig.target = bool(_TARGET.search(left, timeout=guard.timeout))
        if fig.level is None and fig.family != "rank":
            level = _level_at(marks, n.start, tier_from, lo)
            fig.level, fig.tier_said = (None, False) if level is _UNSAID else (level, True)
        skip_until = fig.end
        figures.append(fig)
    return figures


def _candidates(text: str, lo: int, hi: int):
    """Numbers, ordinal ranks, 'hàng trăm' and 'một nửa' in the paragraph, in order."""
    seg = text[lo:hi]
    found = numbers.scan(seg, offset=lo)
    cues = _CANDIDATE_CUES.found_in(seg)
    for m in _RANK_WORD.finditer(seg, timeout=guard.timeout) if cues & _RANK_WORD_CUES else ():
        while m:
            rank = _ordinal(seg, m)
            if rank is None:
                break
            found.append(numbers.Number(m.start("t") + lo, rank.end + lo, seg[m.start("t"):rank.end], rank.value,
                                        "indicators.rank"))
            m = _RANK_MORE.match(seg, rank.end, timeout=guard.timeout)
    for m in _APPROX.finditer(seg, timeout=guard.timeout) if cues & _APPROX_CUES else ():
        found.append(numbers.Number(m.start() + lo, m.end() + lo, m.group(0),
                                    _LEX["approx_words"][m.group("w").lower()], "indicators.approx_words"))
    for m in _FRACTION.finditer(seg, timeout=guard.timeout) if cues & _FRACTION_CUES else ():
        found.append(numbers.Number(m.start() + lo, m.end() + lo, m.group(0),
                                    _LEX["fraction_words"][m.group("w").lower()], "indicators.fraction_words"))
    # an ordinal, 'hàng trăm' or 'một nửa' wins over the number word inside it
    found.sort(key=lambda n: (n.start, n.rule.startswith("numbers")))
    return found


def _ordinal(text: str, m: regex.Match) -> Optional[numbers.Number]:
    """The rank an ordinal match says, ending where its number ends ("thứ hai năm 2023" is 2); None if unread."""
    w = m.group("w").lower()
    single = {**_LEX["ordinals"], **_LEX["ordinals_unmarked"]}.get(w)
    if single is not None:
        return numbers.Number(m.start("w"), m.end("w"), m.group("w"), single, "indicators.rank")
    read = numbers.scan(m.group("w"))
    if not read or read[0].start != 0 or not isinstance(read[0].value, int):
        return None
    return numbers.Number(m.start("w"), m.start("w") + read[0].end, read[0].text, read[0].value, "indicators.rank")


def _read(text: str, n: numbers.Number, left: str, prev, hi: int, clause0: int) -> Optional[_Figure]:
    """The figure a number stands for when it carries its own unit: %, a counted noun, or a rank."""
    is_word = n.rule == "numbers.words"
    if n.rule == "indicators.fraction_words":  # "gần một nửa số hồ sơ": a share, read as a percentage
        qualifier, start = _qualifier(text, n.start, clause0)
        fig = _percent(text, n, start, n.end, qualifier, left, prev, hi, clause0)
        fig.rule = n.rule
        return fig
    pos, of = n.end, None
    m = _OF.match(text, pos, timeout=guard.timeout) if n.rule.startswith("numbers") and not is_word else None
    if m:
        of, pos = numbers.parse_digits(m.group("of")), m.end()
    qualifier, start = _qualifier(text, n.start, clause0)
    rng = None if is_word else _RANGE.match(text, pos, timeout=guard.timeout)
    if rng and (_NOUN.match(text, rng.end()) or _PERCENT.match(text, rng.end())):
        pos, qualifier = rng.end(), "at_least"  # 300-400 lượt: the lower bound
    else:
        rng = None
    pct = _PERCENT.match(text, pos)
    noun = None if pct else _NOUN.match(text, pos, timeout=guard.timeout)
    entry = _NOUN_OF[noun.group("noun").lower()] if noun else None
    if entry and entry["unit"] == "bộ" and noun.group("noun").lower() == "bộ" and not is_word \
            and _head_noun(text, max(0, n.start - _WINDOW // 2), n.start):
        entry = _NOUN_OF["bộ hồ sơ"]  # "… 2.900 bộ" after dossiers were named: their classifier, not ministries
    if entry and entry["family"] == "stop":
        return None
    if n.rule == "indicators.rank" or (not pct and not is_word and _RANK_BEFORE.match(
            text[max(clause0, n.start - 30):n.start], timeout=guard.timeout)) \
            or (of is not None and _RANK_IS.match(text, max(clause0, n.start - 120), n.start, timeout=guard.timeout)):
        return _rank(text, n, noun.end() if noun else pos, entry, of)
    if pct:
        fig = _percent(text, n, start, pct.end(), qualifier, left, prev, hi, clause0)
    elif entry is None or (is_word and n.value == 1 and entry["family"] != "rank"):
        return None  # no unit, or "một" that is mostly the article "a"
    else:
        fig = _count(text, n, start, noun.end(), entry, of, qualifier, left, prev, hi)
    if rng:
        fig.rule = "indicators.range"
    return fig


def _rank(text: str, n: numbers.Number, end: int, entry: Optional[dict], of) -> _Figure:
    start = n.start
    m = _RANK_OF.match(text, end, timeout=guard.timeout) if of is None and entry is None else None
    if m:
        of, end = int(m.group("of")), m.end()
        noun = _NOUN.match(text, end, timeout=guard.timeout)
        entry, end = (_NOUN_OF[noun.group("noun").lower()], noun.end()) if noun else (None, end)
    mark = next((w + " " for w in _CUES["ordinal_marks"] if text[max(0, start - len(w) - 1):start].lower() == w + " "), "")
    if n.rule != "indicators.rank" and mark:
        start -= len(mark)
    return _Figure(start, end, n.value, entry["unit"] if entry else _LEX["rank_unit"], "rank", "indicators.rank",
                   of=of, family="rank")


def _count(text, n, start, end, entry, of, qualifier, left, prev, hi) -> _Figure:
    value = n.value
    if entry["family"] not in ("score", "money") and _ENGLISH_THOUSANDS.fullmatch(n.text):
        value = int(n.text.replace(",", ""))  # "2,500 hồ sơ": nobody counts 2.5 dossiers
    if n.rule == "indicators.approx_words":
        qualifier = "over"
    else:
        qualifier = _bound_after(text, n.start, end) or qualifier
    fig = _Figure(start, end, value, entry["unit"], "", _count_rule(n, of, entry), qualifier,
                  level=entry.get("level"), of=of, family=entry["family"])
    _classify(fig, entry, left, _right_context(text, end, hi), text, n.start, prev)
    return fig


def _count_rule(n: numbers.Number, of, entry: dict) -> str:
    if n.rule == "indicators.approx_words":
        return n.rule
    if of is not None:
        return "indicators.score" if entry["family"] == "score" else "indicators.fraction"
    return {"score": "indicators.score", "money": "indicators.money", "rank": "indicators.rank_step"}.get(
        entry["family"], "indicators.count")


def _classify(fig: _Figure, entry: dict, left: str, right: str, text: str, start: int, prev) -> None:
    family = entry["family"]
    modifier = _modifier(right)
    if family == "dossier":
        same = prev.metric if prev is not None and prev.family == "dossier" else None
        fig.metric = _dossier_metric(left, modifier, same)
        fig.service_levels = _service_levels(left, right)
        tier = _LEVELS.match(right.lstrip(" \t"), timeout=guard.timeout)  # "480 hồ sơ cấp xã"
        fig.level = tier.lastgroup if tier and tier.lastgroup != "all" else fig.level
    elif family == "procedure":
        fig.metric = _procedure_metric(left, modifier)
        fig.service_levels = _service_levels(left, right) if fig.metric == "online_services" else []
    elif family == "score" and not (isinstance(fig.value, float) or fig.of or _INDEX_WORDS.search(left)
                                    or (prev is not None and prev.metric == "index_score")):
        fig.metric, fig.rule = "other", "indicators.count"
    elif family == "service":  # "812 dịch vụ công trực tuyến toàn trình" counts full-online procedures
        fig.metric = _first_keyword(_PROC_KIND, _PROC_KIND_OF, modifier) or "online_services"
        fig.service_levels = _service_levels(left, right)
    else:
        fig.metric = _FAMILY_METRIC[family]
    if family == "rank":
        m = _RANK_CHANGE.search(text[max(0, start - 20):start], timeout=guard.timeout)
        fig.change = None if not m else ("increase" if m.group("v").lower() in _CUES["rank_up"] else "decrease")
    else:
        fig.change = _change(left)
    if family in ("agency", "procedure") or entry.get("tier_after"):
        fig.level = _tier_after(right) or fig.level


def _tier_after(right: str) -> Optional[str]:
    """The tier named right after a counted body: '11 UBND huyện, thị xã', '2.870 Trung tâm … cấp xã'."""
    m = _LEVELS.match(right.lstrip(), timeout=guard.timeout)
    if m and m.lastgroup != "all":
        return m.lastgroup
    m = _BODY_TIER.match(right, timeout=guard.timeout)
    return _LEX["body_tiers"][m.group("w").lower()] if m else None


def _percent(text, n, start, end, qualifier, left, prev, hi, clause0) -> _Figure:
    right = _right_context(text, end, hi)
    qualifier = _bound_after(text, n.start, end) or qualifier
    rule = "indicators.spaced_percent" if n.rule == "numbers.spaced" else "indicators.percent"
    clause = text[clause0:end] + right
    fig = _Figure(start, end, n.value, "%", _rate_metric(left, _modifier(right), prev, clause), rule, qualifier)
    fig.service_levels = _service_levels(left, "")
    fig.change = _change(left)
    return fig


def _head_noun(text: str, lo: int, pos: int) -> Optional[str]:
    """The dossier noun a bare figure counts: the last one named before it in the paragraph."""
    if not _DOSSIER_CUES.any_in(text[max(lo, pos - _WINDOW):pos]):
        return None
    last = None
    for last in _DOSSIER_NOUN.finditer(text, max(lo, pos - _WINDOW), pos, timeout=guard.timeout):
        pass
    return _NOUN_OF[last.group(0).lower()]["unit"] if last else None


def _bare(text: str, n: numbers.Number, left: str, head: Optional[str]) -> Optional[_Figure]:
    """A number with no unit of its own: a rate with its % dropped, or a count of the list's head noun."""
    if n.rule in ("numbers.words", "indicators.rank", "indicators.approx_words") or not _BARE_END.match(text, n.end):
        return None
    qualifier, start = _qualifier(text, n.start, 0)
    if isinstance(n.value, float) and n.value <= 100 and _RATE_VERB_END.match(left):
        if _POINTS_SAID.match(text, n.end, timeout=guard.timeout):  # "đạt 4.75, giảm 0.44 điểm": index points
            return _Figure(start, n.end, n.value, "điểm", "index_score", "indicators.score", qualifier, family="score")
        return _Figure(start, n.end, n.value, "%", _rate_metric(left, "", None, ""), "indicators.bare_rate", qualifier)
    said = _last_keyword(_SPECIFIC, _SPECIFIC_OF, left) or _last_keyword(_GENERIC, _GENERIC_OF, left)
    if head is None or not (n.scaled or said):
        return None
    rule = "indicators.scaled_bare" if n.scaled else "indicators.bare_count"
    return _Figure(start, n.end, n.value, head, _dossier_metric(left, ""), rule, qualifier, family="dossier")


# ---------------------------------------------------------------- public API

def _figures(text: str, segments, blocked) -> list[_Figure]:
    """Figures of (start, end, sentences) segments; a tier named earlier in a paragraph holds for the rest of it."""
    out = []
    for lo, hi, sentences in segments:
        marks = [(p + lo, lv, strong, end + lo) for p, lv, strong, end in _level_marks(text[lo:hi])]
        for s_lo, s_hi in sentences:
            for a, b in _lines(text, s_lo, s_hi):
                out += _paragraph(text, a, b, blocked, marks, _line_start(text, a, lo))
    return out


def _lines(text: str, lo: int, hi: int):
    while (cut := text.find("\n", lo, hi)) >= 0:
        yield lo, cut
        lo = cut + 1
    yield lo, hi


def _line_start(text: str, pos: int, lo: int) -> int:
    return max(lo, text.rfind("\n", 0, pos) + 1)


def _number(v):
    return int(v) if float(v).is_integer() else v


def _as_dict(text: str, f: _Figure) -> dict:
    return {"text": text[f.start:f.end], "span": (f.start, f.end), "value": _number(f.value), "unit": f.unit,
            "metric": f.metric, "qualifier": f.qualifier, "level": f.level, "service_levels": f.service_levels,
            "of": None if f.of is None else _number(f.of), "change": f.change, "target": f.target, "rule": f.rule}


def find(ctx: Context) -> list[Indicator]:
    blocked = [tuple(d.span) for d in ctx.dates]
    segments = [(seg.start, seg.end, list(ctx.sentences_in(seg)) or [(seg.start, seg.end)]) for seg in ctx.content()]
    found = []
    reporting = _reporting_period(ctx)
    home = ctx.places.home()
    bodies = _Bodies(ctx)
    for f in _figures(ctx.text, segments, blocked):
        item = _as_dict(ctx.text, f)
        item["unit_ref"] = _unit_ref(ctx, f.start) or home
        if f.level is None and not f.tier_said and (f.family in _HANDLED or f.unit == "%"):
            item["level"] = bodies.tier_at(f.start, f.family in _STOCKS)
        item["period"] = _period(ctx, f.start) or (None if f.family in _STOCKS else reporting)
        found.append(item)
    _respectively(ctx, found)
    return [Indicator(**item) for item in found]


def _respectively(ctx: Context, items: list[dict]) -> None:
    """'A và B lần lượt xếp thứ hai và thứ ba': the k-th figure after 'lần lượt' is the k-th name's."""
    text = ctx.text
    mentions = sorted((m.span[0], m.span[1], u.name) for u in ctx.units for m in u.mentions)
    starts = [i["span"][0] for i in items]  # items are in text order
    for cue in finditer_at(_RESPECTIVELY, _RESPECTIVELY_CUES, text, timeout=guard.timeout):
        s0 = _start_before(text, cue.start(), True)
        end = text.find(". ", cue.end(), cue.end() + _WINDOW)
        end = end if end >= 0 else min(len(text), cue.end() + _WINDOW)
        names: list[tuple[int, int, str]] = []
        for m in reversed(mentions[bisect.bisect_left(mentions, (s0,)):bisect.bisect_left(mentions, (cue.start(),))]):
            if m[1] > cue.start() or (names and m[1] > names[0][0]) or text.rfind("(", s0, m[0]) > text.rfind(")", s0, m[0]):
                continue  # 'xã A' inside 'UBND xã A', or a gloss '(tỉnh B)'
            gap = _GLOSS.sub("", text[m[1]:names[0][0] if names else cue.start()])
            if not (_JOINED.fullmatch(gap) if names else len(gap.strip()) < 3):
                break
            names.insert(0, m)
        if len(names) < 2:
            continue
        after = [i for i in items[bisect.bisect_left(starts, cue.end()):bisect.bisect_left(starts, end)]
                 if i["change"] is None]
        figures = [i for i in after if i["metric"] == after[0]["metric"]]
        if len(names) > 1 and len(figures) == len(names):
            for item, name in zip(figures, names):
                item["unit_ref"] = name[2]


# ---------------------------------------------------------------- unit and period

_HANDLED = ("dossier", "procedure", "service")  # what a body handles or holds (and rates): its tier is theirs


class _Bodies:
    """The tier of the body that handles a figure when no tier word is in scope (OUTPUT.md, Tier of a figure):
    the agency named last before it in its paragraph ('UBND xã A (đạt 99%)'), else the one a bare 'Trung tâm'
    points back to, else, in a paragraph that names no unit, the body the title is about. A body cited as a
    source ('Theo Sở Nội vụ, …') or followed by an admin unit of its own ('Sở Nội vụ: tỉnh A đạt 80%') gives none."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        admin = {u.name.lower(): u.level for u in ctx.units if u.kind == "admin"}
        self.tier = {u.name: _agency_tier(u.name, admin) for u in ctx.units if u.kind == "agency"}
        # by start, a longer one first: a container comes before the names inside it
        self.mentions = sorted((m.span[0], -m.span[1], u.kind, u.name) for u in ctx.units for m in u.mentions)
        self.mentions = [(a, -b, k, n) for a, b, k, n in self.mentions]
        title = next((ctx.text[s.start:s.end].strip().lower() for s in ctx.segments if s.kind == "title"), "")
        head = next((h.lower() for h in _BODY_HEADS if (title + " ").startswith(h.lower() + " ")), None)
        named = [m[3] for m in self.mentions if m[2] == "agency" and head and m[3].lower().startswith(head)]
        self.topic = named[0] if named else None  # "Trung tâm Phục vụ hành chính công: …" is about the centre

    def tier_at(self, pos: int, stock: bool = False) -> Optional[str]:
        """`stock`: procedures or services are a body's only when named in their sentence, and a committee's
        are its own and its communes' alike: no tier.
        A committee above the commune speaks for its whole area unless named as the authority ('thẩm quyền của')."""
        text = self.ctx.text
        s0 = _start_before(text, pos, stock)
        window = self.mentions[bisect.bisect_left(self.mentions, (s0,)):bisect.bisect_left(self.mentions, (pos,))]
        near, reach = [], -1
        for m in window:  # outer mentions only: 'xã A' inside 'UBND xã A' is not another body
            if m[1] <= pos and m[1] > reach and not _glossed(text, m[0], pos):
                near.append(m)
            reach = max(reach, m[1])
        if near:
            start, end, kind, name = near[-1]
            if kind != "agency" or _SOURCE_BEFORE.search(text, max(0, start - 8), start) \
                    or _SOURCE_AFTER.match(text, end):
                return None
            tier = self.tier.get(name)
            if len(near) > 1 and _JOINED.fullmatch(text, near[-2][1], start) and self.tier.get(near[-2][3]) != tier:
                return None  # "Chi nhánh … thành phố và Sở …": one figure for two tiers
            if _COUNCIL.match(name) and (stock or (tier != "commune" and not _AUTHORITY.search(
                    text, max(s0, start - 40), start))):
                return None
            return tier
        back = None
        for back in _BACK_REFERENCE.finditer(text, s0, pos, timeout=guard.timeout):
            pass
        if back:
            word = back.group(0).lower() + " "
            named = next((m[3] for m in reversed(self.mentions[:bisect.bisect_left(self.mentions, (back.start(),))])
                          if m[2] == "agency" and m[3].lower().startswith(word)), None)
            return self.tier.get(named) if named else None
        return self.tier.get(self.topic) if self.topic and not stock else None


def _start_before(text: str, pos: int, sentence: bool) -> int:
    """Where the paragraph (or sentence) of `pos` starts, looked for no further back than the window."""
    lo = max(0, pos - _WINDOW)
    start = max(lo, text.rfind("\n", lo, pos) + 1)
    return max(start, text.rfind(". ", start, pos) + 1) if sentence else start


def _agency_tier(name: str, admin: dict) -> Optional[str]:
    """A body's tier from its name: a department is provincial; a committee of a province speaks for all tiers;
    any other body has the tier of the unit it is named after ('… xã A' → commune, 'Trung tâm … tỉnh' → province)."""
    low = name.lower()
    head = next((h for h in _BODY_HEADS if (low + " ").startswith(h.lower() + " ")), None)
    if head is None:
        return None
    if _BODY_HEADS[head]:
        return _BODY_HEADS[head]
    tier = next((lv for unit, lv in admin.items() if low.endswith(" " + unit)), None)
    if tier is None:
        words = [m.group("w") for m in _PLACE_WORD.finditer(low)]
        tier = _LEX["body_tiers"].get(words[-1]) if words else None
    return None if tier == "province" and any(low.startswith(c.lower()) for c in _CUES["councils"]) else tier


_BODY_HEADS = _LEX["handling_bodies"]
_PLACE_WORD = regex.compile(rf"(?<![\p{{L}}])(?P<w>{alternation(_LEX['body_tiers'])})(?![\p{{L}}])", _I)
_GLOSS = regex.compile(r"[ \t]*\([^()]*\)")
_RESPECTIVELY = _cue_re(r"(?<![\p{L}]){RESPECTIVELY}(?![\p{L}])")
_JOINED = _cue_re(r"[ \t]*(?:,|{CONJUNCTIONS})[ \t]*")
_AUTHORITY = _cue_re(r"(?<![\p{L}]){AUTHORITY_WORDS}(?![\p{L}])")
_SOURCE_BEFORE = _cue_re(r"(?<![\p{L}]){SOURCE_BEFORE}[ \t]+$")
_SOURCE_AFTER = _cue_re(r"[ \t,]*(?:{SOURCE_AFTER})(?![\p{L}])")
_BACK_REFERENCE = _cue_re(r"(?<![\p{L}]){BACK_REFERENCES}(?![\p{L}])(?![ \t]+\p{Lu})", 0)  # 'Trung tâm đã …', not a name


def _sentence_start(text: str, pos: int) -> int:
    line = text.rfind("\n", 0, pos)
    cut = max(line, text.rfind(". ", line + 1, pos))  # no search past the line: many short lines stay linear
    return cut + 1


def _unit_ref(ctx: Context, pos: int) -> Optional[str]:
    """The unit or body named last before the figure in its sentence."""
    s0 = _sentence_start(ctx.text, pos)
    near = [(m.span[0], u.name) for u in ctx.units if u.kind == "admin" or not _COUNCIL.match(u.name)
            for m in u.mentions if s0 <= m.span[0] < pos and not _glossed(ctx.text, m.span[0], pos)]
    return max(near)[1] if near else None


def _glossed(text: str, start: int, pos: int) -> bool:
    """A unit inside parentheses closed before the figure only locates the one before it: 'xã Tân Phú (tỉnh Đồng Nai)'."""
    return ")" in text[start:pos] and text.rfind("(", 0, start) > text.rfind(")", 0, start)  # cheap test first


# A named reporting period (quý I năm 2020) says more than the interval that glosses it, a day the least.
_PERIOD_RANK = {"quarter": 0, "half": 0, "interval": 1, "month": 1, "year": 2, "date": 3}


# A council speaks for its unit: figures of "UBND Quận 1" belong to Quận 1, whose mention it contains.
_COUNCIL = _cue_re(r"{COUNCILS}\b")
_STOCKS = ("procedure", "service", "agency")  # in force at a date, not counted over the reporting period
_COMPARED = _cue_re(r"{COMPARISONS}[ \t]+(?:\p{L}+[ \t]+)?$")  # "tăng 1% so với năm 2018"


def _period(ctx: Context, pos: int) -> Optional[str]:
    """The period stated before the figure in its sentence: the most named one, else the nearest."""
    s0 = _sentence_start(ctx.text, pos)
    near = [d for d in ctx.dates if s0 <= d.span[0] < pos and not _compared(ctx, d)]
    return min(near, key=lambda d: (_PERIOD_RANK.get(d.type, 3), -d.span[0])).value if near else None


def _compared(ctx: Context, d) -> bool:
    return bool(_COMPARED.search(ctx.text[max(0, d.span[0] - 30):d.span[0]]))


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
