"""The units pre-checks of round 7 tied to their patterns on the real pages: the typed pattern is tried only after a
type word followed by what can start a name, and loses no match by it."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract import units
from extract.context import Context
from extract.language.words import ARTICLE_WORDS
from extract.reading import iter_articles

REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "real"


def _real_texts() -> list[str]:
    if not REAL.is_dir():
        pytest.skip("no ../shared/real")
    return [a.text for a in iter_articles(sorted(str(p) for p in REAL.iterdir())) if hasattr(a, "text")]


def test_every_typed_match_starts_where_a_type_word_is_followed_by_what_can_start_a_name():
    skipped = 0
    for text in _real_texts():
        ctx = Context(id="x", text=text)
        if ARTICLE_WORDS.hits(text, ctx.lower(), ctx.folded()) is None:
            continue
        at = units._starts(ctx)["typed"]
        every = sorted({s for s, _, _ in ARTICLE_WORDS.hits(text)[units._STARTS_KEYS["typed"]]})
        matched = [m.start() for m in units._TYPED.finditer(text)]
        assert set(matched) <= set(at) <= set(every), text[:80]
        skipped += len(every) - len(at)
    assert skipped > 100  # the pre-check does keep the pattern off type words with no name after them


@pytest.mark.parametrize("text, after", [("huyện Tháp Mười", True), ("Q.3 nhận", True), ("Q.Bình Thạnh", True),
                                         ("xã hội", False), ("tỉnh ủy", False), ("huyện,", False), ("huyện", False),
                                         ("tỉnh  Long An", False)])
def test_a_name_may_follow_a_type_word_only_after_at_most_one_space(text, after):
    end = len(text.split(" ")[0]) if not text.startswith("Q.") else 2
    assert units._name_after(text, end) is after
    assert bool(units._TYPED.match(text)) is after


_EDGES = ["BAOTAYNINH.VN", "x baotayninh.vn", "Nguồn: www.moj.gov.vn.", "a" * 40 + "." + "b" * 40 + "." + "c" * 40
          + "." + "d" * 40 + ".com tin", "e" * 41 + ".vn", "xem abc.net/", "thư ktv.vnx", "đi ab.com.vn và cd.COM"]


def test_addresses_looked_for_in_their_stretch_are_those_found_in_the_whole_text():
    narrowed = 0
    for text in _real_texts() + _EDGES + ["Tin " * 80 + e + " hết" * 80 for e in _EDGES]:
        stretch = units._host_stretch(text)
        whole = [m.span() for m in units._HOST.finditer(text)]
        assert whole == ([] if stretch is None else [m.span() for m in units._HOST.finditer(text, *stretch)]), text
        narrowed += stretch is not None and stretch != (0, len(text))
    assert narrowed > 10
