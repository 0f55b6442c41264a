"""The audit's round-7 pre-check tied to its patterns on the real pages: a count is looked at as carried over only in
an article holding one of the carried-over words, which every match of either pattern holds."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.audit import structure
from extract.language.words import ARTICLE_WORDS
from extract.reading import iter_articles

REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "real"
CARRIED = ["tiếp nhận mới 35.768 hồ sơ, tồn kỳ trước chuyển sang 1.914 hồ sơ", "1.020 hồ sơ Kỳ Trước Chuyển Sang",
           "số hồ sơ TỒN KỲ TRƯỚC: 12", "trong đó 40 hồ sơ chuyển tiếp từ kỳ trước"]


def _texts() -> list[str]:
    if not REAL.is_dir():
        pytest.skip("no ../shared/real")
    return [a.text for a in iter_articles(sorted(str(p) for p in REAL.iterdir())) if hasattr(a, "text")] + CARRIED


def test_every_carried_over_match_lies_in_an_article_holding_a_carried_over_word():
    matched = 0
    for text in _texts():
        found = ARTICLE_WORDS.hits(text)
        if found is None:
            continue
        hits = [m.start() for p in (structure._CARRIED, structure._CARRIED_BEFORE)
                for i in range(len(text)) for m in [p.match(text, i) if p is structure._CARRIED
                                                    else p.search(text, max(0, i - 40), i)] if m]
        assert not hits or found[structure._CARRIED_LIST], text[:80]
        matched += bool(hits)
    assert matched >= len(CARRIED)
