"""Shortcuts of the units step tied to the plain forms they stand for, on the real pages."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex

from extract import units
from extract.context import Context
from extract.reading import iter_articles

REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "real"

# The type words of units.admin_typed as a plain alternation; the rule writes them as a prefix tree.
PLAIN_TYPES = (r"(?P<type>[Tt]ỉnh|TỈNH|[Tt]hành[ ]phố|THÀNH[ ]PHỐ|T[Pp]\.|T[Pp](?=[ ])|[Hh]uyện|HUYỆN|[Qq]uận|QUẬN|Q\."
               r"|[Tt]hị[ ]xã|THỊ[ ]XÃ|TX\.|TX(?=[ ])|[Tt]hị[ ]trấn|THỊ[ ]TRẤN|TT\.|TT(?=[ ])|[Xx]ã|XÃ|[Pp]hường|PHƯỜNG"
               r"|P\.|H\.|[Đđ]ặc[ ]khu)")


def _real_texts() -> list[str]:
    if not REAL.is_dir():
        pytest.skip("no ../shared/real")
    return [a.text for a in iter_articles(sorted(str(p) for p in REAL.iterdir())) if hasattr(a, "text")]


def test_the_typed_rule_prefix_tree_matches_as_its_plain_alternation_on_real_pages():
    tree = units._TYPED.pattern
    start = tree.index("(?P<type>")
    end = tree.index("[ ]?(?P<name>")
    plain = regex.compile(tree[:start] + PLAIN_TYPES + tree[end:])
    for text in _real_texts():
        got = [(m.span(), m.groupdict()) for m in units._TYPED.finditer(text)]
        assert got == [(m.span(), m.groupdict()) for m in plain.finditer(text)]


@pytest.mark.parametrize("published", [None, "", "không rõ"])
def test_an_article_without_a_readable_publication_date_has_none(published):
    assert units.article_date(Context(id="x", text="t", published=published)) is None


@pytest.mark.parametrize("prefix", ["", "İ "])  # a dotted capital I grows in lower case: no starts, every head tried
def test_agency_heads_tried_by_their_first_letter_are_the_heads_of_the_whole_alternation_on_real_pages(prefix):
    from extract.units import agencies

    for text in _real_texts():
        text = prefix + text
        starts = units._STARTS.find(text)["heads"]
        got = [_read(m) for m in agencies._heads(text, starts, 0, len(text))]
        assert got == [_read(m) for m in agencies._HEAD.finditer(text)]


def _read(m) -> tuple:
    from extract.units import agencies

    return m.span(), agencies._group_index(m), {k: v for k, v in m.groupdict().items() if v is not None}
