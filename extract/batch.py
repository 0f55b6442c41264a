"""Runs the pipeline over inputs (placeholder: sequential, one process)."""
from __future__ import annotations

import sys
from pathlib import Path

from .context import ReadError
from .process import process
from .reading import iter_articles


def command(args) -> int:
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for item in iter_articles(args.paths):
            if isinstance(item, ReadError):
                print(f"error: {item}", file=sys.stderr)
                continue
            f.write(process(item).model_dump_json() + "\n")
            n += 1
    return 0 if n else 1
