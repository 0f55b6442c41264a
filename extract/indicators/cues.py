"""The finder's words and patterns, read once from patterns/indicators.yaml, metrics.yaml and units.yaml and
compiled at import, and `_Figure`, what the finder builds. The grammar that uses them lives in the finder
(__init__), tiers.py (the tier of a figure) and subject.py (whose figure it is, and when)."""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Optional

import regex
from pydantic import TypeAdapter

from extract.indicators import numbers
from extract.language import metrics, rules
from extract.language.words import (ARTICLE_WORDS, LETTER_OR_DIGIT_EDGES, PLACEHOLDER, WordGroups, WordSet, alternation,
                                    fill, found_between)
from extract.models import Indicator
from extract.language.compiled import Patterns

_PATTERNS = Patterns(__file__)


_WINDOW = 400  # how far back a clause or a list head is looked for: bounds the work per figure
_RF = rules.load("indicators")
_LEX = _RF.lexicons
_I = regex.IGNORECASE
# A pattern anchored at the end ($) is tried from there, not from every start before it: `match` reads it backwards
# from the end of the text (or of its endpos), the one place it can match.
_AT_END = _I | regex.REVERSE


_CUES = _LEX["cues"]
_COMMUNE_TYPES = [t for t, levels in rules.load("units").lexicons["levels"].items() if levels == ["commune"]]


