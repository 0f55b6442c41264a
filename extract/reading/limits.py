"""Size limits on one article, applied when it is read, before the pipeline sees it.

An article over a limit is cut, never skipped, and carries a warning that says
where and why; the finders then work on a bounded text whatever the input.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from extract.settings import DEFAULT_MAX_CHARS, DEFAULT_MAX_LINE

# How far back from a limit a cut looks for whitespace so that no word is split.
_CUT_SLACK = 1_000


@dataclass(frozen=True)
class Limits:
    max_chars: int = DEFAULT_MAX_CHARS  # characters kept of one article
    max_line: int = DEFAULT_MAX_LINE  # characters kept of one line

    @classmethod
    def of(cls, max_chars: Optional[int] = None, max_line: Optional[int] = None) -> "Limits":
        """Limits from command-line values, None meaning the default."""
        return cls(max_chars or DEFAULT_MAX_CHARS, max_line or DEFAULT_MAX_LINE)

    def __post_init__(self):
        if self.max_chars < 1 or self.max_line < 1:
            raise ValueError(f"limits must be positive: {self}")

    @property
    def max_bytes(self) -> int:
        """Bytes worth reading for max_chars characters in any supported encoding (4 bytes each at most)."""
        return 4 * self.max_chars + 4


def cut(text: str, limit: int) -> str:
    """The text's first `limit` characters, ending at whitespace when there is some near the limit."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = max(head.rfind(" "), head.rfind("\n"))
    return head[:space] if space >= limit - _CUT_SLACK and space > 0 else head


def apply(text: str, limits: Limits, truncated: bool = False) -> tuple[str, list[str]]:
    """Cuts over-long lines, then the whole text; `truncated` says reading already stopped early."""
    warnings: list[str] = []
    if len(text) > limits.max_line:
        text, long_lines = _cut_lines(text, limits.max_line)
        if long_lines:
            warnings.append(
                f"{len(long_lines)} line(s) longer than {limits.max_line:,} characters were cut "
                f"(max_line; first at line {long_lines[0]})"
            )
    if len(text) > limits.max_chars or truncated:
        text = cut(text, limits.max_chars)
        warnings.append(f"article cut at {len(text):,} characters (max_chars {limits.max_chars:,}); the rest was not read")
    return text, warnings


def _cut_lines(text: str, limit: int) -> tuple[str, list[int]]:
    lines = text.split("\n")
    long_lines = [i + 1 for i, line in enumerate(lines) if len(line) > limit]
    for i in long_lines:
        lines[i - 1] = cut(lines[i - 1], limit)
    return "\n".join(lines), long_lines
