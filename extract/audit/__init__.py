"""Findings within an article: parts against their total, rates against their counts.

The structures come from extract/audit/structure.py. A sum that falls short of
its total is only called inconsistent when the parts cover the whole (every
status, every channel, every tier); otherwise it is left unchecked with a
warning. A rate is checked against the count it follows ("trễ hạn 3 hồ sơ, tỷ
lệ 0,72%") or, failing that, the counts of its metric, over every plausible
denominator, and is inconsistent only when none gives it. Tolerances follow the
wording of each figure (extract/audit/intervals.py).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

import regex

from extract.audit.intervals import overlaps, ratio, total, vn
from extract.audit.figures import LEX, PLAIN, Audit, Fig, Structure
from extract.audit.structure import (
    BASES,
    DOSSIER_TOTALS,
    FAMILY,
    SELF_SPLIT,
    accepted,
    carried_over,
    label,
    reach_back,
    read,
    same_group,
    tiers_complete,
)
from extract.context import Context
from extract.language import metrics
from extract.language.words import WORD_EDGES, alternation, match_in, search_in, word_regex
from extract.language.metrics import LEVELS_COVER, LISTED_SUMS
from extract.models import Finding
from extract.language.compiled import Patterns

_PATTERNS = Patterns(__file__)

_VERDICTS = LEX["verdicts"]
_CLAUSE_BREAK = _PATTERNS.compile(r"[;.]\s")
_TARGET = word_regex(LEX["targets"], flags=regex.IGNORECASE, edges=WORD_EDGES, compile_with=_PATTERNS.compile)
_BASE_AFTER = _PATTERNS.compile(r"[ \t]*(?:" + alternation(LEX["base_after"]) + r")(?!\w)", regex.IGNORECASE)
# the words naming each dossier count, to read the base a rate names after it
_BASE_WORDS = {key: {m: word_regex(ws, flags=regex.IGNORECASE, edges=WORD_EDGES, compile_with=_PATTERNS.compile)
                     for m, ws in metrics.cues("dossier", key).items()} for key in ("cues", "verbs")}
_RESTATED_AFTER = _PATTERNS.compile(r"[ \t]*,?[ \t]*(?:" + alternation(LEX["restated_after"]) + r")[ \t:]+(?:là[ \t]+)?",
                             regex.IGNORECASE)
_COMPARED_AFTER = _PATTERNS.compile(r"[ \t]*(?:" + alternation(LEX["compared_after"]) + r")(?!\w)", regex.IGNORECASE)
# Parts that may overlap the others (a "trực tiếp" count often includes the postal ones): try without them too.
_OPTIONAL = ("other", *metrics.OPTIONAL)
# The count a rate is a share of.
RATE_COUNT = metrics.RATE_COUNT


def find(ctx: Context) -> list[Finding]:
    if not ctx.indicators:
        return []
    audit, structures = read(ctx)
    for structure in structures:
        _check_sum(audit, structure)
    for rate in (f for f in audit.figs if f.ind.unit == "%" and not f.ind.target):  # an aim is no share of counts
        _check_rate(audit, rate)
    return _unique(audit.findings)


# --- checking sums ----------------------------------------------------------

def _families(audit: Audit, stated: Fig, parts: list[Fig]) -> dict[str, list[Fig]]:
    """Parts by the split they belong to; counts of no split (other, carried over) join every split."""
    families: dict[str, list[Fig]] = {}
    others = [p for p in parts if (p.metric == "other" and stated.metric != "other") or carried_over(audit, p)]
    # parts of the total's own metric split it by tier or unit when any of them differs from it there
    breakdown = any(p.metric == stated.metric and (p.ind.level, p.ind.unit_ref) != (stated.ind.level, stated.ind.unit_ref)
                    for p in parts if p not in others)
    for p in parts:
        if p in others:
            continue
        family = "same" if p.metric == stated.metric and breakdown else FAMILY.get(p.metric, "sub")
        families.setdefault(family, []).append(p)
    if not families and others:
        families["same"] = []
    return {k: sorted(v + others, key=lambda f: f.start) for k, v in families.items()}


def _covers(family: str, stated: Fig, parts: list[Fig]) -> bool:
    """The parts of one split make the whole by the metric model: every status, every channel, every level."""
    if family == "service":  # services split by their level (mức độ 2, 3, 4)
        cover = LEVELS_COVER.get(stated.metric)
        return bool(cover) and cover <= {lv for p in parts for lv in p.ind.service_levels}
    ms = {p.metric for p in parts}
    return any(set(s) <= ms and all(FAMILY.get(m) == family for m in s) for s in LISTED_SUMS.get(stated.metric, ()))


def _check_sum(audit: Audit, structure: Structure) -> None:
    stated = structure.total
    if stated.bounds is None or stated.ind.unit == "%":
        return
    parts = accepted(stated, structure.parts)
    # a count carried over into this total is a part of it however its other parts were found
    parts += [f for f in audit.counts if f.parent is stated and f not in parts and carried_over(audit, f)]
    for family, parts in _families(audit, stated, sorted(parts, key=lambda f: f.start)).items():
        if len(parts) < 2:
            continue
        if any(p.bounds is None for p in parts):
            audit.ctx.warnings.append(f"audit: a part of {stated.ind.text!r} is too vague to add up; not checked")
            continue
        plain = [p for p in parts if p.metric not in _OPTIONAL or p.metric == stated.metric]
        options = [parts] + ([plain] if len(plain) != len(parts) and len(plain) >= 2 else [])
        fits = [ps for ps in options if overlaps(total(p.sure for p in ps), stated.sure)]
        complete = structure.complete or (family == "same" and tiers_complete(audit, stated, parts)) or _covers(family, stated, plain)
        if fits:
            _emit_sum(audit, stated, fits[0], True, structure, family)
        elif structure.fit_only:
            continue  # the rest of the whole may be unstated: a shortfall says nothing
        elif complete and any(overlaps(total(p.bounds for p in ps), stated.bounds) for ps in options):
            audit.ctx.warnings.append(
                f"audit: {' + '.join(p.ind.text for p in parts)} makes {stated.ind.text!r} only if a 'hơn', 'trên' "
                "or 'dưới' reaches far past its last digit; not checked")
        elif complete and not structure.plain:
            audit.ctx.warnings.append(
                f"audit: {' + '.join(p.ind.text for p in parts)} does not make {stated.ind.text!r}, but only "
                f"their metrics and nearness ({structure.kind}) set them together; not checked")

        elif complete:
            _emit_sum(audit, stated, parts, False, structure, family)
        else:
            audit.ctx.warnings.append(
                f"audit: {' + '.join(p.ind.text for p in parts)} does not make {stated.ind.text!r}, "
                "but the parts may not cover the whole; not checked")


def _emit_sum(audit: Audit, stated: Fig, parts: list[Fig], ok: bool, structure: Structure, family: str) -> None:
    computed = sum(p.ind.value for p in parts)
    terms = " + ".join(f"{LEX['carried_label'] if carried_over(audit, p) else _part_label(p, stated)} {_amount(p)}"
                       for p in parts)
    verdict = _VERDICTS["sum_ok"] if ok else _VERDICTS["sum_off"].format(difference=vn(abs(computed - stated.ind.value)))
    finding, kinds = _finding(
        stated, "sum", ok, computed, [stated] + parts,
        f"{_where(stated)}{terms} = {vn(computed)}, {verdict} {label(stated)} {stated.ind.text!r}.")
    by = structure.kind
    carried = [carried_over(audit, p) for p in parts]
    terms = ["carried_over" if c else "tiers" if family == "same" else p.metric for p, c in zip(parts, carried)]
    relation = metrics.relation(stated.metric, sorted(terms, key=lambda t: t in ("other", "carried_over")))
    audit.findings.append((finding.model_copy(update={"relation": relation, "structure": by,
                                                      "rule": f"audit.sum.{by}"}), kinds))


# --- checking rates ---------------------------------------------------------

def _check_rate(audit: Audit, rate: Fig) -> None:
    if rate.bounds is None or rate.paired or metrics.FAMILY.get(rate.metric) != "rate":
        return
    options = [(n, d) for n in _numerators(audit, rate) for d in _denominators(audit, n, rate)]
    tried = [(n, d, r) for n, d in options if d.bounds is not None and (r := ratio(n.bounds, d.bounds)) is not None]
    if not tried or not _is_share(audit, rate):  # most rates have no counts to be taken over: asked first
        return
    good = [x for x in tried if overlaps(x[2], rate.bounds)]
    sure = [x for x in good if (r := ratio(x[0].sure, x[1].sure)) is not None and overlaps(r, rate.sure)]
    if good and not sure:
        audit.ctx.warnings.append(f"audit: {rate.ind.text!r} is what the counts give only if a 'hơn', 'trên' or "
                                  "'dưới' reaches far past its last digit; not checked")
        return
    good = sure
    named = _named_base(audit, rate)
    if named is not None:  # 'chiếm 9,2% tổng số hồ sơ đã tiếp nhận': over the count it names, whatever the model says
        plain = [x for x in tried if x[1].ind.span == x[0].ind.span or x[1].metric == named]
    else:
        plain = [x for x in tried if _plain_base(audit, x[0], x[1], rate)]
    if not _says_its_counts(audit, rate):
        plain = [x for x in plain if x[1].ind.span == x[0].ind.span]  # only the count's own whole ('56/3.200')
    if not good and not plain:
        audit.ctx.warnings.append(f"audit: {rate.ind.text!r} is not what the nearby counts give, but the count "
                                  "it is taken over is not stated; not checked")
        return
    # a stated base before the parts' sum, then the closest
    n, d, _ = min(good, key=lambda x: (bool(x[1].members), abs(_point(x) - rate.ind.value))) if good else plain[0]
    by = _rate_structure(audit, rate, n, d)
    if not good and by == "nearby":
        audit.ctx.warnings.append(f"audit: {rate.ind.text!r} is not what {n.ind.text!r} / {d.ind.text!r} give, "
                                  "but only their metrics and nearness set them together; not checked")
        return
    value = round(_point((n, d, None)), 2)
    verdict = _VERDICTS["rate_ok"] if good else _VERDICTS["rate_off"]
    finding, kinds = _finding(
        rate, "percentage", bool(good), value, [rate, n, d],
        f"{_where(rate)}{label(n)} {vn(n.ind.value)} / {_base_label(d)} {vn(d.ind.value)} = {vn(value)}%, "
        f"{verdict} {rate.ind.text!r}.")
    over = "of" if d.ind.span == n.ind.span else d.metric
    audit.findings.append((finding.model_copy(update={
        "relation": f"{rate.metric} = {n.metric} / {over}", "structure": by, "rule": f"audit.rate.{by}"}), kinds))


def _named_base(audit: Audit, rate: Fig) -> Optional[str]:
    """The metric of the count a rate names after it ('chiếm 9,2% tổng số hồ sơ đã tiếp nhận' → received),
    by the model's cue words, then its verbs; '' when it names one the model cannot tell; None when it names none."""
    m = _BASE_AFTER.match(audit.ctx.text, rate.end)
    if m is None:
        return None
    phrase = _CLAUSE_BREAK.split(audit.ctx.text[m.end():m.end() + 60] + " ")[0]
    for key in ("cues", "verbs"):
        found = {metric for metric, pattern in _BASE_WORDS[key].items() if pattern.search(phrase)}
        if found:
            return found.pop() if len(found) == 1 else ""
    return ""


