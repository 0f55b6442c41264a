"""The underthesea adapter: words aligned to the text, proper nouns and labels passed through."""
from __future__ import annotations

from extract import ner


def test_words_are_aligned_to_the_text_with_offset():
    text = "Phó Chủ tịch UBND tỉnh Gia Lai  Rơ Mah Tuấn phát biểu."
    offset = 100
    words = ner.tag(text, offset)
    pieces = [text[w.start - offset:w.end - offset] for w in words]
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")  # every character, in order, once
    assert "Rơ Mah Tuấn" in pieces


def test_a_name_with_no_known_surname_is_one_proper_noun():
    text = "Phó Chủ tịch UBND tỉnh Gia Lai Rơ Mah Tuấn phát biểu."
    proper = [text[w.start:w.end] for w in ner.tag(text) if w.pos == "Np"]
    assert "Rơ Mah Tuấn" in proper


def test_labels_drop_the_bio_prefix():
    text = "Ông Ksor Phước Hà, Phó Chủ tịch UBND tỉnh phát biểu."
    labels = {text[w.start:w.end]: w.label for w in ner.tag(text)}
    assert labels["Ksor Phước Hà"] == "PER"
    assert labels["phát biểu"] == "O"
