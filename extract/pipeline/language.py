"""The pipeline as a spaCy Language: one component per step, for spaCy users and `extract.load()`.

Each component runs its step on the Doc's Context (`doc._.ctx`) and mirrors the
items it assigns into `doc.spans[field]`. The batch path (`process`) runs the same
steps without building a Doc.
"""
from __future__ import annotations

from functools import lru_cache

import regex
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extract.context import Context
from extract.pipeline.steps import STEPS, Step, apply

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


class StepComponent:
    """A pipeline step as a spaCy component."""

    def __init__(self, step: Step):
        self.step = step

    def __call__(self, doc: Doc) -> Doc:
        if doc._.ctx is None:
            doc._.ctx = Context(id="doc", text=doc.text)
        ctx = doc._.ctx
        apply(self.step, ctx)
        if self.step.name == "segment":
            doc.spans["segments"] = [s for s in (doc.char_span(g.start, g.end, label=g.kind, alignment_mode="expand")
                                                 for g in ctx.segments) if s]
        for field in self.step.spans:
            located = _located(getattr(ctx, field))
            doc.spans[field] = [s for s in (doc.char_span(a, b, label=label) for a, b, label in located) if s]
        return doc


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


for _step in STEPS:
    Language.factory(f"extract_{_step.name}", func=lambda nlp, name, _s=_step: StepComponent(_s))


@lru_cache(maxsize=1)
def load() -> Language:
    """Built once per process, never per article (the step order was checked when the pipeline was imported)."""
    nlp = spacy.blank("xx")
    nlp.tokenizer = FineTokenizer(nlp.vocab)
    nlp.max_length = 10**8  # reading's --max-chars is the limit that counts
    for step in STEPS:
        nlp.add_pipe(f"extract_{step.name}")
    return nlp
