"""Indicators: reported quantities with what they count and what they measure.

A figure is a number (extract/indicators/numbers.py) that is a percentage, is followed by
a counted noun, is a rank, or stands bare in a list whose head noun it counts.
Its metric comes from the nearest keyword before it (else right after its
noun, else from the figure before it in the clause, else from a cue earlier in its
sentence or a list head on a line above its item); a rate is a dossier rate only when
what it is a share of is dossiers; tier, service levels,
qualifier and change from the words around it. Words live in
patterns/indicators.yaml.
"""
from __future__ import annotations

import bisect
from typing import Optional

import regex

from extract.context import Context
from extract.indicators import frames, numbers
from extract.indicators.candidates import _candidates, _Lines
from extract.indicators.metric import (_change, _dossier_metric, _first_keyword, _first_said, _last_keyword, _modifier,
    _procedure_metric, _rate_metric, _service_levels)
from extract.language.words import finditer_at_words, finditer_in, fullmatch_in, match_in, search_in
from extract.models import Indicator
from extract.indicators.cues import (_ADMIN_COUNT, _ADMIN_UNITS, _article_words, _AT_LEAST_AFTER, _BARE_END,
    _BOUND_AFTER, _BOUND_OPENS, _CHANGE, _CLAUSE_END, _CLOSES, _COMMUNE_CUES, _COMMUNE_SUBJECT, _CONTINUES,
    _CONTINUES_OPENS, _COUNCIL, _CUES, _DATE_AFTER, _DATE_AFTER_OPENS, _DONE_HANDLING, _DOSSIER_CUES, _DOSSIER_NOUN,
    _ENGLISH_THOUSANDS, _EQUIVALENT_END, _FAMILY_METRIC, _Figure, _FROM_BEFORE, _GENERIC, _GENERIC_OF, _GLOSS,
    _HANDLED, _has, _INDEX_NAMED, _INDEX_WORDS, _INDICATORS, _ITEM_LINE, _JOINED, _JOINED_NUMBER, _LAST_CLAUSE_END,
    _LEVEL_JOINED, _LEVELS, _LEX, _LIST_ITEM, _LIST_NEXT, _NATIONAL_SCOPE, _NOT_FIGURE, _NOT_FIGURE_AFTER,
    _NOT_FIGURE_AFTER_OPENS, _NOT_FIGURE_MARKS, _NOUN, _NOUN_OF, _OF, _OF_OPENS, _opens, _ORDINAL_BEFORE,
    _OTHER_BODIES, _OTHER_BODIES_OPENS, _OTHERS, _PART_FAMILIES, _PART_GAP, _PEOPLE, _PERCENT, _PERCENT_OPENS,
    _POINTS_SAID, _POPULATION, _PROC_KIND, _PROC_KIND_OF, _PROVINCE_WIDE, _QUALIFIER, _QUALIFIER_REACH, _RANGE,
    _RANGE_OPENS, _RANK_BEFORE, _RANK_CHANGE, _RANK_IS, _RANK_OF, _RATE_COUNT, _RATE_HEAD, _RATE_VERB_END,
    _RESPECTIVELY, _RESPECTIVELY_CUES, _SAME_KIND, _SENTENCE_BREAK, _SHARE_NOUN, _SPECIFIC, _SPECIFIC_OF,
    _starts_between, _STATUS_GAP, _STOCKS, _STOP_RIGHT, _TARGET, _TARGET_AFTER, _TARGET_CUES, _TERRITORY, _UNNAMED,
    _UNSAID, _WINDOW, _word_within)
from extract.indicators.subject import (_compared, _line_start, _list_head_at, _national, _period,
    _reporting_period, _sentence_start, _start_before, _subject_before, _unit_ref)
from extract.indicators.tiers import (_acting, _authority_tier, _Bodies, _city_tier, _level_at, _level_marks,
    _new_subject, _tier_after, _tier_closing)


# ---------------------------------------------------------------- reading one paragraph

def _clause_start(text: str, pos: int, lo: int) -> int:
    lo = max(lo, pos - _WINDOW)
    m = search_in(_LAST_CLAUSE_END, text, lo, pos)
    return m.end() if m else lo


def _right_context(text: str, pos: int, hi: int) -> str:
    hi = min(hi, pos + _WINDOW)
    end = search_in(_CLAUSE_END, text, pos, hi)
    return text[pos:end.start() if end else hi]


def _excluded(text: str, n: numbers.Number, lo: int) -> bool:
    b0 = max(lo, n.start - 25)
    before = text[b0:n.start]
    after = text[n.end:n.end + 8]
    # most numbers have no word of _NOT_FIGURE's lists and no mark of its before them: it is not tried there
    if (before[-1:] in _NOT_FIGURE_MARKS or _word_within(text, "not_figure", b0, n.start)) \
            and match_in(_NOT_FIGURE, before) \
            or after[:1] in _NOT_FIGURE_AFTER_OPENS and match_in(_NOT_FIGURE_AFTER, after):
        return True
    # a day/month pair (15/8, 12.4, 9-2) not followed by a counted noun or a % (10-15%)
    date = match_in(_DATE_AFTER, after) if after[:1] in _DATE_AFTER_OPENS and n.rule != "numbers.words" \
        and n.value <= 31 else None
    whole = match_in(_OF, text, n.end) if date else None  # "4,36/6.5 điểm": a score out of a decimal maximum
    return bool(date) and not any(match_in(_NOUN, text, p) or match_in(_PERCENT, text, p)
                                  for p in (n.end + date.end(), *((whole.end(),) if whole else ())))


