"""Evaluation gate: per-field figures on the gold sets may rise, never silently fall.

The gold records live beside the project (../shared/gold, as in CI), never inside it.
Floors are pinned in tests/eval_floors.json; `scripts/floors.py --raise` lifts them to
what the pipeline now reaches, and lowering one is a visible edit to that file.
"""
from __future__ import annotations

import json

import pytest
from conftest import ROOT, SHARED

FLOORS = json.loads((ROOT / "tests" / "eval_floors.json").read_text(encoding="utf-8"))


def measure(gold_name: str) -> dict:
    from extract.evaluate import evaluate, load_records
    from extract.pipeline import process
    from extract.reading import iter_articles

    articles = [a for a in iter_articles([str(SHARED / gold_name)]) if hasattr(a, "text")]
    pred = {a.id: json.loads(process(a).model_dump_json()) for a in articles}
    return evaluate(load_records(str(SHARED / "gold" / f"{gold_name}.gold.jsonl")), pred)


def figure(report: dict, key: str) -> float:
    """'fields.dates.f1', 'accuracy.title.accuracy', 'audit_checks.false_inconsistent' …"""
    value = report
    for part in key.split("."):
        value = value[part]
    return value


@pytest.fixture(scope="module", params=sorted(FLOORS))
def gold_report(request):
    if not (SHARED / "gold" / f"{request.param}.gold.jsonl").exists():
        pytest.skip(f"no gold set {request.param} beside the project")
    return request.param, measure(request.param)


def test_figures_stay_at_or_above_their_floors(gold_report):
    name, report = gold_report
    fallen = []
    for key, floor in FLOORS[name].items():
        value = figure(report, key)
        # Counts of errors are ceilings: they may fall, never rise.
        if key.endswith("false_inconsistent") and value > floor or not key.endswith("false_inconsistent") and value < floor - 1e-9:
            fallen.append(f"{key}: {value:.3f} (floor {floor})")
    assert not fallen, f"{name}: " + "; ".join(fallen)
