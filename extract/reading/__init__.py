"""Inputs to Articles: text and HTML files, folders, JSON Lines (and their .gz),
and standard input, read lazily and in a fixed order.

Nothing here stops a run: an item that cannot be read becomes an Article with
empty text and a warning (it still gets a record), or a ReadError naming the
file and line when there is no article at all (a broken JSON Lines line).
"""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
import zlib
from dataclasses import replace
from operator import attrgetter
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Literal, Optional, Union

from extract.models import Source
from extract.reading.article import Article, ReadError, UnreadFile, UnreadPage
from extract.reading.decode import Binary, control_warning, decode, normalize
from extract.reading.limits import Limits, apply
from extract.settings import MAX_DECOMPRESSED_BYTES, MAX_DECOMPRESSION_RATIO, MAX_LINES_PER_FILE

Item = Union[Article, ReadError]
Defer = Optional[Literal["pages", "files"]]  # what iter_articles leaves to `complete`
KINDS = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
ARTICLE_FILES = ".txt, .html, .htm or .jsonl (or their .gz)"
GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16  # a broken gzip stream loses at most the chunk being read
_SNIFF = 4096
_BROKEN = (OSError, EOFError, zlib.error)  # what a damaged or vanished file raises while being read


def iter_articles(paths: Iterable[Union[str, os.PathLike]], limits: Optional[Limits] = None,
                  skip: frozenset[Path] = frozenset(), defer: Defer = None) -> Iterator[Item]:
    """Every article of every path, in order: folders are walked sorted, JSON Lines streamed line by line;
    files in `skip` (resolved paths: a run's own output) are never read from a folder. `defer` leaves the costly
    part of reading to `complete`, which gives the same articles (`Article.unread`): "pages" leaves HTML pages
    unparsed (an HTML file's and a JSON Lines item's), "files" also leaves text and HTML files unread, only
    listed (for workers on this machine, which can open them)."""
    limits = limits or Limits()
    seen: set[str] = set()
    for path in paths:
        for item in _read_path(str(path), limits, skip, defer):
            if isinstance(item, Article):
                if item.id in seen:
                    item.warnings.append(f"duplicate id {item.id!r}: an earlier item has the same id")
                seen.add(item.id)
            yield item


def count_articles(paths: Iterable[Union[str, os.PathLike]]) -> Optional[int]:
    """How many items iter_articles will yield, when listing folders tells (None for JSON Lines and stdin)."""
    n = 0
    for path in map(str, paths):
        items = list(_walk(path, frozenset())) if os.path.isdir(path) else [path]
        if path == "-" or any(isinstance(f, str) and _kind(f) in ("jsonl", None) for f in items):
            return None
        n += len(items) or 1  # an empty folder is one error item
    return n


def input_files(paths: Iterable[Union[str, os.PathLike]], skip: frozenset[Path] = frozenset()) -> Iterator[str]:
    """The files iter_articles reads, in its order (standard input and missing paths left out)."""
    for path in map(str, paths):
        if os.path.isdir(path):
            yield from (f for f in _walk(path, skip) if isinstance(f, str))
        elif path != "-" and os.path.exists(path):
            yield path


def _read_path(path: str, limits: Limits, skip: frozenset[Path], defer: Defer) -> Iterator[Item]:
    if path == "-":
        yield from read_stream(sys.stdin.buffer, "stdin", None, limits, defer=defer)
    elif os.path.isdir(path):
        empty = True
        for f in _walk(path, skip):
            empty = False
            if isinstance(f, ReadError):
                yield f
            else:
                yield from _listed(f, limits, defer)
        if empty:
            yield ReadError(Source(path=path), f"folder holds no {ARTICLE_FILES} file")
    elif os.path.exists(path):
        if Path(path).suffix and _kind(Path(path)) is None and os.path.isfile(path):
            yield ReadError(Source(path=path), f"not an article file: articles are {ARTICLE_FILES} files; not read")
        else:  # a known kind, or a name without suffix (a pipe, /dev/stdin): sniffed
            yield from _listed(Path(path), limits, defer)
    else:
        yield ReadError(Source(path=path), "no such file or folder")


