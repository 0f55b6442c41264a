"""The tidy tables `extract export` writes: their schemas and the rows of one record.

Every table carries `article_id`; items keep their position in the record
(`*_idx`) so a mention or a finding can be joined back to its item. Two derived
columns make the common questions one SQL statement: `province` (the indicator's own `province`;
for records written before it, the province of the unit a figure belongs to, else the article's main province) and `quarter` (the
quarter the figure's period lies in, null for a longer period, else the quarter of publication).
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from typing import Optional

import pyarrow as pa
import regex

_S, _I, _F, _D, _B = pa.string(), pa.int32(), pa.float64(), pa.date32(), pa.bool_()


def _schema(*cols) -> pa.Schema:
    return pa.schema([pa.field(name, typ) for name, typ in cols])


SCHEMAS: dict[str, pa.Schema] = {
    "articles": _schema(
        ("article_id", _S), ("path", _S), ("url", _S), ("line", _I), ("title", _S), ("published", _S),
        ("published_date", _D), ("province", _S), ("authors", pa.list_(_S)), ("n_units", _I),
        ("n_officials", _I), ("n_dates", _I), ("n_indicators", _I), ("n_findings", _I),
        ("n_inconsistent", _I), ("warnings", pa.list_(_S))),
    "units": _schema(
        ("article_id", _S), ("unit_idx", _I), ("kind", _S), ("name", _S), ("level", _S), ("province", _S),
        ("code", _S), ("successor_name", _S), ("successor_level", _S), ("successor_code", _S),
        ("n_mentions", _I), ("rule", _S)),
    "officials": _schema(
        ("article_id", _S), ("official_idx", _I), ("name", _S), ("honorific", _S), ("role", _S),
        ("organization", _S), ("title", _S), ("n_mentions", _I), ("rule", _S)),
    "mentions": _schema(
        ("article_id", _S), ("item", _S), ("item_idx", _I), ("text", _S), ("start_char", _I), ("end_char", _I)),
    "dates": _schema(
        ("article_id", _S), ("date_idx", _I), ("text", _S), ("start_char", _I), ("end_char", _I), ("type", _S),
        ("value", _S), ("anchored", _B), ("period_start", _D), ("period_end", _D), ("rule", _S)),
    "indicators": _schema(
        ("article_id", _S), ("indicator_idx", _I), ("text", _S), ("start_char", _I), ("end_char", _I),
        ("value", _F), ("unit", _S), ("metric", _S), ("qualifier", _S), ("level", _S), ("unit_ref", _S),
        ("period", _S), ("period_start", _D), ("period_end", _D), ("quarter", _S), ("quarter_from", _S),
        ("province", _S), ("service_levels", pa.list_(_I)), ("of", _F), ("change", _S), ("target", _B), ("rule", _S),
        ("metric_rule", _S), ("level_rule", _S), ("structure", _S), ("structure_head_start", _I),
        ("structure_head_end", _I)),
    "findings": _schema(
        ("article_id", _S), ("finding_idx", _I), ("check_kind", _S), ("status", _S), ("reported", _F),
        ("computed", _F), ("metric", _S), ("unit_ref", _S), ("level", _S), ("period", _S),
        ("evidence", pa.list_(pa.list_(_I))), ("explanation", _S), ("relation", _S), ("structure", _S),
        ("rule", _S)),
}

_TIMEX = regex.compile(r"(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|H([12])))?")


def period_bounds(value: Optional[str]) -> tuple[Optional[dt.date], Optional[dt.date]]:
    """First and last day of a TIMEX value (2024-Q1, 2024-H1, 2024-04, 2024, a/b); (None, None) if unknown."""
    if not value:
        return None, None
    first, _, last = value.partition("/")
    start, end = _bounds(first), _bounds(last or first)
    return (start[0] if start else None), (end[1] if end else None)


def _bounds(v: str) -> Optional[tuple[dt.date, dt.date]]:
    m = _TIMEX.fullmatch(v)
    if not m:
        return None  # XXXX-08-06 and other unanchored values
    year, month, day, quarter, half = m.groups()
    y = int(year)
    try:
        if day:
            d = dt.date(y, int(month), int(day))
            return d, d
        if month:
            first_m, last_m = int(month), int(month)
        elif quarter:
            first_m, last_m = 3 * int(quarter) - 2, 3 * int(quarter)
        elif half:
            first_m, last_m = 6 * int(half) - 5, 6 * int(half)
        else:
            first_m, last_m = 1, 12
        return dt.date(y, first_m, 1), dt.date(y, last_m, calendar.monthrange(y, last_m)[1])
    except ValueError:  # month 13, day 31 of April
        return None


def quarter_of(d: Optional[dt.date]) -> Optional[str]:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}" if d else None


def _quarter(start: Optional[dt.date], end: Optional[dt.date], published: Optional[dt.date]) -> dict:
    """The quarter a figure reports: its period's, when the period lies within one quarter (a half-year or
    a year's rate is no quarter's rate); the publication's when no period is stated."""
    if end is not None:
        inside = quarter_of(start) == quarter_of(end)
        return {"quarter": quarter_of(end) if inside else None, "quarter_from": "period" if inside else "longer_period"}
    return {"quarter": quarter_of(published), "quarter_from": "published" if published else None}


