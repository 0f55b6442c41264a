"""The regex guard (issue 16): per-call timeouts only on articles long enough for a runaway to matter."""
from __future__ import annotations

import regex

from extract import pipeline, settings
from extract.indicators import numbers
from extract.reading.article import Article

SENTENCE = "Ngày 15/8/2022, Ủy ban nhân dân tỉnh Long An tiếp nhận 1.245 hồ sơ, giải quyết đúng hạn 98,5%.\n"


class Spy:
    """The number pattern, noting the timeout of every call the finders make with it."""

    def __init__(self, pattern: regex.Pattern):
        self.pattern, self.timeouts = pattern, []

    def finditer(self, *args, timeout=None, **kw):
        self.timeouts.append(timeout)
        return self.pattern.finditer(*args, timeout=timeout, **kw)

    def __getattr__(self, name):
        return getattr(self.pattern, name)


def timeouts_for(text: str, monkeypatch) -> set:
    spy = Spy(numbers._NUMBER)
    monkeypatch.setattr(numbers, "_NUMBER", spy)
    record = pipeline.process(Article("a", text))
    assert record.indicators  # the figures were read, so the spied pattern ran
    return set(spy.timeouts)


def test_a_news_length_article_runs_its_regexes_without_a_clock_per_call(monkeypatch):
    assert timeouts_for(SENTENCE * 3, monkeypatch) == {None}


def test_a_long_article_keeps_the_per_call_timeout(monkeypatch):
    text = SENTENCE * (settings.REGEX_GUARD_FROM // len(SENTENCE) + 1)
    assert timeouts_for(text, monkeypatch) == {settings.REGEX_TIMEOUT}


def test_a_runaway_on_a_long_article_is_a_warning_not_a_hang(monkeypatch):
    monkeypatch.setattr(settings, "REGEX_GUARD_FROM", 10)

    def runaway(*args, timeout=None, **kw):
        assert timeout is not None
        raise TimeoutError("regex timed out")
    spy = Spy(numbers._NUMBER)
    spy.finditer = runaway
    monkeypatch.setattr(numbers, "_NUMBER", spy)
    record = pipeline.process(Article("a", SENTENCE))
    assert any("timed out" in w for w in record.warnings) and record.dates
