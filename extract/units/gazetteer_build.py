"""Builds extract/units/gazetteer_data.json.gz from the vietnamadminunits dataset (MIT licence).

Not run at extraction time: `python -m extract.units.gazetteer_build [PATH/TO/dataset.db]` regenerates the
shipped file from the installed `vietnamadminunits` package (a dependency) or from the dataset named;
tests/test_gazetteer.py checks that the shipped file is what the installed package gives.
Source data: General Statistics Office codes, as compiled by Tran Ngoc Minh Hieu (MIT licence).
"""
from __future__ import annotations

import gzip
import json
import sqlite3
import sys
from pathlib import Path

OUT = Path(__file__).with_name("gazetteer_data.json.gz")


def _old(db: sqlite3.Connection) -> dict:
    rows = db.execute(
        "select province, provinceCode, provinceKey, district, districtCode, districtKey,"
        " ward, wardCode, wardKey from admin_units_legacy").fetchall()
    provinces, districts, communes, keys = {}, {}, {}, {}
    for p, pc, pk, d, dc, dk, w, wc, wk in rows:
        provinces[pc] = p
        districts[dc] = (d, pc)
        if w:
            communes[wc] = (w, dc)
            keys[f"{pk}_{dk}_{wk}"] = wc
    return {
        "p": sorted([c, n] for c, n in provinces.items()),
        "d": sorted([c, n, pc] for c, (n, pc) in districts.items()),
        "c": sorted([c, n, dc] for c, (n, dc) in communes.items()),
    }, keys


def _new(db: sqlite3.Connection) -> tuple[dict, dict]:
    rows = db.execute("select province, provinceCode, provinceKey, ward, wardCode, wardKey from admin_units").fetchall()
    provinces = {pc: p for p, pc, _, _, _, _ in rows}
    keys = {(pk, wk): wc for _, _, pk, _, wc, wk in rows}
    return {
        "p": sorted([c, n] for c, n in provinces.items()),
        "c": sorted([wc, w, pc] for _, pc, _, w, wc, _ in rows),
    }, keys


def _province_successors(db: sqlite3.Connection, conv: dict) -> dict:
    old_code = dict(db.execute("select distinct provinceKey, provinceCode from admin_units_legacy").fetchall())
    new_code = dict(db.execute("select distinct provinceKey, provinceCode from admin_units").fetchall())
    # A province merged away, or one that kept its name but absorbed others: either way a new unit holds it.
    return {old_code[o]: new_code[n] for n, olds in conv["DICT_PROVINCE"].items() for o in olds
            if o != n or len(olds) > 1}


def _commune_successors(conv: dict, old_keys: dict, new_keys: dict, old_names: dict, new_names: dict) -> dict:
    out = {}
    for pk, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wk, olds in wards.items():
            new = new_keys[(pk, wk)]
            for o in olds:
                oc = old_keys.get(o)
                if oc and not (len(olds) == 1 and old_names[oc] == new_names[new]):
                    out[oc] = new
    for pk, divided in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for o, news in divided.items():
            default = next((n for n in news if n["isDefaultNewWard"]), news[0])
            if o in old_keys:
                out[old_keys[o]] = new_keys[(pk, default["newWardKey"])]
    return out


def installed_dataset() -> Path:
    import vietnamadminunits

    return Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"


def build(db_path: str | Path | None = None) -> dict:
    db_path = db_path or installed_dataset()
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conv = json.loads(Path(db_path).with_name("converter_2025.json").read_text(encoding="utf-8"))
    old, old_keys = _old(db)
    new, new_keys = _new(db)
    old_names = {c: n for c, n, _ in old["c"]}
    new_names = {c: n for c, n, _ in new["c"]}
    return {
        "source": "vietnamadminunits 1.0.4 (MIT), GSO codes; old = before 2025-07-01, new = since",
        "old": old,
        "new": new,
        "province_successor": _province_successors(db, conv),
        "commune_successor": _commune_successors(conv, old_keys, new_keys, old_names, new_names),
    }


if __name__ == "__main__":
    data = build(sys.argv[1] if len(sys.argv) > 1 else None)
    with gzip.open(OUT, "wt", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
    print(OUT, {k: len(v) for k, v in data["old"].items()}, {k: len(v) for k, v in data["new"].items()},
          len(data["province_successor"]), len(data["commune_successor"]))