def main_province(record: dict) -> Optional[str]:
    """The province the article's units point to most often, weighted by mentions."""
    votes: Counter = Counter()
    for u in record.get("units") or []:
        if u.get("province"):
            votes[u["province"]] += max(1, len(u.get("mentions") or []))
    return votes.most_common(1)[0][0] if votes else None


def rows_of(record: dict) -> dict[str, list[dict]]:
    aid = record["id"]
    units = record.get("units") or []
    officials = record.get("officials") or []
    source = record.get("source") or {}
    published_date = period_bounds((record.get("published") or "")[:10])[0]
    province = main_province(record)
    unit_province = {u["name"]: u.get("province") for u in units if u.get("name")}
    findings = record.get("audit") or []
    rows: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
    rows["articles"].append({
        "article_id": aid, "path": source.get("path"), "url": source.get("url"), "line": source.get("line"),
        "title": record.get("title"), "published": record.get("published"), "published_date": published_date,
        "province": province, "authors": record.get("authors") or [], "n_units": len(units),
        "n_officials": len(officials), "n_dates": len(record.get("dates") or []),
        "n_indicators": len(record.get("indicators") or []), "n_findings": len(findings),
        "n_inconsistent": sum(f.get("status") == "inconsistent" for f in findings),
        "warnings": record.get("warnings") or []})
    for i, u in enumerate(units):
        succ = u.get("successor") or {}
        rows["units"].append({
            "article_id": aid, "unit_idx": i, **_pick(u, "kind", "name", "level", "province", "code", "rule"),
            "successor_name": succ.get("name"), "successor_level": succ.get("level"),
            "successor_code": succ.get("code"), "n_mentions": len(u.get("mentions") or [])})
        rows["mentions"].extend(_mentions(aid, "unit", i, u))
    for i, o in enumerate(officials):
        rows["officials"].append({
            "article_id": aid, "official_idx": i,
            **_pick(o, "name", "honorific", "role", "organization", "title", "rule"),
            "n_mentions": len(o.get("mentions") or [])})
        rows["mentions"].extend(_mentions(aid, "official", i, o))
    for i, d in enumerate(record.get("dates") or []):
        start, end = period_bounds(d.get("value"))
        rows["dates"].append({
            "article_id": aid, "date_idx": i, **_span(d), **_pick(d, "text", "type", "value", "rule"),
            "anchored": bool(d.get("anchored")), "period_start": start, "period_end": end})
    for i, ind in enumerate(record.get("indicators") or []):
        start, end = period_bounds(ind.get("period"))
        rows["indicators"].append({
            "article_id": aid, "indicator_idx": i, **_span(ind),
            **_pick(ind, "text", "value", "unit", "metric", "qualifier", "level", "unit_ref", "period", "of",
                    "change", "rule", "metric_rule", "level_rule"),
            **_structure(ind.get("structure")),
            "period_start": start, "period_end": end,
            **_quarter(start, end, published_date),
            # the record's own field (set where the article makes it clear); derived for records written before it
            "province": ind["province"] if "province" in ind else unit_province.get(ind.get("unit_ref")) or province,
            "service_levels": ind.get("service_levels") or [], "target": bool(ind.get("target"))})
    for i, f in enumerate(findings):
        rows["findings"].append({
            "article_id": aid, "finding_idx": i, "check_kind": f.get("check"),
            **_pick(f, "status", "reported", "computed", "metric", "unit_ref", "level", "period", "explanation",
                    "relation", "structure", "rule"),
            "evidence": [list(sp) for sp in f.get("evidence") or []]})
    return rows


def _structure(structure: Optional[dict]) -> dict:
    head = (structure or {}).get("head") or (None, None)
    return {"structure": (structure or {}).get("kind"), "structure_head_start": head[0], "structure_head_end": head[1]}


def _pick(item: dict, *keys: str) -> dict:
    return {k: item.get(k) for k in keys}


def _span(item: dict) -> dict:
    start, end = item.get("span") or (None, None)
    return {"start_char": start, "end_char": end}


def _mentions(aid: str, kind: str, idx: int, item: dict) -> list[dict]:
    return [{"article_id": aid, "item": kind, "item_idx": idx, "text": m.get("text"),
             "start_char": m["span"][0], "end_char": m["span"][1]} for m in item.get("mentions") or []]
