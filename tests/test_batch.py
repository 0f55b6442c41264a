"""`extract run` at scale: order, failures, read errors, resume after SIGKILL, Dask."""
from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import Future
from pathlib import Path

import pytest

from extract import batch
from extract.batch import worker
from extract.models import Source
from extract.reading import iter_articles
from extract.reading.article import Article, ReadError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpus").glob("*.txt"))


def make_corpus(folder: Path, n: int, chars: int | None = None) -> Path:
    """n articles cycled from the seed articles (their first `chars` characters), named in a known order."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [s.read_text(encoding="utf-8")[:chars] for s in SEEDS]
    for i in range(n):
        (folder / f"{i:05d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    return folder


def expected_ids(folder: Path) -> list[str]:
    return [a.id for a in iter_articles([str(folder)]) if isinstance(a, Article)]


def read_ids(out: Path) -> list[str]:
    return [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]


def test_two_workers_write_the_same_bytes_in_input_order(tmp_path):
    corpus = make_corpus(tmp_path / "in", 40)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert batch.run([str(corpus)], one, workers=1, batch_size=3, progress="off") == 0
    assert batch.run([str(corpus)], two, workers=2, batch_size=3, progress="off") == 0
    assert read_ids(two) == expected_ids(corpus)
    assert one.read_bytes() == two.read_bytes()
    assert not (tmp_path / "two.jsonl.journal").exists()  # a finished run leaves no journal


class _Inline:
    """An engine that runs each task at once in this process, and remembers the tasks' sizes."""
    slots = 2

    def __init__(self):
        self.tasks: list[int] = []

    def submit(self, articles):
        self.tasks.append(len(articles))
        done = Future()
        done.set_result(worker.process_batch(articles))
        return done


def test_a_batch_is_shared_among_the_workers_and_committed_whole(tmp_path):
    corpus = make_corpus(tmp_path / "in", 2 * batch.TASK + 3)
    engine = _Inline()
    done = list(batch.ordered_results(engine, batch.batches(iter_articles([str(corpus)]), 64), 3, print))
    assert engine.tasks == [batch.TASK, batch.TASK, 3]  # a worker idle at the end takes a part of the last batch
    assert [d.size for d in done] == [2 * batch.TASK + 3]
    assert [json.loads(line)["id"] for line in done[0].lines.splitlines()] == expected_ids(corpus)


@pytest.mark.skipif(__import__("multiprocessing").get_start_method() != "fork",
                    reason="forked workers are the pool's children")
def test_the_workers_start_before_the_inputs_are_fingerprinted_and_read(tmp_path, monkeypatch):
    from extract.batch import journal

    corpus = make_corpus(tmp_path / "in", 3)
    started: list[int] = []
    real = journal.fingerprint

    def entry(f):
        started.append(len(multiprocessing.active_children()))
        return real(f)

    monkeypatch.setattr(journal, "fingerprint", entry)
    assert batch.run([str(corpus)], tmp_path / "o.jsonl", workers=2, progress="off") == 0
    assert started == [2, 2, 2]


def test_an_article_that_breaks_process_becomes_a_record_with_a_warning(monkeypatch):
    import extract.pipeline
    real = extract.pipeline.process

    def flaky(article):
        if article.id == "bad":
            raise ValueError("boom")
        return real(article)

    monkeypatch.setattr(extract.pipeline, "process", flaky)
    src = Source(path="x/bad.txt")
    arts = [Article(id="good", text=SEEDS[0].read_text(encoding="utf-8")), Article(id="bad", text="x", source=src)]
    lines, warnings, failures = worker.process_batch(arts)
    good, bad = [json.loads(line) for line in lines.splitlines()]
    assert good["id"] == "good" and good["units"] is not None
    assert bad["id"] == "bad" and bad["source"]["path"] == "x/bad.txt"
    assert bad["warnings"] == ["extraction failed: ValueError: boom"]
    assert (warnings, failures) == (len(good["warnings"]) + 1, 1)


def test_a_batch_s_lines_are_the_records_model_dump_json_as_utf8():
    """The workers serialize straight to bytes; the file must hold what `model_dump_json` gives, byte for byte."""
    import extract.pipeline

    arts = [Article(id=p.stem, text=p.read_text(encoding="utf-8")) for p in SEEDS]
    lines, _, failures = worker.process_batch(arts)
    expected = "".join(extract.pipeline.process(a).model_dump_json() + "\n" for a in arts)
    assert failures == 0 and "ư" in expected  # non-ASCII text kept as UTF-8, not escaped
    assert lines == expected.encode("utf-8")


def test_read_errors_go_to_stderr_and_only_nothing_read_fails(tmp_path, monkeypatch, capsys):
    err = ReadError(source=Source(path="dump.jsonl", line=3), message="invalid JSON")
    art = Article(id="a1", text=SEEDS[0].read_text(encoding="utf-8"))
    monkeypatch.setattr(batch, "iter_articles", lambda paths, limits, *_, **__: iter([art, err, art]))
    out = tmp_path / "r.jsonl"
    assert batch.run(["dump.jsonl"], out, workers=1, progress="off") == batch.EXIT_OK
    stderr = capsys.readouterr().err
    assert "error: dump.jsonl:3: invalid JSON" in stderr
    assert "2 articles, 2 records" in stderr and "1 errors" in stderr  # the non-interactive summary
    assert read_ids(out) == ["a1", "a1"]

    monkeypatch.setattr(batch, "iter_articles", lambda paths, limits, *_, **__: iter([err]))
    assert batch.run(["dump.jsonl"], out, workers=1, progress="off") == batch.EXIT_NOTHING_READ
    assert out.read_bytes() == b""


