"""Which figures of an article are parts of which total.

From the text first: a list after "trong đó", "gồm", "bao gồm" (also opening
the next sentence), a total after "Trong số …" or opening its sentence ("Trong
8 chỉ số, …"), items in parentheses or on bullet lines. Then from the metrics
of figures of one unit, tier and period close together (two sentences, or down
a list of one-figure lines): received = resolved + pending (or on time + late
+ pending), resolved = on time + late, received = online + offline, and a
whole-unit figure = the sum of its tiers. Sentences repeated word for word
(a lead printed twice) are read once. A figure after 'lần lượt' is one of
several names' and is set with nothing by nearness.
"""
from __future__ import annotations

import bisect
from collections import Counter
from functools import lru_cache
from typing import Optional

import regex

from extract.audit.figures import LEX, PLAIN, Audit, Fig, Structure, is_item
from extract.audit.intervals import any_vague, intervals, overlaps, total
from extract.audit.periods import aliases
from extract.context import Context
from extract.language import metrics
from extract.language.words import (ARTICLE_WORDS, WORD_EDGES, alternation, fill, finditer_at, match_in, search_in,
                                    word_regex)
from extract.language.textnorm import spaces
from extract.language.compiled import Patterns

_PATTERNS = Patterns(__file__)


def _words(key: str) -> regex.Pattern:
    return word_regex(LEX[key], flags=regex.IGNORECASE, edges=WORD_EDGES, compile_with=_PATTERNS.compile)


_PARTS_FOLLOW = _words("parts_follow")
_TOTAL_FOLLOWS = _words("total_follows")
_REST = _words("rest")
_BY_TIER = _words("by_tier")
_RESPECTIVELY = _words("respectively")
# The words of those patterns, case-folded: a sentence with none of them is not searched (see `_folded`).
_PARTS_FOLLOW_WORDS = tuple(w.casefold() for w in LEX["parts_follow"])
_TOTAL_FOLLOWS_WORDS = tuple(w.casefold() for w in LEX["total_follows"])
_OPENS_TOTAL_WORDS = tuple(w.casefold() for w in LEX["opens_total"])
_RESPECTIVELY_WORDS = tuple(w.casefold() for w in LEX["respectively"])
_IN_TOTAL = _PATTERNS.compile(fill(r"(?<![\w,] )(?<!\w){OPENS_TOTAL}[ \t]+", LEX), regex.IGNORECASE)  # opening its sentence
_OPEN_GLOSS = _PATTERNS.compile(r"\(|[ \t]+\(")  # not "[ \t]*\(": see indicators._OF
# the tier a count is of, between it and its breakdown ('106 đơn vị cấp xã (…)'); matches empty otherwise
_GLOSS_GAP = _PATTERNS.compile(r"(?:[ \t]+(?:" + alternation(LEX["gloss_gap"]) + r")(?!\w))?", regex.IGNORECASE)
_BULLET = _PATTERNS.compile(r"\s*[" + regex.escape("".join(LEX["bullets"])) + r"]")
_BREAK = _PATTERNS.compile(r"\n\s*|[.!?…]\K[ \t]+(?=[\p{Lu}\p{N}\"“(])")  # \K, not a lookbehind at every space: half the scan
_BREAK_OPENINGS = ("\n", ". ", "! ", "? ", "… ", ".\t", "!\t", "?\t", "…\t")  # how every _BREAK match opens
_ABBREV_END = _PATTERNS.compile(r"(?<!\w)(?:" + alternation(LEX["no_break_abbrev"], longest_first=False) + r")\.$")
_ABBREV_LAST = frozenset(w[-1] for w in LEX["no_break_abbrev"])  # what stands before the dot of one: a pre-check
_CARRIED = _PATTERNS.compile(r"[ \t]*(?:" + alternation(metrics.CARRIED_OVER) + r")(?!\w)", regex.IGNORECASE)
_CARRIED_BEFORE = _PATTERNS.compile(r"(?<!\w)(?:" + alternation(metrics.CARRIED_OVER) + r")[ \t:]*(?:là[ \t]+)?$",
                                regex.IGNORECASE)
# Both patterns hold one of these words: an article without one (nearly all) has no count carried over.
_CARRIED_LIST = ARTICLE_WORDS.add("audit.carried_over", [w.casefold() for w in metrics.CARRIED_OVER])
_POST_2025 = "2025-07"

