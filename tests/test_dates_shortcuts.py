"""The dates step's shortcuts give exactly what the full path gives, on the real pages: a segment's needs read from
the page's lower case (made once for every step, `Context.lower`) or from the one pass of every step's words."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from extract import dates, segment
from extract.context import Context
from extract.language.words import ARTICLE_WORDS
from test_dates import present

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _pages() -> list[Context]:
    paths = sorted(REAL.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    out = []
    for p in paths:
        ctx = Context(id=p.name, text=unicodedata.normalize("NFC", p.read_text(encoding="utf-8", errors="replace")))
        segment.segment(ctx)
        out.append(ctx)
    return out


@pytest.fixture(scope="module")
def pages():
    return _pages()


def test_the_needs_read_from_the_pages_words_equal_each_segments_own(pages):
    for ctx in pages:
        low = ctx.text.lower()
        if len(low) != len(ctx.text):
            continue
        found = ARTICLE_WORDS.hits(ctx.text)
        needs = None if found is None else found[dates._NEED_LIST]
        for seg in ctx.content():
            assert present(ctx.text, seg, low) == present(ctx.text, seg), (ctx.id, seg)
            assert present(ctx.text, seg, low, needs) == present(ctx.text, seg), (ctx.id, seg)


def test_the_lower_case_is_made_once_for_the_same_text_and_anew_for_another():
    ctx = Context(id="x", text="Ngày 12/4/2024, CHỦ TỊCH UBND tỉnh")
    first = ctx.lower()
    assert first == ctx.text.lower() and ctx.lower() is first and ctx.folded() == ctx.text.casefold()
    ctx.text = "Quý I NĂM 2024"
    assert ctx.lower() == "quý i năm 2024" and ctx.folded() == ctx.text.casefold()