def _qualifier(text: str, start: int, lo: int) -> tuple[str, int]:
    # searched in place, not in a slice: a phrase cut at the slice's edge ("…ông dưới") would read as another
    m = match_in(_QUALIFIER, text, max(lo, start - _QUALIFIER_REACH), start)
    if not m:
        return "exact", start
    q = _LEX["qualifiers"][m.group("q").lower()]
    return q, (start if q == "exact" else start - len(m.group(0)))


def _bound_after(text: str, start: int, end: int) -> Optional[str]:
    """'90% trở lên', '5 ngày trở xuống'; 'từ 90% đến …' gives the lower bound."""
    if _opens(text, end) not in _BOUND_OPENS:
        return None
    m = match_in(_BOUND_AFTER, text, end)
    if m:
        return _LEX["bounds_after"][m.group("b").lower()]
    if match_in(_AT_LEAST_AFTER, text, end) and search_in(_FROM_BEFORE, text[max(0, start - 5):start]):
        return "at_least"
    return None


def _paragraph(text: str, lo: int, hi: int, candidates, marks, tier_from: int, carry=None) -> list[_Figure]:
    """`candidates`: the line's that may be figures (see `_candidates`, `_excluded`); `carry`: the figure before
    the paragraph, whose list of named items may go on into it."""
    figures: list[_Figure] = []
    skip_until = lo
    unread: list[numbers.Number] = []  # bare numbers that may share the noun of a figure after them
    head = None  # the words of a list head above the line, read once a figure needs them
    for n in candidates:
        if n.start < skip_until:
            continue
        clause0 = _clause_start(text, n.start, lo)
        s0 = _sentence_start(text, clause0)
        prev = figures[-1] if figures and figures[-1].end > clause0 else None
        if prev is None and figures and figures[-1].unit == "%" and fullmatch_in(_LIST_ITEM, text, figures[-1].end, n.start) \
                and not search_in(_RATE_HEAD, text, figures[-1].end, n.start):
            prev = figures[-1]  # items of one list, past the semicolon (an item naming its own rate is no item)
        if prev is None and figures and figures[-1].family == "dossier" and _same_kind(text, n.end):
            prev = figures[-1]  # "…; 28 hồ sơ khác …": more of what the figure before counted
        left = text[max(clause0, prev.end if prev else lo):n.start]
        if prev is not None:  # words right after the previous figure describe it, not this one
            cut = search_in(_STOP_RIGHT, left)
            left = left[cut.end():] if cut else left
        else:
            if head is None:  # a line naming its own rate ends the reach of a list head above it
                head = _list_head(text, lo) + " " if hi - lo <= _ITEM_LINE and not search_in(_RATE_HEAD, text, lo, hi) else ""
            left = head + left
        fig = _read(text, n, left, prev, hi, clause0, text[max(tier_from, s0):clause0])
        if fig is None:
            fig = _bare(text, n, left, lo)
        if fig is None and figures and figures[-1].end > s0:
            fig = _tier_part(text, n, figures[-1]) or _status_part(text, n, figures[-1], hi)
        if fig is None and (figures or carry):
            fig = _list_item(text, n, figures[-1] if figures else carry)
        if fig is None:
            unread.append(n)
            continue
        figures += _shared_noun(text, unread, fig, clause0)
        fig.target = bool(_has(text, "target_words") and _TARGET_CUES.any_in(left) and search_in(_TARGET, left)) or (
            fig.unit == "%" and _has(text, "target_after") and bool(search_in(_TARGET_AFTER, _modifier(text[fig.end:fig.end + _WINDOW]))))
        if prev is not None and prev.change and len(figures) > 1 and _restates(fig, prev, figures[-2], left):
            fig.metric, fig.change = figures[-2].metric, prev.change  # "tăng 22% (tương đương 9.000 hồ sơ)"
            fig.metric_rule = "metric.restated"
        elif prev is not None and _restates_rate(fig, prev, left):
            fig.metric, fig.metric_rule = _RATE_COUNT[prev.metric], "metric.rate_restated"  # "chiếm 76%, tương đương 3.420 hồ sơ"
        elif fig.family == "dossier" and fig.metric_rule == "metric.default":
            said = _colon_head_cue(text, n.start, s0)
            fig.metric, fig.metric_rule = (said, "metric.list_head") if said else (fig.metric, fig.metric_rule)
        if fig.unit in _PEOPLE and search_in(_POPULATION, left):
            fig.level, fig.tier_said, fig.level_rule = None, True, "level.territory"  # "dân số hơn 36.500 người"
        if fig.level is None and not fig.tier_said and fig.family != "rank":
            level = _level_at(marks, n.start, tier_from, lo)
            # "cấp xã của 9 huyện", "cấp xã (gồm 64 xã …)": units counted as territory, not as the ones acting
            territory = fig.unit in _TERRITORY and level is not _UNSAID and (
                level != _TERRITORY[fig.unit] or (level is not None and not _acting(text, fig.start, fig.end)
                                                  and not _tier_topic(text, fig.start)))
            level = None if territory else level
            fig.level, fig.tier_said = (None, False) if level is _UNSAID else (level, True)
            fig.level_rule = None if level is _UNSAID else ("level.tier_word" if level else "level.spans_tiers")
            fig.level_rule = "level.territory" if territory else fig.level_rule
        if fig.level is None and not fig.tier_said and fig.unit not in _TERRITORY and fig.family != "rank" \
                and _has(text, "commune_words") and _COMMUNE_CUES.any_in(left) \
                and search_in(_COMMUNE_SUBJECT, left):
            fig.level, fig.tier_said, fig.level_rule = "commune", True, "level.subject"  # "Hiện nay, xã bố trí 52 cán bộ"
        skip_until = fig.end
        figures.append(fig)
        if fig.unit != "%":  # "168 xã, phường", "14 cơ quan cấp tỉnh": a tier in a count's own words is not the sentence's
            own = text[fig.end:fig.end + 3].lstrip()
            marks[:] = [mk for mk in marks if not fig.start <= mk[0] <= max(fig.end + 3 - len(own), fig.owns)]
    return figures


