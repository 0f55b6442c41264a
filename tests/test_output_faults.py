"""Hostile records files (issue 17): formula cells in CSV, lines of the wrong shape, review of foreign paths."""
from __future__ import annotations

import csv

from extract.export import export
from extract.models import Indicator, Official, Record, Source
from extract.review import build

FORMULAS = ["=HYPERLINK(\"http://evil.invalid\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1"]


def test_csv_cells_a_spreadsheet_would_run_are_escaped(tmp_path):
    record = Record(id=FORMULAS[0], title=FORMULAS[1], warnings=[FORMULAS[4]],
                    officials=[Official(name=FORMULAS[2], role=FORMULAS[3])],
                    indicators=[Indicator(text="-5%", span=(0, 3), value=-5, unit="%", metric="rate_other")])
    records = tmp_path / "r.jsonl"
    records.write_text(record.model_dump_json() + "\n", encoding="utf-8")
    assert export(records, "csv", tmp_path / "csv") == 1
    cells = [cell for table in (tmp_path / "csv").glob("*.csv")
             for row in csv.reader(table.open(encoding="utf-8")) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(c)]
    assert "'" + FORMULAS[0] in cells and "'" + FORMULAS[2] in cells and "'-5%" in cells
    (row,) = csv.DictReader((tmp_path / "csv" / "indicators.csv").open(encoding="utf-8"))
    assert float(row["value"]) == -5  # numbers stay numbers


def _number(cell: str) -> bool:
    try:
        return float(cell) is not None
    except ValueError:
        return False


def test_export_reports_and_skips_lines_of_the_wrong_shape(tmp_path, capsys):
    good = Record(id="a1", title="Tin").model_dump_json()
    records = tmp_path / "r.jsonl"
    records.write_text("\n".join([good, '{"id": 5}', '{"id": "x", "units": "notalist"}', "[1, 2]", good]) + "\n",
                       encoding="utf-8")
    assert export(records, "duckdb", tmp_path / "r.duckdb") == 2
    err = capsys.readouterr().err
    assert [line.split("r.jsonl:")[1].split(":")[0] for line in err.splitlines()] == ["2", "3", "4"]
    assert "units" in err.splitlines()[1]


def test_review_reads_no_file_that_is_not_an_input(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("MẬT KHẨU hunter2\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Ngày 15/8/2022, UBND tỉnh Long An tiếp nhận 1.245 hồ sơ.\n", encoding="utf-8")
    records = tmp_path / "r.jsonl"
    records.write_text("\n".join(Record(id=i, source=Source(path=str(p))).model_dump_json()
                                 for i, p in (("stolen", secret), ("a", article))) + "\n", encoding="utf-8")
    out = build(records, tmp_path / "site")
    pages = {p.stem: p.read_text(encoding="utf-8") for p in (out / "articles").glob("*.html")}
    assert "hunter2" not in pages["stolen"] and "not an input file" in pages["stolen"]
    assert "1.245 hồ sơ" in pages["a"]
