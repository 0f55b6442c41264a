"""What a figure measures: its metric, from the keywords before and after it (patterns/metrics.yaml via cues.py),
the service levels it is said at and whether it rose or fell. A part of the finder (__init__), which reads a
figure's words and asks these for what they say."""
from __future__ import annotations

from typing import Optional

import regex

from extract.language.words import finditer_at_words, finditer_in, match_in, search_in
from extract.indicators.cues import (_BODY_NAME_AFTER, _CAUSE, _CHANGE, _CHANGE_CUES, _CUES, _Figure, _GENERIC,
    _GENERIC_OF, _has, _HANDLED_NOUN, _KEYWORD_STARTS, _LEVEL_DIGIT, _NEXT_NAMED, _NOT_DOSSIER_RATE, _NOUN_OF,
    _PROC_KIND, _PROC_KIND_OF, _RATE_HEAD, _RATE_OF, _REACHES, _SERVICE, _SERVICE_AFTER, _SHARE_OF, _SPECIFIC,
    _SPECIFIC_OF, _STOP_MODIFIER, _STOP_RIGHT)


def _names_body(text: str, m: regex.Match) -> bool:
    """'Bưu điện tỉnh Long An tiếp nhận …': a capitalised keyword before a unit word names an agency, not a channel."""
    return m.group(0)[:1].isupper() and bool(match_in(_BODY_NAME_AFTER, text, m.end()))


def _last_keyword(pattern: regex.Pattern, lookup: dict, text: str) -> Optional[str]:
    """The keyword ending nearest the end of `text` (the longest when two end together)."""
    best = None
    for m in finditer_at_words(pattern, _KEYWORD_STARTS[pattern], text, whole=True, overlapped=True):
        if _names_body(text, m):
            continue
        if best is None or (m.end(), len(m.group(0))) > (best.end(), len(best.group(0))):
            best = m
    return lookup[best.group(0).lower()] if best else None


def _first_keyword(pattern: regex.Pattern, lookup: dict, text: str) -> Optional[str]:
    found = [x for x in finditer_at_words(pattern, _KEYWORD_STARTS[pattern], text, whole=True, overlapped=True)
             if not _names_body(text, x)]
    if not found:
        return None
    first = min(x.start() for x in found)
    longest = max((x for x in found if x.start() == first), key=lambda x: len(x.group(0)))
    return lookup[longest.group(0).lower()]


def _modifier(right: str) -> str:
    """The words right after a figure that say what it is, up to the next figure or list comma."""
    cut = search_in(_STOP_MODIFIER, right)
    if not cut:
        return right
    words = right[:cut.start()]
    tail = search_in(_NEXT_NAMED, words) if right[cut.start()].isdigit() else None
    return words[:tail.start()] if tail and not _inside_cue(words, tail.start()) else words


def _inside_cue(text: str, pos: int) -> bool:
    """'đúng và trước hạn', 'tiếp nhận và giải quyết': the conjunction at `pos` is part of one cue."""
    return any(m.start() < pos < m.end() for p in (_SPECIFIC, _GENERIC)
               for m in finditer_at_words(p, _KEYWORD_STARTS[p], text, whole=True, overlapped=True))


def _dossier_metric(left: str, right: str, same: Optional[str] = None, before: str = "") -> tuple[str, str]:
    """Nearest specific word before, else right after; then generic verbs; then the list's previous item; then
    a word earlier in the sentence, before its semicolons ('Hồ sơ trễ hạn do …; 2 trường hợp thuộc …')."""
    return _first_said(((_last_keyword, _SPECIFIC, _SPECIFIC_OF, left, "metric.cue_before"),
                        (_first_keyword, _SPECIFIC, _SPECIFIC_OF, right, "metric.cue_after"),
                        (_last_keyword, _GENERIC, _GENERIC_OF, left, "metric.verb_before"),
                        (_first_keyword, _GENERIC, _GENERIC_OF, right, "metric.verb_after"))) \
        or ((same, "metric.list_previous") if same else None) \
        or _first_said(((_last_keyword, _SPECIFIC, _SPECIFIC_OF, before, "metric.cue_in_sentence"),)) \
        or ("dossiers_received", "metric.default")


def _first_said(tries) -> Optional[tuple[str, str]]:
    """(metric, rule id) of the first keyword search that finds one, in the order tried."""
    for look, pattern, lookup, text, rule in tries:
        if said := look(pattern, lookup, text):
            return said, rule
    return None


