"""Speed round 7 of the indicators step gives what the branch point gave: numbers.scan reads each number's surface
once (numbers._READ) and finds the digit readings in one pass of the line, with the same numbers as reading every
match of the full pattern (_NUMBER) from its own groups, on every line of real text."""
from __future__ import annotations

import random

import pytest

from extract.indicators import numbers

from conftest import SHARED


@pytest.fixture(scope="module")
def real_lines():
    from extract.reading import iter_articles

    pages = sorted(str(p) for p in (SHARED / "real").glob("*.txt"))
    return [ln for a in iter_articles(pages) if hasattr(a, "text") for ln in a.text.splitlines() if ln.strip()]


def _read_from_groups(text: str) -> list[tuple]:
    """The numbers of `text` as _NUMBER's matches say, each read from its own groups (no reading kept)."""
    out = []
    for m in numbers._NUMBER.finditer(text):
        value, rule = numbers._read_match.__wrapped__(m.groups())
        if value is not None:
            out.append((m.start(), m.end(), m.group(0), value, rule, bool(m.group("scale"))))
    return out


def test_a_surface_read_once_gives_every_later_number_with_that_surface_what_its_own_groups_give(real_lines):
    extra = ["âm 5 và -3, (-4) x-5", "9 9 ,2 % và 9 9 ,2", "1,2 nghìn tỷ, 1.200 và 1,2", "15/8 và 86.45%, 0,72",
             "-1.200 triệu (âm 1.200 triệu)", "2019-2020: 1.2345 và 12,5.6"]
    texts = real_lines + extra
    numbers._READ.clear()
    for order in (texts, random.Random(7).sample(texts, len(texts))):  # the second pass reads from kept surfaces
        got = [[tuple(n) for n in numbers.scan(t, words=False)] for t in order]
        assert got == [_read_from_groups(t) for t in order]
    assert numbers._READ and any(got)


def test_a_line_with_no_digit_and_no_number_word_gives_no_candidate():
    from extract.indicators.candidates import _Lines, _candidates

    text = "Không có số nào ở đây.\nCó 12 hồ sơ."
    lines = _Lines(text, text.casefold())
    assert _candidates(lines, 0, 22) == []
    assert [n.text for n in _candidates(lines, 23, len(text))] == ["12"]


@pytest.fixture(scope="module")
def real_texts():
    from extract.reading import iter_articles

    pages = sorted(str(p) for p in (SHARED / "real").glob("*.txt"))
    return [a.text for a in iter_articles(pages) if hasattr(a, "text")]


def test_the_cue_lists_opening_letters_have_no_case_partner_but_their_lower_and_upper_case():
    import regex

    from extract.indicators import cues

    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for opens in (cues._CONTINUES_OPENS, cues._OTHER_BODIES_OPENS):
        for c in opens:
            partners = {m.group(0) for m in regex.finditer(regex.escape(c), everything, regex.IGNORECASE)}
            assert partners <= opens and partners == {c.lower(), c.upper()} | ({c} if c in " \t" else set()), c


def _opens_at_every_match(pattern, texts, check):
    """Every position of `texts` where `pattern` matches (overlapped: at each start) passes `check(text, pos)`."""
    found = 0
    for text in texts:
        for m in pattern.finditer(text, overlapped=True):
            assert check(text, m.start()), (pattern.pattern[:40], text[m.start():m.start() + 40])
            found += 1
    return found


def test_a_pattern_is_skipped_only_where_the_text_opens_with_no_character_it_can_match_with(real_texts):
    from extract.indicators import cues

    texts = real_texts + ["- nhận 500 hồ sơ\n\t• 3 xã\n– 2 huyện\n+ 1\n* 4\nTrong đó, 12 xã; ĐỒNG THỜI 3 huyện",
                          "56 TTHC cơ quan khác, 12 thủ tục thuộc ngành dọc, 3 hồ sơ CỦA các Cơ Quan Trung Ương",
                          "Sở A (191 DVCTT), Sở B (174) ,\tSở C ( 160)", "năm 2023 có năm hồ sơ, ba % và hai phần trăm"]
    assert _opens_at_every_match(cues._BULLET, texts, lambda t, p: t[p:p + 1] in cues._BULLET_OPENS)
    assert _opens_at_every_match(cues._CONTINUES, texts, lambda t, p: t[p:p + 1] in cues._CONTINUES_OPENS)
    assert _opens_at_every_match(cues._OTHER_BODIES, texts,
                                 lambda t, p: cues._opens(t, p) in cues._OTHER_BODIES_OPENS)
    assert _opens_at_every_match(cues._LIST_NEXT, texts, lambda t, p: cues._opens(t, p) == ")")
    for unit in (cues._PERCENT, cues._NOUN):
        assert _opens_at_every_match(unit, texts, lambda t, p: not cues._no_word_opens(cues._opens(t, p)))


def test_a_line_reads_the_same_candidates_from_the_article_words_as_on_its_own(real_texts):
    from extract.indicators.candidates import _Lines, _candidates

    read = 0
    for text in real_texts + ["Không có gì.\nHàng trăm hồ sơ, một nửa số xã và 12 huyện."]:
        article, alone = _Lines(text, text.casefold()), _Lines(text, text.casefold())
        alone.numbers = alone.cues = None  # what a text whose case-folding changes its length gets: each line alone
        start = 0
        for line in text.split("\n"):
            got = _candidates(article, start, start + len(line))
            assert got == _candidates(alone, start, start + len(line)), line
            read += len(got)
            start += len(line) + 1
    assert read


def test_a_paragraph_s_tiers_read_from_the_article_words_are_those_its_own_text_names(real_texts):
    import extract.indicators as ind
    from extract.indicators.cues import _article_words
    from extract.indicators.tiers import _level_marks

    named = 0
    for text in real_texts + ["Ở cấp xã, 12 hồ sơ.\nKhông có cấp nào.\nToàn tỉnh và cấp huyện: 3 thủ tục."]:
        _article_words(text, text.casefold())
        start = 0
        for para in text.split("\n"):
            lo, hi = start, start + len(para)
            want = [(p + lo, lv, strong, end + lo) for p, lv, strong, end in _level_marks(para)]
            assert ind._paragraph_marks(text, lo, hi) == want, para
            named += bool(want)
            start = hi + 1
    assert named
