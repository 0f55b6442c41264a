"""Round 6's shortcut in the dates step gives exactly what the full path gives: whether a text holds a digit of
another script is asked once an article, and a segment's needs read with that answer equal those read alone."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from extract import dates, segment
from extract.context import Context, Segment

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real"


@pytest.fixture(scope="module")
def pages() -> list[Context]:
    out = []
    for p in sorted(REAL.glob("*.txt")):
        ctx = Context(id=p.name, text=unicodedata.normalize("NFC", p.read_text(encoding="utf-8", errors="replace")))
        segment.segment(ctx)
        out.append(ctx)
    return out


def test_the_needs_read_with_the_articles_answer_equal_each_segments_own(pages):
    for ctx in pages:
        other = dates._OTHER_DIGIT.search(ctx.text) is not None
        for seg in ctx.content():
            assert dates._present(ctx.text, seg, other_digits=other) == dates._present(ctx.text, seg), (ctx.id, seg)


@pytest.mark.parametrize("text", ["Ngày ١٥/٣/2024, hội nghị khai mạc", "ngày 15/３/2024 là hạn cuối"])
def test_a_digit_of_another_script_is_still_looked_for_in_the_segment(text):
    seg = Segment("body", 0, len(text))
    assert dates._OTHER_DIGIT.search(text) is not None
    assert dates._present(text, seg, other_digits=True) >= dates._AFTER_DIGIT
    assert dates._present(text, seg, other_digits=False) != dates._present(text, seg)  # the answer is used


def test_a_text_without_one_skips_the_search_and_keeps_its_needs():
    text = "Tính đến ngày 15/3/2024, toàn tỉnh tiếp nhận 1.245 hồ sơ"
    seg = Segment("body", 0, len(text))
    assert dates._OTHER_DIGIT.search(text) is None
    assert dates._present(text, seg, other_digits=False) == dates._present(text, seg)
    assert {"digit", "digit/|digit-"} <= dates._present(text, seg, other_digits=False)
