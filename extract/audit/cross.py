"""`extract audit RECORDS.jsonl`: figures that disagree across articles, and inconsistent findings per unit.

Two articles disagree when they report the same metric of the same unit
(`unit_ref`), tier, period, counted noun and service levels with values whose
stated intervals do not overlap ("hơn 2.480 hồ sơ" agrees with "2.493 hồ sơ").
"""
from __future__ import annotations

import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator, Optional

import regex
from pydantic import ValidationError

from extract.audit.intervals import interval, overlaps, vn
from extract.models import Indicator, Record
from extract.records import refuse

_SENTENCE_END = regex.compile(r"[.!?](?=\s)|\n")


def read_records(path: str) -> Iterator[Record]:
    """The records of a file; a line that is not one is reported on stderr and skipped."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield Record.model_validate_json(line)
            except ValidationError as exc:
                sys.stderr.write(f"extract audit: {path}:{number}: not a record ({exc.error_count()} errors), skipped\n")


def _key(ind: Indicator) -> Optional[tuple]:
    if not ind.unit_ref or not ind.period or ind.change or ind.metric in ("other", "rank"):
        return None
    return (ind.unit_ref, ind.metric, ind.period, ind.level, ind.unit, tuple(ind.service_levels))


def _sentence(rec: Record, ind: Indicator, texts: dict[str, Optional[str]]) -> str:
    """The sentence the figure stands in, when the article's file can still be read; else its text."""
    path = rec.source.path
    if path not in texts:
        try:
            texts[path] = unicodedata.normalize("NFC", Path(path).read_text(encoding="utf-8")) if path else None
        except (OSError, UnicodeDecodeError):
            texts[path] = None
    text = texts[path]
    a, b = ind.span
    if not text or text[a:b] != ind.text:
        return ind.text
    starts = [m.end() for m in _SENTENCE_END.finditer(text, max(0, a - 400), a)]
    end = _SENTENCE_END.search(text, b, min(len(text), b + 400))
    return " ".join(text[starts[-1] if starts else max(0, a - 400):end.end() if end else b + 400].split())


def disagreements(records: Iterable[Record]) -> list[dict]:
    by_key: dict[tuple, list[tuple[Record, Indicator]]] = defaultdict(list)
    for rec in records:
        for ind in rec.indicators:
            key = _key(ind)
            if key is not None:
                by_key[key].append((rec, ind))
    texts: dict[str, Optional[str]] = {}
    out = []
    for key, items in by_key.items():
        clash = {k for i, x in enumerate(items) for j, y in enumerate(items[i + 1:], i + 1)
                 if x[0].id != y[0].id and not _agree(x[1], y[1]) for k in (i, j)}
        if not clash:
            continue
        out.append({
            "unit_ref": key[0], "metric": key[1], "period": key[2], "level": key[3], "unit": key[4],
            "service_levels": list(key[5]),
            "reports": [{"id": r.id, "source": r.source.url or r.source.path, "value": i.value,
                         "text": i.text, "span": list(i.span), "sentence": _sentence(r, i, texts)}
                        for k, (r, i) in enumerate(items) if k in clash],
        })
    return out


def _agree(a: Indicator, b: Indicator) -> bool:
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return True  # a vague figure contradicts nothing
    return overlaps(ia, ib)


def inconsistent_by_unit(records: Iterable[Record]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for rec in records:
        for f in rec.audit:
            if f.status == "inconsistent":
                out[f.unit_ref or "(unit unknown)"].append(
                    {"id": rec.id, "check": f.check, "metric": f.metric, "period": f.period,
                     "reported": f.reported, "computed": f.computed, "explanation": f.explanation})
    return dict(sorted(out.items()))


def report(path: str) -> dict:
    records = list(read_records(path))
    return {"articles": len(records), "disagreements": disagreements(records),
            "inconsistent_by_unit": inconsistent_by_unit(records)}


def table(rep: dict) -> str:
    lines = [f"{rep['articles']} articles, {len(rep['disagreements'])} figures reported differently"]
    for d in rep["disagreements"]:
        level = f", {d['level']}" if d["level"] else ""
        lines.append(f"\n{d['unit_ref']} — {d['metric']} ({d['unit']}{level}), {d['period']}:")
        for r in d["reports"]:
            lines.append(f"  {vn(r['value'])}  [{r['id']}] {r['source'] or ''}")
            lines.append(f"      {r['sentence']}")
    lines.append("\nInconsistent findings per unit:")
    for unit, items in rep["inconsistent_by_unit"].items():
        lines.append(f"  {unit}: {len(items)}")
        for it in items:
            lines.append(f"    [{it['id']}] {it['check']}: {it['explanation']}")
    if not rep["inconsistent_by_unit"]:
        lines.append("  none")
    return "\n".join(lines) + "\n"


def command(args) -> int:
    if (refused := refuse("audit", args.records)) is not None:
        return refused
    rep = report(args.records)
    sys.stdout.write(json.dumps(rep, ensure_ascii=False) + "\n" if args.json else table(rep))
    return 0
