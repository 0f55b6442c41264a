"""The regex guard of the article being processed: a per-call timeout only where a runaway is possible.

The patterns have no nested unbounded repeats, so one call's work grows at most polynomially with the text
it scans: on an article shorter than settings.REGEX_GUARD_FROM characters no call can run long, and a
per-call timeout (two clock system calls per call and per match) would cost a fifth of the CPU for
nothing. Longer articles keep it, and the per-article budget (settings.ARTICLE_TIME_BUDGET) stays checked
between steps. The finders' regex calls go through the words helpers (language/words.py), which read it at each call.
"""
from __future__ import annotations

from extract import settings

timeout: float | None = settings.REGEX_TIMEOUT  # outside an article (a finder called directly): guarded


def article(length: int) -> None:
    """Sets the guard for an article of `length` characters, before its steps run."""
    global timeout
    timeout = None if length < settings.REGEX_GUARD_FROM else settings.REGEX_TIMEOUT