def _shared_noun(text: str, unread: list[numbers.Number], fig: _Figure, clause0: int) -> list[_Figure]:
    """'lần lượt tiếp nhận 1.320 và 980 hồ sơ', '61, 57 và 52%': bare numbers joined to the figure right after
    them count what it counts; the run is read back from the figure."""
    run, pos = [], fig.start
    while unread and unread[-1].start >= clause0 and unread[-1].rule.startswith("numbers") \
            and unread[-1].rule != "numbers.words" and fullmatch_in(_JOINED_NUMBER, text, unread[-1].end, pos) \
            and fig.family in ("dossier", "procedure", "service", "agency", "other", "rate") \
            and not (fig.unit == "%" and unread[-1].value > 100):
        n = unread.pop()
        qualifier, start = _qualifier(text, n.start, clause0)
        run.insert(0, _Figure(start, n.end, n.value, fig.unit, fig.metric, "indicators.shared_noun", qualifier,
                              family=fig.family, metric_rule="metric.shared_noun"))
        pos = start
    unread.clear()
    return run


def _list_item(text: str, n: numbers.Number, last: _Figure) -> Optional[_Figure]:
    """'Sở A (191 DVCTT), Sở B (174), Sở C (160)': a bare number in parentheses, the next item of a list of
    named items, counts what the item before it counted."""
    if last.unit == "%" or last.family == "rank" or not n.rule.startswith("numbers") or n.rule == "numbers.words" \
            or _opens(text, last.end) != ")" or not fullmatch_in(_LIST_NEXT, text, last.end, n.start) \
            or not match_in(_CLOSES, text, n.end):
        return None
    return _Figure(n.start, n.end, n.value, last.unit, last.metric, "indicators.list_item", family=last.family,
                   metric_rule="metric.list_previous")


_WHOLE_NUMBERS = ("numbers.grouped", "numbers.plain")
_TOPIC_REACH = 30
_TOPIC_GAP = regex.compile(r"[ \t]*[,:][ \t]*")


def _tier_part(text: str, n: numbers.Number, last: _Figure) -> Optional[_Figure]:
    """'1.336 thủ tục, gồm 1.182 cấp tỉnh, 154 cấp xã': a bare number named only by a tier, right after a count
    (or its part before), is that count's part at that tier."""
    if last.family not in _PART_FAMILIES or last.unit == "%" or n.rule not in _WHOLE_NUMBERS \
            or not fullmatch_in(_PART_GAP, text, max(last.end, last.owns), n.start):
        return None
    m = match_in(_LEVELS, text, n.end + len(text[n.end:n.end + 4]) - len(text[n.end:n.end + 4].lstrip(" \t")))
    if not m or m.lastgroup not in ("province", "district", "commune") \
            or match_in(_LEVEL_JOINED, text, m.end()):
        return None
    return _Figure(n.start, n.end, n.value, last.unit, last.metric, "indicators.tier_part", level=m.lastgroup,
                   family=last.family, tier_said=True, owns=m.end(), metric_rule="metric.tier_part",
                   level_rule="level.tier_after")


def _status_part(text: str, n: numbers.Number, last: _Figure, hi: int) -> Optional[_Figure]:
    """'đã giải quyết 2.300 hồ sơ, 1.007 đang xử lý': a bare number next in a list after a count, with a status cue
    right after it, counts what the count counted: dossiers in that status, or more of the same thing."""
    if last.family not in ("dossier", "other") or last.unit in _ADMIN_UNITS or last.unit == "%" \
            or n.rule not in _WHOLE_NUMBERS \
            or not fullmatch_in(_STATUS_GAP, text, last.end, n.start):
        return None
    right = _right_context(text, n.end, hi)
    words = right.lstrip(" \t")
    cue = match_in(_SPECIFIC, words) or match_in(_SPECIFIC, words, _first_word_end(words))  # "86 còn đang …"
    if not cue:
        return None
    if last.family != "dossier":  # "436 phản ánh đã xử lý; 1.007 đang xử lý": more of the same thing
        return _Figure(n.start, n.end, n.value, last.unit, last.metric, "indicators.status_part", family=last.family,
                       metric_rule="metric.list_previous")
    return _Figure(n.start, n.end, n.value, last.unit, _SPECIFIC_OF[cue.group(0).lower()], "indicators.status_part",
                   family="dossier", metric_rule="metric.cue_after")


def _tier_topic(text: str, start: int) -> bool:
    """'Với cấp huyện, 12 huyện, thành phố … đã tiếp nhận': units counted right after their tier named as the topic."""
    window = text[max(0, start - _TOPIC_REACH):start]
    last = None
    for last in finditer_in(_LEVELS, window):
        pass
    return last is not None and bool(fullmatch_in(_TOPIC_GAP, window, last.end()))


def _first_word_end(words: str) -> int:
    space = words.find(" ")
    return space + 1 if space > 0 else len(words)


def _restates(fig: _Figure, change: _Figure, base: _Figure, left: str) -> bool:
    """A count restating a change in percent of the count before it: the same metric, the same change."""
    return (fig.family == base.family == "dossier" and change.unit == "%" and base.end <= change.start
            and bool(search_in(_EQUIVALENT_END, left)))


