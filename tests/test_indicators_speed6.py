"""Speed round 6 of the indicators step gives what the branch point gave: its regex calls (the words helpers) keep the
GIL, pass the article's guard by default and find what the patterns' own searches find; a number's sign word is looked
for only where the words before
it end as one (numbers._SIGN_TAILS), and what follows a number only after a character it opens with: neither ever
misses a match the pattern makes on real text."""
from __future__ import annotations

import regex
import pytest

from extract import settings
from extract.indicators import cues, numbers
from extract.language import guard, words

from conftest import SHARED


@pytest.fixture(scope="module")
def real_lines():
    from extract.reading import iter_articles

    pages = sorted(str(p) for p in (SHARED / "real").glob("*.txt"))
    return [ln for a in iter_articles(pages) if hasattr(a, "text") for ln in a.text.splitlines() if ln.strip()]


class Recorder:
    """A pattern noting how each call is made: its positional arguments and its keywords."""

    def __init__(self, pattern: regex.Pattern):
        self.pattern, self.calls = pattern, []

    def __getattr__(self, name):
        method = getattr(self.pattern, name)

        def call(*args, **kw):
            self.calls.append((name, args, kw))
            return method(*args, **kw)
        return call


@pytest.mark.parametrize("name", ["match", "search", "fullmatch", "finditer"])
def test_a_call_keeps_the_gil_and_passes_the_article_guard_by_default(name, monkeypatch):
    text = "tiếp nhận 1.245 hồ sơ"
    spy = Recorder(regex.compile(r"\d[\d.]*"))
    want = regex.compile(r"\d[\d.]*")
    pos, end = 10, (15 if name == "fullmatch" else None)
    for timeout in (None, settings.REGEX_TIMEOUT):
        monkeypatch.setattr(guard, "timeout", timeout)
        got = getattr(words, f"{name}_in")(spy, text, pos, end)
        expected = getattr(want, name)(text, pos, end)
        if name == "finditer":
            got, expected = [m.span() for m in got], [m.span() for m in expected]
        else:
            got, expected = got and got.span(), expected and expected.span()
        assert got == expected and got
        called, args, kw = spy.calls[-1]
        concurrent, at = (4, 6) if name == "finditer" else (3, 5)
        assert called == name and args[concurrent] is False and not kw  # the GIL held, every argument by position
        assert (args[at] if len(args) > at else None) == timeout


def test_the_sign_word_is_looked_for_only_where_the_words_before_a_number_may_end_as_one(real_lines):
    """Wherever _SIGN_WORD matches before the spaces ahead of a number on real text (and on signed samples), the
    pre-check lets it through: scan reads the same signs as before."""
    samples = ["nhiệt độ âm 5 độ", "Âm 3,5%", "tăng trưởng âm  2", "(âm 1.200 tỷ)"]
    signed = 0
    for ln in real_lines + samples:
        for m in regex.finditer(r"(?<=[ \t])\d", ln):
            end = m.start()
            while end and ln[end - 1] in " \t":
                end -= 1
            lo = max(0, end - numbers._SIGN_REACH)
            if numbers._SIGN_WORD.match(ln, lo, end):
                signed += 1
                assert ln[lo:end].lower().endswith(numbers._SIGN_TAILS), ln
    assert signed >= len(samples)
    assert [n.value for n in numbers.scan("nhiệt độ âm 5 độ, tăng 12 độ", words=False)] == [-5, 12]


def test_what_follows_a_number_is_matched_only_where_it_opens_as_the_patterns_can(real_lines):
    """_NOT_FIGURE_AFTER and _DATE_AFTER are tried only after a character they open with: on real text (and on
    samples of each), wherever they match after a number that character opens the words after it."""
    samples = ["lúc 10h30 sáng", "ngày 15/8 tới", "số 12/QĐ-UBND", "email a1@x.vn", "web abc2.vn", "12-2 năm"]
    seen = {cues._NOT_FIGURE_AFTER: 0, cues._DATE_AFTER: 0}
    for ln in real_lines + samples:
        for m in regex.finditer(r"\d+", ln):
            after = ln[m.end():m.end() + 8]
            for pattern, opens in ((cues._NOT_FIGURE_AFTER, cues._NOT_FIGURE_AFTER_OPENS),
                                   (cues._DATE_AFTER, cues._DATE_AFTER_OPENS)):
                if pattern.match(after):
                    seen[pattern] += 1
                    assert after[:1] in opens, (ln, after)
    assert all(n >= 2 for n in seen.values())


