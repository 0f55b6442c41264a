"""The dates step's round-7 shortcuts give what the full path gives, on the real pages: numbers looked for only
from a segment's first digit on."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from extract import dates, segment
from extract.context import Context

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
