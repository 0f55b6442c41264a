"""Dask side of `extract run --engine dask`: load the pipeline once per worker."""
from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin


class LoadPipeline(WorkerPlugin):
    """Builds the spaCy pipeline when a worker starts (workers need the `extract` package installed)."""

    name = "extract-load-pipeline"

    def setup(self, worker) -> None:
        from extract.batch.worker import init_worker

        init_worker()