def _listed(path: Union[str, Path], limits: Limits, defer: Defer) -> Iterator[Item]:
    """A file's items; with defer "files", a text or HTML file as an article still to be read (one item, whatever
    it holds)."""
    if defer == "files" and _kind(path) in ("text", "html"):
        yield Article(_stem(path), "", Source(path=str(path)), unread=UnreadFile(str(path), limits))
    else:
        yield from _guarded(_read_file(path, limits, defer), path)


def _guarded(items: Iterator[Item], path: Union[str, Path]) -> Iterator[Item]:
    """One input's items; whatever breaks while reading it ends that input with an error item, never the run."""
    try:
        yield from items
    except Exception as e:
        yield ReadError(Source(path=str(path)), f"reading failed, the rest of this input was not read: "
                                                f"{type(e).__name__}: {e}"[:500])


def _walk(folder: str, skip: frozenset[Path]) -> Iterator[Union[str, ReadError]]:
    """Regular input files under a folder, depth first, names sorted; hidden files and folders are skipped,
    and so are FIFOs, sockets and devices, which could block a run forever, links to folders, and the files
    in `skip`. A folder that cannot be listed (the top one too) is a ReadError naming it, in its place in the
    order. Directory entries tell a file's type without a stat, and paths stay strings (pathlib's parsing cost
    more than reading a page): a folder is walked twice, for the fingerprint and for reading."""
    todo = [folder]
    while todo:
        root = todo.pop()
        try:
            with os.scandir(root) as listing:
                entries = sorted(listing, key=attrgetter("name"))
        except OSError as e:
            reason = e.strerror or str(e)
            yield ReadError(Source(path=str(e.filename or root)),
                            f"folder cannot be read ({reason}): the files in it were skipped")
            continue
        skipped = _skipped_in(Path(root), skip) if skip else None
        folders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _is_folder(entry):
                folders.append(entry.path)
            elif _kind_of(entry.name) and _regular(entry) and not (skip and _skipped(entry, skipped, skip)):
                yield entry.path
        todo.extend(reversed(folders))


def _is_folder(entry: os.DirEntry) -> bool:
    """A folder to walk into: a real one, not a link to one (os.walk's rule); links to folders are skipped."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _skipped_in(folder: Path, skip: frozenset[Path]) -> set[str]:
    """Names of the files to skip that lie in this folder (resolved once a folder: resolving a file stats every
    parent)."""
    resolved = folder.resolve()
    return {p.name for p in skip if p.parent == resolved}


def _skipped(entry: os.DirEntry, skipped_here: set[str], skip: frozenset[Path]) -> bool:
    return Path(entry.path).resolve() in skip if entry.is_symlink() else entry.name in skipped_here


def is_input_file(path: Path) -> bool:
    """A name a folder walk would read: a known kind (.txt, .html, .htm, .jsonl, and their .gz), not hidden."""
    return bool(_kind(path)) and not path.name.startswith(".")


def _regular(entry: os.DirEntry) -> bool:
    """A regular file, or a link to one; a dangling link is kept, so that reading it reports why."""
    try:
        if entry.is_file():
            return True
        if not entry.is_symlink():
            return False  # a FIFO, socket or device
        os.stat(entry.path)  # a link that is not to a regular file: to a FIFO, socket or device, or dangling
        return False
    except OSError:
        return True


def _kind(path: Union[str, Path]) -> Optional[str]:
    return _kind_of(os.path.basename(path))


def _kind_of(name: str) -> Optional[str]:
    return KINDS.get(_split(_without_gz(name).lower())[1])


def _stem(path: Union[str, Path]) -> str:
    return _split(_without_gz(os.path.basename(path)))[0]


def _without_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def _split(name: str) -> tuple[str, str]:
    """pathlib's stem and suffix of a file name, without building a Path (twice a file, in the parent)."""
    dot = name.rfind(".")
    return (name[:dot], name[dot:]) if 0 < dot < len(name) - 1 else (name, "")


def _read_file(path: Union[str, Path], limits: Limits, defer: Defer) -> Iterator[Item]:
    try:
        if os.path.basename(path).lower().endswith(".gz"):
            cap = max(MAX_DECOMPRESSED_BYTES, MAX_DECOMPRESSION_RATIO * os.path.getsize(path))
            opened = _Capped(gzip.open(path, "rb"), cap)
        else:
            opened = open(path, "rb")
    except OSError as e:
        yield _unreadable(path, e)
        return
    with opened as stream:
        yield from read_stream(stream, _stem(path), path, limits, _kind(path), defer)


