"""The resume journal (batch/journal.py) on its own: what a restart keeps, drops and refuses.
The end-to-end kill test is in test_batch.py; these pin each branch of resuming."""
from __future__ import annotations

import hashlib
import json
import locale
import os
import re
import sys
from pathlib import Path

import pytest

from extract.batch import journal
from extract.batch.journal import _BLOCK, Journal, JournalMismatch, _changed

CMD = {"paths": ["in/"], "max_chars": 1000}


def fingerprint(files) -> list[list]:
    """The journal's fingerprint of each file, in order."""
    return [journal.fingerprint(f) for f in files]


def lines(n: int, start: int = 0) -> bytes:
    return "".join(json.dumps({"id": f"a{i}", "text": "Hòa Thành"}, ensure_ascii=False) + "\n"
                   for i in range(start, start + n)).encode("utf-8")


def saved(j: Journal) -> dict:
    """The journal's state, less the input spelling and fingerprint (tests/test_run_faults.py holds those)."""
    state = json.loads(j.path.read_text(encoding="utf-8"))
    return {k: v for k, v in state.items() if k not in ("given", "inputs", "inputs_files")}


def test_a_fresh_run_starts_empty_and_records_each_batch(tmp_path):
    out = tmp_path / "runs" / "2024" / "out.jsonl"  # folders made as needed
    j = Journal.open(out, CMD)
    assert (j.bytes, j.items, j.counts) == (0, 0, {}) and out.read_bytes() == b""
    assert saved(j) == {"command": CMD, "bytes": 0, "items": 0, "counts": {}}
    j.commit(lines(2), 2, {"ok": 2})
    j.commit(lines(1, 2), 1, {"ok": 3})
    j.close()
    data = out.read_bytes()
    assert data == lines(3)
    assert saved(j) == {"command": CMD, "bytes": len(data), "items": 3, "counts": {"ok": 3}}
    assert j.path.name == "out.jsonl.journal" and not j.path.with_name("out.jsonl.journal.tmp").exists()


def test_an_empty_batch_still_counts_its_items(tmp_path):
    j = Journal.open(tmp_path / "out.jsonl", CMD)
    j.commit(b"", 4, {"read_errors": 4})
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
    assert out.read_bytes() == lines(3) and not j.path.exists()


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
    assert (j.items, j.bytes) == (3, len(lines(3)))
    j.close()


def test_a_missing_output_starts_over(tmp_path):
    out = tmp_path / "out.jsonl"
    j = Journal.open(out, CMD)
    j.commit(b"", 2, {"read_errors": 2})  # nothing written yet: even then a deleted output is not resumed
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


# --- input fingerprints: what a resume compares to refuse changed inputs


def write_keeping_mtime(f, data: bytes) -> None:
    """Rewrites f but restores its mtime, so only its size or content can tell the change."""
    st = f.stat()
    f.write_bytes(data)
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_a_fingerprint_is_path_size_mtime_and_a_hash_of_the_ends_or_the_error(tmp_path):
    f, gone = tmp_path / "bài 1.txt", tmp_path / "gone.txt"
    f.write_bytes("Hòa Thành".encode("utf-8"))
    st = f.stat()
    [[path, size, mtime, digest], missing] = fingerprint([f, gone])
    assert (path, size, mtime) == (str(f), st.st_size, st.st_mtime_ns)
    assert re.fullmatch(r"[0-9a-f]{24}", digest)
    assert missing == [str(gone), None, None, "No such file or directory"]
    assert fingerprint([]) == []


def big(tmp_path, blocks: float = 3):
    f = tmp_path / "big.txt"
    f.write_bytes(bytes(i % 251 for i in range(int(blocks * _BLOCK))))
    return f


@pytest.mark.parametrize("where", [0, _BLOCK - 1, -_BLOCK, -1])
def test_a_fingerprint_changes_when_the_first_or_last_block_changes_at_the_same_size_and_time(tmp_path, where):
    f = big(tmp_path)
    before = fingerprint([f])
    data = bytearray(f.read_bytes())
    data[where] ^= 0xFF
    write_keeping_mtime(f, bytes(data))
    after = fingerprint([f])
    assert after[0][:3] == before[0][:3] and after[0][3] != before[0][3]


def test_a_fingerprint_changes_with_the_tail_of_a_file_under_two_blocks(tmp_path):
    f = big(tmp_path, 1.5)
    before = fingerprint([f])
    data = bytearray(f.read_bytes())
    data[-1] ^= 0xFF
    write_keeping_mtime(f, bytes(data))
    assert fingerprint([f])[0][3] != before[0][3]


