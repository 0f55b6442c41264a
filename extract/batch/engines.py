"""Where batches run: a local process pool, or a Dask cluster."""
from __future__ import annotations

import gc
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Optional

from extract.batch.worker import failed_record, init_worker, json_line, process_batch, warm_up
from extract.reading.article import Article


class LocalEngine:
    """A process pool that can be replaced when one of its workers dies."""

    local = True  # the workers can open the files the parent lists

    def __init__(self, workers: int):
        self.workers = workers
        self.slots = workers
        # Built once here, the tables are shared by the forked workers; frozen, the collector of a
        # worker never writes to their pages, so they stay shared.
        gc.disable()  # the tables are tens of thousands of objects, none of them garbage
        warm_up()
        gc.freeze()
        gc.enable()
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(max_workers=self.workers, initializer=init_worker, initargs=(os.getpid(),))
        pool.submit(int)  # the workers start now, not at the first batch: while the parent fingerprints and reads
        return pool

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

        from extract.batch.dask_engine import LoadPipeline

        self.cluster = None if scheduler else LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        self.local = scheduler is None  # a cluster elsewhere gets the articles' texts, not paths to open
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


def isolate(engine: LocalEngine, articles: list[Article]) -> tuple[bytes, int, int]:
    """Reprocesses a batch whose worker died, one article at a time, so only the culprit fails."""
    parts = []
    for article in articles:
        try:
            parts.append(engine.submit([article]).result())
        except BrokenProcessPool:
            engine.renew()
            record = failed_record(article, RuntimeError("the worker process died on this article"))
            parts.append((json_line(record), len(record.warnings), 1))
    return joined(parts)


def joined(parts: list[tuple[bytes, int, int]]) -> tuple[bytes, int, int]:
    """The results of consecutive tasks as one: their lines in order, their counts summed."""
    return b"".join(p[0] for p in parts), sum(p[1] for p in parts), sum(p[2] for p in parts)
