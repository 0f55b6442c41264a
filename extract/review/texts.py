"""Article texts for records: the record's own (`extract run --keep-text`), else re-read from its source.

Each source file is read once, and its texts are handed out source by source, so
memory holds one source's wanted texts at a time, never the corpus.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Iterator, Optional, Union

from extract import reading
from extract.models import Record
from extract.reading.article import ReadError

Text = Union[str, "Missing"]


class Missing(str):
    """Why a record's text could not be shown (a str subclass so it prints as the reason)."""


def iter_texts(records: list[Record], base: Path) -> Iterator[tuple[int, Text]]:
    """(record index, its article's NFC text or a Missing reason), every index once, in no set order.
    Relative paths are tried from the working directory, then from `base` (the records file's folder)."""
    wanted: dict[Path, list[int]] = defaultdict(list)
    for k, rec in enumerate(records):
        if rec.text is not None:
            yield k, rec.text
        elif (path := _locate(rec.source.path, base)) is not None:
            wanted[path].append(k)
        elif rec.source.path and not reading.is_input_file(Path(rec.source.path)):
            yield k, Missing(f"not an input file of extract run, not read: {rec.source.path}")
        elif rec.source.path:
            yield k, Missing(f"source file not found: {rec.source.path}")
        else:
            yield k, Missing("read from standard input, and the record holds no text: "
                             "run `extract run - --keep-text` to keep it")
    for path, ks in wanted.items():
        yield from zip(ks, _read(path, [records[k] for k in ks]))


def _locate(path: Optional[str], base: Path) -> Optional[Path]:
    """The source file, if it is one `extract run` reads (a regular .txt/.html/.htm/.jsonl, .gz too):
    a records file naming any other path (a system file, a device) gets no text from it."""
    if not path or not reading.is_input_file(Path(path)):
        return None
    for candidate in (Path(path), base / path):
        if candidate.is_file():
            return candidate
    return None


def _read(path: Path, recs: list[Record]) -> list[Text]:
    """Texts for records of one source: matched by JSONL line when given, else by id."""
    by_line = {r.source.line: None for r in recs if r.source.line is not None}
    by_id = {r.id: None for r in recs if r.source.line is None}
    try:
        for item in reading.iter_articles([str(path)]):
            if isinstance(item, ReadError):
                continue
            if item.source.line in by_line:
                by_line[item.source.line] = item.text
            elif item.id in by_id:
                by_id[item.id] = item.text
    except Exception as exc:  # an unreadable source must not stop the other pages
        return [Missing(f"could not read {path}: {exc}")] * len(recs)
    found = [by_line.get(r.source.line) if r.source.line is not None else by_id.get(r.id) for r in recs]
    return [t if t is not None else Missing(f"article {r.id} not found in {path}") for t, r in zip(found, recs)]
