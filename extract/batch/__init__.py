"""`extract run`: the pipeline over a corpus, on all cores or on a Dask cluster.

Input is read lazily and cut into batches; at most a few batches are in flight,
so memory stays flat whatever the corpus size. Results are written in input
order, one whole batch at a time, each followed by fsync and a journal update
(see `batch_journal.py`), so a run killed at any moment resumes where it stopped.
"""
from __future__ import annotations

import os
import sys
import time
from collections import deque
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator, Optional

from extract.batch.engines import DaskEngine, LocalEngine, isolate, joined
from extract.batch.journal import Journal, JournalMismatch, OutputError
from extract.batch.lock import Held, acquire
from extract.reading import count_articles, input_files, iter_articles
from extract.reading.article import Article, ReadError
from extract.reading.limits import Limits

EXIT_OK, EXIT_NOTHING_READ, EXIT_USAGE, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 1, 2, 4, 130
# Articles per task: a batch is committed whole but shared among the workers in tasks this small,
# so that no worker idles while another finishes the run's last batch alone.
TASK = 16


@dataclass
class Batch:
    """A slice of the input: `size` items consumed, of which `articles` are to be processed; `through` is the
    file its last article came from (None: standard input, or no article)."""
    size: int
    articles: list[Article] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    through: Optional[str] = None


@dataclass
class Done:
    """A processed batch: its JSON lines (UTF-8), ready to append, and what the summary counts."""
    size: int
    lines: bytes
    through: Optional[str]
    records: int
    warnings: int
    failures: int
    errors: int


def batches(items: Iterable, size: int) -> Iterator[Batch]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        files = (i.source.path for i in reversed(chunk) if isinstance(i, Article) and i.source.path)
        b = Batch(len(chunk), through=next(files, None))
        for item in chunk:
            (b.errors if isinstance(item, ReadError) else b.articles).append(item)
        yield b


# ---------------------------------------------------------------- the run

@dataclass
class Totals:
    records: int = 0  # one per article read, a failed extraction included
    warnings: int = 0
    errors: int = 0
    failures: int = 0

    def add(self, done: Done) -> None:
        self.records += done.records
        self.warnings += done.warnings
        self.failures += done.failures
        self.errors += done.errors


def ordered_results(engine, todo: Iterator[Batch], window: int, on_read_error) -> Iterator[Done]:
    """Submits batches keeping at most `window` in flight; yields them back in input order."""
    pending: deque = deque()

    def submit(b: Batch) -> list:
        return [engine.submit(b.articles[i:i + TASK]) for i in range(0, len(b.articles), TASK)]

    def submit_next() -> bool:
        b = next(todo, None)
        if b is None:
            return False
        for err in b.errors:
            on_read_error(err)
        pending.append((b, submit(b)))
        return True

    while len(pending) < window and submit_next():
        pass
    while pending:
        b, tasks = pending.popleft()
        try:
            lines, warnings, failures = joined([t.result() for t in tasks])
        except BrokenProcessPool:  # a worker died (segfault, out of memory): find the article, go on
            engine.renew()
            lines, warnings, failures = isolate(engine, b.articles)
            pending = deque((pb, submit(pb)) for pb, _ in pending)
        submit_next()
        yield Done(b.size, lines, b.through, len(b.articles), warnings, failures, len(b.errors))