def test_a_fingerprint_ignores_the_middle_of_a_large_file(tmp_path):
    f = big(tmp_path)  # only the ends are hashed, so fingerprinting a corpus stays cheap
    before = fingerprint([f])
    data = bytearray(f.read_bytes())
    data[_BLOCK] ^= 0xFF
    data[2 * _BLOCK - 1] ^= 0xFF
    write_keeping_mtime(f, bytes(data))
    assert fingerprint([f]) == before


def test_a_fingerprint_changes_with_size_or_mtime_alone(tmp_path):
    f = big(tmp_path, 0.5)
    before = fingerprint([f])
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    touched = fingerprint([f])
    assert touched[0][2] == st.st_mtime_ns + 1_000_000_000 and touched[0][::3] == before[0][::3]
    write_keeping_mtime(f, f.read_bytes() + b"x")
    assert fingerprint([f])[0][1] == st.st_size + 1


def test_changed_names_the_file_gone_new_or_modified_or_the_order(tmp_path):
    a, b, c = (tmp_path / n for n in ("a.txt", "b.txt", "c.txt"))
    for f in (a, b, c):
        f.write_text(f.name, encoding="utf-8")
    ab = fingerprint([a, b])
    assert _changed(None, ab) == "files added, removed or modified"
    assert _changed(ab, fingerprint([a])) == f"{b} is gone"
    assert _changed(ab, fingerprint([a, c]), later=[b]) == f"{c} is new"  # sorted in before b, which comes later
    assert _changed(ab, fingerprint([b, a])) == "the files' order changed"
    write_keeping_mtime(b, b"B.txt")
    assert _changed(ab, fingerprint([a, b])) == f"{b} changed (size, time or content)"


def digest_of(prints: list) -> str:
    """The journal's digest of a list of fingerprints, as journals before the count held it for every file."""
    return hashlib.blake2b(json.dumps(prints).encode(), digest_size=16).hexdigest()


def test_the_journal_saves_every_field_and_the_inputs_it_reached_beside_it_and_reads_them_back(tmp_path):
    src, later, out = tmp_path / "tin mới.txt", tmp_path / "tin sau.txt", tmp_path / "out.jsonl"
    src.write_text("Hòa Thành", encoding="utf-8")
    later.write_text("Hòa Bình", encoding="utf-8")
    j = Journal.open(out, CMD, given=["tin mới.txt"], files=[src, later])
    j.commit(lines(2), 2, {"ok": 2}, through=str(src))
    j.close()
    prints = fingerprint([src])  # the file the batch reached, not the one after it
    state = json.loads(j.path.read_text(encoding="utf-8"))
    assert state == {"command": CMD, "bytes": len(lines(2)), "items": 2, "counts": {"ok": 2},
                     "given": ["tin mới.txt"], "inputs": digest_of(prints), "inputs_files": 1}
    assert j.inputs_path.name == "out.jsonl.journal.inputs"
    assert saved_prints(j) == prints
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "out.jsonl.journal", "out.jsonl.journal.inputs",
                                                          "tin mới.txt", "tin sau.txt"]  # no temporary file left
    j = Journal.open(out, CMD, given=["tin mới.txt"], files=[src, later])
    assert (j.bytes, j.items, j.counts, j.given, j.inputs.count) == (len(lines(2)), 2, {"ok": 2}, ["tin mới.txt"], 1)
    j.finish()
    assert not j.inputs_path.exists() and not j.path.exists()


def saved_prints(j: Journal) -> list:
    return [json.loads(line) for line in j.inputs_path.read_text(encoding="utf-8").splitlines()]


def test_a_journal_without_inputs_records_none_and_writes_no_inputs_file(tmp_path):
    out = tmp_path / "out.jsonl"
    j = Journal.open(out, CMD)
    j.commit(lines(1), 1, {}, through="a.txt")
    j.close()
    assert json.loads(j.path.read_text(encoding="utf-8")) == {
        "command": CMD, "bytes": len(lines(1)), "items": 1, "counts": {}, "given": None, "inputs": None,
        "inputs_files": None}
    assert not j.inputs_path.exists()


