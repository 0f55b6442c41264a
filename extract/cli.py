"""Command line: parses arguments and dispatches through COMMANDS, nothing else."""
from __future__ import annotations

import argparse
import gc
import os
import sys
from importlib import import_module
from typing import Callable, NamedTuple, Optional, Sequence

from extract.settings import DEFAULT_BATCH_SIZE, DEFAULT_OUT


def _run_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", help=".txt/.html files, folders, .jsonl dumps (.gz too), or - for stdin")
    p.add_argument("--out", default=DEFAULT_OUT, help=f"JSON Lines output (default {DEFAULT_OUT})")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local processes (default) or a Dask cluster")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address (default: a LocalCluster)")
    p.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="articles per atomically written batch")
    p.add_argument("--restart", action="store_true", help="ignore an earlier partial run and start over")
    p.add_argument("--max-chars", type=int, default=None, help="largest article kept whole, in characters")
    p.add_argument("--max-line", type=int, default=None, help="longest line kept whole, in characters")
    p.add_argument("--keep-text", action="store_true",
                   help="store each article's text in its record (field `text`), so `extract review` can show "
                        "articles read from stdin; off by default")
    p.add_argument("--progress", choices=["auto", "on", "off"], default="auto",
                   help="progress bar on stderr (auto: when stderr is a terminal)")


RECORDS = "records written by `extract run` (JSON Lines, one record a line)"


def _evaluate_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold", help="gold records, hand-checked (JSON Lines with the same ids, e.g. ../shared/gold/seeds.gold.jsonl)")
    p.add_argument("pred", help=RECORDS + ", to score against the gold")
    p.add_argument("--json", action="store_true", help="print the whole report as JSON instead of a table")


def _audit_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("records", help=RECORDS)
    p.add_argument("--json", action="store_true", help="print the report as JSON instead of text")


def _export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("records", help=RECORDS)
    p.add_argument("--to", choices=["parquet", "duckdb", "csv"], required=True,
                   help="duckdb: one database file; parquet, csv: one file per table in a folder")
    p.add_argument("dest", help="the database file (duckdb) or the folder to write the tables into")


def _review_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("records", help=RECORDS)
    p.add_argument("--out", default="outputs/review",
                   help="folder for index.html, dashboard.html and one page per article (default outputs/review)")


def _no_args(p: argparse.ArgumentParser) -> None:
    pass


class Command(NamedTuple):
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    target: str  # "module:function"; imported only when its command is asked for


COMMANDS: dict[str, Command] = {
    "run": Command("read articles and write one JSON record per article", _run_args, "extract.batch:command"),
    "evaluate": Command("score records against gold records: precision, recall and F1 per field", _evaluate_args,
                        "extract.evaluate:command"),
    "schema": Command("print the record's JSON Schema", _no_args, "extract.models:schema_command"),
    "audit": Command("list figures that disagree across articles, and inconsistent findings per unit", _audit_args, "extract.audit.cross:command"),
    "export": Command("write tidy tables (DuckDB, Parquet or CSV) keyed by article id", _export_args, "extract.export:command"),
    "review": Command("build static HTML review pages and a corpus dashboard", _review_args, "extract.review:command"),
}


def target(name: str) -> Callable:
    module, function = COMMANDS[name].target.split(":")
    return getattr(import_module(module), function)


DESCRIPTION = """Turns Vietnamese news articles about administrative reform into one validated JSON
record each (units, agencies, dates, officials, figures and an audit of the figures), then
scores, audits, exports and reviews those records."""

EPILOG = """examples:
  extract run corpus/ --out outputs/records.jsonl
  extract review outputs/records.jsonl --out outputs/review
  extract COMMAND --help        what COMMAND's arguments are

exit codes: 0 done; 1 nothing could be read (no article, or not a records file);
2 bad usage; 130 interrupted (rerun the same `extract run` to resume)"""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="extract", description=DESCRIPTION, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, c in COMMANDS.items():
        c.arguments(sub.add_parser(name, help=c.help, description=c.help[0].upper() + c.help[1:] + "."))
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    gc.disable()  # loading the command's modules makes tens of thousands of objects and no garbage
    try:
        command = target(args.command)
    finally:
        gc.enable()
    return int(command(args) or 0)


def entry() -> None:
    """The `extract` command: main, then an exit without the interpreter's teardown, which would free the
    loaded tables object by object (~0.1 s CPU after every run); every file is closed by then."""
    # pydantic looks for plugins in every installed package's entry points when the first model is built
    # (2% of a start-up); none is meant to hook into the records. A value the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
