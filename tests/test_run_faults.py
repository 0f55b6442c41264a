"""Faults of a whole run (issue 17): two runs on one output, a killed parent, changed inputs, a full disk."""
from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract import batch
from test_batch import make_corpus  # the test folder is on sys.path (pytest's prepend import mode)
from extract.batch import journal as journal_module

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpus").glob("*.txt"))


def ids(out: Path) -> list[str]:
    return [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]


def interrupted_after_one_batch(monkeypatch, *args, **kwargs) -> int:
    """A run stopped (as by Ctrl-C) right after its first committed batch, leaving its journal behind."""
    real = journal_module.Journal.commit

    def commit_then_stop(self, *a, **kw):
        real(self, *a, **kw)
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(journal_module.Journal, "commit", commit_then_stop)
        return batch.run(*args, **kwargs)


def test_a_second_run_on_the_same_out_refuses_clearly(tmp_path, capsys):
    corpus = make_corpus(tmp_path / "in", 3)
    out = tmp_path / "o.jsonl"
    holder = subprocess.Popen(  # another process holds the output, as a first run would
        [sys.executable, "-c", "import sys; from filelock import FileLock; l = FileLock(sys.argv[1]); l.acquire(); "
                               "print('held', flush=True); sys.stdin.read()", str(out) + ".lock"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert batch.run([str(corpus)], out, workers=1, progress="off") == batch.EXIT_USAGE
        assert "another run is writing" in capsys.readouterr().err
        assert not out.exists() or out.read_bytes() == b""
    finally:
        holder.communicate("")
    assert batch.run([str(corpus)], out, workers=1, progress="off") == 0  # free again once the first is done
    assert ids(out) == ["00000", "00001", "00002"]


def test_the_lock_of_a_killed_run_is_free_and_the_run_releases_its_own(tmp_path, capsys):
    corpus = make_corpus(tmp_path / "in", 2)
    out = tmp_path / "o.jsonl"
    holder = subprocess.Popen(  # a run's lock, taken as a run takes it, by a process then killed with SIGKILL
        [sys.executable, "-c", "import sys; from pathlib import Path; from extract.batch.lock import acquire; "
                               "acquire(Path(sys.argv[1])); print('held', flush=True); sys.stdin.read()",
         str(out) + ".lock"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    assert batch.run([str(corpus)], out, workers=1, progress="off") == batch.EXIT_USAGE
    assert f"it holds {out}.lock" in capsys.readouterr().err
    holder.kill()
    holder.communicate()
    assert batch.run([str(corpus)], out, workers=1, progress="off") == 0
    from filelock import FileLock  # what the lock used to be: both are flock, so either sees the other's

    probe = FileLock(str(out) + ".lock", blocking=False)
    probe.acquire()  # the finished run let go of it
    probe.release()


def test_a_resume_over_a_changed_input_is_refused(tmp_path, monkeypatch, capsys):
    corpus = make_corpus(tmp_path / "in", 6)
    out = tmp_path / "o.jsonl"
    assert interrupted_after_one_batch(monkeypatch, [str(corpus)], out, workers=1, batch_size=2,
                                       progress="off") == batch.EXIT_INTERRUPTED
    (corpus / "00000a.txt").write_text("Tin mới chen vào giữa.", encoding="utf-8")  # sorts before what is left
    capsys.readouterr()
    assert batch.run([str(corpus)], out, workers=1, batch_size=2, progress="off") == batch.EXIT_USAGE
    err = capsys.readouterr().err
    assert "00000a.txt is new" in err and "--restart" in err
    assert batch.run([str(corpus)], out, workers=1, batch_size=2, progress="off", restart=True) == 0
    assert ids(out) == ["00000", "00000a", "00001", "00002", "00003", "00004", "00005"]


def test_a_resume_reads_afresh_a_file_the_run_had_not_reached(tmp_path, monkeypatch):
    corpus = make_corpus(tmp_path / "in", 6)
    out = tmp_path / "o.jsonl"
    assert interrupted_after_one_batch(monkeypatch, [str(corpus)], out, workers=1, batch_size=2,
                                       progress="off") == batch.EXIT_INTERRUPTED
    (corpus / "00004.txt").write_text("Ngày 15/8/2022, Bộ phận một cửa tỉnh Long An đã tiếp nhận 1.245 hồ sơ.",
                                      encoding="utf-8")
    (corpus / "00009.txt").write_text("Tin mới thêm vào cuối.", encoding="utf-8")  # sorts after all the rest
    assert batch.run([str(corpus)], out, workers=1, batch_size=2, progress="off") == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["00000", "00001", "00002", "00003", "00004", "00005", "00009"]
    assert [i["value"] for i in records[4]["indicators"]] == [1245]  # the new text, not the one at the start


def test_a_resume_with_another_spelling_of_the_paths_is_refused(tmp_path, monkeypatch, capsys):
    make_corpus(tmp_path / "in", 6)
    out = tmp_path / "o.jsonl"
    monkeypatch.chdir(tmp_path)
    assert interrupted_after_one_batch(monkeypatch, ["in"], out, workers=1, batch_size=2,
                                       progress="off") == batch.EXIT_INTERRUPTED
    assert batch.run([str(tmp_path / "in")], out, workers=1, batch_size=2, progress="off") == batch.EXIT_USAGE
    assert "same paths" in capsys.readouterr().err
    assert batch.run(["in"], out, workers=1, batch_size=2, progress="off") == 0
    paths = [json.loads(line)["source"]["path"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert paths == [f"in/{i:05d}.txt" for i in range(6)]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_full_disk_is_one_line_its_own_exit_code_and_resumable(tmp_path, monkeypatch, capsys, code):
    corpus = make_corpus(tmp_path / "in", 6)
    clean, out = tmp_path / "clean.jsonl", tmp_path / "o.jsonl"
    assert batch.run([str(corpus)], clean, workers=1, batch_size=2, progress="off") == 0
    capsys.readouterr()
    real, calls = os.fsync, []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) > 4:  # the first batches are written, then the disk gives out
            raise OSError(code, os.strerror(code))
        real(fd)

    with monkeypatch.context() as m:
        m.setattr(journal_module.os, "fsync", failing_fsync)
        assert batch.run([str(corpus)], out, workers=1, batch_size=2, progress="off") == batch.EXIT_OUTPUT
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: cannot write {out}: {os.strerror(code)}; what was written is intact: make room "
                   "(or make it writable) and rerun the same command to resume"]
    assert 0 < len(ids(out)) < 6
    assert batch.run([str(corpus)], out, workers=1, batch_size=2, progress="off") == 0
    assert out.read_bytes() == clean.read_bytes()


def test_the_output_inside_the_input_folder_is_never_read_back(tmp_path, capsys):
    corpus = make_corpus(tmp_path / "in", 12)
    out = corpus / "zz.jsonl"  # read last, when batches are already written to it
    assert batch.run([str(corpus)], out, workers=1, batch_size=1, progress="off") == 0
    assert ids(out) == [f"{i:05d}" for i in range(12)]
    assert "error:" not in capsys.readouterr().err



def test_the_output_is_never_read_back_through_a_link(tmp_path, capsys):
    corpus = make_corpus(tmp_path / "in", 6)
    out = corpus / "zz.jsonl"
    (corpus / "yy.jsonl").symlink_to(out)  # the output under another name
    (tmp_path / "link").symlink_to(corpus, target_is_directory=True)  # and the folder under another path
    assert batch.run([str(tmp_path / "link")], out, workers=1, batch_size=1, progress="off") == 0
    assert ids(out) == [f"{i:05d}" for i in range(6)]
    assert "error:" not in capsys.readouterr().err

def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux's")
@pytest.mark.parametrize("engine,sig", [("local", signal.SIGKILL), ("local", signal.SIGTERM),
                                        ("dask", signal.SIGKILL)])
def test_workers_die_with_their_parent(tmp_path, engine, sig):
    corpus = tmp_path / "in"
    corpus.mkdir()
    long = "\n".join(s.read_text(encoding="utf-8") for s in SEEDS) * 40  # seconds of work per article
    (tmp_path / "long.txt").write_text(long, encoding="utf-8")
    for i in range(400):  # minutes of work in all, however fast the pipeline gets: the run is killed long before
        os.link(tmp_path / "long.txt", corpus / f"{i:03d}.txt")
    proc = subprocess.Popen([sys.executable, "-m", "extract", "run", str(corpus), "--out", str(tmp_path / "o.jsonl"),
                             "--workers", "2", "--batch-size", "8", "--engine", engine, "--progress", "off"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    workers: set[int] = set()
    try:
        for _ in range(600):  # until both workers run (Dask: its workers, besides a resource tracker)
            workers = {w for w in _children(proc.pid) if "extract" in _cmdline(w) or "spawn" in _cmdline(w)}
            if len(workers) >= 2 or proc.poll() is not None:
                break
            time.sleep(0.05)
        time.sleep(3)  # the workers are now deep in batches that take them far longer than the wait below
        assert proc.poll() is None and workers, "the run ended before its workers could be orphaned"
        os.kill(proc.pid, sig)  # only the parent, as a scheduler or the OOM killer would
        proc.wait()
        for _ in range(60):  # orphaned workers used to go on with their batches, the queued ones too
            if not any(_alive(w) for w in workers):
                break
            time.sleep(0.05)
        assert not [w for w in workers if _alive(w)]
    finally:
        for w in workers:
            if _alive(w):
                os.kill(w, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def test_the_lock_off_posix_is_the_filelock_package_s_and_refuses_the_same(tmp_path):
    """The lock taken where fcntl is missing (the filelock package) and the one taken here see each other."""
    from extract.batch import lock

    path = tmp_path / "o.jsonl.lock"
    release = lock.acquire(path)
    with pytest.raises(lock.Held):
        lock._filelock(path)
    release()
    release = lock._filelock(path)
    with pytest.raises(lock.Held):
        lock.acquire(path)
    release()
    lock.acquire(path)()  # free again