# The metric model (patterns/metrics.yaml): how each part metric splits a whole, and what may be a part of what.
FAMILY = metrics.SPLIT
DOSSIER_TOTALS = metrics.WHOLES
CHILDREN = metrics.PARTS
# a part that has parts of its own (resolved = on time + late): listed after it, they are its breakdown
OWNS: dict[str, set[str]] = {m: {p for s in sums for p in s} for m, sums in metrics.SUMS.items()
                             if sums and m not in DOSSIER_TOTALS}
# a count split into counts of its own metric (pending = still in time + already late): its parts are no totals
SELF_SPLIT = {m for m, parts in CHILDREN.items() if m in parts}
# what a rate is taken over (resolved, received): the bases a count's rate is looked for against
BASES = tuple(dict.fromkeys(metrics.RATE_OVER.values()))


def read(ctx: Context) -> tuple[Audit, list[Structure]]:
    """The article's figures and every total-and-parts structure found among them."""
    sentences = _unrepeated(ctx, _sentences(ctx))
    folded: dict[int, Optional[str]] = {}
    audit = Audit(ctx, _figures(ctx, sentences, folded), sentences, folded=folded)
    structures = _enumerations(audit)
    structures += _relations(audit, structures)
    structures += _tiers(audit)
    structures += _carried_totals(audit)
    return audit, structures


# --- reading the article ---------------------------------------------------

def _sentences(ctx: Context) -> list[tuple[int, int]]:
    """Content split at line breaks and at [.!?] before a capital (not inside URLs or after TP.)."""
    text, out = ctx.text, []
    segments = list(ctx.content())
    starts = _break_starts(text, min(s.start for s in segments), max(s.end for s in segments)) if segments else []
    for seg in segments:
        start = seg.start
        for m in finditer_at(_BREAK, text, starts, seg.start, seg.end, None):
            at, end = m.span()
            if text[at] != "\n" and text[at - 2] in _ABBREV_LAST and _ABBREV_END.search(text, max(start, at - 8), at):
                continue
            if text[start:at].strip():
                out.append((start, at))
            start = end
        if text[start:seg.end].strip():
            out.append((start, seg.end))
    return out or [(0, len(ctx.text))]


def _break_starts(text: str, lo: int, hi: int) -> list[int]:
    """Where `_BREAK` may match in text[lo:hi], in order: at a line break, or at a mark a space or tab follows.
    str.find skips the text between them faster than the pattern's own scan."""
    found = []
    for opening in _BREAK_OPENINGS if text.find("\t", lo, hi) >= 0 else _BREAK_OPENINGS[:5]:
        i = text.find(opening[0], lo, hi)  # one character is found much faster: most pages have no '!', '?' or '…'
        i = text.find(opening, i, hi) if i >= 0 else -1
        while i >= 0:
            found.append(i)
            i = text.find(opening, i + 1, hi)
    found.sort()
    return found


