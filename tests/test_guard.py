"""The regex guard (issue 16): per-call timeouts only on articles long enough for a runaway to matter."""
from __future__ import annotations

import pytest
import regex

from extract import dates, pipeline, segment, settings, units
from extract.indicators import numbers
from extract.reading.article import Article

SENTENCE = "Ngày 15/8/2022, Ủy ban nhân dân tỉnh Long An tiếp nhận 1.245 hồ sơ, giải quyết đúng hạn 98,5%.\n"


# Where each method takes its timeout when given by position: match(string, pos, endpos, concurrent, partial,
# timeout); finditer(string, pos, endpos, overlapped, concurrent, partial, timeout).
TIMEOUT_AT = {"match": 5, "search": 5, "fullmatch": 5, "finditer": 6}


def timeout_of(method: str, args: tuple, kw: dict, left_out=None):
    """The timeout a call passed, by keyword or by position, or `left_out`."""
    at = TIMEOUT_AT[method]
    return kw.get("timeout", args[at] if len(args) > at else left_out)


class Spy:
    """The number pattern, noting the timeout of every call the finders make with it."""

    def __init__(self, pattern: regex.Pattern):
        self.pattern, self.timeouts = pattern, []

    def finditer(self, *args, **kw):
        self.timeouts.append(timeout_of("finditer", args, kw))
        return self.pattern.finditer(*args, **kw)

    def __getattr__(self, name):
        return getattr(self.pattern, name)


def timeouts_for(text: str, monkeypatch) -> set:
    spy = Spy(numbers._UNSIGNED)
    monkeypatch.setattr(numbers, "_UNSIGNED", spy)
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

    def runaway(*args, **kw):
        assert timeout_of("finditer", args, kw) is not None
        raise TimeoutError("regex timed out")
    spy = Spy(numbers._UNSIGNED)
    spy.finditer = runaway
    monkeypatch.setattr(numbers, "_UNSIGNED", spy)
    record = pipeline.process(Article("a", SENTENCE))
    assert any("timed out" in w for w in record.warnings) and record.dates


class Recorder:
    """A pattern that notes, for every call, the timeout the finder passed, or LEFT_OUT when it passed none."""
    LEFT_OUT = "left out"

    def __init__(self, pattern: regex.Pattern):
        self.pattern, self.timeouts = pattern, []

    def __getattr__(self, name):
        method = getattr(self.pattern, name)
        if name not in ("finditer", "match", "search", "fullmatch"):
            return method

        def call(*args, **kw):
            self.timeouts.append(timeout_of(name, args, kw, self.LEFT_OUT))
            return method(*args, **kw)
        return call


# Each pattern runs on every article below: the byline is name-shaped, the date is followed by text.
CALLED = [(dates, "_NUMBER_AT"), (dates, "_UNTIL_NOW"), (units, "_PRESS"), (segment, "_NAME")]


def calls_on(text: str, module, name: str, monkeypatch) -> set:
    spy = Recorder(getattr(module, name))
    monkeypatch.setattr(module, name, spy)
    record = pipeline.process(Article("a", text + "Nguyễn Văn An\n"))
    assert record.dates and record.authors == ["Nguyễn Văn An"]
    return set(spy.timeouts)


@pytest.mark.parametrize("module, name", CALLED, ids=[f"{m.__name__}.{n}" for m, n in CALLED])
def test_a_short_article_passes_no_timeout_to_dates_units_and_segment_patterns(module, name, monkeypatch):
    assert calls_on(SENTENCE * 3, module, name, monkeypatch) == {Recorder.LEFT_OUT}


@pytest.mark.parametrize("module, name", CALLED, ids=[f"{m.__name__}.{n}" for m, n in CALLED])
def test_a_long_article_keeps_the_per_call_timeout_in_dates_units_and_segment(module, name, monkeypatch):
    text = SENTENCE * (settings.REGEX_GUARD_FROM // len(SENTENCE) + 1)
    assert calls_on(text, module, name, monkeypatch) == {settings.REGEX_TIMEOUT}
