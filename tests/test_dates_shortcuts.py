"""The dates step's shortcuts give exactly what the full path gives, on the real pages: a rule with `starts` tried
only where one of its first words starts, the page's lower case made once for the dates and officials steps."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from extract import dates, segment
from extract.context import Context
from extract.segment import case

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


def test_a_rule_with_starts_finds_where_its_words_start_what_it_finds_everywhere(pages):
    with_starts = [r for r in dates._RULES if r.starts]
    assert len(with_starts) >= 8
    checked = 0
    for ctx in pages:
        low = ctx.text.lower()
        if len(low) != len(ctx.text):
            continue
        hits = dates._NEED_WORDS.hits(low)
        for seg in ctx.content():
            part = dates._part(hits, seg)
            for r in with_starts:
                starts = [a for a, _, w in part if w in r.starts]
                everywhere = [m.span() for m in r.pattern.finditer(ctx.text, seg.start, seg.end)]
                at_words = [m.span() for m in dates.finditer_at(r.pattern, ctx.text, starts, seg.start, seg.end, None)]
                assert at_words == everywhere, (ctx.id, r.id)
                checked += len(everywhere)
    assert checked > 50


def test_every_match_of_a_rule_with_starts_begins_with_one_of_them():
    texts = [t for r in dates._FILE.rules for t in [*(e.text for e in r.examples), *r.negatives,
                                                    *(k.text for k in r.known_failures)]]
    for r in dates._RULES:
        for text in texts:
            for m in r.pattern.finditer(text):
                assert not r.starts or any(m.group().lower().startswith(w) for w in r.starts), (r.id, m.group())


def test_the_needs_read_from_the_pages_words_equal_each_segments_own(pages):
    for ctx in pages:
        low = ctx.text.lower()
        if len(low) != len(ctx.text):
            continue
        for seg in ctx.content():
            assert dates._present(ctx.text, seg, low) == dates._present(ctx.text, seg), (ctx.id, seg)


def test_the_lower_case_is_made_once_for_the_same_text_and_anew_for_another():
    text = "Ngày 12/4/2024, CHỦ TỊCH UBND tỉnh"
    first = case.lower(text)
    assert first == text.lower() and case.lower(text) is first
    other = "Quý I NĂM 2024"
    assert case.lower(other) == other.lower()
    assert case.lower(text) == text.lower()
