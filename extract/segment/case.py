"""The page's lower case, made once per article: the dates and officials steps both read their words in it."""
from __future__ import annotations

_last: tuple[str, str] = ("", "")  # (text, its lower case): the article being processed


def lower(text: str) -> str:
    """text.lower(), kept for the last text asked about: the same object is asked again by the next step."""
    global _last
    if _last[0] is not text:
        _last = (text, text.lower())
    return _last[1]