class DecompressionCap(OSError):
    """A compressed input decompressed past its cap: a bomb, or far larger than anything it could hold."""


class _Capped(io.RawIOBase):
    """A decompressed stream that stops with DecompressionCap once `cap` bytes have come out of it."""

    def __init__(self, raw: BinaryIO, cap: int):
        self.raw, self.cap, self.seen = raw, cap, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self.raw.readinto(buffer)
        self.seen += n
        if self.seen > self.cap:
            raise DecompressionCap(f"decompressed more than {self.cap:,} bytes (a compression bomb?)")
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


def read_stream(stream: BinaryIO, stem: str, path: Optional[Union[str, Path]], limits: Limits,
                kind: Optional[str] = None, defer: Defer = None) -> Iterator[Item]:
    """The items of one input; `kind` None means: sniff it (JSON Lines, HTML or text) from its first bytes."""
    stream = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
    try:
        if kind is None and stream.peek(2)[:2] == GZIP_MAGIC:  # a compressed dump piped in
            stream = io.BufferedReader(gzip.GzipFile(fileobj=stream, mode="rb"))
        kind = kind or _sniff(stream.peek(_SNIFF)[:_SNIFF])
        if kind == "jsonl":
            yield from _read_jsonl(stream, stem, path, limits, defer)
            return
        data, warnings = _read_bytes(stream, limits.max_bytes)
    except _BROKEN as e:
        yield _unreadable(path or Path(stem), e)
        return
    yield _document(data, kind, stem, path, limits, warnings, defer)


def _sniff(head: bytes) -> str:
    start = head.lstrip(b" \t\r\n\xef\xbb\xbf")[:64].lower()
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<?xml", b"<!--", b"<meta", b"<div", b"<p")):
        return "html"
    return "text"


def _read_bytes(stream: BinaryIO, cap: int) -> tuple[bytes, list[str]]:
    """At most cap+1 bytes, chunk by chunk, keeping what came before a broken gzip stream."""
    parts: list[bytes] = []
    size = 0
    try:
        while size <= cap:
            chunk = stream.read(min(_CHUNK, cap + 1 - size))
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
    except _BROKEN as e:
        if not parts:
            raise
        return b"".join(parts), [f"compressed data broken after {size:,} bytes ({e}): the rest was not read"]
    return b"".join(parts), []


def _document(data: bytes, kind: str, stem: str, path: Optional[Union[str, Path]], limits: Limits,
              warnings: list[str], defer: Defer = None) -> Article:
    source = Source(path=str(path) if path else None)
    truncated = len(data) > limits.max_bytes
    if not data.strip():
        return Article(stem, "", source, warnings=warnings + ["empty input: no text"])
    try:
        text, how = decode(data[: limits.max_bytes], partial=truncated)
    except Binary as e:
        return Article(stem, "", source, warnings=warnings + [f"not text: {e}; not read"])
    warnings += how
    if kind == "html":
        unread = Article(stem, "", source, unread=UnreadPage(text, limits, truncated, warnings))
        return unread if defer else complete(unread)
    text, cut = apply(text, limits, truncated)
    return Article(stem, text, source, None, None, warnings + cut)


def complete(article: Article) -> Article:
    """An article left unread (`Article.unread`) read now, as iter_articles would have read it: a file read, a
    page parsed into its text, title and date, the limits applied, the warnings in reading order; any other
    article as it is. A run with several workers leaves this, the costly part of reading, to them."""
    unread = article.unread
    if isinstance(unread, UnreadFile):
        [read] = _read_file(unread.path, unread.limits, None)  # a text or HTML file is one article
        return replace(read, warnings=read.warnings + article.warnings, keep_text=article.keep_text)
    if unread is None:
        return article
    from extract.reading.html import read_html  # lxml and trafilatura: only for runs that read HTML

    page = read_html(unread.html, unread.url)
    text, cut = apply(page.text, unread.limits, unread.truncated)
    source = Source(path=article.source.path, url=unread.url or page.url, line=article.source.line)
    warnings = unread.warnings + page.warnings + unread.after + cut + article.warnings
    return Article(article.id, text, source, article.title or page.title, article.published or page.published,
                   warnings, keep_text=article.keep_text)


