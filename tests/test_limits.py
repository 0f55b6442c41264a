"""Size limits on one article (reading/limits.py) and the byte cap on reading one input
(reading/__init__.py): where a cut falls, what it warns, and how many bytes are read."""
from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.reading import read_stream
from extract.reading.article import Article
from extract.reading.limits import Limits, apply, cut
from extract.settings import DEFAULT_MAX_CHARS, DEFAULT_MAX_LINE

SENTENCE = "Ủy ban nhân dân huyện Hòa Thành tiếp nhận 2.315 hồ sơ, giải quyết đúng hạn 98,9%. "


# ---------------------------------------------------------------- cut: where a text is cut

def test_a_text_at_the_limit_is_not_cut():
    assert cut("hồ sơ trực tuyến", 16) == "hồ sơ trực tuyến"
    assert cut("hồ sơ trực tuyến", 15) == "hồ sơ trực"


def test_a_cut_ends_at_the_last_space_or_newline_before_the_limit():
    assert cut("giải quyết đúng hạn", 13) == "giải quyết"
    assert cut("giải quyết\nđúng hạn", 13) == "giải quyết"
    assert cut("giải quyết đúng\nhạn", 17) == "giải quyết đúng"
    assert cut("giải\nquyết\nđúng hạn", 12) == "giải\nquyết"


def test_a_cut_looks_back_at_most_a_thousand_characters_for_a_space():
    word = "x" * 2_000
    assert cut("a" * 1_000 + " " + word, 2_000) == "a" * 1_000  # the space at limit - 1000: a clean cut
    assert cut("a" * 999 + " " + word, 2_000) == ("a" * 999 + " " + word)[:2_000]  # one further: a hard cut


def test_a_space_at_the_very_start_gives_a_hard_cut_not_an_empty_text():
    assert cut(" " + "x" * 10, 5) == " xxxx"
    assert cut("a bcdefgh", 5) == "a"


# ---------------------------------------------------------------- apply: lines, then the whole text

def test_limits_default_to_the_settings_and_refuse_zero():
    assert Limits.of() == Limits(DEFAULT_MAX_CHARS, DEFAULT_MAX_LINE)
    assert Limits.of(500, None) == Limits(500, DEFAULT_MAX_LINE)
    assert Limits.of(None, 70) == Limits(DEFAULT_MAX_CHARS, 70)
    for bad in ((0, 10), (10, 0), (-1, 10)):
        with pytest.raises(ValueError, match="positive"):
            Limits(*bad)
    assert Limits(1, 1).max_chars == 1


def test_long_lines_are_cut_each_and_counted_in_one_warning():
    short = "Hồ sơ đúng hạn."
    text = "\n".join([short, "x " * 60, short, "y" * 150, short])
    out, warnings = apply(text, Limits(max_chars=10_000, max_line=100))
    lines = out.split("\n")
    assert [lines[0], lines[2], lines[4]] == [short] * 3
    assert lines[1] == ("x " * 50).rstrip() and lines[3] == "y" * 100
    assert warnings == ["2 line(s) longer than 100 characters were cut (max_line; first at line 2)"]


def test_a_line_at_the_line_limit_is_kept_whole():
    text = "a" * 100 + "\n" + "b" * 100
    assert apply(text, Limits(max_chars=10_000, max_line=100)) == (text, [])


def test_a_text_over_max_chars_is_cut_at_a_space_with_a_warning():
    text = SENTENCE * 20
    out, warnings = apply(text, Limits(max_chars=500, max_line=100_000))
    assert text.startswith(out) and 400 < len(out) <= 500 and text[len(out)] == " "
    assert warnings == [f"article cut at {len(out)} characters (max_chars 500); the rest was not read"]


def test_a_text_at_max_chars_is_kept_whole_unless_reading_stopped_early():
    text = SENTENCE * 4
    limits = Limits(max_chars=len(text), max_line=100_000)
    assert apply(text, limits) == (text, [])
    out, warnings = apply(text, limits, truncated=True)
    assert out == text and warnings == [f"article cut at {len(text)} characters (max_chars {len(text)}); the rest was not read"]