def _says_its_counts(audit: Audit, rate: Fig) -> bool:
    """No more is said of the rate's counts than the model knows: its clause holds no count it is not a share
    of ('nếu tính cả 300 hồ sơ đang giải quyết thì tỷ lệ đúng hạn là 87,8%')."""
    adj, want = _adjacent(audit, rate), RATE_COUNT.get(rate.metric)
    return adj is None or want is None or adj.metric in (want, metrics.RATE_OVER.get(rate.metric))


def _base_label(d: Fig) -> str:
    """What a rate is set against: a count's label, or the counts it sums ('(đúng/trước hạn + trễ/quá hạn)')."""
    return f"({' + '.join(label(m) for m in d.members)})" if d.members else label(d)


def _rate_structure(audit: Audit, rate: Fig, n: Fig, d: Fig) -> str:
    """What sets a rate with its counts: the count's own whole ('4.561/5.650'), the count right before the rate
    with a total it is listed under or that the rate is taken over by the model (adjacent), or only nearness."""
    if d.ind.span == n.ind.span:
        return "own_whole"
    if d.members and all(m.parent is n.parent for m in d.members):
        # the parts the rate's count is listed with, taken together: under a stated total, or alone as the
        # sentence's only counts ('đúng hạn 2.310 hồ sơ (99,4%), trễ hạn 15 hồ sơ (0,6%)')
        if n.parent is not None:
            return "listed_parts"
        alone = all(f in d.members for f in audit.counts_in.get(n.sent, ()) if f.noun == n.noun)
        return "sibling_parts" if alone else "nearby"
    if _listed_under(n, d):
        return "listed"  # the count is a listed part of the whole the rate is taken over (or of a part of it)
    if n is _adjacent(audit, rate) and (d is n.parent or d.parent is None and d.metric == metrics.RATE_OVER.get(
            rate.metric, metrics.SHARE_OVER.get(n.metric))):
        return "adjacent"
    return "nearby"