def _unreadable(path: Union[str, Path], error: BaseException) -> Article:
    reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return Article(_stem(path), "", Source(path=str(path)), warnings=[f"could not read {path}: {reason}"])


def _read_jsonl(stream: BinaryIO, stem: str, path: Optional[Union[str, Path]], limits: Limits,
                defer: Defer) -> Iterator[Item]:
    cap = 2 * limits.max_bytes + (1 << 16)  # JSON escapes (\\u1ea1) take 6 bytes a character
    number = 0
    try:
        for number, line in enumerate(_lines(stream, cap), start=1):
            source = Source(path=str(path) if path else None, line=number)
            if number > MAX_LINES_PER_FILE:
                yield ReadError(source, f"more than {MAX_LINES_PER_FILE:,} lines: the rest was not read")
                return
            if line is None:
                yield ReadError(source, f"line longer than {cap:,} bytes: skipped (raise --max-chars to read it)")
            elif line.strip():
                yield _jsonl_item(line, stem, source, limits, defer)
    except _BROKEN as e:
        source = Source(path=str(path) if path else None, line=number + 1)
        yield ReadError(source, f"input broken here, the rest was not read: {e}")


def _lines(stream: BinaryIO, cap: int) -> Iterator[Optional[bytes]]:
    """Each line as bytes, or None for a line over cap bytes, which is skipped without being held."""
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        if len(line) > cap and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(_CHUNK)
            yield None
        else:
            yield line


def _jsonl_item(line: bytes, stem: str, source: Source, limits: Limits, defer: Defer) -> Item:
    warnings: list[str] = []
    try:
        raw = line.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raw = line.decode("utf-8", errors="replace")
        warnings.append(f"invalid UTF-8 at byte {e.start} of the line: replaced with U+FFFD")
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as e:
        return ReadError(source, f"not JSON: {e.msg} (column {e.colno})")
    except RecursionError:
        return ReadError(source, "not JSON that can be read (nested too deeply)")
    if not isinstance(obj, dict):
        return ReadError(source, f"a JSON {type(obj).__name__}, not an object with 'id' and 'text' or 'html'")
    return _from_object(obj, stem, source, limits, warnings, defer)


def _from_object(obj: dict, stem: str, source: Source, limits: Limits, warnings: list[str],
                 defer: Defer) -> Item:
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return ReadError(source, "no 'text' or 'html' string in the object")
    url = _string_field(obj, "url", warnings)
    title = _string_field(obj, "title", warnings)
    published = _string_field(obj, "published", warnings)
    if not isinstance(text, str):
        before = list(warnings)
        item_id = _item_id(obj.get("id"), stem, source.line, warnings)
        page = UnreadPage(html, limits, False, before, url, warnings[len(before):])
        unread = Article(item_id, "", Source(path=source.path, line=source.line), title, published, unread=page)
        return unread if defer else complete(unread)
    text, controls = normalize(text)
    warnings += control_warning(controls)
    text, cut = apply(text, limits)
    source = Source(path=source.path, url=url, line=source.line)
    return Article(_item_id(obj.get("id"), stem, source.line, warnings), text, source, title, published, warnings + cut)


def _item_id(value, stem: str, line: Optional[int], warnings: list[str]) -> str:
    if isinstance(value, str) and value.strip():
        return value
    if value is None or isinstance(value, str):
        made = f"{stem}:{line}"
        warnings.append(f"no 'id' in the object: id {made!r} given")
        return made
    made = json.dumps(value, ensure_ascii=False, sort_keys=True)
    warnings.append(f"'id' {made} is a JSON {type(value).__name__}, not a string: converted")
    return made


def _string_field(obj: dict, name: str, warnings: list[str]) -> Optional[str]:
    value = obj.get(name)
    if value is None or isinstance(value, str):
        return value or None
    warnings.append(f"'{name}' is a {type(value).__name__}, not a string: ignored")
    return None
