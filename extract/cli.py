"""Command line: parses arguments and dispatches, nothing else."""
from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

DEFAULT_OUT = "outputs/records.jsonl"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="extract", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="extract one record per article")
    run.add_argument("paths", nargs="+", help=".txt/.html files, folders, .jsonl dumps (.gz too), or - for stdin")
    run.add_argument("--out", default=DEFAULT_OUT, help=f"JSON Lines output (default {DEFAULT_OUT})")
    run.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    run.add_argument("--engine", choices=["local", "dask"], default="local")
    run.add_argument("--scheduler", default=None, help="Dask scheduler address (default: a LocalCluster)")
    run.add_argument("--batch-size", type=int, default=64, help="articles per atomically written batch")
    run.add_argument("--restart", action="store_true", help="ignore an earlier partial run and start over")
    run.add_argument("--max-chars", type=int, default=None, help="largest article kept whole, in characters")
    run.add_argument("--max-line", type=int, default=None, help="longest line kept whole, in characters")
    run.add_argument("--progress", choices=["auto", "on", "off"], default="auto")

    ev = sub.add_parser("evaluate", help="precision, recall and F1 per field against gold records")
    ev.add_argument("gold")
    ev.add_argument("pred")
    ev.add_argument("--json", action="store_true", help="machine-readable output")

    sub.add_parser("schema", help="print the record's JSON Schema")

    au = sub.add_parser("audit", help="figures that disagree across articles")
    au.add_argument("records")
    au.add_argument("--json", action="store_true")

    ex = sub.add_parser("export", help="tidy tables keyed by article id")
    ex.add_argument("records")
    ex.add_argument("--to", choices=["parquet", "duckdb", "csv"], required=True)
    ex.add_argument("dest")

    rv = sub.add_parser("review", help="static HTML review pages and a corpus dashboard")
    rv.add_argument("records")
    rv.add_argument("--out", default="outputs/review")
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "schema":
        from .schema import schema_json

        sys.stdout.write(schema_json())
        return 0
    # Each command lives in its own module; import only the one asked for.
    module = {
        "run": "batch",
        "evaluate": "evaluate",
        "audit": "audit",
        "export": "export",
        "review": "review",
    }[args.command]
    from importlib import import_module

    return int(import_module(f"extract.{module}").command(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
