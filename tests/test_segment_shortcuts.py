"""The segment step's shortcuts give what the full path gives on the real pages: a dot's preceding word read by
rfind when it is plain, as underthesea's walk back reads it."""
from __future__ import annotations

from pathlib import Path

from extract import segment

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _walk_back(text: str, i: int) -> bool:
    """underthesea's test of a dot, walked back a character at a time (what _no_boundary stands for)."""
    if i > 0 and text[i - 1].isdigit() and i + 1 < len(text) and text[i + 1].isdigit():
        return True
    start = i
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    return start < i and text[start:i].lower() in segment._ABBREVIATIONS


def test_a_dots_boundary_test_equals_the_walk_back_on_every_dot_of_the_pages():
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in
             sorted(REAL.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))]
    texts += ["TP.HCM. Ông A.", "v.v. và", "...", " .", "TS. Nguyễn", "(TP. Huế)", "x" * 80 + ".", "Tp.", "1.245."]
    dots = 0
    for text in texts:
        i = text.find(".")
        while i >= 0:
            assert segment._no_boundary(text, i) == _walk_back(text, i), (text[max(0, i - 30):i + 5])
            dots += 1
            i = text.find(".", i + 1)
    assert dots > 1000
    assert segment._no_boundary("(TP. Huế)", 3) and not segment._no_boundary("Hà Nội. Ông", 6)