def test_the_line_cut_comes_before_the_length_cut():
    text = "z" * 300 + "\n" + SENTENCE * 3
    out, warnings = apply(text, Limits(max_chars=150, max_line=100))
    assert out.startswith("z" * 100 + "\n") and len(out) <= 150
    assert "max_line" in warnings[0] and "max_chars" in warnings[1]


# ---------------------------------------------------------------- the byte cap on reading

class CountingStream(io.RawIOBase):
    """An endless text source that counts the bytes taken from it."""

    def __init__(self, chunk: bytes, total: int):
        self.chunk, self.total, self.taken = chunk, total, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), self.total - self.taken)
        data = (self.chunk * (n // len(self.chunk) + 2))[self.taken % len(self.chunk):][:n]
        buffer[:n] = data
        self.taken += n
        return n


@pytest.mark.parametrize("kind", ["text", "html"])
def test_reading_stops_one_byte_past_the_cap(kind):
    limits = Limits(max_chars=20_000)
    stream = CountingStream(SENTENCE.encode(), 50_000_000)
    [article] = read_stream(io.BufferedReader(stream, 1), "big", None, limits, kind)
    assert stream.taken == limits.max_bytes + 1
    assert any("max_chars 20,000" in w and "not read" in w for w in article.warnings)


def test_html_whose_markup_fills_the_cap_says_the_rest_was_not_read():
    limits = Limits(max_chars=2_000)
    page = ("<html><body>" + "<div class='quang-cao'></div>" * 2_000 + f"<p>{SENTENCE}</p></body></html>").encode()
    [article] = read_stream(io.BytesIO(page), "page", None, limits, "html")
    assert len(article.text) < 2_000
    assert any("the rest was not read" in w for w in article.warnings), article.warnings


@pytest.mark.parametrize("encoding,bom", [("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-16-le", b"\xff\xfe"), ("utf-8", b"")])
def test_max_chars_characters_fit_in_the_byte_cap_in_every_encoding(encoding, bom):
    """Four bytes a character at most (UTF-32, or characters outside the BMP in UTF-8 and UTF-16);
    in UTF-32 a file of exactly max_chars characters is exactly max_bytes long."""
    limits = Limits(max_chars=1_000, max_line=100_000)
    text = "Hòa 𝕏 " * 166 + "𝕏𝕏𝕏𝕏"  # 1,000 characters, 2/6 of them four bytes wide in every encoding
    assert len(text) == limits.max_chars
    [whole] = read_stream(io.BytesIO(bom + text.encode(encoding)), "x", None, limits, "text")
    assert whole.text == text and not any("max_chars" in w for w in whole.warnings), whole.warnings
    [over] = read_stream(io.BytesIO(bom + (text + "𝕏").encode(encoding)), "x", None, limits, "text")
    assert any("max_chars" in w for w in over.warnings)
    if encoding == "utf-32-le":  # exactly the cap: the first max_chars characters, not one more
        assert over.text == text


def test_a_cut_inside_a_character_is_no_encoding_error():
    limits = Limits(max_chars=1_000)
    data = ("ồ" * 5_000).encode()  # three bytes each: the cap falls inside one
    assert limits.max_bytes % 3
    [article] = read_stream(io.BytesIO(data), "x", None, limits, "text")
    assert not any("UTF-8" in w for w in article.warnings), article.warnings
    assert article.text == "ồ" * 1_000
    [whole] = read_stream(io.BytesIO(data[:-1]), "x", None, Limits(max_chars=10_000), "text")
    assert whole.warnings == ["truncated UTF-8: the incomplete last character was dropped"]  # not cut by us: told


# ---------------------------------------------------------------- bytes into the reader

@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.binary(max_size=3_000), st.sampled_from([None, "text", "html", "jsonl"]))
def test_any_bytes_give_items_within_the_limits(data, kind):
    limits = Limits(max_chars=300, max_line=80)
    items = list(read_stream(io.BytesIO(data), "fuzz", None, limits, kind))
    assert items or kind == "jsonl"  # an empty JSON Lines input holds no item
    for item in items:
        if isinstance(item, Article):
            assert len(item.text) <= limits.max_chars
            assert all(len(line) <= limits.max_line for line in item.text.split("\n"))
            assert "\r" not in item.text
        else:
            assert item.source.line and str(item)
