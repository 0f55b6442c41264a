import copy
import json
from types import SimpleNamespace

import pytest

from extract import evaluate as ev

GOLD = {
    "id": "a1",
    "title": "Huyện Tháp Mười đẩy mạnh cải cách hành chính",
    "published": "2024-04-13T19:42:00+07:00",
    "authors": ["Thanh Tùng"],
    "units": [
        {"kind": "admin", "name": "Thị xã Ninh Hòa"},
        {"kind": "agency", "name": "Ủy ban nhân dân thành phố Tây Ninh"},
    ],
    "officials": [{"name": "Trần Thị Quý", "role": "Chủ tịch", "organization": "Ủy ban nhân dân huyện Tháp Mười"}],
    "dates": [{"text": "quý I.2024", "value": "2024-Q1", "span": [10, 20]}],
    "indicators": [
        {"text": "1.245 hồ sơ", "value": 1245, "unit": "hồ sơ", "metric": "dossiers_received",
         "qualifier": "exact", "level": None, "span": [100, 111]},
        {"text": "3 hồ sơ", "value": 3, "unit": "hồ sơ", "metric": "dossiers_late",
         "qualifier": "exact", "level": None, "span": [150, 157]},
        {"text": "0,72%", "value": 0.72, "unit": "%", "metric": "rate_late",
         "qualifier": "exact", "level": None, "span": [170, 175]},
    ],
    "audit": [
        {"check": "sum", "status": "consistent", "reported": 1245, "computed": 1245},
        {"check": "percentage", "status": "inconsistent", "reported": 0.72, "computed": 0.24},
    ],
}


def _run(gold, pred):
    return ev.evaluate({g["id"]: g for g in gold}, {p["id"]: p for p in pred})


def test_perfect_prediction_scores_one_everywhere():
    rep = _run([GOLD], [copy.deepcopy(GOLD)])
    assert all(f["f1"] == 1.0 for f in rep["fields"].values())
    assert all(a["accuracy"] == 1.0 for a in rep["accuracy"].values())
    assert rep["audit_checks"]["inconsistent_recall"] == 1.0
    assert rep["audit_checks"]["false_inconsistent"] == 0


def test_missing_item_lowers_recall_only():
    pred = copy.deepcopy(GOLD)
    pred["indicators"].pop(1)
    f = _run([GOLD], [pred])["fields"]["indicators"]
    assert f["precision"] == 1.0 and f["recall"] == pytest.approx(2 / 3)


def test_tone_placement_case_and_abbreviations_match():
    pred = copy.deepcopy(GOLD)
    pred["units"] = [{"kind": "admin", "name": "TX Ninh Hoà"}, {"kind": "agency", "name": "UBND TP. Tây Ninh"}]
    pred["officials"][0]["organization"] = "UBND huyện Tháp Mười"
    pred["authors"] = ["THANH TÙNG"]
    rep = _run([GOLD], [pred])
    assert rep["fields"]["units_admin"]["f1"] == 1.0
    assert rep["fields"]["units_agency"]["f1"] == 1.0
    assert rep["fields"]["authors"]["f1"] == 1.0
    assert rep["accuracy"]["official_organization"]["accuracy"] == 1.0


def test_missing_record_counts_all_items_missed_and_is_listed():
    rep = _run([GOLD], [])
    assert rep["missing_predictions"] == ["a1"]
    assert rep["fields"]["indicators"]["fn"] == 3
    assert rep["accuracy"]["title"]["accuracy"] == 0.0


def test_bare_date_does_not_match_a_clock_time():
    pred = copy.deepcopy(GOLD)
    pred["published"] = "2024-04-13"
    assert _run([GOLD], [pred])["accuracy"]["published"]["accuracy"] == 0.0


def test_indicator_attributes_scored_on_closest_match():
    gold = copy.deepcopy(GOLD)
    gold["indicators"].append(dict(gold["indicators"][1], span=[400, 407], metric="dossiers_pending"))
    pred = copy.deepcopy(gold)
    pred["indicators"][1]["span"] = [401, 408]  # swapped positions: each pairs with its closest gold
    pred["indicators"][3]["span"] = [151, 158]
    pred["indicators"][1]["metric"], pred["indicators"][3]["metric"] = "dossiers_pending", "dossiers_late"
    rep = _run([gold], [pred])
    assert rep["accuracy"]["indicator_metric"]["accuracy"] == 1.0
    pred["indicators"][3]["metric"] = "dossiers_pending"
    assert _run([gold], [pred])["accuracy"]["indicator_metric"]["correct"] == 3


def test_dates_compare_as_a_set_of_values():
    pred = copy.deepcopy(GOLD)
    pred["dates"].append({"text": "3 tháng đầu năm", "value": "2024-Q1", "span": [30, 45]})
    assert _run([GOLD], [pred])["fields"]["dates"]["f1"] == 1.0


def test_audit_must_show_figures():
    pred = copy.deepcopy(GOLD)
    pred["audit"] = [
        {"check": "sum", "status": "inconsistent", "reported": 1245, "computed": 1244},
        {"check": "percentage", "status": "inconsistent", "reported": 0.72, "computed": 0.24},
    ]
    au = _run([GOLD], [pred])["audit_checks"]
    assert au["inconsistent_recall"] == 1.0
    assert au["consistent_recall"] == 0.0
    assert au["false_inconsistent"] == 1


def test_command_json_and_table(tmp_path, capsys):
    gold, pred = tmp_path / "g.jsonl", tmp_path / "p.jsonl"
    gold.write_text(json.dumps(GOLD, ensure_ascii=False) + "\n", encoding="utf-8")
    pred.write_text(json.dumps(GOLD, ensure_ascii=False) + "\n", encoding="utf-8")
    assert ev.command(SimpleNamespace(gold=str(gold), pred=str(pred), json=True)) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["fields"]["audit"]["f1"] == 1.0 and "a1" in out["per_article"]
    assert ev.command(SimpleNamespace(gold=str(gold), pred=str(pred), json=False)) == 0
    assert "indicators" in capsys.readouterr().out
