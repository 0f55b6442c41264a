"""`extract review`: static HTML review pages and a corpus dashboard, readable offline.

out/index.html lists the articles, out/dashboard.html charts the corpus, and
out/articles/<id>.html shows one article's text with every found item highlighted.
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from urllib.parse import quote

import regex
from pydantic import ValidationError

from extract.models import Record
from extract.records import refuse

from .article import article_page
from .corpus import dashboard_page, index_page
from .texts import Missing, iter_texts

UNSAFE_NAME = regex.compile(r"[^A-Za-z0-9_.-]")


def command(args) -> int:
    if (refused := refuse("review", args.records)) is not None:
        return refused
    out = build(Path(args.records), Path(args.out))
    print(f"review pages: {out / 'index.html'}  dashboard: {out / 'dashboard.html'}", file=sys.stderr)
    return 0


def build(records_path: Path, out: Path) -> Path:
    records, notes = read_records(records_path)
    names = page_names(records)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    missing = 0
    for k, text in iter_texts(records, records_path.parent):
        missing += isinstance(text, Missing)
        (out / "articles" / names[k]).write_text(article_page(records[k], text), encoding="utf-8")
    if missing:
        notes.append(f"{missing} bài viết không đọc lại được văn bản (text unavailable): see their pages.")
    hrefs = [f"articles/{quote(n)}" for n in names]
    (out / "index.html").write_text(index_page(records, hrefs, notes), encoding="utf-8")
    (out / "dashboard.html").write_text(dashboard_page(records, hrefs), encoding="utf-8")
    return out


def read_records(path: Path) -> tuple[list[Record], list[str]]:
    """Records from JSON Lines; a broken line is reported, not fatal."""
    records, notes = [], []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                records.append(Record.model_validate_json(line))
            except ValidationError as exc:
                notes.append(f"{path}:{number}: not a record ({exc.error_count()} errors), skipped")
    return records, notes


def page_names(records: list[Record]) -> list[str]:
    """A file name per record, from its id: safe characters only, a hash when that changed or collided."""
    names, taken = [], set()
    for rec in records:
        name = UNSAFE_NAME.sub("_", rec.id)[:80]
        if not name or name != rec.id or name in taken:
            name += "-" + hashlib.sha1(f"{rec.id}\0{len(taken)}".encode()).hexdigest()[:8]
        taken.add(name)
        names.append(name + ".html")
    return names