def _listed_under(n: Fig, d: Fig) -> bool:
    """d is n's whole, or its whole's whole, by structures the article makes plain ('19.593 hồ sơ, trong đó: đã
    giải quyết 18.273 hồ sơ (đúng hạn 17.265/trễ hạn 1.458)')."""
    f = n
    while f.parent is not None and f.parent_by in PLAIN:
        if f.parent is d:
            return True
        f = f.parent
    return False


def _is_share(audit: Audit, rate: Fig) -> bool:
    """A rate the article gives as a share of its counts: not a target, a comparison with another period,
    a bound that bodies meet ('4/7 xã có tỷ lệ trễ hạn dưới 2%'), nor above 100%."""
    text = audit.ctx.text
    if rate.ind.value > 100 or _COMPARED_AFTER.match(text, rate.end):
        return False
    before = [f for f in audit.figs_in.get(rate.sent, ()) if f.end <= rate.start]
    gap = text[before[-1].end if before else audit.sentences[rate.sent][0]:rate.start]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(gap)), default=0)
    if _TARGET.search(gap[cut:]):
        return False
    prev = before[-1] if before and not cut else None
    return prev is None or prev.ind.unit == "%" or prev.noun == "hồ sơ" \
        or metrics.FAMILY.get(prev.metric) not in ("agency", "other")


