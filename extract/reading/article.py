"""What reading makes of one input item: an article to extract from, or the reason it could not be read."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from extract.models import Source


@dataclass
class Article:
    """One input item, decoded. `title`/`published` come from HTML metadata or JSONL fields when given."""
    id: str
    text: str
    source: Source = field(default_factory=Source)
    title: Optional[str] = None
    published: Optional[str] = None
    warnings: list[str] = field(default_factory=list)
    keep_text: bool = False  # `extract run --keep-text`: the record carries the text


@dataclass
class ReadError:
    """An input item that could not become an article at all (a broken JSONL line, an unreadable path)."""
    source: Source
    message: str

    def __str__(self) -> str:
        where = self.source.path or "<stdin>"
        if self.source.line is not None:
            where += f":{self.source.line}"
        return f"{where}: {self.message}"