def interrupted_over_one_file(tmp_path, items: int = 1) -> tuple[Path, Path, Journal]:
    """A run over one input file, stopped after one batch: the file, the output, the closed journal."""
    src, out = tmp_path / "a.txt", tmp_path / "out.jsonl"
    src.write_text("Hòa Thành", encoding="utf-8")
    j = Journal.open(out, CMD, files=[src])
    j.commit(lines(items), items, {"ok": items}, through=str(src))
    j.close()
    return src, out, j


def test_a_resume_over_a_changed_input_names_it_and_leaves_the_run_alone(tmp_path):
    src, out, j = interrupted_over_one_file(tmp_path, 2)
    before = (out.read_bytes(), j.path.read_bytes(), j.inputs_path.read_bytes())
    write_keeping_mtime(src, "Hòa Bình".encode("utf-8"))
    with pytest.raises(JournalMismatch, match=re.escape(f"({src} changed (size, time or content)): resuming would "
                                                        "skip the wrong items; pass --restart to start over") + "$"):
        Journal.open(out, CMD, files=[src])
    assert (out.read_bytes(), j.path.read_bytes(), j.inputs_path.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.jsonl", "out.jsonl.journal",
                                                          "out.jsonl.journal.inputs"]  # the resume's prints: gone
    with pytest.raises(JournalMismatch, match=re.escape(f"({src} is gone)")):
        Journal.open(out, CMD)  # no files given to check them against
    j.inputs_path.unlink()  # the fingerprints lost: the refusal still stands, in general words
    with pytest.raises(JournalMismatch, match=re.escape("(files added, removed or modified)")):
        Journal.open(out, CMD, files=[src])
    assert (out.read_bytes(), j.path.read_bytes()) == before[:2]


def test_a_digest_that_its_saved_fingerprints_do_not_explain_is_refused_in_general_words(tmp_path):
    src, out, j = interrupted_over_one_file(tmp_path)
    state = json.loads(j.path.read_text(encoding="utf-8"))
    j.path.write_text(json.dumps({**state, "inputs": digest_of([])}), encoding="utf-8")  # out of step with them
    with pytest.raises(JournalMismatch, match=re.escape("(files added, removed or modified)")):
        Journal.open(out, CMD, files=[src])