def _plain_base(audit: Audit, n: Fig, d: Fig, rate: Fig) -> bool:
    """The count a rate is taken over by the metric model, or the figure's own whole ('4.561/5.650 HS, 80,7%'):
    only against these is a rate called inconsistent (on time among resolved, not among received)."""
    if d.ind.span == n.ind.span:
        return True
    over = metrics.RATE_OVER.get(rate.metric) or metrics.SHARE_OVER.get(n.metric)
    if over is None:
        return False
    if d.metric == over:
        return True
    # a whole whose listed parts are exactly the parts of the base ('1.245 hồ sơ, trong đó đúng hạn 1.242, trễ hạn 3')
    kids = audit.parts_of(d)
    return any(set(s) <= {f.metric for f in kids} and overlaps(total(f.bounds for f in kids), d.bounds)
               for s in metrics.SUMS.get(over, ()))


def _point(x) -> float:
    n, d, _ = x
    return 100 * n.ind.value / d.ind.value if d.ind.value else 0.0


def _numerators(audit: Audit, rate: Fig) -> list[Fig]:
    adj = _adjacent(audit, rate)
    want = RATE_COUNT.get(rate.metric)
    if adj is not None and (want is None or adj.metric == want):
        return [adj]
    restated = _restated(audit, rate)
    if restated is not None and (want is None or restated.metric == want):
        return [restated]
    if restated is not None and restated.ind.metric_rule == "metric.default":
        # a count that names nothing of its own ('chiếm 76%, tương đương 3.420 hồ sơ') counts what the rate does
        return [replace(restated, ind=restated.ind.model_copy(update={"metric": want}))]
    if want is None:
        return []
    near = [f for f in audit.counts_between(reach_back(audit, rate.sent), rate.sent)
            if f.metric == want and f.group == rate.group and f.bounds is not None and f.start < rate.start]
    if len(near) > 1:
        near.append(_sum_fig(near))
    return near


