"""One page per article: header, audit findings, highlighted text, and tables of what was found."""
from __future__ import annotations

from extract.models import Record

from .highlight import KIND_LABELS, Mark, evidence_key, misplaced, record_marks, render
from .html import esc, fmt_number, link, page, table
from .texts import Missing, Text


def article_page(rec: Record, text: Text) -> str:
    marks = record_marks(rec)
    if isinstance(text, Missing):
        shown, body_text = [], f'<p class="notice">Không hiển thị được văn bản (text unavailable): {esc(text)}</p>'
    else:
        bad = misplaced(text, marks)
        bad_ids = {id(m) for m in bad}
        shown = [m for m in marks if id(m) not in bad_ids]
        body_text = _misplaced_notice(bad) + f'<div class="text" id="text">{render(text, shown)}</div>'
    body = (
        f"<header><h1>{esc(rec.title or rec.id)}</h1>{_meta(rec)}</header>"
        + _warnings(rec.warnings)
        + f"<section id=\"audit\"><h2>Kiểm tra số liệu (audit)</h2>{_findings(rec, shown)}</section>"
        + f"<section><h2>Văn bản</h2>{_legend()}{body_text}</section>"
        + f"<section><h2>Chỉ số ({len(rec.indicators)})</h2>{_indicators(rec, shown)}</section>"
        + f"<section><h2>Đơn vị ({len(rec.units)})</h2>{_units(rec)}</section>"
        + f"<section><h2>Cán bộ ({len(rec.officials)})</h2>{_officials(rec)}</section>"
        + f"<section><h2>Thời gian ({len(rec.dates)})</h2>{_dates(rec, shown)}</section>"
    )
    return page(rec.title or rec.id, body, root="../")


def _meta(rec: Record) -> str:
    src = rec.source
    where = esc(src.path or "")
    if src.line is not None:
        where += f":{src.line}"
    url = ""
    if src.url and src.url.lower().startswith(("http://", "https://")):
        url = f' · <a href="{esc(src.url)}" rel="noreferrer">{esc(src.url)}</a>'
    authors = f" · {esc(', '.join(rec.authors))}" if rec.authors else ""
    return (f'<p class="meta">id <code>{esc(rec.id)}</code> · xuất bản {esc(rec.published or "—")}'
            f"{authors} · {where}{url}</p>")


def _warnings(warnings: list[str]) -> str:
    if not warnings:
        return ""
    return '<ul class="warnings">' + "".join(f"<li>{esc(w)}</li>" for w in warnings) + "</ul>"


def _misplaced_notice(bad: list[Mark]) -> str:
    if not bad:
        return ""
    items = "".join(f"<li>{esc(m.kind)} [{m.start}, {m.end}) «{esc(m.surface)}»</li>" for m in bad)
    return (f'<div class="notice"><p>{len(bad)} mục không khớp vị trí trong văn bản (span does not hold '
            f"the recorded text; the source may have changed):</p><ul>{items}</ul></div>")


def _legend() -> str:
    return '<p class="legend">' + " ".join(
        f'<mark class="hl k-{k}">{esc(label)}</mark>' for k, label in KIND_LABELS.items()
    ) + ' <span class="ev-ok">khớp</span> <span class="ev-bad">không khớp</span></p>'


def _span_link(marks: list[Mark], key: str, label: str) -> str:
    """A link to the highlighted item when it is shown in the text."""
    return link(f"#{key}", label) if any(m.key == key for m in marks) else esc(label)


def _findings(rec: Record, marks: list[Mark]) -> str:
    if not rec.audit:
        return '<p class="none">Không có phép kiểm tra nào.</p>'
    surfaces = {tuple(n.span): n.text for n in rec.indicators}
    rows = []
    for f in rec.audit:
        keys = " ".join(evidence_key(marks, s) for s in f.evidence)
        evidence = ", ".join(_span_link(marks, evidence_key(marks, s), surfaces.get(tuple(s)) or f"[{s[0]}, {s[1]})")
                             for s in f.evidence)
        status = "không khớp" if f.status == "inconsistent" else "khớp"
        scope = " · ".join(esc(v) for v in (f.metric, f.unit_ref, f.level, f.period) if v)
        rows.append(
            f'<li class="finding {f.status}" data-ev="{esc(keys)}"><span class="badge">{status}</span> '
            f"<b>{esc(f.check)}</b> {scope}: báo cáo {fmt_number(f.reported)}, tính được {fmt_number(f.computed)}. "
            f"{esc(f.explanation)}" + (f"<br><small>bằng chứng: {evidence}</small>" if evidence else "") + "</li>"
        )
    return '<ul class="findings">' + "".join(rows) + "</ul>"


def _indicators(rec: Record, marks: list[Mark]) -> str:
    rows = [[
        _span_link(marks, f"n{i}", n.text), fmt_number(n.value) + (f"/{fmt_number(n.of)}" if n.of is not None else ""),
        esc(n.unit), esc(n.metric), esc(n.qualifier), esc(n.level or ""), esc(n.unit_ref or ""),
        esc(n.period or ""), esc(n.change or ""), f"<code>{esc(n.rule or '')}</code>",
    ] for i, n in enumerate(rec.indicators)]
    headers = ["text", "value", "unit", "metric", "qualifier", "level", "unit_ref", "period", "change", "rule"]
    return table(headers, rows, "indicators")


def _units(rec: Record) -> str:
    rows = [[
        esc(u.kind), esc(u.name), esc(u.level or ""), esc(u.province or ""), esc(u.code or ""),
        esc(u.successor.name if u.successor else ""), str(len(u.mentions)), f"<code>{esc(u.rule or '')}</code>",
    ] for u in rec.units]
    return table(["kind", "name", "level", "province", "code", "successor", "mentions", "rule"], rows)


def _officials(rec: Record) -> str:
    rows = [[
        esc(o.name), esc(o.honorific or ""), esc(o.role or ""), esc(o.organization or ""), esc(o.title or ""),
        str(len(o.mentions)), f"<code>{esc(o.rule or '')}</code>",
    ] for o in rec.officials]
    return table(["name", "honorific", "role", "organization", "title", "mentions", "rule"], rows)


def _dates(rec: Record, marks: list[Mark]) -> str:
    rows = [[
        _span_link(marks, f"d{i}", d.text), esc(d.value), esc(d.type), "✓" if d.anchored else "",
        f"<code>{esc(d.rule or '')}</code>",
    ] for i, d in enumerate(rec.dates)]
    return table(["text", "value", "type", "anchored", "rule"], rows)
