"""What reading makes of one input item: an article to extract from, or the reason it could not be read."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

from extract.models import Source
from extract.reading.limits import Limits


@dataclass
class UnreadFile:
    """A text or HTML file (or its .gz) listed but not yet read."""
    path: str
    limits: Limits


@dataclass
class UnreadPage:
    """An HTML page decoded but not yet read into its article (parsing it is the costly part of reading)."""
    html: str
    limits: Limits
    truncated: bool  # reading the bytes stopped at the size limit
    warnings: list[str]  # what reading said before the page's own warnings
    url: Optional[str] = None  # the address a JSON Lines item gives with its page
    after: list[str] = field(default_factory=list)  # what reading said after them (a JSON Lines item's id)


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
    unread: Optional[Union[UnreadFile, UnreadPage]] = None  # left for `reading.complete` (iter_articles' `defer`)


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