def _restated(audit: Audit, rate: Fig) -> Optional[Fig]:
    """The count right after a rate that restates it: 'chiếm 76%, tương đương 3.420 hồ sơ'."""
    m = match_in(_RESTATED_AFTER, audit.ctx.text, rate.end)
    if m is None:
        return None
    f = next((f for f in audit.counts_in.get(rate.sent, ()) if f.start >= rate.end), None)
    return f if f is not None and f.start == m.end() and f.bounds is not None else None


def _adjacent(audit: Audit, rate: Fig) -> Optional[Fig]:
    """The count a rate directly follows in its clause: '3 hồ sơ, tỷ lệ 0,72%'."""
    before = [f for f in audit.figs_in.get(rate.sent, ()) if f.end <= rate.start]
    if not before or before[-1].ind.unit == "%" or before[-1].bounds is None:
        return None
    gap = audit.ctx.text[before[-1].end:rate.start]
    return before[-1] if len(gap) <= 45 and not search_in(_CLAUSE_BREAK, gap + " ") else None


def _sum_fig(figs: list[Fig]) -> Fig:
    """Several counts of one metric taken together (trước hạn + đúng hạn)."""
    first = figs[0]
    ind = first.ind.model_copy(update={"value": sum(f.ind.value for f in figs),
                                       "text": " + ".join(f.ind.text for f in figs)})
    return Fig(ind, first.sent, total(f.bounds for f in figs), first.period, first.tier, first.parent, list(figs),
               strict=total(f.sure for f in figs))


def _nearby(audit: Audit, n: Fig) -> list[Fig]:
    """Counts of n's group stated before it in its sentence or the two before, or after it in its sentence."""
    return [f for f in audit.counts_between(n.sent - 2, n.sent) if same_group(f, n) and f.bounds is not None]


