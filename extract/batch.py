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
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .batch_journal import Journal, JournalMismatch
from .context import Article, ReadError
from .limits import Limits
from .models import Record
from .reading import count_articles, iter_articles

EXIT_OK, EXIT_NOTHING_READ, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


@dataclass
class Batch:
    """A slice of the input: `size` items consumed, of which `articles` are to be processed."""
    size: int
    articles: list[Article] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)


@dataclass
class Done:
    """A processed batch: its JSON lines, ready to append, and what the summary counts."""
    size: int
    text: str
    records: int
    warnings: int
    failures: int
    errors: int


# ---------------------------------------------------------------- worker side

WARM_UP = Article(id="warm-up", text=(
    "Ngày 15/8/2022, Ủy ban nhân dân tỉnh Long An cho biết đã tiếp nhận 1.245 hồ sơ, "
    "giải quyết đúng hạn 98,5%. Ông Nguyễn Văn An, Phó Chủ tịch UBND tỉnh, chủ trì."))


def init_worker() -> None:
    """Loads the spaCy pipeline once per worker process, never per article, and warms the finders'
    lazily built tables (gazetteer …) on a tiny article so the first real batch does not pay for them."""
    from .pipeline import load
    from .process import process

    load()
    try:
        process(WARM_UP)
    except Exception:  # a finder that fails here fails per article later, where it is reported
        pass


def process_batch(articles: list[Article]) -> tuple[str, int, int]:
    """JSON lines for a batch, in order, plus (warnings, failures) counts. Never raises for one article."""
    from .process import process

    lines, warnings, failures = [], 0, 0
    for article in articles:
        try:
            record = process(article)
        except Exception as exc:  # one bad article must not kill the run
            record = failed_record(article, exc)
            failures += 1
        warnings += len(record.warnings)
        lines.append(record.model_dump_json() + "\n")
    return "".join(lines), warnings, failures


def failed_record(article: Article, exc: BaseException) -> Record:
    reason = f"extraction failed: {type(exc).__name__}: {exc}"[:500]
    return Record(id=article.id, source=article.source, title=article.title,
                  published=article.published, warnings=[*article.warnings, reason])


def batches(items: Iterable, size: int) -> Iterator[Batch]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        b = Batch(size=len(chunk))
        for item in chunk:
            (b.errors if isinstance(item, ReadError) else b.articles).append(item)
        yield b


# ---------------------------------------------------------------- engines

class LocalEngine:
    """A process pool that can be replaced when one of its workers dies."""

    def __init__(self, workers: int):
        from . import process  # noqa: F401  a broken pipeline fails here, once; forked workers inherit the import

        self.workers = workers
        self.slots = workers
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, initializer=init_worker)

    def submit(self, articles: list[Article]) -> Future:
        return self.pool.submit(process_batch, articles)

    def renew(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new_pool()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """The same batches as tasks on a Dask cluster (a LocalCluster when no scheduler is given)."""

    def __init__(self, workers: int, scheduler: Optional[str]):
        from distributed import Client, LocalCluster

        from .batch_dask import LoadPipeline

        self.cluster = None if scheduler else LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        self.client = Client(scheduler or self.cluster)
        self.client.register_plugin(LoadPipeline())
        self.slots = sum(w["nthreads"] for w in self.client.scheduler_info()["workers"].values()) or workers

    def submit(self, articles: list[Article]):
        return self.client.submit(process_batch, articles, pure=False)

    def renew(self) -> None:
        pass  # the scheduler replaces dead workers itself

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def isolate(engine: LocalEngine, articles: list[Article]) -> tuple[str, int, int]:
    """Reprocesses a batch whose worker died, one article at a time, so only the culprit fails."""
    parts = []
    for article in articles:
        try:
            parts.append(engine.submit([article]).result())
        except BrokenProcessPool:
            engine.renew()
            record = failed_record(article, RuntimeError("the worker process died on this article"))
            parts.append((record.model_dump_json() + "\n", len(record.warnings), 1))
    return "".join(p[0] for p in parts), sum(p[1] for p in parts), sum(p[2] for p in parts)


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

    def submit(b: Batch):
        return engine.submit(b.articles) if b.articles else None

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
        b, fut = pending.popleft()
        try:
            text, warnings, failures = fut.result() if fut is not None else ("", 0, 0)
        except BrokenProcessPool:  # a worker died (segfault, out of memory): find the article, go on
            engine.renew()
            text, warnings, failures = isolate(engine, b.articles)
            pending = deque((pb, submit(pb)) for pb, _ in pending)
        submit_next()
        yield Done(b.size, text, len(b.articles), warnings, failures, len(b.errors))


def run(paths: list[str], out: Path, *, workers: Optional[int] = None, engine: str = "local",
        scheduler: Optional[str] = None, batch_size: int = 64, restart: bool = False,
        max_chars: Optional[int] = None, max_line: Optional[int] = None,
        progress: str = "auto") -> int:
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
    started = time.monotonic()
    try:
        journal = Journal.open(out, command, restart=restart)
    except JournalMismatch as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    totals = Totals(**journal.counts)
    if journal.items:
        print(f"resuming {out}: {journal.items} input items already done", file=sys.stderr)

    items = islice(iter_articles(paths, limits), journal.items, None)
    bar = progress_bar(progress, lambda: count_articles(paths), journal.items, totals)
    say = bar.write if bar is not None else (lambda s: print(s, file=sys.stderr))
    executor = DaskEngine(workers, scheduler) if engine == "dask" else LocalEngine(workers)
    try:
        results = ordered_results(executor, batches(items, batch_size), 2 * executor.slots + 1,
                                  lambda err: say(f"error: {err}"))
        for done in results:
            totals.add(done)
            journal.commit(done.text, done.size, vars(totals))
            if bar is not None:
                bar.update(done.size)
                bar.set_postfix(warnings=totals.warnings, errors=totals.errors, refresh=False)
    except KeyboardInterrupt:
        say(f"interrupted: {journal.items} input items are safely written; rerun the same command to resume")
        return EXIT_INTERRUPTED
    finally:
        executor.close()
        if bar is not None:
            bar.close()
        journal.close()
    journal.finish()
    seconds = time.monotonic() - started
    print(summary(totals, seconds), file=sys.stderr)
    return EXIT_OK if totals.records else EXIT_NOTHING_READ


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
               max_chars=args.max_chars, max_line=args.max_line, progress=args.progress)
