"""Speed round 7 of the indicators step gives what the branch point gave: numbers.scan reads each number's surface
once (numbers._READ) and finds the digit readings in one pass of the line, with the same numbers as reading every
match of the full pattern (_NUMBER) from its own groups, on every line of real text."""
from __future__ import annotations

import random

import pytest

from extract.indicators import numbers

from conftest import SHARED


@pytest.fixture(scope="module")
def real_lines():
    from extract.reading import iter_articles

    pages = sorted(str(p) for p in (SHARED / "real").glob("*.txt"))
    return [ln for a in iter_articles(pages) if hasattr(a, "text") for ln in a.text.splitlines() if ln.strip()]


def _read_from_groups(text: str) -> list[tuple]:
    """The numbers of `text` as _NUMBER's matches say, each read from its own groups (no reading kept)."""
    out = []
    for m in numbers._NUMBER.finditer(text):
        value, rule = numbers._read_match.__wrapped__(m.groups())
        if value is not None:
            out.append((m.start(), m.end(), m.group(0), value, rule, bool(m.group("scale"))))
    return out


def test_a_surface_read_once_gives_every_later_number_with_that_surface_what_its_own_groups_give(real_lines):
    extra = ["âm 5 và -3, (-4) x-5", "9 9 ,2 % và 9 9 ,2", "1,2 nghìn tỷ, 1.200 và 1,2", "15/8 và 86.45%, 0,72",
             "-1.200 triệu (âm 1.200 triệu)", "2019-2020: 1.2345 và 12,5.6"]
    texts = real_lines + extra
    numbers._READ.clear()
    for order in (texts, random.Random(7).sample(texts, len(texts))):  # the second pass reads from kept surfaces
        got = [[tuple(n) for n in numbers.scan(t, words=False)] for t in order]
        assert got == [_read_from_groups(t) for t in order]
    assert numbers._READ and any(got)


def test_a_line_with_no_digit_and_no_number_word_gives_no_candidate():
    from extract.indicators.candidates import _Lines, _candidates

    text = "Không có số nào ở đây.\nCó 12 hồ sơ."
    lines = _Lines(text, text.casefold())
    assert _candidates(lines, 0, 22) == []
    assert [n.text for n in _candidates(lines, 23, len(text))] == ["12"]
