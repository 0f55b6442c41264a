"""The resume journal (batch/journal.py) on its own: what a restart keeps, drops and refuses.
The end-to-end kill test is in test_batch.py; these pin each branch of resuming."""
from __future__ import annotations

import json

import pytest

from extract.batch.journal import Journal, JournalMismatch

CMD = {"paths": ["in/"], "max_chars": 1000}


def lines(n: int, start: int = 0) -> str:
    return "".join(json.dumps({"id": f"a{i}", "text": "Hòa Thành"}, ensure_ascii=False) + "\n" for i in range(start, start + n))


def saved(j: Journal) -> dict:
    """The journal's state, less the input spelling and fingerprint (tests/test_run_faults.py holds those)."""
    state = json.loads(j.path.read_text(encoding="utf-8"))
    return {k: v for k, v in state.items() if k not in ("given", "inputs")}


def test_a_fresh_run_starts_empty_and_records_each_batch(tmp_path):
    out = tmp_path / "runs" / "2024" / "out.jsonl"  # folders made as needed
    j = Journal.open(out, CMD)
    assert (j.bytes, j.items, j.counts) == (0, 0, {}) and out.read_bytes() == b""
    assert saved(j) == {"command": CMD, "bytes": 0, "items": 0, "counts": {}}
    j.commit(lines(2), 2, {"ok": 2})
    j.commit(lines(1, 2), 1, {"ok": 3})
    j.close()
    data = out.read_bytes()
    assert data.decode("utf-8") == lines(3)
    assert saved(j) == {"command": CMD, "bytes": len(data), "items": 3, "counts": {"ok": 3}}
    assert j.path.name == "out.jsonl.journal" and not j.path.with_name("out.jsonl.journal.tmp").exists()


def test_an_empty_batch_still_counts_its_items(tmp_path):
    j = Journal.open(tmp_path / "out.jsonl", CMD)
    j.commit("", 4, {"read_errors": 4})
    j.close()
    assert saved(j) == {"command": CMD, "bytes": 0, "items": 4, "counts": {"read_errors": 4}}


def test_resuming_cuts_a_torn_tail_and_skips_the_committed_items(tmp_path):
    out = tmp_path / "out.jsonl"
    j = Journal.open(out, CMD)
    j.commit(lines(2), 2, {"ok": 2})
    j.close()
    committed = out.read_bytes()
    with out.open("ab") as f:
        f.write(b'{"id": "torn", "te')  # killed mid-write
    j = Journal.open(out, CMD)
    assert (j.bytes, j.items, j.counts) == (len(committed), 2, {"ok": 2})
    assert out.read_bytes() == committed
    j.commit(lines(1, 2), 1, {"ok": 3})
    j.finish()
    assert out.read_text(encoding="utf-8") == lines(3) and not j.path.exists()


def test_an_output_shorter_than_the_journal_claims_starts_over(tmp_path):
    out = tmp_path / "out.jsonl"
    j = Journal.open(out, CMD)
    j.commit(lines(3), 3, {"ok": 3})
    j.close()
    out.write_bytes(out.read_bytes()[:-1])  # one byte less than committed: the output is not ours to trust
    j = Journal.open(out, CMD)
    assert (j.bytes, j.items, j.counts) == (0, 0, {}) and out.read_bytes() == b""
    j.close()
    assert saved(j)["items"] == 0


def test_an_output_of_exactly_the_committed_length_is_resumed(tmp_path):
    out = tmp_path / "out.jsonl"
    j = Journal.open(out, CMD)
    j.commit(lines(3), 3, {"ok": 3})
    j.close()
    j = Journal.open(out, CMD)
    assert (j.items, j.bytes) == (3, len(lines(3).encode()))
    j.close()


def test_a_missing_output_starts_over(tmp_path):
    out = tmp_path / "out.jsonl"
    j = Journal.open(out, CMD)
    j.commit("", 2, {"read_errors": 2})  # nothing written yet: even then a deleted output is not resumed
    j.close()
    out.unlink()
    j = Journal.open(out, CMD)
    assert (j.bytes, j.items) == (0, 0) and out.exists()
    j.close()


def test_restart_ignores_the_journal_and_empties_the_output(tmp_path):
    out = tmp_path / "out.jsonl"
    j = Journal.open(out, CMD)
    j.commit(lines(2), 2, {"ok": 2})
    j.close()
    j = Journal.open(out, {"paths": ["other/"]}, restart=True)
    assert (j.bytes, j.items) == (0, 0) and out.read_bytes() == b""
    j.close()
    assert saved(j)["command"] == {"paths": ["other/"]}


def test_a_journal_of_another_command_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "out.jsonl"
    j = Journal.open(out, CMD)
    j.commit(lines(2), 2, {"ok": 2})
    j.close()
    before = (out.read_bytes(), j.path.read_bytes())
    with pytest.raises(JournalMismatch, match="another command.*--restart"):
        Journal.open(out, {**CMD, "max_chars": 2000})
    assert (out.read_bytes(), j.path.read_bytes()) == before


@pytest.mark.parametrize("content", [
    "not json", "[]", '{"command": {}, "items": 1, "counts": {}}', '{"command": {}, "bytes": "x", "items": 1, "counts": {}}',
    '{"command": {}, "bytes": 1, "items": 1, "counts": 5}',
])
def test_an_unreadable_journal_is_refused_with_a_way_out(tmp_path, content):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"")
    (tmp_path / "out.jsonl.journal").write_text(content, encoding="utf-8")
    with pytest.raises(JournalMismatch, match="unreadable.*--restart"):
        Journal.open(out, CMD)
    j = Journal.open(out, CMD, restart=True)
    j.close()


def test_finish_closes_and_removes_the_journal_so_the_next_run_starts_afresh(tmp_path):
    out = tmp_path / "out.jsonl"
    j = Journal.open(out, CMD)
    j.commit(lines(2), 2, {"ok": 2})
    j.finish()
    assert j._file is None and not j.path.exists()
    j.finish()  # twice is harmless
    j = Journal.open(out, CMD)
    assert (j.bytes, j.items) == (0, 0) and out.read_bytes() == b""
    j.close()
    j.close()