def _restates_rate(fig: _Figure, rate: _Figure, left: str) -> bool:
    """A count restating the rate right before it ('chiếm 76%, tương đương 3.420 hồ sơ'): the rate's count,
    unless the count names its own metric."""
    return (fig.family == "dossier" and rate.unit == "%" and not rate.change and rate.metric in _RATE_COUNT
            and fig.metric_rule in ("metric.default", "metric.cue_in_sentence", "metric.verb_before")
            and bool(search_in(_EQUIVALENT_END, left)))


def _colon_head_cue(text: str, pos: int, s0: int) -> Optional[str]:
    """'Hồ sơ quá hạn (500) tập trung ở 3 sở: Sở X 260 hồ sơ, …': a count after the head of its sentence's list,
    saying nothing of its own, counts what the head's last cue names."""
    colon = text.rfind(":", s0, pos)
    if colon < 0 or text[colon + 1:colon + 2].isdigit() or text[colon - 1:colon].isdigit():
        return None  # no head, or a clock or ratio
    return _last_keyword(_SPECIFIC, _SPECIFIC_OF, text[s0:colon])


def _list_head(text: str, lo: int) -> str:
    """'Tỷ lệ … của các xã như sau:' on a line of its own, its items one a line ('Xã A: 98%') down to the line
    at `lo`: the head's words, which say what every item measures; '' when the line is no such item."""
    pos = lo
    while lo - pos < _WINDOW * 4:
        end = pos
        while end > 0 and text[end - 1] in " \t\n":
            end -= 1
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if not line or start == pos:
            return ""
        if line.endswith(":"):
            return "" if search_in(_CHANGE, line) else line  # its items are no changes
        if len(line) > _ITEM_LINE or not any(map(str.isdigit, line)):
            return ""
        pos = start
    return ""


def _same_kind(text: str, end: int) -> bool:
    noun = match_in(_NOUN, text, end)
    return bool(noun) and bool(match_in(_SAME_KIND, text, noun.end()))


