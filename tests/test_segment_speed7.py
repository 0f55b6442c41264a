"""The segment step's round-7 pre-checks tied to their patterns on every line of the real pages: a trailing stamp
is searched only in a line ending in a digit, an affiliation removed only from a line with a bracket, comma or dash."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract import segment
from extract.reading import iter_articles

REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "real"
EDGES = ["Hà Nội 12/3/2024", "Tin 16:34, 31/03/2023 \u3000", "Phóng viên 1/2/2023\u00a0\t", "Thanh Tùng (TTXVN)",
         "Lê Văn A, Chủ tịch", "Minh Anh - Báo Nhân dân", "THANH TÙNG", "Ảnh: 12-4-2024.", "x 1\u0662/4/2024"]


def _lines() -> list[str]:
    if not REAL.is_dir():
        pytest.skip("no ../shared/real")
    texts = [a.text for a in iter_articles(sorted(str(p) for p in REAL.iterdir())) if hasattr(a, "text")]
    return [line for t in texts for line in t.splitlines() if line.strip()] + EDGES


def test_a_stamp_is_found_in_every_line_where_a_search_of_the_whole_line_finds_one():
    lines, stamped = _lines(), 0
    for line in lines:
        want = segment._STAMP.search(line)
        got = segment._stamp_in(line)
        assert (got and got.span()) == (want and want.span()), line
        stamped += want is not None
    assert stamped > 10 and len(lines) > 1000


def test_an_affiliation_is_removed_as_the_plain_substitution_removes_it():
    lines, changed = _lines(), 0
    for line in lines:
        assert segment._without_affiliation(line) == segment._AFFILIATION.sub("", line), line
        changed += segment._AFFILIATION.sub("", line) != line
    assert changed > 100