def _tree(words, reverse: bool = False) -> str:
    """Words as one IGNORECASE regex matching what `alternation(words)` matches, as a prefix tree of their lower-case
    forms (a suffix tree, read from the end, for a REVERSE pattern): at a fixed position an alternation tries every
    word in turn, the tree reads each character once. Greedy, longer branches first: of the words matching at a
    position, the longest is tried first, as in `alternation`."""
    root: dict = {}
    for w in words:
        node = root
        for ch in (w.lower()[::-1] if reverse else w.lower()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [emit(child) + regex.escape(ch, literal_spaces=True) if reverse
                else regex.escape(ch, literal_spaces=True) + emit(child) for ch, child in node.items() if ch]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")" if alts else ""
        return f"(?:{body})?" if "" in node and body else body

    return emit(root)


def _in_tree_order(words, reverse: bool = False) -> bool:
    """Whether a list tried in the order written matches as its tree does: no word before a longer one that starts
    (ends, read backwards) with it, so that the first word matching at a position is always the longest."""
    low = [w.lower() for w in words]
    return not any(len(b) > len(a) and (b.endswith(a) if reverse else b.startswith(a))
                   for i, a in enumerate(low) for b in low[i + 1:])


def _cue_re(template: str, flags: int = _I) -> regex.Pattern:
    """A pattern whose {NAME}s are cue lists of indicators.yaml, tried in the order written: as a tree (`_tree`) in an
    IGNORECASE pattern with no case-sensitive part, when the order written is the tree's (`_in_tree_order`)."""
    reverse, trees = bool(flags & regex.REVERSE), bool(flags & _I) and "(?-i" not in template

    def words(m: regex.Match) -> str:
        ws = _CUES[m.group(1).lower()]
        return "(?:" + (_tree(ws, reverse) if trees and _in_tree_order(ws, reverse) else
                        alternation(ws, longest_first=False)) + ")"
    return _PATTERNS.compile(PLACEHOLDER.sub(words, template), flags)


def _word_tree(words) -> regex.Pattern:
    """`word_regex(words, flags=_I)` with its words as a tree."""
    return _PATTERNS.compile(f"{LETTER_OR_DIGIT_EDGES[0]}(?:{_tree(words)}){LETTER_OR_DIGIT_EDGES[1]}", _I)


_BODY_NAME_AFTER = _PATTERNS.compile(rf"[ \t]+(?:{alternation(_LEX['unit_words'])})(?![\p{{L}}])")
_NOUN_OF = {f.lower(): n for n in _LEX["nouns"] for f in n["forms"]}
_NOUN = _PATTERNS.compile(rf"[ \t]*(?P<noun>{_tree(_NOUN_OF)})(?![\p{{L}}\p{{N}}])", _I)
_QUALIFIER = _PATTERNS.compile(rf"(?<![\p{{L}}])(?P<q>{_tree(_LEX['qualifiers'], reverse=True)})[ \t]+$", _AT_END)
_QUALIFIER_REACH = max(map(len, _LEX["qualifiers"])) + 4
_BOUND_AFTER = _PATTERNS.compile(rf"[ \t]*(?P<b>{_tree(_LEX['bounds_after'])})(?![\p{{L}}])", _I)
_NOT_FIGURE = _PATTERNS.compile(
    rf"(?:(?<![\p{{L}}])(?:{_tree(_LEX['not_figure_before'], reverse=True)})[ \t]*[:.\-]?[ \t]*"
    + fill(r"|\p{L}[-+]|\d(?::|{CLOCK_MARKS})|\d[.,]|(?<!(?:{NOT_BEFORE_NUMBER_WORD}) )(?:{NUMBER_WORDS}) |/)$",
           _CUES, longest_first=False), _AT_END)
# the last characters before a number _NOT_FIGURE may match with no word of its lists (`_word_within` "not_figure")
_NOT_FIGURE_MARKS = frozenset("-+:.,/" + "".join(w.lower() + w.upper() for w in _CUES["clock_marks"]))
# A day/month or hour written after the number, a document number, an e-mail or web address.
_NOT_FIGURE_AFTER = _cue_re(r"(?::|{CLOCK_MARKS_AFTER})\d|/\d+/|/\s?\p{Lu}|[-/][\p{Lu}]|@|\.\p{L}", 0)
_NOT_FIGURE_AFTER_OPENS = frozenset(":/-@." + "".join(w[0] for w in _CUES["clock_marks_after"]))  # what it opens with
_DATE_AFTER = _PATTERNS.compile(r"[./-]\d{1,2}(?![\d%])")
_DATE_AFTER_OPENS = frozenset("./-")  # what _DATE_AFTER opens with: most numbers are followed by a space
# "/" first, not "[ \t]*/": a leading optional run before a literal makes the regex module look for
# that literal to the end of the text on every match() call, which is quadratic on a long page.
_OF = _PATTERNS.compile(r"(?:/|[ \t]+/)[ \t]*(?P<of>\d{1,3}(?:\.\d{3})+|\d+(?:[.,]\d+)?)(?![\d/])")
# "5,3 điểm %" and "1,2 điểm phần trăm" are percentage points: a change of a rate, still in %
_PERCENT = _cue_re(r"[ \t]*(?:{POINT_WORDS}[ \t]*)?(?:%|％|{PERCENT_WORDS}(?![\p{L}]))")
_BARE_END = _cue_re(r"[ \t]*(?:[,;.:)(/]|{CONJUNCTIONS}(?!\p{L})|$)", 0)
_RANK_BEFORE = _cue_re(r"(?<![\p{L}])(?<!(?<![\p{L}]){NOT_RANK_BEFORE}[ \t]+){RANK_VERBS}(?:[ \t]+{RANK_PLACES})?[ \t]+(?:{ORDINAL_MARKS}[ \t]+)?$", _AT_END)
# "thứ ba", "thứ mười hai" (a number-word run, else one ordinal word such as nhất), "đầu tiên"
_ORDINAL = (r"(?:{ORDINAL_MARKS}[ \t]+(?P<w>" + numbers.RUN + "|" + _tree(_LEX["ordinals"])
            + r")|(?P<w>" + _tree(_LEX["ordinals_unmarked"]) + r"))(?![\p{L}])")
_ORDINAL_BEFORE = _cue_re(r"(?<![\p{L}]){ORDINAL_MARKS}[ \t]+$", _AT_END)  # "… và thứ 5/13 tỉnh": a rank with no verb
_RANK_WORD = _cue_re(r"(?<![\p{L}]){RANK_WORD_VERBS}(?:[ \t]+{RANK_PLACES})?[ \t]+(?P<t>" + _ORDINAL + ")")
_RANK_MORE = _cue_re(r"[ \t]*(?:,|{CONJUNCTIONS})[ \t]+(?P<t>" + _ORDINAL + ")")  # "… thứ hai và thứ ba"
_APPROX = _cue_re(r"(?<![\p{L}]){APPROX_HEADS}[ \t]+(?P<w>" + _tree(_LEX["approx_words"]) + r")(?![\p{L}])")
_FRACTION = _PATTERNS.compile(rf"(?<![\p{{L}}])(?P<w>{_tree(_LEX['fraction_words'])})(?![\p{{L}}])", _I)
# Pre-checks: the words each of _RANK_WORD, _APPROX and _FRACTION cannot match without, found in one pass
_RANK_WORD_CUES, _APPROX_CUES, _FRACTION_CUES = (
    {w.casefold() for w in ws} for ws in (_CUES["rank_word_verbs"], _CUES["approx_heads"], _LEX["fraction_words"]))
_CANDIDATE_CUES = WordSet([*_RANK_WORD_CUES, *_APPROX_CUES, *_FRACTION_CUES], fold=True)
_LEVEL_CUES = WordSet([w for ws in _LEX["levels"].values() for w in ws], fold=True)  # a _LEVELS match starts with one
_CHANGE_CUES = WordSet(_CUES["increase_words"] + _CUES["decrease_words"], fold=True)  # a _CHANGE match starts with one
_RESPECTIVELY_CUES = WordSet(_CUES["respectively"], fold=True)  # a _RESPECTIVELY match starts with one
_COMMUNE_CUES = WordSet(_CUES["commune_words"], fold=True)  # a _COMMUNE_SUBJECT match holds one
_DOSSIER_CUES = WordSet([f for f, n in _NOUN_OF.items() if n["family"] == "dossier"], fold=True)  # _DOSSIER_NOUN needs one
_RANGE = _cue_re(r"[ \t]*(?:[-–]|{RANGE_WORDS}(?![\p{L}]))[ \t]*\d+(?:[.,]\d+)*")
# what the words after a figure open with (past spaces) where _RANGE, _OF, _PERCENT, _BOUND_AFTER or
# _AT_LEAST_AFTER may match: most open otherwise
_RANGE_OPENS = frozenset("-–" + "".join(w[0].lower() + w[0].upper() for w in _CUES["range_words"]))
_OF_OPENS = "/"
_PERCENT_OPENS = frozenset("%％" + "".join(w[0].lower() + w[0].upper()
                                           for w in _CUES["point_words"] + _CUES["percent_words"]))
_BOUND_OPENS = frozenset(c for w in [*_LEX["bounds_after"], *_CUES["at_least_after"]]
                         for c in (w[0].lower(), w[0].upper()))


def _opens(text: str, pos: int) -> str:
    """The character the words after `pos` open with, past spaces and tabs ('' at the end of the text)."""
    while text[pos:pos + 1] in (" ", "\t"):
        pos += 1
    return text[pos:pos + 1]


def _cased_opens(words) -> frozenset:
    """The first characters of `words` in both cases: what an IGNORECASE match of one of them opens with (their
    letters have no case partner but their upper and lower case, as `tests/test_indicators_speed7.py` checks)."""
    return frozenset(c for w in words for c in (w[0].lower(), w[0].upper()))


def _no_word_opens(c: str) -> bool:
    """`c` (what `_opens` gives) opens no counted noun and no percent (_NOUN, _PERCENT): nothing, or an ASCII
    character that is no letter (a digit, a mark: no letter of any case matches one) other than '%'."""
    return c == "" or (c.isascii() and not c.isalpha() and c != "%")


_AT_LEAST_AFTER = _cue_re(r"[ \t]*{AT_LEAST_AFTER}(?![\p{L}])")
_FROM_BEFORE = _cue_re(r"(?<![\p{L}]){FROM_WORDS}[ \t]+$")
_CHANGE = _cue_re(r"(?<![\p{L}])(?P<v>{INCREASE_WORDS}|{DECREASE_WORDS})(?![\p{L}])(?![ \t]+{NOT_CHANGE_AFTER}(?![\p{L}]))")
_RANK_CHANGE = _cue_re(r"(?<![\p{L}])(?P<v>{RANK_UP}|{RANK_DOWN})(?:[ \t]+{RANK_CHANGE_FILLERS})?[ \t]+$")
_RANK_OF = _cue_re(r"[ \t]+{RANK_OF_WORDS}(?:[ \t]+(?:{TOTAL_WORDS}[ \t]+)?{NUMBER_WORDS})?[ \t]+(?P<of>\d+)(?![\d.,])")
_LEVELS = _PATTERNS.compile(
    "|".join(rf"(?P<{lv}>(?<![\p{{L}}])(?:{_tree(ws)})(?![\p{{L}}]))" for lv, ws in _LEX["levels"].items()), _I)
_NOT_LEVEL = _word_tree(_LEX["not_levels"])
_NOT_LEVEL_CUES = WordSet(_LEX["not_levels"], fold=True)  # a _NOT_LEVEL match is one
_BODY_TIER = _cue_re(r"[ \t]+(?:{PLURAL_MARKS}[ \t]+)?(?P<w>" + _tree(_LEX["body_tiers"]) + r")(?![\p{L}])")
_STRONG_TIER = _cue_re(r"{STRONG_TIERS}")
_LIST_HEAD = _PATTERNS.compile(r"[ \t]*:(?![ \t]*\n)")
_SENTENCE_END = _PATTERNS.compile(r"[.!?](?=\s)|\n")
_CONTINUES = _cue_re(r"[ \t]*{CONTINUES}(?![\p{L}])")
_BULLET = _cue_re(r"[ \t]*(?:{LIST_BULLETS})", 0)
# what a line, a paragraph or the words after a figure open with where _BULLET, _CONTINUES, _OTHER_BODIES may match
_BULLET_OPENS = frozenset(" \t" + "".join(w[0] for w in _CUES["list_bullets"]))  # case-sensitive: as written
_CONTINUES_OPENS = _cased_opens(_CUES["continues"]) | {" ", "\t"}
_LEVEL_JOINED = _cue_re(r"[ \t]*(?:,[ \t]*{RANGE_WORDS}?|{CONJUNCTIONS}|{RANGE_WORDS})[ \t]+(?:"
                         + _tree(_LEX["level_joined"]) + r")(?![\p{L}])")
_SERVICE = _cue_re(r"{SERVICE_LEVEL_WORDS}[ \t]*[1-4](?![\d,.]\d)"
                   r"(?:[ \t]*(?:,|{CONJUNCTIONS}|-|/)[ \t]*(?:{SERVICE_LEVEL_WORDS}[ \t]*)?[1-4](?![\d,.]\d))*")
_SERVICE_AFTER = _cue_re(r"[ \t]*(?:\p{L}+[ \t]+){0,2}?{SERVICE_LEVEL_WORDS}[ \t]*[1-4](?![\d,.]\d)")
_CLAUSE_END = _PATTERNS.compile(r"[;\n]|[.!?](?=[ \t]+\p{Lu})|:(?=[ \t]*\n)")
_LAST_CLAUSE_END = _PATTERNS.compile(_CLAUSE_END.pattern, regex.REVERSE)  # one character: the last of finditer
_STOP_RIGHT = _cue_re(r"[,;.()]|(?<![\p{L}]){STOP_RIGHT}(?![\p{L}])")
_ENGLISH_THOUSANDS = _PATTERNS.compile(r"\d{1,3}(?:,\d{3})+")
_LEVEL_DIGIT = _PATTERNS.compile(r"[1-4]")
_AUTHORITY_REACH = 80  # how far after 'thuộc thẩm quyền' the bodies named are read
# a few words of the procedure's own name, then who handles it, and how many of them ("thuộc 8 sở")
_AUTHORITY_AFTER = _cue_re(r"(?:[ \t]+\p{L}+){0,5}?[ \t]+{AUTHORITY_AFTER}[ \t]+(?:\d+(?:\.\d{3})*[ \t]+)?")
_REACHES = _cue_re(r"(?<![\p{L}]){REACH_VERBS}(?![\p{L}])")  # "tăng …, đạt 90%": a level, not a change
_COMMUNE_WORD = _PATTERNS.compile(_tree(_COMMUNE_TYPES), _I)
_RATE_VERB_END = _cue_re(r"{RATE_VERBS}[ \t]*$", _AT_END)
_POINTS_SAID = _cue_re(r"(?:[^.;\n%]|\.(?=\d)){0,60}?\d[ \t]*{POINT_WORDS}(?![\p{L}])")  # the sentence goes on in points
# "phấn đấu đạt 80%", "vượt mục tiêu đề ra là 96%": an aim, unless "đã" says it was reached after the word
_TARGET = _cue_re(r"(?<![\p{L}]){TARGET_WORDS}(?![\p{L}])(?![^;]*(?<![\p{L}]){DONE_WORDS}(?![\p{L}]))")
_TARGET_CUES = WordSet(_CUES["target_words"], fold=True)  # a _TARGET match starts with one
_TARGET_AFTER = _cue_re(r"(?<![\p{L}]){TARGET_AFTER}(?![\p{L}])")
_RANK_IS = _cue_re(r"(?<![\p{L}]){RANK_HEADS}(?![\p{L}])[^,;.\n]{0,100}(?:{COPULAS}|:)[ \t]*$", _AT_END)  # "xếp hạng … là 19/63"
# "Sở A (hơn 12%); Sở B (gần 9%)", "Sở A 5,2%; Sở B 3,1%": the next item of a list of rates
_LIST_ITEM = _PATTERNS.compile(r"[ \t]*(?:\)[ \t]*)?;[ \t]*[^;()\d\n]{1,60}?(?:\([^;()\d\n]{0,15})?")
# "(DVCTT)" glosses the words before it and stops nothing; "tỷ lệ" starts the words of the rate after it
_STOP_MODIFIER = _cue_re(r"[,;]|\((?!(?-i:\p{Lu}){2,10}\))|(?<!\((?-i:\p{Lu}){2,10})\)|\.(?!\d)|\d|(?<![\p{L}])(?:{PARTS_FOLLOW}|{RATE_HEADS})(?![\p{L}])")
# "… tiếp nhận trong kỳ và tiếp nhận trực tuyến là 1,7 triệu": the tail names the figure after it
# "… hồ sơ tiếp nhận mới và tiếp nhận trực tuyến hơn 1,2 triệu": a qualifier of the next figure ends the tail too
_NEXT_NAMED = _cue_re(r"(?<![\p{L}]){CONJUNCTIONS}[ \t][^,;]*(?:(?:{COPULAS}|:)[ \t]*(?:\p{L}+[ \t]*)?|(?<![\p{L}])(?:"
                      + _tree(q for q, v in _LEX["qualifiers"].items() if v != "exact") + r")[ \t]*)$")
_RATE_HEAD = _cue_re(r"(?<![\p{L}]){RATE_HEADS}(?![\p{L}])")
_NOT_DOSSIER_RATE = _cue_re(r"(?<![\p{L}]){NOT_DOSSIER_RATE}(?![\p{L}])")
_CAUSE = _cue_re(r"(?<![\p{L}]){CAUSES}(?![\p{L}])")
_DONE_HANDLING = _cue_re(r"(?<![\p{L}]){DONE_WORDS}[ \t]+{HANDLING_VERBS}[ \t]+(?:\p{L}+[ \t]+)?$")


def _keyword_map(groups: dict) -> tuple[regex.Pattern, dict]:
    lookup = {w.lower(): key for key, ws in groups.items() for w in ws}
    pattern = _word_tree(lookup)
    _KEYWORD_STARTS[pattern] = WordSet(lookup, fold=True)
    return pattern, lookup


_KEYWORD_STARTS: dict[regex.Pattern, WordSet] = {}  # where a keyword pattern can match: its words, standing whole


_SPECIFIC, _SPECIFIC_OF = _keyword_map(metrics.cues("dossier"))
_GENERIC, _GENERIC_OF = _keyword_map(metrics.cues("dossier", "verbs"))
_PROC_KIND, _PROC_KIND_OF = _keyword_map(metrics.cues("procedure"))
_RATE_OF = metrics.RATE_OF
_RATE_COUNT = metrics.RATE_COUNT
_TERRITORY = {n["unit"]: n["territory"] for n in _LEX["nouns"] if "territory" in n}
_DOSSIER_NOUN = _word_tree([f for f, n in _NOUN_OF.items() if n["family"] == "dossier"])
# what a rate names as its whole on its left: dossiers, procedures or services (not the units named around them)
_HANDLED_NOUN = _word_tree([f for f, n in _NOUN_OF.items() if n["family"] in ("dossier", "procedure", "service")])
_SHARE_OF = _PATTERNS.compile(rf"[ \t]*(?:{_tree(_CUES['number_words'])}[ \t]+)?(?P<noun>{_tree(_NOUN_OF)})"
                          r"(?![\p{L}\p{N}])", _I)  # "100% cán bộ", "61% số hồ sơ"
_ADMIN_COUNT = _PATTERNS.compile(rf"\d(?:[ \t]*/[ \t]*\d[\d.]*)?[ \t]+(?P<noun>{_tree(_NOUN_OF)})(?![\p{{L}}])"
                             rf"|(?P<admin>{_tree(_LEX['admin_reading'].values())})(?![\p{{L}}])", _I)
_ADMIN_UNITS = {u.lower() for u in _LEX["admin_units"]}
_SENTENCE_BREAK = _PATTERNS.compile(r"[.!?][ \t]+(?=\p{Lu})")  # a sentence ends, the next opens
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
    held: bool = False  # the tier opening the paragraph before, carried into a paragraph listing the others
    owns: int = 0  # where the tier closing its counted bodies' clause ends ('14 đơn vị …, đoàn thể cấp tỉnh')
    metric_rule: str = "metric.noun"  # how metric and level were decided (docs/INDICATORS.md)
    level_rule: Optional[str] = None


_PROVINCE_TIER = "cấp tỉnh"
_INFO_CHANNEL = _cue_re(r"(?<![\p{L}]){INFO_VERBS}(?![\p{L}])[^\n,;.:()\d]{0,80}?(?<![\p{L}]){CHANNEL_WORDS}(?![\p{L}])"
                        r"[^\n,;.:()\d]{0,30}$")
_NATIONAL_BLOCK = _cue_re(r"{NATIONAL_BLOCKS}")
_NATIONAL = _cue_re(r"(?<![\p{L}]){NATIONAL_WORDS}(?![\p{L}])")


_UNSAID = object()


_PEOPLE = {_NOUN_OF["người"]["unit"]}
_POPULATION = _cue_re(r"(?<![\p{L}])(?:{POPULATION_WORDS})(?![\p{L}])[^,;.\n\d]{0,40}$"
                         r"|(?<![\p{L}]){PLACE_WORDS}(?![\p{L}])(?:[^,;.\n\d]|\.(?=\p{L})){0,60}?[ \t]{POPULATION_WITH}(?:[ \t]+\p{L}+)?[ \t]+$")
# flags 0: its name, if any, is capitalised, the verb after it is not ("Hiện nay, xã bố trí …", "Xã Hòa Bình có …");
# searched backwards from its end ($), where it must match, not tried from every start before it (only read as found)
_COMMUNE_SUBJECT = _cue_re(r"(?:^|(?<!(?i:{COMMUNE_WORDS}))[,;:])[ \t]*(?i:(?:các|mỗi|từng)[ \t]+)?(?i:{COMMUNE_WORDS})(?![\p{L}])(?![ \t]+(?i:{NOT_COMMUNE_AFTER})(?![\p{L}]))[ \t]+(?:(?:\p{Lu}\p{L}*|\d+)[ \t]+){0,4}(?:\p{Ll}+[ \t]+){1,4}$", regex.REVERSE)


_JOINED_NUMBER = _cue_re(r"[ \t]*(?:,[ \t]*|[ \t]{CONJUNCTIONS}[ \t]+)")
# what may stand between a count (with its own words) and a bare part of it: a comma, "và", a parts opener
# ("1.336 thủ tục, gồm 1.182 cấp tỉnh", "7.050 hồ sơ trực tuyến, trong đó 5.900 cấp tỉnh")
_PART_GAP = _cue_re(r"[^\d\n.;:()%,]{0,40}?[ \t]*[,;:]?[ \t]*(?:(?:{PART_OPENERS}|{CONJUNCTIONS})[ \t]*:?[ \t]*)?")
# between a count (and the words saying what state it is in) and the next bare number of its list: a comma, a
# semicolon or "và" ("2.300 hồ sơ, 1.007 đang …", "436 phản ánh đã xử lý; 1.007 đang xử lý")
_STATUS_GAP = _cue_re(r"[^\d\n.;,:()%]{0,60}?(?:[ \t]*[,;][ \t]*|[ \t]{CONJUNCTIONS}[ \t]+)")
_PART_FAMILIES = ("dossier", "procedure", "service")
# procedures or dossiers of bodies outside the three tiers ("56 TTHC cơ quan khác", "… thuộc ngành dọc")
_OTHER_BODIES = _cue_re(r"[ \t]*(?:(?:thuộc|của)[ \t]+)?(?:các[ \t]+)?{OTHER_BODIES}(?![\p{L}])")
_OTHER_BODIES_OPENS = _cased_opens(["thuộc", "của", "các", *_CUES["other_bodies"]])  # past spaces (`_opens`)


# the next item: after a comma, or in the next paragraph ("… Sở B (110).\n\nSở C (88), …")
_LIST_NEXT = _PATTERNS.compile(r"[ \t]*\)[ \t]*(?:[,;]|[.;]?[ \t]*\n[ \t\n]*)[ \t]*[^()\d;\n]{1,80}\([ \t]*")
_CLOSES = _PATTERNS.compile(r"[ \t]*\)")


_EQUIVALENT_END = _cue_re(r"(?<![\p{L}]){EQUIVALENT}[ \t]*(?:\p{L}+[ \t]*)?$")


_ITEM_LINE = 150  # a list item on a line of its own is short


_SAME_KIND = _cue_re(r"[ \t]+{SAME_KIND}(?![\p{L}])")


_SUBJECT_OPENER = _cue_re(r"[ \t]*(?:{SUBJECT_OPENERS}[ \t]+)?")
_ACTS_AFTER = _cue_re(r"[ \t]+(?!(?:{NOT_ACTING_AFTER})(?![\p{L}]))\p{Ll}", 0)


_CLOSING_REACH = 80
# a verb, or a range of tiers ("từ Sở, quận, huyện, tới phường, xã"), between the bodies and the tier
_CLOSING_STOP = _cue_re(r"\d|(?<![\p{L}])(?:{HANDLING_VERBS}|{DONE_WORDS}|{VERB_MARKS}|{FROM_WORDS}|{RANGE_WORDS})(?![\p{L}])")


_SHARE_NOUN = _PATTERNS.compile(r"[ \t]*(?:số[ \t]+)?" + _HANDLED_NOUN.pattern, _I)


_OTHERS = _cue_re(r"[ \t]*(?:\p{L}+[ \t,]+){1,4}?{OTHERS_WORDS}(?![\p{L}])")


_INDICATORS = TypeAdapter(list[Indicator])  # one validation call per article, not one per figure


_NO_DISTRICTS = dt.date(2025, 7, 1)
_CITY_PROVINCE = "Thành phố "


_HANDLED = ("dossier", "procedure", "service", "other")  # what a body handles or holds (and rates): its tier is theirs


_BODY_HEADS = _LEX["handling_bodies"]
_PLACE_WORD = _PATTERNS.compile(rf"(?<![\p{{L}}])(?P<w>{_tree(_LEX['body_tiers'])})(?![\p{{L}}])", _I)
_APPOSITION = _PATTERNS.compile(r"[ \t]*,[ \t]*")
_BELOW = {"commune": ("district", "province"), "district": ("province",)}  # the tiers a unit lies within
_GLOSS = _PATTERNS.compile(r"[ \t]*\([^()]*\)")
_RESPECTIVELY = _cue_re(r"(?<![\p{L}]){RESPECTIVELY}(?![\p{L}])")
_JOINED = _cue_re(r"[ \t]*(?:,|{CONJUNCTIONS})[ \t]*")
_AUTHORITY = _cue_re(r"(?<![\p{L}]){AUTHORITY_WORDS}(?![\p{L}])")
_SOURCE_BEFORE = _cue_re(r"(?<![\p{L}]){SOURCE_BEFORE}[ \t]+$")
_SOURCE_AFTER = _cue_re(r"[ \t,]*(?:{SOURCE_AFTER})(?![\p{L}])")
_BACK_REFERENCE = _cue_re(r"(?<![\p{L}])(?P<back>{BACK_REFERENCES})(?![\p{L}])(?![ \t]+\p{Lu})", 0)  # 'Trung tâm đã …', not a name
# a commune opening its clause, or said as the one whose figure it is ('của phường A'), not 'người dân xã A'
_UNIT_OPENS = _cue_re(r"(?:^|[,;:(\n]|(?<![\p{L}]){AT_WORDS})[ \t]*$")
# '100% thủ tục thực hiện tại Trung tâm': the bare body named right after the figure, in its clause
_AT_BACK = _cue_re(r"[^,;.\n]{0,80}?(?<![\p{L}]){AT_WORDS}[ \t]+(?P<back>{BACK_REFERENCES})(?![\p{L}])(?![ \t]+\p{Lu})", 0)


_SUBJECT_OPENING = _PATTERNS.compile(r"\s*(?:[^,.;:()\n]{0,40},[ \t]*)?")  # nothing, or a time phrase and its comma
_NEXT_ITEM = _PATTERNS.compile(r"\)[ \t]*[,;][ \t]*[^()\d;]{1,80}\([ \t]*$")
_GROUP_JOIN = _cue_re(r"[ \t]*,?[ \t]*{CONJUNCTIONS}[ \t]+(?:(?-i:\p{Lu})\p{L}*\.?[ \t]+)?")
_UNNAMED = ""  # a figure whose own unit the text names but we cannot: no unit_ref, and no home in its place


_PROVINCE_WIDE = _cue_re(r"(?<![\p{L}]){PROVINCE_WIDE}(?![\p{L}])")


_NATIONAL_SCOPE = _cue_re(r"(?<![\p{L}]){NATIONAL_SCOPE}(?![\p{L}])")
_NATIONAL_LOCALITIES = _cue_re(r"(?<![\p{L}]){NATIONAL_LOCALITIES}(?![\p{L}])")
_INDEX_NAMED = _cue_re(r"(?<![\p{L}]){INDEX_NAMES}(?![\p{L}])")
_INDEX_PART = _cue_re(r"(?<![\p{L}]){INDEX_PARTS}(?![\p{L}])")
_MINISTRY_INDEX = _cue_re(r"(?<![\p{L}]){MINISTRY_INDEX}(?![\p{L}])")


# A named reporting period (quý I năm 2020) says more than the interval that glosses it, a day the least.
_PERIOD_RANK = {"quarter": 0, "half": 0, "interval": 1, "month": 1, "year": 2, "date": 3}


# A council speaks for its unit: figures of "UBND Quận 1" belong to Quận 1, whose mention it contains.
_COUNCIL = _cue_re(r"{COUNCILS}\b")
_STOCKS = ("procedure", "service", "agency")  # in force at a date, not counted over the reporting period
_COMPARED = _cue_re(r"{COMPARISONS}[ \t]+(?:\p{L}+[ \t]+)?$")  # "tăng 1% so với năm 2018"



# Word lists looked for in a whole article in one pass (`_article_words`), read back by the finder's parts: the
# number words and candidate cues of its lines, tier words of its paragraphs, part markers, and the cue lists some
# patterns cannot match without (`_has`).
_PRECHECKED = ("province_wide", "target_after", "others_words", "rank_verbs", "continues", "back_references",
               "comparisons", "commune_words", "national_scope", "national_localities", "index_names", "target_words",
               "service_level_words", "increase_words", "decrease_words")
_ARTICLE_LISTS = {
    "number_words": numbers.WORD_CUES, "candidate_cues": [*_RANK_WORD_CUES, *_APPROX_CUES, *_FRACTION_CUES],
    "levels": [w for ws in _LEX["levels"].values() for w in ws], "parts": rules.load("audit").lexicons["parts_follow"],
    "respectively": _CUES["respectively"], "not_figure": [*_LEX["not_figure_before"], *_CUES["number_words"]],
    **{name: _CUES[name] for name in _PRECHECKED}}
_ARTICLE_WORDS = WordGroups(_ARTICLE_LISTS)
_ARTICLE_KEYS = {name: ARTICLE_WORDS.add(f"indicators.{name}", [w.casefold() for w in words])
                 for name, words in _ARTICLE_LISTS.items()}
_SEEN: list = [(None, None, None)]  # the article text last looked through, its words, the lists found in it


def _seen(text: str, folded: Optional[str] = None) -> tuple:
    seen = _SEEN[0]
    if seen[0] is not text:
        every = ARTICLE_WORDS.hits(text, folded=folded)
        found = _ARTICLE_WORDS.hits(text, folded=folded) if every is None else {
            name: every[key] for name, key in _ARTICLE_KEYS.items()}
        seen = _SEEN[0] = (text, found, None if found is None else frozenset(k for k, hits in found.items() if hits))
    return seen


def _article_words(text: str, folded: Optional[str] = None) -> Optional[dict[str, list[tuple[int, int, str]]]]:
    """`_ARTICLE_WORDS.hits` of the article `text`, found once: every part of the finder asks for them."""
    return _seen(text, folded)[1]


def _starts_between(text: str, cues: str, lo: int, hi: int) -> Optional[list[int]]:
    """`WordSet.starts(text[lo:hi])` of the list `cues` of `_ARTICLE_WORDS`, read from the article's words."""
    found = _article_words(text)
    if found is None:
        return None
    hits = found[cues]
    return sorted({a - lo for a, b, _ in hits[bisect_left(hits, (lo,)):bisect_left(hits, (hi,))] if b <= hi})


def _word_within(text: str, cues: str, lo: int, hi: int) -> bool:
    """Whether a word of the list `cues` of `_ARTICLE_WORDS` lies whole within text[lo:hi] (True when not known)."""
    found = _article_words(text)
    if found is None:
        return True
    return bool(found_between(found[cues], lo, hi))


def _has(text: str, cues: str) -> bool:
    """Whether the article `text` may hold a word of the cue list `cues` (one of `_PRECHECKED`): a pattern that
    needs one cannot match anywhere in it otherwise."""
    seen = _SEEN[0]  # asked some 45 times an article: the last text's set, read here without a call
    lists = seen[2] if seen[0] is text else _seen(text)[2]
    return lists is None or cues in lists
_PATTERNS.save()  # every module-level pattern is built by here