def run(paths: list[str], out: Path, *, workers: Optional[int] = None, engine: str = "local",
        scheduler: Optional[str] = None, batch_size: int = 64, restart: bool = False,
        max_chars: Optional[int] = None, max_line: Optional[int] = None,
        progress: str = "auto", keep_text: bool = False) -> int:
    workers = workers or available_cores()
    try:
        limits = Limits.of(max_chars, max_line)
        if workers < 1 or batch_size < 1:
            raise ValueError(f"--workers and --batch-size must be positive (got {workers}, {batch_size})")
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    command = {"paths": [str(Path(p).resolve()) if p != "-" else p for p in paths],
               "max_chars": max_chars, "max_line": max_line}
    if keep_text:  # only when set, so journals of runs without it still match
        command["keep_text"] = True
    fresh = not out.exists()
    lock = out.with_name(out.name + ".lock")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        release = acquire(lock)
    except Held:
        print(f"error: another run is writing {out} (it holds {lock}); wait for it to finish "
              "or choose another --out", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        return _cannot_write(out, exc.strerror or str(exc))
    try:
        return _locked_run(paths, out, command, restart, limits, workers, engine, scheduler, batch_size, progress,
                           keep_text, fresh)
    except OutputError as exc:
        return _cannot_write(out, str(exc))
    finally:
        release()


def _cannot_write(out: Path, reason: str) -> int:
    """Disk full, read-only folder, quota: one line, its own exit code; every committed batch is intact."""
    print(f"error: cannot write {out}: {reason}; what was written is intact: make room (or make it writable) "
          "and rerun the same command to resume", file=sys.stderr)
    return EXIT_OUTPUT


def _locked_run(paths, out: Path, command: dict, restart: bool, limits: Limits, workers: int, engine: str,
                scheduler: Optional[str], batch_size: int, progress: str, keep_text: bool, fresh: bool) -> int:
    started = time.monotonic()
    # First, so that the workers start while the parent lists the inputs and reads the first batch.
    executor = DaskEngine(workers, scheduler) if engine == "dask" else LocalEngine(workers)
    try:
        return _journaled_run(paths, out, command, restart, limits, executor, batch_size, progress, keep_text,
                              fresh, started)
    finally:
        executor.close()


def _journaled_run(paths, out: Path, command: dict, restart: bool, limits: Limits, executor, batch_size: int,
                   progress: str, keep_text: bool, fresh: bool, started: float) -> int:
    own = frozenset({out.resolve(), out.with_name(out.name + ".journal").resolve()})
    try:
        journal = Journal.open(out, command, restart=restart, given=[str(p) for p in paths],
                               files=input_files(paths, own))
    except JournalMismatch as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    totals = Totals(**journal.counts)
    if journal.items:
        print(f"resuming {out}: {journal.items} input items already done", file=sys.stderr)

    # With one worker the parent reading runs beside it, a second core; with more it would hold them back (an
    # HTML page costs more to parse than to extract from): they parse the pages, and read the files if they
    # are on this machine.
    defer = None if executor.slots == 1 else "files" if executor.local else "pages"
    items = islice(iter_articles(paths, limits, own, defer=defer), journal.items, None)
    if keep_text:
        items = map(_keeping_text, items)
    bar = progress_bar(progress, lambda: count_articles(paths), journal.items, totals)
    say = bar.write if bar is not None else (lambda s: print(s, file=sys.stderr))
    try:
        results = ordered_results(executor, batches(items, batch_size), 2 * executor.slots + 1,
                                  lambda err: say(f"error: {err}"))
        for done in results:
            totals.add(done)
            journal.commit(done.lines, done.size, vars(totals), through=done.through)
            if bar is not None:
                bar.update(done.size)
                bar.set_postfix(warnings=totals.warnings, errors=totals.errors, refresh=False)
    except KeyboardInterrupt:
        say(f"interrupted: {journal.items} input items are safely written; rerun the same command to resume")
        return EXIT_INTERRUPTED
    finally:
        if bar is not None:
            bar.close()
        journal.close()
    journal.finish()
    if fresh and not totals.records and out.stat().st_size == 0:
        out.unlink()  # nothing was read: no empty output left behind
    seconds = time.monotonic() - started
    print(summary(totals, seconds), file=sys.stderr)
    return EXIT_OK if totals.records else EXIT_NOTHING_READ


def _keeping_text(item):
    if isinstance(item, Article):
        item.keep_text = True
    return item


def summary(t: Totals, seconds: float) -> str:
    failed = f" ({t.failures} failed extraction)" if t.failures else ""
    return (f"extract run: {t.records} articles, {t.records} records{failed}, {t.warnings} warnings, "
            f"{t.errors} errors, {seconds:.1f} s")


def progress_bar(mode: str, count, done: int, totals: Totals):
    """A tqdm bar on stderr, or None when not wanted; `count()` gives the total when listing folders tells."""
    if mode == "off" or (mode == "auto" and not sys.stderr.isatty()):
        return None
    from tqdm import tqdm

    return tqdm(total=count(), initial=done, unit="art", file=sys.stderr, dynamic_ncols=True,
                postfix={"warnings": totals.warnings, "errors": totals.errors})


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def command(args) -> int:
    return run(args.paths, Path(args.out), workers=args.workers, engine=args.engine,
               scheduler=args.scheduler, batch_size=args.batch_size, restart=args.restart,
               max_chars=args.max_chars, max_line=args.max_line, progress=args.progress,
               keep_text=args.keep_text)
