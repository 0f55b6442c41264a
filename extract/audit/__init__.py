"""Findings within an article: parts against their total, rates against their counts.

The structures come from extract/audit_structure.py. A sum that falls short of
its total is only called inconsistent when the parts cover the whole (every
status, every channel, every tier); otherwise it is left unchecked with a
warning. A rate is checked against the count it follows ("trễ hạn 3 hồ sơ, tỷ
lệ 0,72%") or, failing that, the counts of its metric, over every plausible
denominator, and is inconsistent only when none gives it. Tolerances follow the
wording of each figure (extract/audit_numbers.py).
"""
from __future__ import annotations

from typing import Optional

import regex

from extract.audit.intervals import overlaps, ratio, total, vn
from extract.audit.structure import (
    DOSSIER_TOTALS,
    FAMILY,
    LEX,
    Audit,
    Fig,
    Structure,
    accepted,
    label,
    reach_back,
    read,
    same_group,
    tiers_complete,
)
from extract.context import Context
from extract.models import Finding

_CLAUSE_BREAK = regex.compile(r"[;.]\s")
# Parts that may overlap the others (a "trực tiếp" count often includes the postal ones): try without them too.
_OPTIONAL = ("other", "dossiers_postal")
# The count a rate is a share of.
RATE_COUNT = {"rate_on_time": "dossiers_on_time", "rate_late": "dossiers_late", "rate_online": "dossiers_online"}


def find(ctx: Context) -> list[Finding]:
    if not ctx.indicators:
        return []
    audit, structures = read(ctx)
    for structure in structures:
        _check_sum(audit, structure)
    for rate in (f for f in audit.figs if f.ind.unit == "%"):
        _check_rate(audit, rate)
    return _unique(audit.findings)


# --- checking sums ----------------------------------------------------------

def _families(stated: Fig, parts: list[Fig]) -> dict[str, list[Fig]]:
    families: dict[str, list[Fig]] = {}
    others = [p for p in parts if p.metric == "other" and stated.metric != "other"]
    # parts of the total's own metric split it by tier or unit when any of them differs from it there
    breakdown = any(p.metric == stated.metric and (p.ind.level, p.ind.unit_ref) != (stated.ind.level, stated.ind.unit_ref)
                    for p in parts)
    for p in parts:
        if p in others:
            continue
        family = "same" if p.metric == stated.metric and breakdown else FAMILY.get(p.metric, "sub")
        families.setdefault(family, []).append(p)
    if not families and others:
        families["same"] = []
    return {k: sorted(v + others, key=lambda f: f.start) for k, v in families.items()}


def _covers(family: str, stated: Fig, parts: list[Fig]) -> bool:
    ms = {p.metric.removeprefix("dossiers_") for p in parts}
    if family == "status":
        if stated.metric == "dossiers_resolved":
            return {"on_time", "late"} <= ms
        if stated.metric == "dossiers_pending":
            return {"pending", "late"} <= ms
        return "pending" in ms and ("resolved" in ms or {"on_time", "late"} <= ms)
    if family == "channel":
        return {"online", "offline"} <= ms
    if family == "procedures":
        return len(ms) == 3
    if family == "service":
        return {2, 3, 4} <= {lv for p in parts for lv in p.ind.service_levels}
    return False


def _check_sum(audit: Audit, structure: Structure) -> None:
    stated = structure.total
    if stated.bounds is None or stated.ind.unit == "%":
        return
    for family, parts in _families(stated, accepted(stated, structure.parts)).items():
        if len(parts) < 2:
            continue
        if any(p.bounds is None for p in parts):
            audit.ctx.warnings.append(f"audit: a part of {stated.ind.text!r} is too vague to add up; not checked")
            continue
        plain = [p for p in parts if p.metric not in _OPTIONAL or p.metric == stated.metric]
        options = [parts] + ([plain] if len(plain) != len(parts) and len(plain) >= 2 else [])
        fits = [ps for ps in options if overlaps(total(p.bounds for p in ps), stated.bounds)]
        complete = structure.complete or (family == "same" and tiers_complete(audit, stated, parts)) or _covers(family, stated, plain)
        if fits:
            _emit_sum(audit, stated, fits[0], True)
        elif complete:
            _emit_sum(audit, stated, parts, False)
        else:
            audit.ctx.warnings.append(
                f"audit: {' + '.join(p.ind.text for p in parts)} does not make {stated.ind.text!r}, "
                "but the parts may not cover the whole; not checked")


