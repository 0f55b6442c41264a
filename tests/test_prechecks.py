"""The indicators step's shortcuts give exactly what its patterns alone give: a pattern tried only where one of
its words starts, an end-anchored pattern read backwards from the end, numbers read with an offset."""
from __future__ import annotations

import regex
import pytest

from extract.indicators import cues as ind
from extract.indicators import numbers
from extract.language import rules
from extract.language.words import WordGroups, WordSet, finditer_at_words, found_between, starts_between


@pytest.fixture(scope="module")
def lines(corpus_articles):
    """Every non-empty line of the sample articles, and every example and negative of indicators.yaml."""
    found = [ln for a in corpus_articles for ln in a.text.splitlines() if ln.strip()]
    rf = rules.load("indicators")
    for rule in rf.rules:
        found += [ex.text for ex in rule.examples] + [getattr(neg, "text", neg) for neg in rule.negatives]
    return found


def test_word_starts_ignore_case_and_keep_only_whole_words_when_asked():
    words = WordSet(["năm", "ba"], fold=True)
    text = "Năm 2023, BA xã và ban ngành; bao năm5"
    assert words.starts(text, whole=True) == [0, 10]  # "ban" and "bao" hold "ba"; a digit follows "năm5"
    assert words.starts(text) == [0, 10, 19, 30, 34]
    assert WordSet(["ss"], fold=True).starts("Straße") is None  # folding changed the length: offsets would lie
    assert WordSet([], fold=True).starts("năm") == []


def _cases():
    return [("words", numbers._WORDS, numbers._WORD_CUES, True, False),
            ("levels", ind._LEVELS, ind._LEVEL_CUES, False, False),
            ("change", ind._CHANGE, ind._CHANGE_CUES, False, False),
            ("respectively", ind._RESPECTIVELY, ind._RESPECTIVELY_CUES, False, False),
            ("specific", ind._SPECIFIC, ind._KEYWORD_STARTS[ind._SPECIFIC], True, True),
            ("generic", ind._GENERIC, ind._KEYWORD_STARTS[ind._GENERIC], True, True),
            ("procedure", ind._PROC_KIND, ind._KEYWORD_STARTS[ind._PROC_KIND], True, False)]


@pytest.mark.parametrize("name,pattern,words,whole,overlapped", _cases(), ids=[c[0] for c in _cases()])
def test_a_pattern_tried_where_its_words_start_finds_what_it_finds_everywhere(lines, name, pattern, words, whole,
                                                                               overlapped):
    got = [[m.span() for m in finditer_at_words(pattern, words, ln, whole=whole, overlapped=overlapped)] for ln in lines]
    want = [[m.span() for m in pattern.finditer(ln, overlapped=overlapped)] for ln in lines]
    assert any(want)
    assert got == want


def _before_numbers(lines):
    """What precedes each digit run, as the step cuts it (60 characters back), and the whole text before it."""
    return [ln[lo:m.start()] for ln in lines for m in regex.finditer(r"\d+", ln) for lo in (max(0, m.start() - 60), 0)]


@pytest.mark.parametrize("name", ["_NOT_FIGURE", "_QUALIFIER", "_RANK_BEFORE", "_RATE_VERB_END", "_RANK_IS"])
def test_an_end_anchored_pattern_matched_backwards_agrees_with_a_forward_search(lines, name):
    backwards = getattr(ind, name)
    assert backwards.flags & regex.REVERSE
    forward = regex.compile(backwards.pattern, backwards.flags & ~regex.REVERSE)
    texts = _before_numbers(lines)
    seen = [forward.search(t) for t in texts]
    assert any(seen)
    assert [m and (m.span(), m.groups()) for m in map(backwards.match, texts)] == [
        m and (m.span(), m.groups()) for m in seen]


def test_the_last_clause_end_found_backwards_is_the_last_one_found_forwards(lines):
    texts = _before_numbers(lines)
    last = [[m.span() for m in ind._CLAUSE_END.finditer(t)][-1:] for t in texts]
    assert any(last)
    assert [[m.span()] if (m := ind._LAST_CLAUSE_END.search(t)) else [] for t in texts] == last


def test_numbers_read_with_an_offset_are_the_same_numbers_shifted(corpus_articles):
    text = corpus_articles[0].text
    plain = numbers.scan(text)
    shifted = numbers.scan(text, offset=17)
    assert plain and [(n.start + 17, n.end + 17, n.text, n.value, n.rule) for n in plain] == [
        (n.start, n.end, n.text, n.value, n.rule) for n in shifted]


def _parts(text: str) -> list[tuple[int, int]]:
    """Its lines, and windows cut anywhere, inside words too."""
    lines, lo = [], 0
    for ln in text.split("\n"):
        lines.append((lo, lo + len(ln)))
        lo += len(ln) + 1
    return lines + [(a, min(len(text), a + w)) for w in (7, 40) for a in range(0, len(text), 5)]


