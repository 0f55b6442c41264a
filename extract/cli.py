"""Command line: parses arguments and dispatches through COMMANDS, nothing else."""
from __future__ import annotations

import argparse
import sys
from importlib import import_module
from typing import Callable, NamedTuple, Optional, Sequence

from extract.settings import DEFAULT_BATCH_SIZE, DEFAULT_OUT


def _run_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", help=".txt/.html files, folders, .jsonl dumps (.gz too), or - for stdin")
    p.add_argument("--out", default=DEFAULT_OUT, help=f"JSON Lines output (default {DEFAULT_OUT})")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--engine", choices=["local", "dask"], default="local")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address (default: a LocalCluster)")
    p.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="articles per atomically written batch")
    p.add_argument("--restart", action="store_true", help="ignore an earlier partial run and start over")
    p.add_argument("--max-chars", type=int, default=None, help="largest article kept whole, in characters")
    p.add_argument("--max-line", type=int, default=None, help="longest line kept whole, in characters")
    p.add_argument("--progress", choices=["auto", "on", "off"], default="auto")


def _evaluate_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold")
    p.add_argument("pred")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _audit_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("records")
    p.add_argument("--json", action="store_true")


def _export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("records")
    p.add_argument("--to", choices=["parquet", "duckdb", "csv"], required=True)
    p.add_argument("dest")


def _review_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("records")
    p.add_argument("--out", default="outputs/review")


def _no_args(p: argparse.ArgumentParser) -> None:
    pass


class Command(NamedTuple):
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    target: str  # "module:function"; imported only when its command is asked for


COMMANDS: dict[str, Command] = {
    "run": Command("extract one record per article", _run_args, "extract.batch:command"),
    "evaluate": Command("precision, recall and F1 per field against gold records", _evaluate_args,
                        "extract.evaluate:command"),
    "schema": Command("print the record's JSON Schema", _no_args, "extract.models:schema_command"),
    "audit": Command("figures that disagree across articles", _audit_args, "extract.audit.cross:command"),
    "export": Command("tidy tables keyed by article id", _export_args, "extract.export:command"),
    "review": Command("static HTML review pages and a corpus dashboard", _review_args, "extract.review:command"),
}


def target(name: str) -> Callable:
    module, function = COMMANDS[name].target.split(":")
    return getattr(import_module(module), function)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="extract", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    for name, c in COMMANDS.items():
        c.arguments(sub.add_parser(name, help=c.help))
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    return int(target(args.command)(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
