"""Article text with every found item highlighted, displaCy-style.

Items may nest (an agency around its admin unit) or cross; crossing marks are
split into fragments so the markup always nests. All fragments of one item carry
the same `data-i`, and their texts joined give text[start:end].
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from extract.models import Record

from .html import esc, fmt_number

KIND_LABELS = {
    "admin": "đơn vị hành chính",
    "agency": "cơ quan",
    "official": "cán bộ",
    "date": "thời gian",
    "indicator": "chỉ số",
    "evidence": "bằng chứng",
}


@dataclass
class Mark:
    start: int
    end: int
    kind: str      # a KIND_LABELS key; also the CSS class k-<kind>
    key: str       # shared by all fragments of one item; the first fragment's element id
    surface: str   # what the record says text[start:end] is
    title: str     # hover text: rule id and normalized value
    status: str = ""  # "ok"/"bad" when the item is audit evidence


def _join(*parts) -> str:
    return " · ".join(str(p) for p in parts if p not in (None, "", []))


def record_marks(rec: Record) -> list[Mark]:
    """One mark per mention, date, indicator, and per audit evidence span that is no indicator."""
    marks: list[Mark] = []
    for i, u in enumerate(rec.units):
        tip = _join(KIND_LABELS[u.kind], u.name, u.level, u.province, u.code,
                    u.successor and f"→ {u.successor.name}", u.rule)
        marks += [Mark(m.span[0], m.span[1], u.kind, f"u{i}-{j}", m.text, tip) for j, m in enumerate(u.mentions)]
    for i, o in enumerate(rec.officials):
        tip = _join("cán bộ", o.honorific, o.name, o.role, o.organization, o.rule)
        marks += [Mark(m.span[0], m.span[1], "official", f"o{i}-{j}", m.text, tip) for j, m in enumerate(o.mentions)]
    for i, d in enumerate(rec.dates):
        tip = _join("thời gian", d.value, d.type, d.anchored and "anchored", d.rule)
        marks.append(Mark(d.span[0], d.span[1], "date", f"d{i}", d.text, tip))
    for i, n in enumerate(rec.indicators):
        marks.append(Mark(n.span[0], n.span[1], "indicator", f"n{i}", n.text, indicator_tip(n)))
    return marks + _evidence_marks(rec, marks)


def indicator_tip(n) -> str:
    value = fmt_number(n.value) + (f"/{fmt_number(n.of)}" if n.of is not None else "")
    return _join("chỉ số", n.metric, f"{n.qualifier} {value} {n.unit}", n.change, n.level,
                 n.unit_ref, n.period, n.service_levels and f"mức độ {n.service_levels}", n.rule)


def _evidence_marks(rec: Record, marks: list[Mark]) -> list[Mark]:
    """Flags indicators used as evidence (inconsistent wins) and adds marks for evidence that is no indicator."""
    by_span = {(m.start, m.end): m for m in marks if m.kind == "indicator"}
    extra: dict[tuple[int, int], Mark] = {}
    for f_i, f in enumerate(rec.audit):
        status = "bad" if f.status == "inconsistent" else "ok"
        for a, b in f.evidence:
            mark = by_span.get((a, b)) or extra.setdefault(
                (a, b), Mark(a, b, "evidence", f"e{f_i}-{a}-{b}", "", f"bằng chứng · {f.check}"))
            if mark.status != "bad":
                mark.status = status
    return list(extra.values())


def evidence_key(marks: Iterable[Mark], span) -> str:
    """Element id of the mark for an audit evidence span."""
    return next((m.key for m in marks if (m.start, m.end) == tuple(span) and m.kind in ("indicator", "evidence")), "")


def misplaced(text: str, marks: list[Mark]) -> list[Mark]:
    """Marks whose span is outside the text or does not hold the surface the record gives."""
    return [m for m in marks if not (0 <= m.start < m.end <= len(text))
            or (m.surface and text[m.start:m.end] != m.surface)]


def render(text: str, marks: list[Mark]) -> str:
    """Escaped text with <mark> elements; `marks` must all be in range."""
    order = sorted(marks, key=lambda m: (m.start, -m.end))
    starts: dict[int, list[Mark]] = {}
    for m in order:
        starts.setdefault(m.start, []).append(m)
    bounds = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out: list[str] = []
    stack: list[tuple[Mark, int, bool]] = []  # open marks, outermost first: (mark, index of open tag, first?)
    opened: set[str] = set()
    pos = 0
    for b in bounds:
        out.append(esc(text[pos:b]))
        pos = b
        reopen = _close_at(b, stack, out)
        for m in sorted(reopen + starts.get(b, []), key=lambda m: -m.end):
            first = m.key not in opened
            stack.append((m, len(out), first))
            out.append(_open_tag(m, first, last=False))
            opened.add(m.key)
    return "".join(out)


def _close_at(b: int, stack: list[tuple[Mark, int, bool]], out: list[str]) -> list[Mark]:
    """Closes the marks ending at b and those open inside them; returns the latter, to reopen."""
    depth = next((k for k, (m, _, _) in enumerate(stack) if m.end == b), None)
    if depth is None:
        return []
    reopen = []
    for m, tag_at, first in reversed(stack[depth:]):
        out.append("</mark>")
        if m.end == b:  # its last fragment: now it may carry the label
            out[tag_at] = _open_tag(m, first, last=True)
        else:
            reopen.append(m)
    del stack[depth:]
    return list(reversed(reopen))


def _open_tag(m: Mark, first: bool, last: bool) -> str:
    cls = f"hl k-{m.kind}" + (f" ev-{m.status}" if m.status else "")
    ident = f' id="{esc(m.key)}"' if first else ""
    label = f' data-label="{esc(KIND_LABELS[m.kind])}"' if last else ""
    return (f'<mark class="{cls}"{ident} data-i="{esc(m.key)}" data-kind="{m.kind}" '
            f'data-span="{m.start}-{m.end}" title="{esc(m.title)}"{label}>')