@pytest.mark.parametrize("words", [numbers._WORD_CUES, ind._CANDIDATE_CUES], ids=["number words", "candidate cues"])
def test_words_found_once_in_a_text_and_read_back_per_part_are_those_found_in_the_part(corpus_articles, words):
    texts = [a.text for a in corpus_articles] + ["năm nămx ba, bao; Năm5 hàng trăm xếp thứ hai"]
    for text in texts:
        hits = words.hits(text)
        assert hits is not None
        for lo, hi in _parts(text):
            assert starts_between(hits, text, lo, hi) == words.starts(text[lo:hi], whole=True)
            assert found_between(hits, lo, hi) == words.found_in(text[lo:hi])
    cut = "nămx"  # cut after "năm": whole in the part, not in the text
    assert starts_between(numbers._WORD_CUES.hits(cut), cut, 0, 3) == [0]
    assert WordSet(["ss"], fold=True).hits("Straße") is None


def test_words_found_in_a_text_folded_once_are_those_found_folding_it_each_time(corpus_articles):
    text = corpus_articles[0].text
    folded = text.casefold()
    words = ind._LEVEL_CUES
    assert words.starts(text, folded=folded) == words.starts(text) and words.starts(text)
    assert words.found_in(text, folded=folded) == words.found_in(text)
    assert words.hits(text, folded=folded) == words.hits(text)
    assert words.any_in(text, folded=folded)


def test_numbers_looked_for_from_the_first_digit_to_the_last_are_all_the_numbers(lines):
    texts = lines + ["âm   5 và -3, (-4) x-5 âm\t7", "abc12 3 và 1.234,5 triệu", "-", "âm", "9 9 ,2 %",
                     "Âm 3 và ÂM  4, tâm 5", "âm -3", "(âm\t2)", "xâm 4", "3 -4-5 " + " " * 50 + "âm" + " " * 40 + "6"]
    got = [[(n.start, n.end) for n in numbers.scan(t, words=False)] for t in texts]
    want = [[m.span() for m in numbers._NUMBER.finditer(t) if numbers._read_match(m.groups())[0] is not None]
            for t in texts]
    assert any(want)
    assert got == want


def test_the_commune_subject_searched_backwards_is_found_where_a_forward_search_finds_it(lines):
    backwards = ind._COMMUNE_SUBJECT
    assert backwards.flags & regex.REVERSE
    forward = regex.compile(backwards.pattern, backwards.flags & ~regex.REVERSE)
    texts = _before_numbers(lines) + ["Hiện nay, xã bố trí ", "Xã Hòa Bình có ", "người dân xã A có "]
    found = [bool(forward.search(t)) for t in texts]
    assert any(found)
    assert [bool(backwards.search(t)) for t in texts] == found


def test_word_lists_found_in_one_pass_are_those_each_list_finds_alone(corpus_articles):
    lists = {"levels": [w for ws in ind._LEX["levels"].values() for w in ws], "number words": numbers.WORD_CUES,
             "commune": ind._CUES["commune_words"], "xã twice": ["xã", "Xã"]}
    groups = WordGroups(lists)
    for text in [a.text for a in corpus_articles] + ["Năm xã, XÃ và thị xã; cấp xã", ""]:
        found = groups.hits(text)
        assert found.keys() == lists.keys()
        for name, words in lists.items():
            assert found[name] == WordSet(words, fold=True).hits(text)
    assert groups.hits("Straße") is None  # folding changed the length: offsets would lie
    assert WordGroups({"none": []}).hits("năm") == {"none": []}


def _prechecked():
    """(cue list, a pattern that cannot match without one of its words, forward)."""
    forward = lambda p: regex.compile(p.pattern, p.flags & ~regex.REVERSE)  # noqa: E731
    return [("province_wide", ind._PROVINCE_WIDE), ("target_after", ind._TARGET_AFTER), ("others_words", ind._OTHERS),
            ("rank_verbs", forward(ind._RANK_BEFORE)), ("continues", ind._CONTINUES),
            ("back_references", ind._BACK_REFERENCE), ("back_references", ind._AT_BACK),
            ("comparisons", ind._COMPARED), ("commune_words", forward(ind._COMMUNE_SUBJECT)),
            ("national_scope", ind._NATIONAL_SCOPE), ("national_localities", ind._NATIONAL_LOCALITIES),
            ("index_names", ind._INDEX_NAMED), ("target_words", ind._TARGET),
            ("service_level_words", ind._SERVICE), ("service_level_words", ind._SERVICE_AFTER)]


@pytest.mark.parametrize("cues, pattern", _prechecked(), ids=[c for c, _ in _prechecked()])
def test_a_pattern_matches_only_in_an_article_holding_a_word_of_its_cue_list(lines, cues, pattern):
    texts = lines + _before_numbers(lines) + ["100% thủ tục thực hiện tại Trung tâm đúng hạn"]
    matched = [t for t in texts if any(pattern.match(t, i) for i in range(len(t)))]
    assert matched  # the sample text exercises the pattern
    assert all(ind._has(t, cues) for t in matched)
    assert not ind._has("Năm 2023 đạt 90%.", cues)


def test_a_change_is_said_only_in_an_article_holding_a_word_of_increase_or_decrease(lines):
    matched = [t for t in lines if ind._CHANGE.search(t)]
    assert matched
    assert all(ind._has(t, "increase_words") or ind._has(t, "decrease_words") for t in matched)


def test_words_read_back_between_two_offsets_are_those_found_in_the_part(corpus_articles):
    text = corpus_articles[0].text
    for lo, hi in _parts(text):
        assert ind._starts_between(text, "levels", lo, hi) == ind._LEVEL_CUES.starts(text[lo:hi])