def _unrepeated(ctx: Context, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences without those repeating an earlier one word for word (a lead printed twice)."""
    text = ctx.text
    # Sentences that repeat open and end with the same words: only those sharing them are compared word for word.
    ends = {(a, b): _end_words(text[a:b]) for a, b in sentences if b - a > 30}
    if len(set(ends.values())) == len(ends):
        return sentences  # no two alike: none repeats another (most articles)
    shared = {e for e, n in Counter(ends.values()).items() if n > 1}
    seen: set[str] = set()
    out = []
    for a, b in sentences:
        if b - a <= 30 or ends[a, b] not in shared:  # short enough to repeat by chance, or like no other: kept
            out.append((a, b))
            continue
        key = spaces(text[a:b])
        if len(key) <= 30 or key not in seen:
            out.append((a, b))
        seen.add(key)
    return out


def _end_words(sentence: str) -> tuple[str, ...]:
    """Its first two words and its last one: the same for two sentences of the same words."""
    return (*sentence.split(None, 2)[:2], *sentence.rsplit(None, 1)[-1:])


def _figures(ctx: Context, sentences: list[tuple[int, int]], folded: dict[int, Optional[str]]) -> list[Fig]:
    """Indicators in text order with the index of their sentence; none from outside those sentences."""
    starts = [a for a, _ in sentences]
    alias = aliases({i.period for i in ctx.indicators if i.period})
    tiers: dict[Optional[str], set[str]] = {}
    for ind in ctx.indicators:
        if ind.level:
            tiers.setdefault(ind.unit_ref, set()).add(ind.level)
    figs = []
    text = ctx.text
    pairing: dict[int, bool] = {}  # sentence → whether it may hold a 'lần lượt'
    vague = any_vague(ctx.indicators)  # looked for in all the figures at once: most articles have none
    for ind in sorted(ctx.indicators, key=lambda x: x.span[0]):
        start, end = ind.span
        sent = bisect.bisect_right(starts, start) - 1
        if sent >= 0 and end <= sentences[sent][1] and ind.change is None:
            # a figure said of every tier together ('Toàn huyện …') takes no tier its unit reports
            tier = ind.level or (next(iter(only)) if (only := tiers.get(ind.unit_ref)) and len(only) == 1
                                 and ind.level_rule != "level.spans_tiers" else None)
            if sent not in pairing:
                pairing[sent] = _may_hold(_RESPECTIVELY_WORDS, _folded(text, sentences, sent, folded))
            paired = False
            if pairing[sent]:
                a = sentences[sent][0]
                a = max(a, text.rfind(";", a, start) + 1, text.rfind(":", a, start) + 1)  # its clause
                paired = bool(_RESPECTIVELY.search(text, a, start))
            bounds, strict = intervals(ind, vague)
            figs.append(Fig(ind, sent, bounds, alias.get(ind.period, ind.period), tier, strict=strict, paired=paired))
    return figs


def _folded(text: str, sentences: list[tuple[int, int]], si: int, cache: dict[int, Optional[str]]) -> Optional[str]:
    """Sentence si case-folded, for a pre-check of the words of an IGNORECASE pattern (as `WordSet` folds them);
    None when folding changed its length, so that a pre-check cannot be trusted. Once per sentence (`cache`)."""
    if si not in cache:
        a, b = sentences[si]
        folded = text[a:b].casefold()
        cache[si] = folded if len(folded) == b - a else None
    return cache[si]


def _may_hold(words: tuple[str, ...], folded: Optional[str]) -> bool:
    """Whether a pattern of these case-folded words may match in the folded text (always, when it is None)."""
    if folded is None:
        return True
    for w in words:  # a loop, not any(…): asked of every sentence with a figure
        if w in folded:
            return True
    return False


def _word_starts(words: tuple[str, ...], folded: Optional[str], a: int) -> Optional[list[int]]:
    """Where the case-folded words start in the folded sentence that starts at `a` (offsets in the text), in
    order: the only places a pattern of them can match (`finditer_at`); None when `folded` is (not known)."""
    if folded is None:
        return None
    found = []
    for w in words:  # a loop of str.find, not a pattern: asked of every sentence near a count
        i = folded.find(w)
        while i >= 0:
            found.append(a + i)
            i = folded.find(w, i + 1)
    if len(found) > 1:
        found = sorted(set(found))
    return found


def _depth(text: str, start: int, end: int) -> int:
    """How many parentheses opened in text[start:end] are still open at its end."""
    if text.find("(", start, end) < 0:  # most text has none: no loop over its characters
        return 0
    d = 0
    for c in text[start:end]:
        d += c == "("
        d -= c == ")" and d > 0
    return d


# --- which figures are parts of which total --------------------------------

def _enumerations(audit: Audit) -> list[Structure]:
    """Lists introduced by a marker: total, marker, parts (nested lists in parentheses)."""
    text, counts = audit.ctx.text, audit.counts
    found: list[tuple[Fig, int, int, str]] = []  # total, scope start, scope end, kind
    # only a sentence with a count, or right after one, can have a marker with a total
    near = sorted({j for si in audit.counts_in for j in (si, si + 1) if j < len(audit.sentences)})
    for si in near:
        a, b = audit.sentences[si]
        in_sent = audit.counts_in.get(si, [])
        folded = _folded(text, audit.sentences, si, audit.folded)
        starts = _word_starts(_PARTS_FOLLOW_WORDS, folded, a)
        if starts is None or starts:
            for m in finditer_at(_PARTS_FOLLOW, text, starts, a, b, None):
                tot = _total_before(audit, si, m, in_sent)
                if tot is not None:
                    found.append((tot, m.end(), _scope_end(audit, si, m.end()), "trong_do"))
        if not in_sent:
            continue  # the other markers' total is in their own sentence
        starts = _word_starts(_TOTAL_FOLLOWS_WORDS, folded, a)
        if starts is None or starts:
            for m in finditer_at(_TOTAL_FOLLOWS, text, starts, a, b, None):
                tot = next((f for f in in_sent if f.start >= m.end()), None)
                if tot is not None:
                    found.append((tot, tot.end, b, "trong_so"))
        starts = _word_starts(_OPENS_TOTAL_WORDS, folded, a)
        if starts is None or starts:
            for m in finditer_at(_IN_TOTAL, text, starts, a, b, None):  # "Trong 8 chỉ số, có 3 … và 5 …"
                tot = next((f for f in in_sent if f.start == m.end()), None)
                if tot is not None:
                    found.append((tot, tot.end, b, "opens_total"))
    found += _glosses(audit)
    structures: list[Structure] = []
    by_start = sorted(range(len(found)), key=lambda n: found[n][0].start)
    tok_starts = [found[n][0].start for n in by_start]
    for n, (tot, start, end, kind) in enumerate(found):
        inside = by_start[bisect.bisect_left(tok_starts, start):bisect.bisect_left(tok_starts, end)]
        inner = [found[k][1:3] for k in inside if k > n]
        window = counts[bisect.bisect_left(audit.count_starts, start):bisect.bisect_left(audit.count_starts, end)]
        members = [f for f in window if f is not tot and not any(s <= f.start < e for s, e in inner)]
        structures += _with_nested(audit, tot, members, start, kind)
    return structures


def _glosses(audit: Audit) -> list[tuple[Fig, int, int, str]]:
    """A count with two or more counts in parentheses right after it: its breakdown
    ('15.320 hồ sơ (kỳ trước chuyển qua 1.020 hồ sơ, tiếp nhận mới 14.300 hồ sơ)')."""
    text, out = audit.ctx.text, []
    for si, in_sent in audit.counts_in.items():
        for i, f in enumerate(in_sent):
            close = text.find(")", f.end, audit.sentences[si][1])  # before the patterns: it rules most counts out
            if close > 0 and sum(1 for g in in_sent[i + 1:] if g.end <= close) >= 2 \
                    and (m := _OPEN_GLOSS.match(text, _GLOSS_GAP.match(text, f.end).end())):
                out.append((f, m.end(), close, "parenthesis"))
    return out


def _total_before(audit: Audit, si: int, marker: regex.Match, in_sent: list[Fig]) -> Optional[Fig]:
    before = [f for f in in_sent if f.end <= marker.start()]
    if before:
        gap = audit.ctx.text[before[-1].end:marker.start()].rstrip()
        # "nhóm B gồm 50 …": a marker after its own subject does not list parts of an earlier figure
        return before[-1] if not gap or gap[-1] in ",;:(–-" or len(gap) <= 12 else None
    a = audit.sentences[si][0]
    if si == 0 or audit.ctx.text[a:marker.start()].strip(" ,:\n"):
        return None
    # "… 615 hồ sơ trong tuần. Trong đó, 348 …", "… 28.540 hồ sơ. Cụ thể, …": the total ends the sentence before.
    prev = audit.counts_in.get(si - 1, [])
    if prev and audit.sentences[si - 1][1] - prev[-1].end <= 30:
        return prev[-1]
    return None


def _scope_end(audit: Audit, si: int, pos: int) -> int:
    """A list ends with its sentence, or, after 'trong đó:' ending a line, with its bullet lines."""
    end = audit.sentences[si][1]
    if audit.ctx.text[pos:end].strip(" :") or si + 1 >= len(audit.sentences):
        return end
    j = si + 1
    while j + 1 < len(audit.sentences) and _BULLET.match(audit.ctx.text, audit.sentences[j + 1][0]) \
            and _BULLET.match(audit.ctx.text, audit.sentences[j][0]):
        j += 1
    return audit.sentences[j][1]


def _with_nested(audit: Audit, tot: Fig, members: list[Fig], start: int, kind: str) -> list[Structure]:
    """Top-level parts of `tot`; figures in parentheses are parts of the part before them."""
    text = audit.ctx.text
    top: list[Fig] = []
    nested: dict[int, list[Fig]] = {}
    how: dict[int, str] = {}
    for f in members:
        if _depth(text, start, f.start) > 0 and top:
            nested.setdefault(id(top[-1]), []).append(f)
            how[id(top[-1])] = "parenthesis"
        else:
            top.append(f)
    top = _resolved_first(_split_runs(top, nested, how), nested, how)
    out = [Structure(_as_received(tot, top), top, False, kind)]
    out += [Structure(p, nested[id(p)], False, how[id(p)]) for p in top if id(p) in nested]
    return out


def _split_runs(top: list[Fig], nested: dict[int, list[Fig]], how: dict[int, str]) -> list[Fig]:
    """Parts right after a part that add up to it exactly are its own breakdown
    ('350 hồ sơ trực tuyến, đã giải quyết 335, đang giải quyết 15')."""
    out, i = [], 0
    unsigned = [True] * (len(top) + 1)  # unsigned[k]: no value from k on is negative, so a sum only grows
    for k in range(len(top) - 1, -1, -1):
        unsigned[k] = unsigned[k + 1] and top[k].ind.value >= 0
    while i < len(top):
        p, j = top[i], i + 2
        run = None
        exact = p.bounds and p.bounds[0] == p.bounds[1]
        acc = sum(f.ind.value for f in top[i + 1:j]) if exact else 0
        while exact and j < len(top) and run is None:
            acc += top[j].ind.value  # the same left-to-right sum as sum(top[i + 1:j + 1])
            if acc == p.ind.value:
                run = top[i + 1:j + 1]
            elif acc > p.ind.value and unsigned[j + 1]:
                break
            j += 1
        out.append(p)
        if run and id(p) not in nested:
            nested[id(p)], how[id(p)] = run, "run"
            i += len(run)
        i += 1
    return out


def _resolved_first(top: list[Fig], nested: dict[int, list[Fig]], how: dict[int, str]) -> list[Fig]:
    """'đã giải quyết 3.800, đúng hạn 3.720, trễ hạn 80, đang giải quyết 260': the on-time and late
    counts after a resolved count are its parts (OWNS, from the metric model), not siblings of it."""
    out: list[Fig] = []
    owner: Optional[Fig] = None
    for f in top:
        if f.metric in OWNS:
            owner = f if id(f) not in nested else None
        elif owner is not None and f.metric in OWNS[owner.metric]:
            nested.setdefault(id(owner), []).append(f)
            how[id(owner)] = "list_order"
            continue
        elif f.metric != "other":
            owner = None
        out.append(f)
    return out


def _as_received(tot: Fig, parts: list[Fig]) -> Fig:
    """A total listed as 'đã giải quyết A …, đang giải quyết B' is what was received, however it is worded:
    the first whole of the model one of whose sums holds the total's metric and is all listed."""
    if tot.metric not in OWNS:
        return tot
    ms = {p.metric for p in parts if p.group[:2] == tot.group[:2]}
    whole = next((w for w in DOSSIER_TOTALS for s in metrics.SUMS[w] if tot.metric in s and set(s) <= ms), None)
    if whole is not None:
        return Fig(tot.ind.model_copy(update={"metric": whole}), tot.sent, tot.bounds, tot.period, tot.tier,
                   strict=tot.strict)
    return tot


def _relations(audit: Audit, known: list[Structure]) -> list[Structure]:
    """Dossier arithmetic between nearby figures of one unit, tier and period."""
    for structure in known:
        for p in accepted(structure.total, structure.parts):
            if p.parent is None:
                p.parent, p.parent_by = structure.total, structure.kind
    out = []
    for stated in audit.counts:
        needs = _NEEDS.get(stated.metric)
        if not needs or _share_of_same(stated) or stated.paired:
            continue  # "tiếp nhận mới 14.300" inside "tiếp nhận 15.320 (…)": the statuses after are of the whole
        window = _window(audit, stated)  # one for all its sums: no parent is set before every count is tried
        for need, fit_only in needs:
            structure = _relation(audit, stated, window, need, fit_only)
            if structure is not None:
                out.append(structure)
    for structure in out:
        for p in structure.parts:
            if p.parent is None:
                p.parent, p.parent_by = structure.total, structure.kind
    return out


def _relation(audit: Audit, stated: Fig, window: list[Fig], need: tuple[str, ...], fit_only: bool = False
              ) -> Optional[Structure]:
    share = metrics.SHARE_OVER.get(stated.metric)
    if share and any(f.metric == share for f in window):
        return None  # digitized beside received: a share of it, not a total split again
    if any(not OWNS.get(f.metric, _NONE).isdisjoint(need) for f in window):
        return None  # the statuses are parts of the resolved count, which is checked instead
    wanted = _wanted(need)
    pool = [f for f in window if f.metric in wanted and f.parent in (None, stated) and f.bounds is not None]
    if not all(any(f.metric == m for f in pool) for m in need):
        return None
    if all(f.parent is stated for f in pool):
        return None  # the article lists them as its parts: that structure checks them
    if stated.metric in DOSSIER_TOTALS and any(m in OWNS for m in need):
        parts = [_one(audit, [f for f in pool if f.metric == m], stated) for m in need]
        if any(p is None for p in parts):
            return None
    else:
        parts = pool
    if fit_only and not overlaps(total(p.sure for p in parts), stated.sure):
        return None  # the rest may be unstated: parts that fall short are no parts of it
    kind = _listed_under(audit, stated, parts)
    if kind in PLAIN:  # a count of no split listed among them ('Trả lại, rút hồ sơ: 80 hồ sơ') is one more part
        last = max(p.start for p in parts)
        parts = sorted(parts + [f for f in window if f.metric == "other" and f.noun == stated.noun
                                and f.parent is None and f.start < last and f.bounds is not None],
                       key=lambda f: f.start)
    return Structure(stated, parts, not fit_only, kind, fit_only)


_NONE: frozenset[str] = frozenset()
# each metric's sums, and whether the parts make it only if they fit: most metrics have none, and are not tried
_NEEDS = {m: [(n, False) for n in metrics.SUMS.get(m, ())] + [(n, True) for n in metrics.FIT_SUMS.get(m, ())]
          for m in {*metrics.SUMS, *metrics.FIT_SUMS}}


@lru_cache(maxsize=None)  # one per sum of the metric model
def _wanted(need: tuple[str, ...]) -> frozenset[str]:
    """The metrics of a sum's parts, and the optional ones of the same splits."""
    splits = {FAMILY.get(m) for m in need}
    return frozenset(need) | {m for m in metrics.OPTIONAL if FAMILY.get(m) in splits}


def _listed_under(audit: Audit, stated: Fig, parts: list[Fig]) -> str:
    """How the article sets nearby parts with their total: 'clause_list' when they follow it in its sentence
    ('tiếp nhận 28.817 hồ sơ; đã giải quyết …; đang giải quyết …'), 'continued' when each later sentence says
    it goes on with the same whole ('Số còn lại …', 'Trong số hồ sơ đang giải quyết …'), 'list_head' when they
    are the one-figure lines under a heading that ends the total's sentence or follows it ('… tiếp nhận 9.870
    hồ sơ. Kết quả như sau:' then '- Trễ hạn | 270 hồ sơ' lines), 'item_lines' when the total is such a line
    itself with its parts on the lines after it ('Tiếp nhận | 4.410 hồ sơ' then 'Đã giải quyết | 4.300 hồ sơ'),
    'next_sentence' when the total ends its sentence and the next holds its parts and no other count; else 'nearby'."""
    if parts and all(p.sent == stated.sent for p in parts):
        return "clause_list"
    if parts and all(p.sent == stated.sent or _continues(audit, p.sent) for p in parts):
        return "continued"
    si = stated.sent
    if parts and is_item(audit, si) and all(si < p.sent < audit.item_run_end(si) for p in parts):
        return "item_lines"  # the total and its parts are one-figure lines of one list or table
    if parts and _next_sentence_is_parts(audit, stated, parts):
        return "next_sentence"
    if not _ends_heading(audit, si):
        si += 1
        if si >= len(audit.sentences) or audit.counts_in.get(si) or not _ends_heading(audit, si):
            return "nearby"
    first, last = si + 1, audit.item_run_end(si + 1) - 1
    return "list_head" if parts and all(first <= p.sent <= last for p in parts) else "nearby"


def _next_sentence_is_parts(audit: Audit, stated: Fig, parts: list[Fig]) -> bool:
    """'Trung tâm tiếp nhận 6.215 hồ sơ. Đã giải quyết 6.020 hồ sơ, đang giải quyết 185 hồ sơ.': the total is the
    last count of its sentence and the next sentence counts its parts, all of them and nothing else."""
    si = stated.sent
    if audit.counts_in.get(si, [])[-1] is not stated or si + 1 >= len(audit.sentences):
        return False
    after = audit.counts_in.get(si + 1, [])
    if len(after) != len(parts) or not all(p in after for p in parts) or \
            any((p.tier, p.period) != (stated.tier, stated.period) or p.ind.unit_ref not in (None, stated.ind.unit_ref)
                for p in after):
        return False
    return audit.bare_opening(si + 1)


def _window(audit: Audit, stated: Fig) -> list[Fig]:
    """Figures after t of its group, in its sentence or the two after (or down its list of lines),
    before the group restates t's metric."""
    out = []
    last = _reach(audit, stated.sent)
    for f in audit.counts[bisect.bisect_right(audit.count_starts, stated.start):]:
        if f.sent > last:
            break  # counts are in text order, so every later one is past the reach too
        if not (same_group(f, stated) or _goes_on(audit, stated, f)) or _share_of_same(f) or f.paired:
            continue
        if f.metric == stated.metric and f.parent is not stated:  # a listed part of it restates nothing
            break
        out.append(f)
    return out


def _goes_on(audit: Audit, stated: Fig, f: Fig) -> bool:
    """A count with no unit of its own in the sentences right after a unit's total that open with no subject of
    their own ('Trung tâm … tiếp nhận 6.215 hồ sơ. Đã giải quyết 6.020 hồ sơ …'): the total's unit's."""
    return (f.ind.unit_ref is None and stated.ind.unit_ref is not None and f.tier == stated.tier
            and f.period in (None, stated.period) and stated.sent < f.sent
            and all(audit.bare_opening(si) for si in range(stated.sent + 1, f.sent + 1)))


def _share_of_same(f: Fig) -> bool:
    """A part of a total of its own metric, unit and tier (a split by period or channel of one count)."""
    return f.parent is not None and f.parent.metric == f.metric and _same_unit_tier(f.parent, f)


def _reach(audit: Audit, si: int) -> int:
    """The last sentence a figure of sentence si is read with: two after it, or the end of the list of
    one-figure lines that follows it (after a heading line such as 'Kết quả cụ thể:') or that it stands in."""
    j = si + 1
    if j < len(audit.sentences) and not audit.counts_in.get(j) and _ends_heading(audit, j):
        j += 1
    return max(si + 2, audit.item_run_end(j) - 1)


def reach_back(audit: Audit, si: int) -> int:
    """The first sentence a rate of sentence si is read with: two before it, or the start of the list
    of one-figure lines right before it ('- Đúng hạn: …' lines, then 'Tỷ lệ đúng hạn đạt 99,2%')."""
    return min(si - 2, audit.item_run_start(si - 1) + 1)


def _continues(audit: Audit, si: int) -> bool:
    """A sentence that goes on with the whole before it: it names the rest ('còn lại') or opens on 'Trong số'."""
    a, b = audit.sentences[si]
    return bool(_REST.search(audit.ctx.text, a, b) or _TOTAL_FOLLOWS.match(audit.ctx.text, a))


def _ends_heading(audit: Audit, si: int) -> bool:
    a, b = audit.sentences[si]
    return audit.ctx.text[a:b].rstrip().endswith(":")


def same_group(a: Fig, b: Fig) -> bool:
    """Same unit and tier; the same period, or no period on one side (nearby figures share theirs)."""
    pa, pb = a.period, b.period
    return _same_unit_tier(a, b) and (pa == pb or pa is None or pb is None)


def _same_unit_tier(a: Fig, b: Fig) -> bool:
    """a.group[:2] == b.group[:2], without building the groups: asked of every pair of nearby figures."""
    return a.tier == b.tier and a.ind.unit_ref == b.ind.unit_ref


def _one(audit: Audit, figs: list[Fig], stated: Fig) -> Optional[Fig]:
    """The single figure among restatements (an exact one its approximations agree with), else None."""
    if not figs:
        return None
    exact = [f for f in figs if f.bounds and f.bounds[0] == f.bounds[1]] or figs
    values = {f.ind.value for f in exact}
    if len(values) == 1 and all(f.bounds and overlaps(f.bounds, exact[0].bounds) for f in figs):
        return exact[0]
    audit.ctx.warnings.append(
        f"audit: {label(figs[0])} is given as {', '.join(sorted({f.ind.text for f in figs}))} "
        f"near {stated.ind.text!r}; not checked")
    return None


def carried_over(audit: Audit, f: Fig) -> bool:
    """A count from before the period ('1.020 hồ sơ kỳ trước chuyển sang', 'tồn kỳ trước chuyển sang 1.914 hồ sơ')."""
    if (known := audit.carried.get(f.ind.span)) is None:  # asked of a count by each check it is a part in
        text = audit.ctx.text
        found = ARTICLE_WORDS.last(text)  # the article's words, found once by the dates step
        known = audit.carried[f.ind.span] = (found is None or bool(found[_CARRIED_LIST])) and bool(
            match_in(_CARRIED, text, f.end) or search_in(_CARRIED_BEFORE, text, max(0, f.start - 40), f.start))
    return known


def _carried_totals(audit: Audit) -> list[Structure]:
    """'tiếp nhận mới 35.768 hồ sơ, tồn kỳ trước chuyển sang 1.914 hồ sơ, lũy kế 37.682 hồ sơ': in one sentence,
    a count of a whole, one carried over into it, and last, unlisted, the same whole to handle: their sum."""
    out = []
    for in_sent in audit.counts_in.values():
        loose = [f for f in in_sent if f.parent is None and f.bounds is not None and f.metric in DOSSIER_TOTALS]
        if len(loose) != 3 or len({same_group(f, loose[-1]) for f in loose}) != 1 or not same_group(loose[0], loose[-1]):
            continue
        *parts, stated = loose
        carried = [carried_over(audit, p) for p in parts]
        if sum(carried) == 1 and not carried_over(audit, stated) and parts[not carried[0]].metric == stated.metric:
            out.append(Structure(stated, parts, True, "clause_list"))
    return out


def _tiers(audit: Audit) -> list[Structure]:
    """A whole-unit figure against the sum of the same figure per tier."""
    out = []
    wholes: dict[tuple, list[Fig]] = {}
    tiers: dict[tuple, dict[str, list[Fig]]] = {}
    if len({f.ind.level is None for f in audit.counts}) < 2:
        return out  # a whole and its tiers need counts with a tier and counts without one
    for f in audit.counts:
        if f.bounds is None or not LEX["nouns"].get(f.noun, {}).get("by_tier", True):
            continue
        role = "part" if f.parent is not None and f.parent.metric in SELF_SPLIT else "top"
        key = (f.metric, role, f.ind.unit_ref, f.period, f.noun)
        if f.ind.level is None:
            wholes.setdefault(key, []).append(f)
        else:
            tiers.setdefault(key, {}).setdefault(f.ind.level, []).append(f)
    for key, whole in wholes.items():
        per_tier = tiers.get(key, {})
        if len(per_tier) < 2:
            continue
        stated = _one(audit, whole, whole[0])
        parts = [_one(audit, figs, whole[0]) for figs in per_tier.values()]
        if stated is None or any(p is None for p in parts):
            continue
        first = min(p.start for p in parts)
        named = stated.start < first and _BY_TIER.search(audit.ctx.text, stated.end, first)
        out.append(Structure(stated, parts, tiers_complete(audit, stated, parts), "tiers_named" if named else "tiers"))
    return out


def tiers_complete(audit: Audit, stated: Fig, parts: list[Fig]) -> bool:
    levels = {p.ind.level for p in parts}
    if len(levels) != len(parts) or any(p.ind.unit_ref not in (None, stated.ind.unit_ref) for p in parts):
        return False
    if levels == {"province", "district", "commune"}:
        return True
    if levels == {"province", "commune"}:
        when = stated.period or (audit.ctx.anchor.isoformat() if audit.ctx.anchor else "")
        return when[:4].isdigit() and when[:7] >= _POST_2025
    if levels == {"district", "commune"}:
        return _is_district(stated.ind.unit_ref)
    return False


def _is_district(name: Optional[str]) -> bool:
    if not name:
        return False
    if name.startswith(LEX["city_type"]) and any(c in name for c in LEX["central_cities"]):
        return False
    return any(name.startswith(p + " ") for p in LEX["district_prefixes"])


def accepted(stated: Fig, parts: list[Fig]) -> list[Fig]:
    """Parts that can belong to this total: same noun, a child metric, not a rate."""
    kids = CHILDREN.get(stated.metric, set()) | {stated.metric, "other"}
    return [p for p in parts if p.noun == stated.noun and p.metric in kids]


def label(f: Fig) -> str:
    return LEX["metric_labels"].get(f.metric, f.metric)
_PATTERNS.save()  # every module-level pattern is built by here