def test_a_run_fingerprints_the_files_its_batches_reach_and_a_resume_as_many_at_once(tmp_path):
    files = [tmp_path / f"{i}.txt" for i in range(4)]
    for f in files:
        f.write_text(f.name, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    listed: list[str] = []

    def listing():  # as input_files lists them: lazily
        for f in files:
            listed.append(f.name)
            yield f

    j = Journal.open(out, CMD, files=listing())
    assert listed == [] and j.inputs_path.read_bytes() == b""
    assert json.loads(j.path.read_text(encoding="utf-8"))["inputs"] == digest_of([])  # nothing reached yet
    j.commit(lines(1), 1, {}, through=str(files[1]))  # a batch whose last article is in the second file
    assert listed == ["0.txt", "1.txt"]
    j.commit(lines(1), 1, {}, through=str(files[1]))  # the same file again (a JSON Lines file's next items)
    j.commit(lines(1), 1, {}, through=None)  # standard input
    j.close()
    assert listed == ["0.txt", "1.txt"]
    state = json.loads(j.path.read_text(encoding="utf-8"))
    assert (state["inputs"], state["inputs_files"]) == (digest_of(fingerprint(files[:2])), 2)
    with j.inputs_path.open("a", encoding="utf-8") as f:  # a kill after a batch's prints, before its commit
        f.write(json.dumps(fingerprint(files[2:3])[0]) + "\n")
    files[3].write_text("changed, but the run had not reached it", encoding="utf-8")
    listed.clear()
    j = Journal.open(out, CMD, files=listing())
    assert listed == ["0.txt", "1.txt"] and j.items == 3
    assert saved_prints(j) == fingerprint(files[:2])
    j.commit(lines(1), 1, {}, through=str(files[1]))  # still in the last file the interrupted run reached
    assert listed == ["0.txt", "1.txt"]
    j.commit(lines(1), 1, {}, through=str(files[3]))
    j.close()
    assert listed == ["0.txt", "1.txt", "2.txt", "3.txt"] and saved_prints(j) == fingerprint(files)
    assert json.loads(j.path.read_text(encoding="utf-8"))["inputs"] == digest_of(fingerprint(files))


def test_a_batch_reaches_its_own_file_not_an_earlier_one_whose_name_ends_the_same(tmp_path):
    (tmp_path / "d1").mkdir()
    (tmp_path / "d2").mkdir()
    files = [tmp_path / "d1" / "ba.txt", tmp_path / "d2" / "a.txt"]
    for f in files:
        f.write_text(f.name, encoding="utf-8")
    j = Journal.open(tmp_path / "out.jsonl", CMD, files=[str(f) for f in files])
    j.commit(lines(1), 1, {}, through=str(files[1]))
    j.close()
    assert j.inputs.count == 2 and saved_prints(j) == fingerprint(files)


def test_a_file_named_as_a_path_argument_is_reached_however_it_is_spelled(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for f in (a, b):
        f.write_text('{"id": "1", "text": "Hòa Thành"}\n', encoding="utf-8")
    spelled = f"{tmp_path}/./a.jsonl"  # input_files keeps the argument; reading names it str(Path(argument))
    j = Journal.open(tmp_path / "out.jsonl", CMD, files=[spelled, f"{tmp_path}/./b.jsonl"])
    j.commit(lines(1), 1, {}, through=str(a))
    j.commit(lines(1), 1, {}, through=str(a))  # its next items: b is not reached yet
    j.close()
    assert j.inputs.count == 1 and saved_prints(j) == fingerprint([spelled])


def test_a_journal_of_an_older_run_is_checked_against_every_file(tmp_path):
    """Before the count, a journal's digest covered every input file, saved as one JSON array."""
    src, out, j = interrupted_over_one_file(tmp_path)
    state = json.loads(j.path.read_text(encoding="utf-8"))
    del state["inputs_files"]
    j.path.write_text(json.dumps(state), encoding="utf-8")
    j.inputs_path.write_text(json.dumps(fingerprint([src])), encoding="utf-8")
    j = Journal.open(out, CMD, files=[src])
    assert (j.items, j.inputs.count) == (1, 1) and saved_prints(j) == fingerprint([src])
    j.close()
    j.path.write_text(json.dumps(state), encoding="utf-8")
    j.inputs_path.write_text(json.dumps(fingerprint([src])), encoding="utf-8")
    write_keeping_mtime(src, "Hòa Bình".encode("utf-8"))
    with pytest.raises(JournalMismatch, match=re.escape("(files added, removed or modified)")):
        Journal.open(out, CMD, files=[src])


@pytest.fixture
def ascii_locale():
    """The C locale's ASCII as the default text encoding, as for a job started under LANG=C (cron, a bare container)."""
    saved_ctype = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        if sys.flags.utf8_mode or locale.getencoding().lower().replace("-", "") == "utf8":
            pytest.skip("this Python reads and writes UTF-8 whatever the locale")
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, saved_ctype)


def test_the_journal_and_its_inputs_are_utf8_whatever_the_locale(tmp_path, ascii_locale):
    out, src = tmp_path / "out.jsonl", tmp_path / "tin mới" / "bài 1.txt"
    src.parent.mkdir()
    src.write_text("Hòa Thành", encoding="utf-8")
    cmd, given = {"paths": ["tin mới/"]}, ["tin mới/"]
    j = Journal.open(out, cmd, given=given, files=[src])
    j.commit(b"", 3, {"ok": 3}, through=str(src))
    j.close()
    j = Journal.open(out, cmd, given=given, files=[src])
    assert (j.items, j.counts, j.given) == (3, {"ok": 3}, given)
    j.close()
    src.write_text("Hòa Bình!", encoding="utf-8")
    with pytest.raises(JournalMismatch, match=re.escape(f"({src} changed (size, time or content))")):
        Journal.open(out, cmd, given=given, files=[src])
    assert json.loads(j.path.read_bytes().decode("utf-8"))["given"] == given
    assert [json.loads(line) for line in j.inputs_path.read_bytes().decode("utf-8").splitlines()][0][0] == str(src)


@pytest.mark.parametrize("blocks", [0.01, 1, 1.5, 3])
def test_a_fingerprint_hashes_exactly_the_first_block_and_the_last_one_after_it(tmp_path, blocks):
    f = big(tmp_path, blocks)  # the definition a journal of an earlier run was written with
    data = f.read_bytes()
    expected = hashlib.blake2b(data[:_BLOCK] + data[max(_BLOCK, len(data) - _BLOCK):], digest_size=12)
    assert fingerprint([f])[0][3] == expected.hexdigest()


def test_a_fifo_given_as_an_input_is_fingerprinted_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    [[path, size, _, _]] = fingerprint([fifo])
    assert (path, size) == (str(fifo), 0)