def _denominators(audit: Audit, n: Fig, rate: Fig) -> list[Fig]:
    out: list[Fig] = []
    if n.ind.of:
        of = n.ind.model_copy(update={"value": n.ind.of, "text": vn(n.ind.of)})
        out.append(Fig(of, n.sent, (float(n.ind.of), float(n.ind.of)), n.period, n.tier))
    p = n.parent
    while p is not None and len(out) < 3:
        out.append(p)
        p = p.parent
    siblings = audit.parts_of(n.parent) if n.parent is not None else []
    whole = n.parent.metric if n.parent is not None else metrics.RATE_OVER.get(rate.metric)
    if n.parent is None and n.sent == rate.sent:  # 'đúng hạn 2.310 hồ sơ (99,4%), trễ hạn 15 (0,6%)', no total
        loose = [f for f in audit.counts_in.get(n.sent, ()) if f.parent is None and same_group(f, n) and f.bounds]
        siblings = next((ps for s in metrics.SUMS.get(whole, ()) if n.metric in s
                         and len(ps := [f for f in loose if f.metric in s]) == len(s)), [])
    if n in siblings and any(set(s) == {f.metric for f in siblings} and len(s) == len(siblings)
                             for s in metrics.SUMS.get(whole, ())):
        both = _sum_fig(siblings)  # '4,52 ngàn đúng hạn (99,7%), 12 trễ hạn (0,3%)': a rate of their sum
        both.ind = both.ind.model_copy(update={"metric": whole, "span": (siblings[0].start, siblings[-1].end)})
        out.append(both)
    if n.group[:2] != rate.group[:2]:
        return _usable(out, n)  # the rate is said of another tier or unit than its count: only the count's own whole
    if metrics.FAMILY.get(n.metric) == "dossier" and n.metric not in DOSSIER_TOTALS:
        out += [f for f in _nearby(audit, n) if f.metric in BASES and f.metric != n.metric and f.ind.span != n.ind.span
                and (f.parent is None or f.parent.metric not in SELF_SPLIT)]
    share = metrics.SHARE_OVER.get(n.metric)
    if share:  # digitizing is reported apart, as a share of all received
        out += [f for f in audit.counts_of.get(share, ()) if same_group(f, n) and f.bounds]
    return _usable(out, n)


def _usable(denominators: list[Fig], n: Fig) -> list[Fig]:
    """Each once; a rate is a share, so a "denominator" smaller than its numerator is some other figure."""
    seen, out = set(), []
    for d in denominators:
        if id(d) not in seen and d.ind.value > 0 and d.bounds is not None and d.bounds[1] >= n.bounds[0]:
            seen.add(id(d))
            out.append(d)
    return out


# --- findings ----------------------------------------------------------------

def _part_label(p: Fig, stated: Fig) -> str:
    """A tier's part is named by its tier ('cấp xã 2.370'), any other by its metric."""
    if p.metric == stated.metric and p.ind.level and p.ind.level != stated.ind.level:
        return LEX["level_labels"][p.ind.level]
    return label(p)


def _amount(f: Fig) -> str:
    """The number as stated when its wording matters ('gần 31.000 hồ sơ'), else in digits."""
    return repr(f.ind.text) if f.ind.qualifier != "exact" else vn(f.ind.value)


def _where(f: Fig) -> str:
    level = LEX["level_labels"].get(f.ind.level or "")
    return f"{level[:1].upper()}{level[1:]}: " if level else ""


def _finding(stated: Fig, check: str, ok: bool, computed: float, figs: list[Fig], why: str
             ) -> tuple[Finding, tuple]:
    spans = list(dict.fromkeys(tuple(m.ind.span) for f in figs for m in (f.members or [f])))  # each figure once
    computed = int(computed) if float(computed).is_integer() else computed
    kinds = tuple(sorted((f.metric, f.ind.level or "") for f in figs[1:]))
    return Finding(
        check=check, status="consistent" if ok else "inconsistent", reported=stated.ind.value,
        computed=computed, evidence=spans, explanation=why, metric=stated.metric,
        unit_ref=stated.ind.unit_ref, level=stated.ind.level, period=stated.ind.period), kinds


def _unique(findings: list[tuple[Finding, tuple]]) -> list[Finding]:
    """One finding per check: the same total against the same kinds of parts is said once."""
    seen, out = set(), []
    for f, kinds in sorted(findings, key=lambda x: x[0].evidence[0] if x[0].evidence else (0, 0)):
        key = (f.check, f.status, f.reported, f.computed, f.metric, f.level, f.period, f.unit_ref, kinds)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
_PATTERNS.save()  # every module-level pattern is built by here
