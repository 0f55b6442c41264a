"""A module's regexes kept compiled in __pycache__ beside it, as Python keeps its bytecode.

The `regex` module parses a pattern in Python, about a millisecond for a rule of a few hundred
characters: the patterns built at import cost a start-up tens of milliseconds before any worker
can start. A compiled pattern pickles to its compiled code, which unpickles without that parse.
The file is named by the regex version and keyed by each pattern's text and flags, so a pattern
that changed is compiled again and the file rewritten with the patterns the module now builds.
"""
from __future__ import annotations

from pathlib import Path

import regex

from extract.language import pickled


class Patterns:
    """The compiled patterns of one module: `compile` each, then `save` once they are all built."""

    def __init__(self, module_file: str):
        path = Path(module_file)
        self._stem = path.stem
        self._file = path.parent / "__pycache__" / f"{path.stem}.regex-{regex.__version__}.pickle"
        self._known: dict[tuple[str, int], regex.Pattern] = pickled.load(self._file) or {}
        self._built: dict[tuple[str, int], regex.Pattern] = {}
        self._missed = False

    def compile(self, pattern: str, flags: int = 0) -> regex.Pattern:
        key = (pattern, int(flags))
        compiled = self._known.get(key)
        if compiled is None:
            compiled = regex.compile(pattern, flags)
            self._missed = True
        self._built[key] = compiled
        return compiled

    def save(self) -> None:
        """Writes the patterns built so far when one of them was not in the file."""
        if not self._missed:
            return
        pickled.store(self._file, self._built, stale=f"{self._stem}.regex-*.pickle")
        self._missed = False
