"""Inputs to Articles (placeholder: UTF-8 .txt files and folders only)."""
from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Iterator, Union

from .context import Article, ReadError
from .models import Source


def iter_articles(paths) -> Iterator[Union[Article, ReadError]]:
    for p in map(Path, paths):
        files = sorted(p.rglob("*.txt")) if p.is_dir() else [p]
        for f in files:
            text = unicodedata.normalize("NFC", f.read_text(encoding="utf-8"))
            yield Article(id=f.stem, text=text, source=Source(path=str(f)))
