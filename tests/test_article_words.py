"""The one pass of every step's word lists (`words.ARTICLE_WORDS`) finds, for each list, what that step's own
lookup finds alone; on a text whose lower case is not its case-folded form, it gives way to those lookups."""
from __future__ import annotations

from extract import dates, officials, units
from extract.indicators import cues
from extract.language.words import ARTICLE_WORDS, ArticleWords, WordSet, found_between, found_in_part

import extract.pipeline  # noqa: F401  every step's lists are added, as in a run

ODD = ["Thủ tướng ông Nguyễn Văn A, UBND xã B ngày 12/4", "", "ΣΟΦΙΑ ς, UBND xã", "Straße của Bộ Nội vụ",
       "Phó Chủ tịch UBND TP. Hà Nội; Sở Nội vụ tỉnh; 15/8/2022 và tháng 3"]


def _texts(corpus_articles) -> list[str]:
    return [a.text for a in corpus_articles] + ODD


def test_each_list_of_the_one_pass_is_what_its_step_finds_alone(corpus_articles):
    checked = 0
    for text in _texts(corpus_articles):
        found = ARTICLE_WORDS.hits(text)
        low = text.lower()
        if found is None:
            assert len(low) != len(text) or low != text.casefold()
            continue
        checked += 1
        at = units._STARTS.find(text)
        assert {name: sorted({s for s, _, _ in found[key]}) for name, key in units._STARTS_KEYS.items()} == at
        assert found[officials._GATE_LIST] == officials._GATE.hits(low)
        assert found_between(found[dates._NEED_LIST], 0, len(text)) == found_in_part(dates._NEED_WORDS, low, 0, len(text))
        assert bool(found[units._TWO_TIER_LIST]) == units._TWO_TIER_WORDS.any_in(text.casefold())
        assert ARTICLE_WORDS.last(text) is found and ARTICLE_WORDS.last(text + " ") is None
        own = cues._ARTICLE_WORDS.hits(text)
        assert {name: found[key] for name, key in cues._ARTICLE_KEYS.items()} == own
    assert checked >= len(corpus_articles)


def test_a_text_whose_lower_case_is_not_its_folding_gets_no_shared_hits():
    assert ARTICLE_WORDS.hits("ΣΟΦΙΑ ς, UBND xã") is None  # final sigma: lower 'ς', folded 'σ'
    assert ARTICLE_WORDS.hits("Straße của Bộ Nội vụ") is None  # folding makes it longer
    assert ARTICLE_WORDS.hits("UBND xã Hòa Bình") is not None


def test_a_list_added_later_is_found_from_the_next_text_on():
    index = ArticleWords()
    a = index.add("a", ["ubnd"])
    text = "UBND xã Hòa Bình, xã Hòa Bình"
    assert index.hits(text) == {a: [(0, 4, "ubnd")]}
    b = index.add("b", ["xã"])
    assert index.hits(text) == {a: [(0, 4, "ubnd")], b: [(5, 7, "xã"), (18, 20, "xã")]}
    assert index.hits(text)[b] == WordSet(["xã"]).hits(text.lower())
