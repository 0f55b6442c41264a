"""The words helpers (regex calls with concurrent=False by position) tied to the plain calls on the real pages, as the
units and officials finders use them; and the units pre-checks tied to their patterns."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex

from extract import officials, units
from extract.language.words import WordStarts, finditer_at, finditer_in, match_in, search_in, split_in
from extract.reading import iter_articles
from extract.units import agencies

REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "real"


def _real_texts() -> list[str]:
    if not REAL.is_dir():
        pytest.skip("no ../shared/real")
    return [a.text for a in iter_articles(sorted(str(p) for p in REAL.iterdir())) if hasattr(a, "text")]


def _spans(matches) -> list:
    return [(m.span(), {k: v for k, v in m.groupdict().items() if v is not None}, m.group()) for m in matches]


@pytest.mark.parametrize("timeout", [None, 5.0])
def test_the_positional_calls_find_what_the_plain_calls_find_on_real_pages(timeout):
    patterns = [units._RUN, units._HOST, units._LIST_SEP, agencies._TOKEN, agencies._SKIP, agencies._BARE_TYPE]
    for text in _real_texts():
        third = len(text) // 3
        for p in patterns:
            assert _spans(finditer_in(p, text, 0, len(text), timeout=timeout)) == _spans(p.finditer(text, 0, len(text)))
            assert _spans(finditer_in(p, text, third, 2 * third, timeout=timeout)) == _spans(p.finditer(text, third, 2 * third))
            for pos in range(0, len(text), 97):
                got, want = match_in(p, text, pos, None, timeout=timeout), p.match(text, pos)
                assert _spans([got] if got else []) == _spans([want] if want else [])
                got, want = search_in(p, text, pos, pos + 200, timeout=timeout), p.search(text, pos, pos + 200)
                assert _spans([got] if got else []) == _spans([want] if want else [])
        assert split_in(officials._WORD, text, timeout=timeout) == officials._WORD.split(text)


def test_trying_at_word_starts_with_the_positional_calls_finds_what_finditer_finds_on_real_pages():
    starts = WordStarts({"typed": units._STARTS_LISTS["typed"], "heads": agencies.HEAD_WORDS})
    for text in _real_texts():
        at = starts.find(text)
        for name, pattern in (("typed", units._TYPED), ("heads", agencies._HEAD)):
            for start, end in [(0, len(text)), (len(text) // 3, len(text) // 2)]:
                assert _spans(finditer_at(pattern, text, at[name], start, end, None)) == _spans(
                    pattern.finditer(text, start, end))
        picked = finditer_at(agencies._HEAD, text, at["heads"], 0, len(text), 5.0, pick=lambda s: agencies._HEAD_BY_LETTER.get(text[s].lower(), agencies._HEAD))
        assert _spans(picked) == _spans(agencies._HEAD.finditer(text))


class _Spy:
    """A pattern that records the positional arguments of its calls."""

    def __init__(self, pattern: str):
        self.pattern, self.calls = regex.compile(pattern), []

    def __getattr__(self, name):
        method = getattr(self.pattern, name)

        def call(*args, **kw):
            assert not kw, "a keyword costs the regex module its slow argument parsing"
            self.calls.append((name, args[1:]))
            return method(*args)
        return call


def test_the_calls_pass_concurrent_false_and_the_guard_timeout_by_position():
    spy = _Spy("b")
    assert match_in(spy, "abab", 1, None, timeout=None).span() == (1, 2)
    assert search_in(spy, "abab", 2, 4, timeout=1.0).span() == (3, 4)
    assert [m.span() for m in finditer_in(spy, "abab", 0, 4, timeout=None)] == [(1, 2), (3, 4)]
    assert [m.span() for m in finditer_in(spy, "abab", 0, 4, timeout=1.0)] == [(1, 2), (3, 4)]
    assert [m.span() for m in finditer_at(spy, "abab", [0, 1, 3], 0, 4, 1.0)] == [(1, 2), (3, 4)]
    assert split_in(spy, "abab", timeout=1.0) == ["a", "a", ""]
    assert spy.calls == [
        ("match", (1, None, False)), ("search", (2, 4, False, False, 1.0)),
        ("finditer", (0, 4, False, False)), ("finditer", (0, 4, False, False, False, 1.0)),
        ("match", (0, 4, False, False, 1.0)), ("match", (1, 4, False, False, 1.0)), ("match", (3, 4, False, False, 1.0)),
        ("split", (0, False, 1.0)),
    ]


@pytest.mark.timeout(60)
def test_a_runaway_pattern_still_times_out_through_every_call():
    slow, text, t = regex.compile(r"(?:a|aa)*[bc]"), "a" * 200, 0.05  # without a timeout, not done in minutes
    for run in (lambda: match_in(slow, text, 0, None, timeout=t), lambda: search_in(slow, text, 0, None, timeout=t),
                lambda: list(finditer_in(slow, text, 0, len(text), timeout=t)), lambda: split_in(slow, text, timeout=t),
                lambda: list(finditer_at(slow, text, [0], 0, len(text), t))):
        with pytest.raises(TimeoutError):
            run()


def test_a_head_is_counted_by_its_pre_check_exactly_where_the_counted_pattern_matches_on_real_pages():
    texts = _real_texts() + ["các Sở", "3 Phòng", "mô hình Trung tâm", "những  Sở", "xyzcác Sở", "٣ Sở"]
    checked = 0
    for text in texts:
        for head in range(1, len(text) + 1):
            want = agencies._COUNTED.match(text, max(0, head - 10), head) is not None
            assert agencies._counted(text, head) == want, (text[max(0, head - 12):head + 5], head)
            checked += want
    assert checked > 10


def test_a_token_needs_a_name_prefix_word_at_its_start_for_the_prefix_pattern_on_real_pages():
    words = {t.text for text in _real_texts() for t in officials._tokenize(text)} | {"H'Yâo", "H’Hen", "H'", "Hà"}
    for word in words:
        if officials._NAME_PREFIX.match(word):
            assert word.startswith(officials._NAME_PREFIXES), word
        tok = officials._tokenize(word)[0]
        plain = officials._NAME_PREFIX.sub("", tok.text)
        assert officials._is_syllable(tok) == (plain.isalpha() and plain[0].isupper() and (len(plain) == 1 or plain[1:].islower()))
    assert officials._is_syllable(officials._tokenize("H'Yâo")[0])

