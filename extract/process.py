"""One article in, one record out: the call the batch layer makes."""
from __future__ import annotations

from .context import Article, Context
from .models import Record
from .pipeline import load, run, to_record
from .textnorm import nfc


def process(article: Article) -> Record:
    # Offsets point into NFC text whoever built the Article.
    ctx = Context(
        id=article.id, text=nfc(article.text), source=article.source,
        title=article.title, published=article.published, warnings=list(article.warnings),
    )
    if not ctx.text.strip():
        ctx.warnings.append("empty article: no text to extract from")
        return to_record(_bare(ctx))
    return to_record(run(load(), ctx))


def _bare(ctx: Context):
    doc = load().make_doc("")
    doc._.ctx = ctx
    return doc