def test_a_journal_of_another_command_is_not_resumed(tmp_path, capsys):
    corpus = make_corpus(tmp_path / "in", 3)
    out = tmp_path / "o.jsonl"
    journal = tmp_path / "o.jsonl.journal"
    journal.write_text(json.dumps({"command": {"paths": ["elsewhere"]}, "bytes": 0, "items": 0, "counts": {}}))
    assert batch.run([str(corpus)], out, workers=1, progress="off") == batch.EXIT_USAGE
    assert "--restart" in capsys.readouterr().err
    assert batch.run([str(corpus)], out, workers=1, progress="off", restart=True) == 0
    assert read_ids(out) == expected_ids(corpus)


def _start(corpus: Path, out: Path, workers: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "extract", "run", str(corpus), "--out", str(out),
           "--workers", str(workers), "--batch-size", "4", "--progress", "off"]
    # Own session, so the kill reaches the workers too, as a real kill -9 of a job would.
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def _committed(journal: Path) -> int:
    try:
        return json.loads(journal.read_text())["items"]
    except (OSError, ValueError):
        return 0


def _kill_after(proc: subprocess.Popen, journal: Path, items: int) -> bool:
    """SIGKILLs the run once at least `items` are committed; False when it finished first."""
    while proc.poll() is None:
        if _committed(journal) >= items:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.002)
    return False


def test_a_run_killed_twice_resumes_to_every_article_exactly_once_in_order(tmp_path):
    corpus = make_corpus(tmp_path / "in", 240, chars=1200)
    out, journal = tmp_path / "out.jsonl", tmp_path / "out.jsonl.journal"
    killed = 0
    for threshold in (8, 100):
        proc = _start(corpus, out, workers=1)
        killed += _kill_after(proc, journal, threshold)
        proc.stderr.close()
        if out.exists():  # a torn write: half a line after the last committed batch
            with out.open("ab") as f:
                f.write(b'{"id": "torn", "units": [')
    assert killed, "the run finished before it could be killed: make the corpus larger"
    proc = _start(corpus, out, workers=2)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr.decode()
    assert b"resuming" in stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]  # every line valid JSON
    assert [r["id"] for r in records] == expected_ids(corpus)
    assert not journal.exists()


def test_dask_gives_the_same_output_as_the_local_pool(tmp_path, monkeypatch):
    from test_reading import news_page

    distributed = pytest.importorskip("distributed")
    corpus = make_corpus(tmp_path / "in", 30)
    for n, seed in enumerate(SEEDS):
        (corpus / f"page{n}.html").write_text(news_page(seed.read_text(encoding="utf-8"), n), encoding="utf-8")
    deferred: list = []
    real = batch.iter_articles
    monkeypatch.setattr(batch, "iter_articles", lambda *a, **k: deferred.append(k.get("defer")) or real(*a, **k))
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert batch.run([str(corpus)], local, workers=2, batch_size=4, progress="off") == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        assert batch.run([str(corpus)], dask, engine="dask", scheduler=cluster.scheduler_address,
                         batch_size=4, progress="off") == 0
    assert dask.read_bytes() == local.read_bytes()
    assert deferred == ["files", "pages"]  # a cluster elsewhere may not see this machine's files: it gets texts


@pytest.mark.skipif(__import__("multiprocessing").get_start_method() != "fork",
                    reason="the patched process() reaches the workers only through fork")
def test_an_article_that_kills_its_worker_costs_only_its_own_record(tmp_path, monkeypatch):
    import extract.pipeline
    real = extract.pipeline.process

    def crashing(article):
        if article.id == "crash":
            os._exit(1)  # as a segfault or the OOM killer would end the worker
        return real(article)

    monkeypatch.setattr(extract.pipeline, "process", crashing)
    text = SEEDS[0].read_text(encoding="utf-8")
    ids = [f"a{i}" for i in range(10)]
    ids[6] = "crash"
    monkeypatch.setattr(batch, "iter_articles", lambda paths, limits, *_, **__: iter([Article(id=i, text=text) for i in ids]))
    out = tmp_path / "c.jsonl"
    assert batch.run(["x"], out, workers=2, batch_size=3, progress="off") == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ids
    assert [r["id"] for r in records if any("worker process died" in w for w in r["warnings"])] == ["crash"]


def test_with_several_workers_the_parent_leaves_reading_to_them_and_the_records_are_the_same(tmp_path, monkeypatch):
    from test_reading import news_page

    corpus = tmp_path / "pages"
    corpus.mkdir()
    for n, seed in enumerate(SEEDS * 2):
        (corpus / f"{n:02d}.html").write_text(news_page(seed.read_text(encoding="utf-8"), n), encoding="utf-8")
    deferred: list = []
    real = batch.iter_articles

    def spy(*args, **kwargs):
        deferred.append(kwargs.get("defer"))
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "iter_articles", spy)
    outs = []
    for workers in (1, 2):
        out = tmp_path / f"o{workers}.jsonl"
        assert batch.run([str(corpus)], out, workers=workers, progress="off", keep_text=True) == 0
        outs.append(out.read_bytes())
    assert deferred == [None, "files"]  # one worker: the parent reads beside it, a second core
    assert outs[0] == outs[1] and outs[0].count(b"\n") == 2 * len(SEEDS)
    assert all(json.loads(line)["published"] and json.loads(line)["text"] for line in outs[1].splitlines())