def test_the_patterns_after_a_number_are_tried_only_where_the_words_after_it_open_as_they_can(real_lines):
    """_read tries _RANGE, _OF and _PERCENT, _bound_after _BOUND_AFTER and _AT_LEAST_AFTER, only where the words after
    a number (past spaces) open with a character of theirs: wherever they match after a number of real text (or of samples), that character opens the words."""
    from extract.indicators import _opens

    samples = ["từ 3 đến 5 ngày", "300-400 lượt", "đạt 5/9 huyện", "đạt 5 / 9", "tăng 5,3 điểm %", "95 phần trăm",
               "98%", "12 ％", "Từ 3 Đến 5", "90% trở lên", "5 ngày trở xuống", "từ 90% đến 95%", "3 lần đổ lại"]
    tried = ((cues._RANGE, cues._RANGE_OPENS), (cues._OF, cues._OF_OPENS), (cues._PERCENT, cues._PERCENT_OPENS))
    bounds = ((cues._BOUND_AFTER, cues._BOUND_OPENS), (cues._AT_LEAST_AFTER, cues._BOUND_OPENS))  # after a figure
    seen = dict.fromkeys((p for p, _ in tried + bounds), 0)
    for ln in real_lines + samples:
        for n in numbers.scan(ln):
            for pattern, opens in tried:
                if pattern.match(ln, n.end):
                    seen[pattern] += 1
                    assert _opens(ln, n.end) in opens, (ln, n)
        for pattern, opens in bounds:  # wherever they match
            for m in pattern.finditer(ln):
                seen[pattern] += 1
                assert _opens(ln, m.start()) in opens, (ln, m)
    assert all(k >= 3 for k in seen.values()), seen


def test_the_words_before_a_number_are_read_backwards_only_where_a_word_or_mark_of_theirs_stands(real_lines):
    """_excluded tries _NOT_FIGURE only where one of its words lies whole in the window before a number (the article's
    one word pass, `_word_within`) or the window ends with a mark of its (_NOT_FIGURE_MARKS): on every real page (and
    on samples) wherever it matches, one of the two holds."""
    from extract.reading import iter_articles

    pages = sorted(str(p) for p in (SHARED / "real").glob("*.txt"))
    texts = [a.text for a in iter_articles(pages) if hasattr(a, "text")]
    texts += ["Quyết định số 12 của UBND", "lúc 10h30, 8g", "mã A-3, B+4", "ngày 15. 8", "tổ 5, ấp 3", "số 90 hồ sơ",
              "trang 3/5", "Điều 5: 12", "quý 3 - 4"]
    matched = 0
    for text in texts:
        for m in regex.finditer(r"(?<!\d)\d", text):
            b0 = max(0, m.start() - 25)
            before = text[b0:m.start()]
            if cues._NOT_FIGURE.match(before):
                matched += 1
                assert before[-1:] in cues._NOT_FIGURE_MARKS or cues._word_within(text, "not_figure", b0, m.start()), \
                    before
    assert matched >= 9


def test_the_word_started_searches_find_what_finditer_finds_holding_the_gil(real_lines):
    """words.finditer_at_words and words.finditer_at, as the indicators call them (the article's guard by default),
    give the pattern's own finditer matches on every real line, and try each start with the GIL held."""
    for ln in real_lines:
        for overlapped in (False, True):
            got = [m.span() for m in words.finditer_at_words(
                cues._SPECIFIC, cues._KEYWORD_STARTS[cues._SPECIFIC], ln, whole=True, overlapped=overlapped)]
            assert got == [m.span() for m in cues._SPECIFIC.finditer(ln, overlapped=overlapped)]
        starts = cues._LEVEL_CUES.starts(ln)
        half = len(ln) // 2
        assert [m.span() for m in words.finditer_at(cues._LEVELS, ln, starts, 3, half)] == \
            [m.span() for m in cues._LEVELS.finditer(ln, 3, half)]
    spy = Recorder(cues._LEVELS)
    assert [m.group(0) for m in words.finditer_at_words(spy, cues._LEVEL_CUES, "cấp tỉnh và cấp xã")] == ["cấp tỉnh",
                                                                                                          "cấp xã"]
    assert all(args[3] is False for _, args, _ in spy.calls)
