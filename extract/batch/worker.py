"""The worker side of a run: load the pipeline once, then turn batches of articles into JSON lines."""
from __future__ import annotations

import ctypes
import os
import signal
from typing import Optional

from extract import pipeline
from extract.models import Record
from extract.reading import complete
from extract.reading.article import Article, UnreadPage

WARM_UP = Article(id="warm-up", text=(
    "Ngày 15/8/2022, Ủy ban nhân dân tỉnh Long An cho biết đã tiếp nhận 1.245 hồ sơ, "
    "giải quyết đúng hạn 98,5%. Ông Nguyễn Văn An, Phó Chủ tịch UBND tỉnh, chủ trì."))


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent(parent: int) -> None:
    """Has Linux SIGKILL this worker when its parent dies, however it dies (SIGKILL, SIGTERM, the OOM killer),
    so that no worker is left running orphaned; elsewhere a no-op."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def warm_up() -> None:
    """Builds the finders' lazily built tables (gazetteer …) on a tiny article, so the first real batch does
    not pay for them. The batch path needs no spaCy."""
    try:
        pipeline.process(WARM_UP)
    except Exception:  # a finder that fails here fails per article later, where it is reported
        pass


def init_worker(parent: Optional[int] = None) -> None:
    """Ties the worker to its parent and warms it (a no-op when forked from a warm parent)."""
    die_with_parent(parent or os.getppid())
    warm_up()


def process_batch(articles: list[Article]) -> tuple[bytes, int, int]:
    """JSON lines for a batch, in order and UTF-8 encoded, plus (warnings, failures) counts. Never raises for
    one article. What the parent left unread (a file, a page) is read here first."""
    lines, warnings, failures = [], 0, 0
    for article in articles:
        try:
            record = pipeline.process(complete(article))
        except Exception as exc:  # one bad article must not kill the run
            record = failed_record(article, exc)
            failures += 1
        warnings += len(record.warnings)
        lines.append(json_line(record))
    return b"".join(lines), warnings, failures


def json_line(record: Record) -> bytes:
    """`record.model_dump_json()` and a newline, as the bytes written: pydantic serializes to bytes, and the
    parent then moves them unread (a str would be decoded here, then encoded for the pipe and again to write)."""
    return Record.__pydantic_serializer__.to_json(record) + b"\n"


def failed_record(article: Article, exc: BaseException) -> Record:
    reason = f"extraction failed: {type(exc).__name__}: {exc}"[:500]
    read = article.unread.warnings if isinstance(article.unread, UnreadPage) else []  # what reading said so far
    return Record(id=article.id, source=article.source, title=article.title,
                  published=article.published, warnings=[*read, *article.warnings, reason])
