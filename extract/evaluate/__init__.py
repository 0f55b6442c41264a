"""`extract evaluate GOLD PRED`: precision, recall and F1 per field against gold records.

Records pair by `id`; a gold record with no prediction counts all its items as
missed. Counts are summed over articles (micro-average). Names compare after
NFC, tone placement, case and abbreviation normalization (UBND, TP., HĐND …).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any, Iterable, Optional

import regex

from extract.language.textnorm import fold, nfc, spaces
from extract.language.words import alternation
from extract.records import refuse

# Abbreviations written as words of their own (with or without a trailing dot).
_WORD_ABBREV = {
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "mttq": "mặt trận tổ quốc",
    "tp": "thành phố",
    "tx": "thị xã",
    "tt": "thị trấn",
    "hcm": "hồ chí minh",
    "tw": "trung ương",
    "pct": "phó chủ tịch",
}
# Single letters that abbreviate a unit type only when a dot follows (Q. 1, P. Tân Định).
_DOT_ABBREV = {"q": "quận", "p": "phường", "h": "huyện", "x": "xã"}
_WORD_RE = regex.compile(r"(?<!\w)(" + alternation(_WORD_ABBREV, longest_first=False) + r")(?!\w)\.?")
_DOT_RE = regex.compile(r"(?<!\w)([" + "".join(_DOT_ABBREV) + r"])\.")
_PUNCT_RE = regex.compile(r"[\p{P}\p{S}]")

Item = Any  # a dict from a JSON record


def norm_name(text: Optional[str]) -> str:
    """Comparison key of a name: folded, abbreviations expanded, punctuation dropped."""
    if not text:
        return ""
    key = fold(text)
    key = _DOT_RE.sub(lambda m: " " + _DOT_ABBREV[m.group(1)] + " ", key)
    key = _WORD_RE.sub(lambda m: " " + _WORD_ABBREV[m.group(1)] + " ", key)
    return spaces(_PUNCT_RE.sub(" ", key))


def _num(v: Any) -> Optional[float]:
    try:
        return round(float(v), 4)
    except (TypeError, ValueError):
        return None


class PRF:
    """True positives, false positives and false negatives of one field, summed over articles."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, gold: Counter, pred: Counter) -> dict:
        tp = sum((gold & pred).values())
        fp, fn = sum(pred.values()) - tp, sum(gold.values()) - tp
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn
        return {"tp": tp, "fp": fp, "fn": fn,
                "missed": _keys(gold - pred), "spurious": _keys(pred - gold)}

    def figures(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": p, "recall": r, "f1": f, "tp": self.tp, "fp": self.fp, "fn": self.fn}


class Accuracy:
    def __init__(self) -> None:
        self.right = self.total = 0

    def add(self, ok: bool) -> bool:
        self.right += bool(ok)
        self.total += 1
        return bool(ok)

    def figures(self) -> dict:
        return {"accuracy": self.right / self.total if self.total else 1.0,
                "correct": self.right, "total": self.total}


def _keys(c: Counter) -> list:
    return [list(k) if isinstance(k, tuple) else k for k in sorted(c.elements(), key=str)]


def _names(items: Iterable[str]) -> Counter:
    return Counter({k: 1 for k in (norm_name(x) for x in items) if k})


def _title_key(t: Optional[str]) -> Optional[str]:
    return spaces(nfc(t)) if t else None


def _indicator_key(ind: Item) -> tuple:
    return (_num(ind.get("value")), ind.get("unit") == "%")


def _finding_key(f: Item) -> tuple:
    return (f.get("check"), f.get("status"), _num(f.get("reported")))


def pair_indicators(gold: list[Item], pred: list[Item]) -> list[tuple[Item, Item]]:
    """Pairs of equal (value, percent or not), closest spans first."""
    by_key: dict[tuple, list[Item]] = {}
    for p in pred:
        by_key.setdefault(_indicator_key(p), []).append(p)
    candidates = []
    for gi, g in enumerate(gold):
        for p in by_key.get(_indicator_key(g), []):
            candidates.append((_span_distance(g, p), gi, id(p), g, p))
    candidates.sort(key=lambda c: (c[0], c[1]))
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pid, g, p in candidates:
        if gi not in used_g and pid not in used_p:
            used_g.add(gi)
            used_p.add(pid)
            pairs.append((g, p))
    return pairs


def _span_distance(a: Item, b: Item) -> int:
    sa, sb = a.get("span"), b.get("span")
    return abs(sa[0] - sb[0]) if sa and sb else 0


class Evaluation:
    LIST_FIELDS = ("authors", "units_admin", "units_agency", "officials", "dates", "indicators", "audit")

    def __init__(self) -> None:
        self.prf = {f: PRF() for f in self.LIST_FIELDS}
        self.acc = {f: Accuracy() for f in (
            "title", "published", "official_role", "official_organization",
            "indicator_metric", "indicator_qualifier", "indicator_level")}
        self.audit_split = {s: PRF() for s in ("inconsistent", "consistent")}
        self.articles: dict[str, dict] = {}
        self.missing: list[str] = []
        self.unpaired: list[str] = []

    def add(self, gold: Item, pred: Optional[Item]) -> None:
        if pred is None:
            self.missing.append(gold["id"])
            pred = {"id": gold["id"]}
        art: dict[str, Any] = {}
        art["title"] = self.acc["title"].add(_title_key(gold.get("title")) == _title_key(pred.get("title")))
        art["published"] = self.acc["published"].add(gold.get("published") == pred.get("published"))
        art["authors"] = self.prf["authors"].add(_names(gold.get("authors", [])), _names(pred.get("authors", [])))
        for kind in ("admin", "agency"):
            g = _names(u["name"] for u in gold.get("units", []) if u.get("kind") == kind)
            p = _names(u["name"] for u in pred.get("units", []) if u.get("kind") == kind)
            art[f"units_{kind}"] = self.prf[f"units_{kind}"].add(g, p)
        art["officials"] = self._officials(gold.get("officials", []), pred.get("officials", []))
        art["dates"] = self.prf["dates"].add(
            Counter({d["value"]: 1 for d in gold.get("dates", [])}),
            Counter({d["value"]: 1 for d in pred.get("dates", [])}))
        art["indicators"] = self._indicators(gold.get("indicators", []), pred.get("indicators", []))
        art["audit"] = self._audit(gold.get("audit", []), pred.get("audit", []))
        self.articles[gold["id"]] = art

    def _officials(self, gold: list[Item], pred: list[Item]) -> dict:
        g = {norm_name(o["name"]): o for o in gold}
        p = {norm_name(o["name"]): o for o in pred}
        out = self.prf["officials"].add(Counter(g.keys()), Counter(p.keys()))
        out["wrong_role"], out["wrong_organization"] = [], []
        for key in g.keys() & p.keys():
            if not self.acc["official_role"].add(norm_name(g[key].get("role")) == norm_name(p[key].get("role"))):
                out["wrong_role"].append([g[key]["name"], g[key].get("role"), p[key].get("role")])
            gorg, porg = g[key].get("organization"), p[key].get("organization")
            if not self.acc["official_organization"].add(norm_name(gorg) == norm_name(porg)):
                out["wrong_organization"].append([g[key]["name"], gorg, porg])
        return out

    def _indicators(self, gold: list[Item], pred: list[Item]) -> dict:
        out = self.prf["indicators"].add(Counter(map(_indicator_key, gold)), Counter(map(_indicator_key, pred)))
        for attr in ("metric", "qualifier", "level"):
            out[f"wrong_{attr}"] = []
        for g, p in pair_indicators(gold, pred):
            for attr in ("metric", "qualifier", "level"):
                if not self.acc[f"indicator_{attr}"].add(g.get(attr) == p.get(attr)):
                    out[f"wrong_{attr}"].append([g.get("text"), g.get("span"), g.get(attr), p.get(attr)])
        return out

    def _audit(self, gold: list[Item], pred: list[Item]) -> dict:
        out = self.prf["audit"].add(Counter(map(_finding_key, gold)), Counter(map(_finding_key, pred)))
        for status, prf in self.audit_split.items():
            prf.add(Counter(_finding_key(f) for f in gold if f.get("status") == status),
                    Counter(_finding_key(f) for f in pred if f.get("status") == status))
        return out

    def report(self) -> dict:
        inc, con = self.audit_split["inconsistent"].figures(), self.audit_split["consistent"].figures()
        return {
            "articles_gold": len(self.articles),
            "missing_predictions": self.missing,
            "unpaired_predictions": self.unpaired,
            "fields": {f: prf.figures() for f, prf in self.prf.items()},
            "accuracy": {f: a.figures() for f, a in self.acc.items()},
            "audit_checks": {
                "inconsistent_recall": inc["recall"],
                "inconsistent_gold": inc["tp"] + inc["fn"],
                "inconsistent_found": inc["tp"],
                "consistent_recall": con["recall"],
                "consistent_gold": con["tp"] + con["fn"],
                "consistent_found": con["tp"],
                "false_inconsistent": inc["fp"],
            },
            "per_article": self.articles,
        }


def load_records(path: str) -> dict[str, Item]:
    """Records by id; a line that is not a record is reported on stderr and skipped."""
    records: dict[str, Item] = {}
    with open(path, encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                records[str(rec["id"])] = rec
            except (ValueError, KeyError, TypeError):
                sys.stderr.write(f"extract evaluate: {path}:{number}: not a record (no JSON object with an 'id'), skipped\n")
    return records


def evaluate(gold: dict[str, Item], pred: dict[str, Item]) -> dict:
    ev = Evaluation()
    for rid, g in gold.items():
        ev.add(g, pred.get(rid))
    ev.unpaired = sorted(set(pred) - set(gold))
    return ev.report()


def table(report: dict) -> str:
    lines = [f"{'field':<24}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for name, f in report["fields"].items():
        lines.append(f"{name:<24}{f['precision']:>7.3f}{f['recall']:>7.3f}{f['f1']:>7.3f}"
                     f"{f['tp']:>6}{f['fp']:>6}{f['fn']:>6}")
    lines.append("")
    lines.append(f"{'accuracy':<24}{'acc':>7}{'right':>7}{'of':>6}")
    for name, a in report["accuracy"].items():
        lines.append(f"{name:<24}{a['accuracy']:>7.3f}{a['correct']:>7}{a['total']:>6}")
    checks = report["audit_checks"]
    lines.append("")
    lines.append(f"audit: inconsistent recall {checks['inconsistent_recall']:.3f} "
                 f"({checks['inconsistent_found']}/{checks['inconsistent_gold']}), consistent recall "
                 f"{checks['consistent_recall']:.3f} ({checks['consistent_found']}/{checks['consistent_gold']}), "
                 f"false inconsistent {checks['false_inconsistent']}")
    if report["missing_predictions"]:
        lines.append("no prediction for: " + ", ".join(report["missing_predictions"]))
    if report["unpaired_predictions"]:
        lines.append("no gold for: " + ", ".join(report["unpaired_predictions"]))
    return "\n".join(lines) + "\n"


def command(args) -> int:
    if (refused := refuse("evaluate", args.gold, args.pred)) is not None:
        return refused
    report = evaluate(load_records(args.gold), load_records(args.pred))
    if args.json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(table(report))
    return 0
