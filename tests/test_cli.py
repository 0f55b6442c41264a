"""The command line as a user meets it: run on the corpus, schema, and bad input."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import CORPUS, ROOT


def _extract(*args, **kw):
    return subprocess.run([sys.executable, "-m", "extract", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, **kw)


def test_run_writes_one_valid_record_per_corpus_article(tmp_path):
    out = tmp_path / "records.jsonl"
    done = _extract("run", str(CORPUS), "--out", str(out), "--workers", "1")
    assert done.returncode == 0, done.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    ids = [json.loads(line)["id"] for line in lines]
    assert ids == sorted(p.stem for p in CORPUS.glob("*.txt"))


def test_schema_command_prints_the_record_schema():
    done = _extract("schema")
    assert done.returncode == 0
    assert json.loads(done.stdout)["title"] == "Record"


def test_run_reads_standard_input(tmp_path):
    out = tmp_path / "stdin.jsonl"
    text = "Cái Bè: Sơ kết cải cách hành chính quý I năm 2023\n\nUBND huyện Cái Bè tiếp nhận 1.245 hồ sơ."
    done = _extract("run", "-", "--out", str(out), "--workers", "1", input=text)
    assert done.returncode == 0, done.stderr
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["title"] == "Cái Bè: Sơ kết cải cách hành chính quý I năm 2023"


def test_run_exits_non_zero_only_when_nothing_could_be_read(tmp_path):
    missing = tmp_path / "nothing-here.txt"
    done = _extract("run", str(missing), "--out", str(tmp_path / "o.jsonl"), "--workers", "1")
    assert done.returncode != 0
    assert "nothing-here.txt" in done.stderr
