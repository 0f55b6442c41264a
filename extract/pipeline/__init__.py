"""The extraction pipeline: an article's text in, one validated Record out.

The steps and their contract are in `steps.py`; `language.py` wraps them as a
spaCy Language. `process` is the call the batch layer makes; `probe` runs the
real steps on a bare phrase, for the pattern corpus and the fuzzer.
"""
from __future__ import annotations

import datetime as dt
import time
from typing import Optional

from extract import segment, settings
from extract.context import Context, Segment
from extract.indicators import numbers
from extract.language.textnorm import nfc
from extract.models import Record
from extract.pipeline.steps import STEPS, apply, check_order
from extract.reading.article import Article

__all__ = ["load", "process", "probe", "to_record", "PROBE_KINDS"]

check_order(STEPS)

# Kinds read below the level of a step: a page line's kind, the numbers of a phrase.
LINE_PROBES = {"segment": segment.line_kinds, "numbers": numbers.items}
PROBE_KINDS = (*LINE_PROBES, *(s.name for s in STEPS if s.spans))


def load():
    """The steps as a spaCy Language, built once per process; the batch path never needs spaCy."""
    from extract.pipeline.language import load as load_language

    return load_language()


def process(article: Article) -> Record:
    # Offsets point into NFC text whoever built the Article.
    ctx = Context(
        id=article.id, text=nfc(article.text), source=article.source,
        title=article.title, published=article.published, warnings=list(article.warnings),
    )
    if not ctx.text.strip():
        ctx.warnings.append("empty article: no text to extract from")
        return _finish(ctx, article)
    started = time.process_time()
    for n, step in enumerate(STEPS):
        apply(step, ctx)
        if n + 1 < len(STEPS) and time.process_time() - started > settings.ARTICLE_TIME_BUDGET:  # no clock read after the last step
            _skip(STEPS[n + 1:], ctx, step.name)
            break
    return _finish(ctx, article)


def _finish(ctx: Context, article: Article) -> Record:
    record = to_record(ctx)
    if article.keep_text:
        record.text = ctx.text  # the NFC text the spans point into
    return record


def _skip(steps, ctx: Context, after: str) -> None:
    """The article is over its budget: steps with a fallback give it, the others (cheap) still run."""
    skipped = []
    for step in steps:
        if step.fallback is None:
            apply(step, ctx)
            continue
        for field, value in step.fallback().items():
            setattr(ctx, field, value)
        skipped.append(step.name)
    ctx.warnings.append(f"article over its budget of {settings.ARTICLE_TIME_BUDGET:g} s of CPU after the {after} "
                        f"step: {', '.join(skipped)} skipped; what was found so far is kept")


def to_record(ctx: Context) -> Record:
    return Record(
        id=ctx.id, source=ctx.source, title=ctx.title, published=ctx.published, authors=ctx.authors,
        units=ctx.units, officials=ctx.officials, dates=ctx.dates, indicators=ctx.indicators,
        audit=ctx.audit, warnings=ctx.warnings,
    )


def probe(kind: str, text: str, anchor: Optional[dt.date] = None) -> list[dict]:
    """What step `kind` assigns for a bare phrase, after the real steps before it.

    The phrase stands for one sentence of an article's body published on `anchor`:
    the segment step is the only one replaced, since a lone phrase has no page layout.
    """
    if kind in LINE_PROBES:
        return LINE_PROBES[kind](nfc(text))
    if kind not in PROBE_KINDS:
        raise ValueError(f"probe: no step assigns items of kind {kind!r} (kinds: {PROBE_KINDS})")
    text = nfc(text)
    ctx = Context(id="probe", text=text, published=anchor.isoformat() if anchor else None,
                  segments=[Segment("body", 0, len(text))], sentences=[(0, len(text))])
    for step in STEPS[1:]:
        apply(step, ctx)
        if step.name == kind:
            break
    return [item.model_dump() for item in getattr(ctx, kind)]
