"""The dates step's round-7 shortcuts give what the full path gives, on the real pages: numbers looked for only
from a segment's first digit on."""
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


def test_numbers_looked_for_from_a_segments_first_digit_are_those_found_from_its_start(pages):
    checked = 0
    for ctx in pages:
        for seg in ctx.content():
            first = dates._found(ctx.text, seg, None, None)[0]
            whole = [m.start() for m in dates._NUMBER_AT.finditer(ctx.text, seg.start, seg.end)]
            assert first == next((m.start() for m in dates._DIGIT.finditer(ctx.text, seg.start, seg.end)), None)
            assert whole == ([] if first is None else
                             [m.start() for m in dates._NUMBER_AT.finditer(ctx.text, first, seg.end)]), (ctx.id, seg)
            checked += bool(whole) and first > seg.start
    assert checked > 100  # segments whose numbers lie after text the shortcut skips


def test_a_rule_searched_from_the_first_of_its_start_words_finds_what_it_finds_from_the_segments_start(pages):
    """`starts` and `number_then` in patterns/dates.yaml: a segment is searched from the first of those words on."""
    from extract.language.words import ARTICLE_WORDS
    led = [r for r in dates._RULES if r.starts]
    assert {r.id for r in led if r.number_then} == {"date.first_months", "date.last_months", "date.first_days"}
    assert all(set(r.starts) <= set(dates._NEEDED_BY) for r in led)  # found by the needs' one pass
    texts = [(ctx, ctx.content()) for ctx in pages]
    texts += [(c, [Segment("body", 0, len(c.text))]) for c in (Context(id="x", text=t) for t in (
        "Báo cáo 6  tháng đầu năm 2023 và  mười hai\n tháng năm 2024", "tổng kết 9 , tháng năm 2023",
        "Trong 3 ngày đầu tháng 5, từ đầu năm đến nay, quý II năm 2023, nửa đầu năm, tháng 5/2023",
        "có " + "6" + " " * 40 + "tháng đầu năm 2023", "x " * 30 + "9" + " \n" * 15 + "tháng năm 2024"))]
    moved = 0
    for ctx, segs in texts:
        found = ARTICLE_WORDS.hits(ctx.text)
        if found is None:
            continue
        for seg in segs:
            firsts = dates._firsts(found[dates._NEED_LIST], seg.start, seg.end)
            for r in led:
                at = dates._start(ctx.text, seg, r, firsts)
                whole = [m.span() for m in r.pattern.finditer(ctx.text, seg.start, seg.end)]
                assert whole == [m.span() for m in r.pattern.finditer(ctx.text, at, seg.end)], (ctx.id, seg, r.id)
                moved += bool(whole) and at > seg.start
    assert moved > 50