def _read(text: str, n: numbers.Number, left: str, prev, hi: int, clause0: int, before: str = "") -> Optional[_Figure]:
    """The figure a number stands for when it carries its own unit: %, a counted noun, or a rank."""
    is_word = n.rule == "numbers.words"
    if n.rule == "indicators.fraction_words":  # "gần một nửa số hồ sơ": a share, read as a percentage
        qualifier, start = _qualifier(text, n.start, clause0)
        fig = _percent(text, n, start, n.end, qualifier, left, prev, hi, clause0)
        fig.rule = n.rule
        return fig
    pos, of = n.end, None
    opens = _opens(text, pos)
    m = match_in(_OF, text, pos) if opens == _OF_OPENS and n.rule.startswith("numbers") and not is_word else None
    if m:
        of, pos = numbers.parse_digits(m.group("of")), m.end()
        opens = _opens(text, pos)
    rng = None if is_word or opens not in _RANGE_OPENS else match_in(_RANGE, text, pos)
    if rng and (match_in(_NOUN, text, rng.end()) or match_in(_PERCENT, text, rng.end())):
        pos = rng.end()
        opens = _opens(text, pos)
    else:
        rng = None
    pct = match_in(_PERCENT, text, pos) if opens in _PERCENT_OPENS else None
    noun = None if pct else match_in(_NOUN, text, pos)
    word = noun.group("noun").lower() if noun else None
    entry = _NOUN_OF[word] if noun else None
    if entry and entry["unit"] == "bộ" and word == "bộ" and not is_word \
            and _head_noun(text, max(0, n.start - _WINDOW // 2), n.start):
        entry = _NOUN_OF["bộ hồ sơ"]  # "… 2.900 bộ" after dossiers were named: their classifier, not ministries
    elif entry and word in _LEX["admin_reading"] and _after_admin_count(text, n.start):
        entry = {**_NOUN_OF[_LEX["admin_reading"][word]], "unit": entry["unit"]}
    elif entry and word in _CUES["borrowed_nouns"] and prev is not None \
            and prev.family not in ("dossier", "rate") and prev.unit != "%":
        entry = {"unit": prev.unit, "family": prev.family}  # "nhận 90 phản ánh, đã xử lý 80 trường hợp"
    if entry and entry["family"] == "stop":
        return None
    near = text[max(clause0, n.start - 30):n.start]
    ranked = not pct and not is_word and _has(text, "rank_verbs") and match_in(_RANK_BEFORE, near)
    ordinal = (ranked or of is not None) and bool(match_in(_ORDINAL_BEFORE, near))  # read only then
    if ranked and not ordinal and of is None and entry and entry["family"] == "agency":
        ranked = None  # "xếp hạng 17 bộ": the bodies ranked, counted
    if n.rule == "indicators.rank" or ranked or (of is not None and (ordinal or match_in(
            _RANK_IS, text, max(clause0, n.start - 120), n.start))):
        return _rank(text, n, noun.end() if noun else pos, entry, of)
    if not pct and (entry is None or (is_word and n.value == 1 and entry["family"] != "rank")):
        return None  # no unit, or "một" that is mostly the article "a"
    qualifier, start = _qualifier(text, n.start, clause0)  # read only for a figure
    qualifier = "at_least" if rng else qualifier  # 300-400 lượt: the lower bound
    if pct:
        fig = _percent(text, n, start, pct.end(), qualifier, left, prev, hi, clause0)
    else:
        fig = _count(text, n, start, noun.end(), entry, of, qualifier, left, prev, hi, before)
    if rng:
        fig.rule = "indicators.range"
    return fig


def _after_admin_count(text: str, pos: int) -> bool:
    """The counted noun named last before `pos` in its sentence (an ambiguous 'đơn vị' skipped) is an admin unit."""
    lo = max(text.rfind("\n", 0, pos) + 1, pos - _WINDOW)
    for m in finditer_in(_SENTENCE_BREAK, text, lo, pos):
        lo = m.end()
    for m in reversed(list(finditer_in(_ADMIN_COUNT, text, lo, pos))):
        if m.group("admin"):
            return True
        noun = m.group("noun").lower()
        if noun not in _LEX["admin_reading"]:
            return _NOUN_OF[noun]["unit"].lower() in _ADMIN_UNITS
    return False


def _rank(text: str, n: numbers.Number, end: int, entry: Optional[dict], of) -> _Figure:
    start = n.start
    m = match_in(_RANK_OF, text, end) if of is None and entry is None else None
    if m:
        of, end = int(m.group("of")), m.end()
        noun = match_in(_NOUN, text, end)
        entry, end = (_NOUN_OF[noun.group("noun").lower()], noun.end()) if noun else (None, end)
    mark = next((w + " " for w in _CUES["ordinal_marks"] if text[max(0, start - len(w) - 1):start].lower() == w + " "), "")
    if n.rule != "indicators.rank" and mark:
        start -= len(mark)
    return _Figure(start, end, n.value, entry["unit"] if entry else _LEX["rank_unit"], "rank", "indicators.rank",
                   of=of, family="rank", metric_rule="metric.rank")


def _count(text, n, start, end, entry, of, qualifier, left, prev, hi, before="") -> _Figure:
    value = n.value
    if entry["family"] not in ("score", "money") and "," in n.text and fullmatch_in(_ENGLISH_THOUSANDS, n.text):
        value = int(n.text.replace(",", ""))  # "2,500 hồ sơ": nobody counts 2.5 dossiers
    if n.rule == "indicators.approx_words":
        qualifier = "over"
    else:
        qualifier = _bound_after(text, n.start, end) or qualifier
    territory = entry.get("territory")  # counted units acting, not only counted: looked at for units only
    level = entry.get("level") or (territory if territory and _acting(text, start, end) else None)
    fig = _Figure(start, end, value, entry["unit"], "", _count_rule(n, of, entry), qualifier,
                  level=level, of=of, family=entry["family"])
    fig.level_rule = "level.noun" if fig.level else None
    _classify(fig, entry, left, _right_context(text, end, hi), text, n.start, prev, before)
    return fig


def _count_rule(n: numbers.Number, of, entry: dict) -> str:
    if n.rule == "indicators.approx_words":
        return n.rule
    if of is not None:
        return "indicators.score" if entry["family"] == "score" else "indicators.fraction"
    return {"score": "indicators.score", "money": "indicators.money", "rank": "indicators.rank_step"}.get(
        entry["family"], "indicators.count")


def _classify(fig: _Figure, entry: dict, left: str, right: str, text: str, start: int, prev, before: str = "") -> None:
    family = entry["family"]
    modifier = _modifier(right) if family in ("dossier", "procedure", "service") else ""  # read only by these
    if family == "dossier":
        same = prev.metric if prev is not None and prev.family == "dossier" else None
        fig.metric, fig.metric_rule = _dossier_metric(left, modifier, same, before)
        fig.service_levels = _service_levels(text, left, right)
        tier = match_in(_LEVELS, right.lstrip(" \t"))  # "480 hồ sơ cấp xã"
        if tier and tier.lastgroup != "all":
            fig.level, fig.level_rule = tier.lastgroup, "level.tier_after"
    elif family == "procedure" and search_in(_DONE_HANDLING, left):
        fig.family = "dossier"  # "đã tiếp nhận và giải quyết 800 thủ tục": dossiers of a period, loosely named
        fig.metric, fig.metric_rule = _dossier_metric(left, modifier)
    elif family == "procedure":
        fig.metric, fig.metric_rule = _procedure_metric(left, modifier, right)
        fig.service_levels = _service_levels(text, left, right) if fig.metric == "online_services" else []
    elif family == "score" and not (isinstance(fig.value, float) or fig.of or search_in(_INDEX_WORDS, left)
                                    or (prev is not None and prev.metric == "index_score")):
        fig.metric, fig.rule, fig.metric_rule = "other", "indicators.count", "metric.score_without_index"
    elif family == "service":  # "812 dịch vụ công trực tuyến toàn trình" counts full-online procedures
        fig.metric, fig.metric_rule = _first_said(((_first_keyword, _PROC_KIND, _PROC_KIND_OF, modifier,
                                                    "metric.cue_after"),)) or ("online_services", "metric.noun")
        fig.service_levels = _service_levels(text, left, right)
    else:
        fig.metric = _FAMILY_METRIC[family]
    if family == "rank":
        m = search_in(_RANK_CHANGE, text[max(0, start - 20):start])
        fig.change = None if not m else ("increase" if m.group("v").lower() in _CUES["rank_up"] else "decrease")
    else:
        fig.change = _change(text, left)
    if family in ("agency", "procedure") or entry.get("tier_after"):
        after = _tier_after(right)
        if not after and family == "agency" and fig.level is None:
            after, fig.owns = _tier_closing(right, fig.end)
        fig.level, fig.level_rule = (after, "level.tier_after") if after else (fig.level, fig.level_rule)
        if fig.level == "province" and fullmatch_in(_COUNCIL, entry["forms"][0]):
            fig.level, fig.level_rule = None, "level.spans_tiers"  # "63 UBND tỉnh, thành phố": provinces' committees, each for every tier
        if after and family == "other" and not _units_acting(text, fig, right):
            fig.level, fig.tier_said, fig.level_rule = None, True, "level.territory"  # "còn 118 đơn vị hành chính cấp xã"
    if family in ("procedure", "dossier", "service") and fig.level is None and not fig.tier_said \
            and _opens(right, 0) in _OTHER_BODIES_OPENS and match_in(_OTHER_BODIES, right):
        fig.tier_said, fig.level_rule = True, "level.other_bodies"  # "56 TTHC cơ quan khác": no tier of the three
    if family in ("procedure", "dossier", "service") and fig.level is None and not fig.tier_said:
        fig.level, fig.tier_said = _authority_tier(right)
        if fig.tier_said:
            fig.level_rule = "level.authority" if fig.level else "level.spans_tiers"


def _units_acting(text: str, fig: _Figure, right: str) -> bool:
    """'12 đơn vị hành chính cấp xã đã hoàn thành': admin units counted, with their tier, as the ones acting."""
    words = right.lstrip(" \t")
    tier = match_in(_LEVELS, words)
    end = fig.end + len(right) - len(words) + (tier.end() if tier else 0)
    return _acting(text, fig.start, end)


def _percent(text, n, start, end, qualifier, left, prev, hi, clause0) -> _Figure:
    right = _right_context(text, end, hi)
    qualifier = _bound_after(text, n.start, end) or qualifier
    rule = "indicators.spaced_percent" if n.rule == "numbers.spaced" else "indicators.percent"
    clause = text[clause0:end] + right
    words = _modifier(right)
    metric, why = _rate_metric(left, words, prev, clause)
    fig = _Figure(start, end, n.value, "%", metric, rule, qualifier, metric_rule=why)
    said = {lv for _, lv, _, _ in _level_marks(words)} if match_in(_SHARE_NOUN, words) else set()
    if len(said) == 1 and None not in said:  # "98% hồ sơ tiếp nhận tại Trung tâm … cấp tỉnh": the share's own words name it
        fig.level, fig.level_rule = said.pop(), "level.tier_after"
    fig.service_levels = _service_levels(text, left, "")
    fig.change = _change(text, left)
    return fig


def _head_noun(text: str, lo: int, pos: int) -> Optional[str]:
    """The dossier noun a bare figure counts: the last one named before it in the paragraph."""
    if not _DOSSIER_CUES.any_in(text[max(lo, pos - _WINDOW):pos]):
        return None
    last = None
    for last in finditer_in(_DOSSIER_NOUN, text, max(lo, pos - _WINDOW), pos):
        pass
    return _NOUN_OF[last.group(0).lower()]["unit"] if last else None


def _bare(text: str, n: numbers.Number, left: str, lo: int) -> Optional[_Figure]:
    """A number with no unit of its own: a rate with its % dropped, or a count of the list's head noun (named
    in the paragraph from `lo`)."""
    if n.rule in ("numbers.words", "indicators.rank", "indicators.approx_words") or not match_in(_BARE_END, text, n.end):
        return None
    qualifier, start = _qualifier(text, n.start, 0)
    if isinstance(n.value, float) and n.value <= 100 and match_in(_RATE_VERB_END, left):
        if match_in(_POINTS_SAID, text, n.end):  # "đạt 4.75, giảm 0.44 điểm": index points
            return _Figure(start, n.end, n.value, "điểm", "index_score", "indicators.score", qualifier, family="score",
                           metric_rule="metric.points_said")
        metric, why = _rate_metric(left, "", None, "")
        return _Figure(start, n.end, n.value, "%", metric, "indicators.bare_rate", qualifier, metric_rule=why)
    head = _head_noun(text, lo, n.start)
    if head is None or not (n.scaled or _last_keyword(_SPECIFIC, _SPECIFIC_OF, left)
                            or _last_keyword(_GENERIC, _GENERIC_OF, left)):
        return None
    rule = "indicators.scaled_bare" if n.scaled else "indicators.bare_count"
    metric, why = _dossier_metric(left, "")
    return _Figure(start, n.end, n.value, head, metric, rule, qualifier, family="dossier", metric_rule=why)


# ---------------------------------------------------------------- public API

def _figures(text: str, segments, blocked: tuple[list[int], list[int]], folded: str) -> list[_Figure]:
    """Figures of (start, end, sentences) segments; a tier named earlier in a paragraph holds for the rest of it.
    `blocked`: the dates' `_covered` spans, whose numbers are no figures."""
    out = []
    topic = None  # the tier in force at the end of the paragraph before
    quiet = []  # (lo, hi, figure before) of the paragraphs since then that hold no candidate: read only if asked
    words = _Lines(text, folded)
    for lo, hi, sentences in segments:
        # a number inside a date, a clock, a document number … is no figure: a line of them is read no further
        lines = [[(a, b, found) for a, b in _lines(text, s_lo, s_hi) if (found := [
                     n for n in _candidates(words, a, b) if not _inside(blocked, n.start) and not _excluded(text, n, a)])]
                 for s_lo, s_hi in sentences]
        last = out[-1] if out else None
        if not any(lines):  # no figure: its tiers matter only as the topic a paragraph after it may go on with
            quiet.append((lo, hi, last))
            continue
        marks = _paragraph_marks(text, lo, hi)
        others = _lists_others(text, lo, last)
        continues = _has(text, "continues")
        carried = _topic_after(text, topic, quiet) if others or continues and _continues(text, lo) \
            else None
        held = carried if others else None
        if carried:  # "Ở cấp xã, …" ⏎ "Những nhóm khác có: …" (or "Đồng thời, …"): the same tier
            marks.insert(0, (lo, carried, True, len(text)))
        found = len(out)
        before = lo
        for (s_lo, _), held_lines in zip(sentences, lines):
            for a, b, candidates in held_lines:
                head = _list_head_at(text, a, lo)
                if head is None and a == s_lo and continues and _continues(text, a):
                    head = before  # "Trong đó, …" goes on with the sentence before: its tier holds
                carry = out[-1] if out else None
                if head is None:
                    out += _paragraph(text, a, b, candidates, marks, _line_start(text, a, lo), carry)
                else:  # a tier named anywhere in a list's head holds for its items
                    items = [(p, lv, strong or head <= p < a, end) for p, lv, strong, end in marks]
                    out += _paragraph(text, a, b, candidates, items, min(head, _line_start(text, a, lo)),
                                      carry)
            before = s_lo
        first = marks[1][0] if len(marks) > 1 else hi
        for f in out[found:]:
            f.held = bool(held) and f.start < first and f.level_rule == "level.tier_word"
        topic = next((lv for p, lv, strong, _ in reversed(marks) if strong), None)  # the tier in force at its end
        quiet = []
    return out


def _paragraph_marks(text: str, lo: int, hi: int) -> list[tuple[int, Optional[str], bool, int]]:
    """`_level_marks` of the paragraph text[lo:hi], at their offsets in the text; not read where no tier word starts."""
    starts = _starts_between(text, "levels", lo, hi)
    if starts == []:
        return []
    return [(p + lo, lv, strong, end + lo) for p, lv, strong, end in _level_marks(text[lo:hi], starts)]


def _covered(spans: list) -> tuple[list[int], list[int]]:
    """(starts, reach) of the spans by start, reach[i] the furthest end of the first i + 1: read by `_inside`, one
    bisect a number, in place of a set of every offset inside a date built for a handful of numbers."""
    spans = sorted(spans)
    reach, end = [], -1
    for _, b in spans:
        end = max(end, b)
        reach.append(end)
    return [a for a, _ in spans], reach


def _inside(covered: tuple[list[int], list[int]], pos: int) -> bool:
    """Whether `pos` lies inside one of the `_covered` spans: the spans starting at or before it reach past it."""
    i = bisect.bisect_right(covered[0], pos)
    return i > 0 and covered[1][i - 1] > pos


def _topic_after(text: str, topic: Optional[str], quiet: list) -> Optional[str]:
    """The tier in force at the end of the last `quiet` paragraph (none holds a figure), `topic` the one before
    them: its own last topic tier, else the one before it if it goes on with that one; read back only as needed."""
    for lo, hi, last in reversed(quiet):
        own = [lv for _, lv, strong, _ in _paragraph_marks(text, lo, hi) if strong]
        if own:
            return own[-1]
        if not (_lists_others(text, lo, last) or _has(text, "continues") and _continues(text, lo)):
            return None
    return topic


def _lists_others(text: str, lo: int, last: Optional[_Figure]) -> bool:
    """The paragraph at `lo` goes on with the list of the one before: 'Những nhóm khác có: …', or its next item."""
    if _has(text, "others_words") and match_in(_OTHERS, text, lo):
        return True
    item = match_in(_LIST_NEXT, text, last.end) if last is not None and last.end <= lo \
        and _opens(text, last.end) == ")" else None
    return bool(item) and lo <= item.end()


def _continues(text: str, pos: int) -> bool:
    """'Trong đó, …', 'Đồng thời, …' at `pos`: what opens there goes on with what came before."""
    return text[pos:pos + 1] in _CONTINUES_OPENS and bool(match_in(_CONTINUES, text, pos))


def _lines(text: str, lo: int, hi: int):
    while (cut := text.find("\n", lo, hi)) >= 0:
        yield lo, cut
        lo = cut + 1
    yield lo, hi


def _number(v):
    return int(v) if float(v).is_integer() else v


def _as_dict(text: str, f: _Figure) -> dict:
    return {"text": text[f.start:f.end], "span": (f.start, f.end), "value": _number(f.value), "unit": f.unit,
            "metric": f.metric, "qualifier": f.qualifier, "level": f.level, "service_levels": f.service_levels,
            "of": None if f.of is None else _number(f.of), "change": f.change, "target": f.target, "rule": f.rule,
            "metric_rule": f.metric_rule, "level_rule": f.level_rule}


def find(ctx: Context) -> list[Indicator]:
    blocked = _covered([d.span for d in ctx.dates])
    segments = [(seg.start, seg.end, list(ctx.sentences_in(seg)) or [(seg.start, seg.end)]) for seg in ctx.content()]
    folded = ctx.folded()
    words = _article_words(ctx.text, folded)  # every word list the parts below look for in the whole text, found once
    figures = _figures(ctx.text, segments, blocked, folded)
    if not figures:  # a quarter of the articles: none of the per-article lookups below is needed
        return []
    found = []
    reporting = _reporting_period(ctx)
    home = ctx.places.home()
    # built when a figure first needs them: many articles need neither
    bodies = _once(lambda: _Bodies(ctx))
    places = _once(lambda: sorted((m.span[0], u.level if u.kind == "admin" else bodies().tier.get(u.name),
                                   u.kind == "agency", m.span[1]) for u in ctx.units for m in u.mentions))
    main = ctx.places.main_province()  # computed once: the city tier and every figure's province need it
    city = _city_tier(ctx, main)
    named = _named_mentions(ctx)
    dated = _stated_dates(ctx)
    # no national words and no index named: no figure is the country's
    national, country = [], _has(ctx.text, "national_scope") or _has(ctx.text, "national_localities") or (
        _has(ctx.text, "index_names") and bool(search_in(_INDEX_NAMED, ctx.text)))
    for f in figures:
        f.level = city if f.level == "city" else f.level
        if f.tier_said and not f.held and _new_subject(ctx.text, f, places()):
            f.level, f.tier_said, f.level_rule = None, False, None
        item = _as_dict(ctx.text, f)
        own = _unit_ref(ctx, f.start, named)
        own = _subject_before(ctx, f.start) if own is None and (f.family == "dossier" or f.unit == "%") else own
        national.append(_national_aside(ctx.text, f) or own is None and country and _national(ctx.text, f))
        item["unit_ref"] = None if national[-1] or own == _UNNAMED else own or _province_wide(ctx, f) or home
        if f.level is None and not f.tier_said and (f.family in _HANDLED or f.unit == "%") \
                and f.unit not in _TERRITORY and f.unit.lower() not in _ADMIN_UNITS:  # units counted are territory
            item["level"] = bodies().tier_at(f.start, f.family in _STOCKS)
            item["level_rule"] = "level.body" if item["level"] else None
        elif f.level is None and not f.tier_said and f.family == "agency":
            item["level"] = bodies().topic_at(f.start)
            item["level_rule"] = "level.body" if item["level"] else None
        item["period"] = _period(ctx, f.start, dated) or (None if f.family in _STOCKS else reporting)
        item["level_rule"] = item["level_rule"] or "level.unsaid"
        found.append(item)
    for item, structure in zip(found, frames.structures(ctx.text, ctx.sentences, [i["span"] for i in found], folded,
                                                                 None if words is None else words["parts"])):
        item["structure"] = structure
    _respectively(ctx, found, None if words is None else sorted({a for a, _, _ in words["respectively"]}))
    province = main if ctx.places else None
    for item, whole_country in zip(found, national):
        item["province"] = None if whole_country else frames.province_of(ctx, item["unit_ref"], province)
    return _INDICATORS.validate_python(found)


def _once(make):
    """`make()`, called the first time it is asked for and kept: functools.cache costs more to set up, per article,
    than the one or two calls it serves."""
    kept = []

    def get():
        if not kept:
            kept.append(make())
        return kept[0]
    return get


def _respectively(ctx: Context, items: list[dict], cues: Optional[list[int]]) -> None:
    """'A và B lần lượt xếp thứ hai và thứ ba': the k-th figure after 'lần lượt' is the k-th name's. `cues`: where
    its cue words start (None: not known)."""
    text = ctx.text
    mentions = None  # sorted once a cue is found: most articles have none
    starts = [i["span"][0] for i in items]  # items are in text order
    for cue in finditer_at_words(_RESPECTIVELY, _RESPECTIVELY_CUES, text, starts=cues):
        if mentions is None:
            mentions = sorted((m.span[0], m.span[1], u.name) for u in ctx.units for m in u.mentions)
        s0 = _start_before(text, cue.start(), True)
        end = text.find(". ", cue.end(), cue.end() + _WINDOW)
        end = end if end >= 0 else min(len(text), cue.end() + _WINDOW)
        names: list[tuple[int, int, str]] = []
        for m in reversed(mentions[bisect.bisect_left(mentions, (s0,)):bisect.bisect_left(mentions, (cue.start(),))]):
            if m[1] > cue.start() or (names and m[1] > names[0][0]) or text.rfind("(", s0, m[0]) > text.rfind(")", s0, m[0]):
                continue  # 'xã A' inside 'UBND xã A', or a gloss '(tỉnh B)'
            gap = _GLOSS.sub("", text[m[1]:names[0][0] if names else cue.start()])
            if not (fullmatch_in(_JOINED, gap) if names else len(gap.strip()) < 3):
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
                item["structure"] = {"kind": "lan_luot", "head": (names[0][0], names[-1][1])}


def _named_mentions(ctx: Context) -> list[tuple[int, int, str]]:
    """(start, end, name) of the mentions that may be a figure's unit, in text order; no council's: it speaks for its unit."""
    return sorted((m.span[0], m.span[1], u.name) for u in ctx.units if u.kind == "admin" or not match_in(_COUNCIL, u.name)
                  for m in u.mentions)


def _province_wide(ctx: Context, f: _Figure) -> Optional[str]:
    """'Mỗi tuần toàn tỉnh tăng 2.000 hồ sơ': a sentence naming no unit but the whole province is the article's province's."""
    if not _has(ctx.text, "province_wide"):
        return None
    before = ctx.text[_sentence_start(ctx.text, f.start):f.start]
    return ctx.places.main_province() if search_in(_PROVINCE_WIDE, before) else None


def _national_aside(text: str, f: _Figure) -> bool:
    """A figure in an aside that opens on the whole country is its, whatever unit its sentence names:
    'Huyện A đạt 94% (vượt chỉ tiêu toàn quốc là 60%)'. A rank is always its unit's."""
    opened = text.rfind("(", _sentence_start(text, f.start), f.start)
    return f.family != "rank" and opened >= 0 and ")" not in text[opened:f.start] and _has(text, "national_scope") \
        and bool(search_in(_NATIONAL_SCOPE, text, opened, f.start))


def _stated_dates(ctx: Context) -> tuple[list[int], list]:
    """(starts, dates) of the dates that state a period, not a comparison, by start: for `_period`, once per article."""
    dates = sorted((d for d in ctx.dates if not _compared(ctx, d)), key=lambda d: d.span[0])
    return [d.span[0] for d in dates], dates
