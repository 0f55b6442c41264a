"""The audit's shortcuts give exactly what its patterns alone give, on every line of the real pages: a part
marker tried only where one of its words starts in the case-folded sentence."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.audit import structure
from extract.language.words import finditer_at

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real"


@pytest.fixture(scope="module")
def pages(corpus_articles):
    """(text, line start, line end) of every non-empty line of the real pages (the sample corpus without them)."""
    from extract.reading import iter_articles

    articles = [a for a in iter_articles([str(REAL)]) if hasattr(a, "text")] if REAL.is_dir() else corpus_articles
    out = []
    for a in articles:
        start = 0
        for ln in a.text.split("\n"):
            if ln.strip():
                out.append((a.text, start, start + len(ln)))
            start += len(ln) + 1
    return out


@pytest.mark.parametrize("pattern,words", [(structure._PARTS_FOLLOW, structure._PARTS_FOLLOW_WORDS),
                                           (structure._TOTAL_FOLLOWS, structure._TOTAL_FOLLOWS_WORDS),
                                           (structure._IN_TOTAL, structure._OPENS_TOTAL_WORDS)],
                         ids=["parts_follow", "total_follows", "opens_total"])
def test_a_marker_tried_where_its_words_start_finds_what_a_search_of_the_sentence_finds(pages, pattern, words):
    got, want = [], []
    for text, a, b in pages:
        folded = text[a:b].casefold()
        starts = structure._word_starts(words, folded if len(folded) == b - a else None, a)
        got.append([m.span() for m in finditer_at(pattern, text, starts, a, b, None)])
        want.append([m.span() for m in pattern.finditer(text, a, b)])
    assert any(want)
    assert got == want


def test_word_starts_are_every_start_of_every_word_in_order():
    folded = "trong đó, gồm 3 xã; trong số đó bao gồm"
    assert structure._word_starts(("trong đó", "gồm"), folded, 100) == [100, 110, 136]
    assert structure._word_starts(("trong",), folded, 0) == [0, 20]
    assert structure._word_starts(("chia ra",), folded, 0) == []
    assert structure._word_starts(("gồm",), None, 0) is None


def test_sentence_breaks_tried_where_one_can_open_are_those_a_search_finds(pages):
    texts = list(dict.fromkeys(text for text, _, _ in pages)) + ["A. B!\tC? D… E.\nF.  G", "1.245 hồ sơ. Tỷ lệ 9,5%."]
    for text in texts:
        starts = structure._break_starts(text, 0, len(text))
        for lo, hi in [(0, len(text)), (len(text) // 3, 2 * len(text) // 3)]:
            got = [m.span() for m in finditer_at(structure._BREAK, text, starts, lo, hi, None)]
            assert got == [m.span() for m in structure._BREAK.finditer(text, lo, hi)]


def test_a_vague_word_looked_for_in_all_figures_at_once_misses_none(corpus_records):
    from extract.audit import intervals

    inds = [i for _, record in corpus_records for i in record.indicators]
    vague = [inds[0].model_copy(update={"text": t}) for t in ("hàng trăm hồ sơ", "Hàng Nghìn", "vài xã")]
    assert not intervals.any_vague(inds) and intervals.any_vague(inds + vague[1:2])
    inds += vague
    for ind in inds:
        if intervals.stated(ind) is None:  # a vague figure: found in its article's figures at once too
            assert intervals.any_vague([ind])
        assert intervals.stated(ind, intervals.any_vague([ind])) == intervals.stated(ind)