def _emit_sum(audit: Audit, stated: Fig, parts: list[Fig], ok: bool) -> None:
    computed = sum(p.ind.value for p in parts)
    terms = " + ".join(f"{_part_label(p, stated)} {_amount(p)}" for p in parts)
    verdict = "khớp" if ok else f"lệch {vn(abs(computed - stated.ind.value))} so với"
    audit.findings.append(_finding(
        stated, "sum", ok, computed, [stated] + parts,
        f"{_where(stated)}{terms} = {vn(computed)}, {verdict} {label(stated)} {stated.ind.text!r}."))


# --- checking rates ---------------------------------------------------------

def _check_rate(audit: Audit, rate: Fig) -> None:
    if rate.bounds is None or not rate.metric.startswith("rate_"):
        return
    options = [(n, d) for n in _numerators(audit, rate) for d in _denominators(audit, n, rate)]
    tried = [(n, d, r) for n, d in options if d.bounds is not None and (r := ratio(n.bounds, d.bounds)) is not None]
    if not tried:
        return
    good = [x for x in tried if overlaps(x[2], rate.bounds)]
    n, d, _ = min(good, key=lambda x: abs(_point(x) - rate.ind.value)) if good else tried[0]
    value = round(_point((n, d, None)), 2)
    verdict = "khớp" if good else "không khớp"
    audit.findings.append(_finding(
        rate, "percentage", bool(good), value, [rate, n, d],
        f"{_where(rate)}{label(n)} {vn(n.ind.value)} / {label(d)} {vn(d.ind.value)} = {vn(value)}%, "
        f"{verdict} {rate.ind.text!r}."))


def _point(x) -> float:
    n, d, _ = x
    return 100 * n.ind.value / d.ind.value if d.ind.value else 0.0


def _numerators(audit: Audit, rate: Fig) -> list[Fig]:
    adj = _adjacent(audit, rate)
    want = RATE_COUNT.get(rate.metric)
    if adj is not None and (want is None or adj.metric == want):
        return [adj]
    if want is None:
        return []
    near = [f for f in audit.counts_between(reach_back(audit, rate.sent), rate.sent)
            if f.metric == want and f.group == rate.group and f.bounds is not None and f.start < rate.start]
    if len(near) > 1:
        near.append(_sum_fig(near))
    return near


def _adjacent(audit: Audit, rate: Fig) -> Optional[Fig]:
    """The count a rate directly follows in its clause: '3 hồ sơ, tỷ lệ 0,72%'."""
    before = [f for f in audit.figs_in.get(rate.sent, ()) if f.end <= rate.start]
    if not before or before[-1].ind.unit == "%" or before[-1].bounds is None:
        return None
    gap = audit.ctx.text[before[-1].end:rate.start]
    return before[-1] if len(gap) <= 45 and not _CLAUSE_BREAK.search(gap + " ") else None


def _sum_fig(figs: list[Fig]) -> Fig:
    """Several counts of one metric taken together (trước hạn + đúng hạn)."""
    first = figs[0]
    ind = first.ind.model_copy(update={"value": sum(f.ind.value for f in figs),
                                       "text": " + ".join(f.ind.text for f in figs)})
    return Fig(ind, first.sent, total(f.bounds for f in figs), first.period, first.tier, first.parent, list(figs))


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
    if n.group[:2] != rate.group[:2]:
        return _usable(out, n)  # the rate is said of another tier or unit than its count: only the count's own whole
    if n.metric.startswith("dossiers_") and n.metric not in DOSSIER_TOTALS:
        bases = ("dossiers_received",) if n.metric == "dossiers_resolved" else \
            ("dossiers_received", "dossiers_resolved")
        out += [f for f in _nearby(audit, n) if f.metric in bases and f is not n
                and (f.parent is None or f.parent.metric != "dossiers_pending")]
    if n.metric == "dossiers_digitized":  # digitizing is reported apart, as a share of all received
        out += [f for f in audit.counts_of.get("dossiers_received", ()) if same_group(f, n) and f.bounds]
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
    spans = [tuple(m.ind.span) for f in figs for m in (f.members or [f])]
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