def _rate_metric(left: str, right: str, prev: Optional[_Figure], clause: str) -> tuple[str, str]:
    # "giải quyết 98% hồ sơ đúng hạn": what the share is of, said right after it, beats the verb before it
    said = _first_said(((_last_keyword, _SPECIFIC, _SPECIFIC_OF, left, "metric.cue_before"),
                        (_first_keyword, _SPECIFIC, _SPECIFIC_OF, right, "metric.cue_after"),
                        (_last_keyword, _GENERIC, _GENERIC_OF, left, "metric.verb_before")))
    if said:
        return _share_of(_RATE_OF.get(said[0], "rate_other"), left, right, said[1])
    if prev is not None and (prev.family == "dossier" or prev.unit == "%"):
        return _share_of(_RATE_OF.get(prev.metric, "rate_other"), left, right, "metric.list_previous")
    if prev is not None and prev.family in ("procedure", "service"):
        return "rate_other", "metric.share_of_count"  # "tích hợp 1.500 DVCTT, chiếm 80%": a share of the procedures just counted
    kinds = {_SPECIFIC_OF[m.group(0).lower()] for m in finditer_at_words(
        _SPECIFIC, _KEYWORD_STARTS[_SPECIFIC], right + " " + clause, whole=True)}
    rates = {_RATE_OF[k] for k in kinds if k in _RATE_OF}
    return _share_of(rates.pop(), left, right, "metric.cue_in_clause") if len(rates) == 1 else ("rate_other", "metric.default")


def _share_of(rate: str, left: str, right: str, rule: str) -> tuple[str, str]:
    """A dossier rate only when the share is of dossiers: '100% cán bộ', 'tỷ lệ hoàn thành nhiệm vụ đúng hạn',
    a count's breakdown by cause ('… là do') are other rates; procedures keep a status rate
    ('100% TTHC giải quyết đúng hạn'), not a channel one ('100% TTHC thực hiện trực tuyến')."""
    if search_in(_CAUSE, right):
        return "rate_other", "metric.breakdown_by_cause"
    head = None
    for head in finditer_in(_RATE_HEAD, left):
        pass
    scope = left[head.end():] if head else left
    if search_in(_NOT_DOSSIER_RATE, scope[-60:] if head is None else scope):
        return "rate_other", "metric.not_dossiers"
    noun = match_in(_SHARE_OF, right) or search_in(_HANDLED_NOUN, scope)
    word = (noun.group("noun") if noun.re is _SHARE_OF else noun.group(0)).lower() if noun else ""
    family = "dossier" if not noun or word in _CUES["results"] else _NOUN_OF[word]["family"]
    if family == "dossier" or (family in ("procedure", "service") and rate in ("rate_on_time", "rate_late")):
        return rate, rule
    return "rate_other", "metric.not_dossiers"


def _procedure_metric(left: str, right: str, after: str = "") -> tuple[str, str]:
    """`after`: the words right after the noun, where a service level may stand ('356 TTHC mức độ 2')."""
    if search_in(_SERVICE, left) \
            or any(p in left.lower() for p in _CUES["online_level_phrases"]) \
            or match_in(_SERVICE_AFTER, after):
        return "online_services", "metric.service_level"
    return _first_said(((_first_keyword, _PROC_KIND, _PROC_KIND_OF, right, "metric.cue_after"),
                        (_last_keyword, _PROC_KIND, _PROC_KIND_OF, left, "metric.cue_before"))) \
        or ("procedures", "metric.noun")


def _service_levels(text: str, left: str, right: str) -> list[int]:
    """The service levels said before a figure (`left`), else after it (`right`), both parts of the article `text`."""
    if not _has(text, "service_level_words"):
        return []
    m = None
    for m in finditer_in(_SERVICE, left):
        pass
    if m is None:
        m = search_in(_SERVICE, right)
        cut = search_in(_STOP_RIGHT, right)
        if m and cut and cut.start() < m.start():
            m = None
    return sorted({int(d) for d in _LEVEL_DIGIT.findall(m.group(0))}) if m else []


def _change(text: str, left: str) -> Optional[str]:
    """Whether the words before a figure (`left`, a part of the article `text`) say it rose or fell."""
    if not (_has(text, "increase_words") or _has(text, "decrease_words")):
        return None
    m = None
    for m in finditer_at_words(_CHANGE, _CHANGE_CUES, left):
        pass
    after = left[m.end():] if m else ""
    if m is None or search_in(_REACHES, after) or after.count("(") > after.count(")"):
        return None  # "cao hơn mức chung (95,4%)": the figure in parentheses is the other level, not the change
    return "increase" if m.group("v").lower() in _CUES["increase_words"] else "decrease"
