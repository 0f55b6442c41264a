"""The extraction pipeline as a spaCy Language.

Every step is a component registered with `@Language.factory`, so a spaCy user
can add them to a pipeline of their own. The Doc carries the article's
`Context` in `doc._.ctx` and what was found in `doc.spans[kind]`.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

import regex
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import audit, dates, indicators, officials, segment, units
from .context import Context
from .models import Record

# Letters (with marks), digit runs and single symbols: every mention boundary
# in this language falls between two such tokens, so char spans always align.
_TOKEN = regex.compile(r"[\p{L}\p{M}]+|\p{N}+|[^\s\p{L}\p{M}\p{N}]|\s+")

if not Doc.has_extension("ctx"):
    Doc.set_extension("ctx", default=None)


class FineTokenizer:
    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for m in _TOKEN.finditer(text):
            tok = m.group(0)
            if tok[0].isspace() and words and not spaces[-1] and tok[0] == " ":
                spaces[-1] = True
                tok = tok[1:]
                if not tok:
                    continue
            words.append(tok)
            spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)


class Finder:
    """Runs one finder over the Doc's Context and mirrors its items into doc.spans."""

    def __init__(self, kind: str, find: Callable[[Context], list]):
        self.kind = kind
        self.find = find

    def __call__(self, doc: Doc) -> Doc:
        ctx = doc._.ctx if doc._.ctx is not None else _context_for(doc)
        try:
            items = self.find(ctx)
        except TimeoutError:
            # A pattern hit its timeout on hostile text: lose this kind for this article, not the record.
            ctx.warnings.append(f"{self.kind}: a pattern timed out on this text; no {self.kind} extracted")
            items = []
        setattr(ctx, self.kind, items)
        doc.spans[self.kind] = [s for s in (_span(doc, it) for it in _located(items)) if s is not None]
        return doc


def _context_for(doc: Doc) -> Context:
    doc._.ctx = Context(id="doc", text=doc.text)
    return doc._.ctx


def _located(items):
    """(start, end, label) for every place an item stands in the text."""
    for it in items:
        label = getattr(it, "rule", None) or type(it).__name__
        if getattr(it, "span", None) is not None:
            yield (*it.span, label)
        for m in getattr(it, "mentions", None) or []:
            yield (*m.span, label)
        for sp in getattr(it, "evidence", None) or []:
            yield (*sp, label)


def _span(doc: Doc, located):
    start, end, label = located
    return doc.char_span(start, end, label=label)


class Segmenter:
    def __call__(self, doc: Doc) -> Doc:
        ctx = doc._.ctx if doc._.ctx is not None else _context_for(doc)
        segment.segment(ctx)
        doc.spans["segments"] = [
            s for s in (doc.char_span(g.start, g.end, label=g.kind, alignment_mode="expand") for g in ctx.segments) if s
        ]
        return doc


@Language.factory("extract_segment")
def make_segment(nlp: Language, name: str):
    return Segmenter()


FINDERS = {
    "dates": dates.find,
    "units": units.find,
    "officials": officials.find,
    "indicators": indicators.find,
    "audit": audit.find,
}

for _kind, _find in FINDERS.items():
    Language.factory(f"extract_{_kind}", func=lambda nlp, name, _f=_find, _k=_kind: Finder(_k, _f))


@lru_cache(maxsize=1)
def load() -> Language:
    """Built once per process: workers call it, never per article."""
    nlp = spacy.blank("xx")
    nlp.tokenizer = FineTokenizer(nlp.vocab)
    nlp.max_length = 10**8  # reading's --max-chars is the limit that counts
    nlp.add_pipe("extract_segment")
    for kind in FINDERS:
        nlp.add_pipe(f"extract_{kind}")
    return nlp


def run(nlp: Language, ctx: Context) -> Doc:
    doc = nlp.make_doc(ctx.text)
    doc._.ctx = ctx
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def to_record(doc: Doc) -> Record:
    c: Context = doc._.ctx
    return Record(
        id=c.id, source=c.source, title=c.title, published=c.published, authors=c.authors,
        units=c.units, officials=c.officials, dates=c.dates, indicators=c.indicators,
        audit=c.audit, warnings=c.warnings,
    )
