"""`extract export`: records (JSON Lines) to tidy tables keyed by article id.

Tables: articles, units, officials, mentions, dates, indicators, findings
(schemas in `export_tables.py`). Records are streamed into an embedded DuckDB
database in chunks, so memory stays flat; `--to duckdb` keeps that database,
`--to parquet|csv` copies each table to DEST/<table>.parquet|csv.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import duckdb
import pyarrow as pa
from pydantic import ValidationError

from extract.export.tables import SCHEMAS, rows_of
from extract.records import refuse
from extract.models import Record

CHUNK = 2000  # records per insert: large enough for speed, small enough for flat memory
MEMORY_LIMIT = "256MB"  # DuckDB's cache otherwise grows with the corpus; past it, it spills to disk
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a CSV cell starting so is run as a formula (OWASP's list)


def read_records(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                Record.model_validate(record)  # the tables trust every field's shape
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(map(str, first["loc"])) or "the line"
                print(f"error: {path}:{n}: not a record: {where}: {first['msg']} "
                      f"({exc.error_count()} problem(s)); skipped", file=sys.stderr)
                continue
            except (ValueError, RecursionError) as exc:
                print(f"error: {path}:{n}: {exc}", file=sys.stderr)
                continue
            yield record


def load(con: duckdb.DuckDBPyConnection, records: Iterator[dict]) -> int:
    """Creates (or replaces) every table and fills it; returns the number of articles."""
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    for name, schema in SCHEMAS.items():
        con.register("_empty", schema.empty_table())
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _empty")
        con.unregister("_empty")
    pending = {name: [] for name in SCHEMAS}
    n = 0
    for record in records:
        for name, rows in rows_of(record).items():
            pending[name].extend(rows)
        n += 1
        if n % CHUNK == 0:
            _flush(con, pending)
    _flush(con, pending)
    return n


def _flush(con: duckdb.DuckDBPyConnection, pending: dict[str, list]) -> None:
    for name, rows in pending.items():
        if rows:
            con.register("_chunk", pa.Table.from_pylist(rows, schema=SCHEMAS[name]))
            con.execute(f"INSERT INTO {name} SELECT * FROM _chunk")
            con.unregister("_chunk")
            rows.clear()


def export(records: Path, to: str, dest: Path) -> int:
    """Writes the tables; returns the number of articles exported."""
    if to == "duckdb":
        dest.parent.mkdir(parents=True, exist_ok=True)
        with duckdb.connect(str(dest)) as con:
            return load(con, read_records(records))
    dest.mkdir(parents=True, exist_ok=True)
    # A scratch database on disk, not in memory, so a large corpus does not fill RAM.
    with tempfile.TemporaryDirectory(dir=dest) as scratch, \
            duckdb.connect(str(Path(scratch) / "export.duckdb")) as con:
        n = load(con, read_records(records))
        options = "FORMAT parquet" if to == "parquet" else "FORMAT csv, HEADER"
        for name in SCHEMAS:
            target = str(dest / f"{name}.{to}").replace("'", "''")
            source = name if to == "parquet" else f"(SELECT {_csv_safe(SCHEMAS[name])} FROM {name})"
            con.execute(f"COPY {source} TO '{target}' ({options})")
    return n


def _csv_safe(schema: pa.Schema) -> str:
    """The table's columns, text ones with a leading ' where a spreadsheet would run the cell as a formula."""
    starts = ", ".join(f"chr({ord(c)})" for c in FORMULA_START)
    cols = []
    for f in schema:
        q = '"' + f.name.replace('"', '""') + '"'
        cols.append(f"CASE WHEN left({q}, 1) IN ({starts}) THEN chr(39) || {q} ELSE {q} END AS {q}"
                    if pa.types.is_string(f.type) else q)
    return ", ".join(cols)


def command(args) -> int:
    if (refused := refuse("export", args.records)) is not None:
        return refused
    n = export(Path(args.records), args.to, Path(args.dest))
    print(f"extract export: {n} articles to {args.dest} ({args.to})", file=sys.stderr)
    return 0 if n else 1
