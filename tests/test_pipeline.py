"""The pipeline is a spaCy Language whose components a spaCy user can reuse."""
from __future__ import annotations

import spacy
from spacy.language import Language

import extract
from extract.pipeline import FineTokenizer, to_record

TEXT = ("Cái Bè: Sơ kết cải cách hành chính quý I năm 2023\n\n"
        "Sáng ngày 5/3/2023, UBND huyện Cái Bè tổ chức hội nghị. Bộ phận Một cửa tiếp nhận 1.245 hồ sơ.")


def test_load_returns_a_language_with_the_extract_components():
    nlp = extract.load()
    assert isinstance(nlp, Language)
    assert nlp.pipe_names == ["extract_segment", "extract_dates", "extract_units", "extract_officials",
                              "extract_indicators", "extract_audit"]
    assert extract.load() is nlp  # built once per process


def test_doc_carries_segments_and_items_as_span_groups():
    doc = extract.load()(TEXT)
    assert doc.text == TEXT
    assert {"segments", "dates", "units", "officials", "indicators", "audit"} <= set(doc.spans)
    assert doc.spans["segments"][0].label_ == "title"
    record = to_record(doc)
    assert record.title == "Cái Bè: Sơ kết cải cách hành chính quý I năm 2023"
    for group in ("dates", "indicators"):
        for span in doc.spans[group]:
            assert span.text == TEXT[span.start_char:span.end_char]


def test_components_plug_into_a_users_own_pipeline():
    nlp = spacy.blank("xx")
    nlp.add_pipe("extract_segment")
    nlp.add_pipe("extract_dates")
    doc = nlp(TEXT)
    assert "segments" in doc.spans and "dates" in doc.spans


def test_fine_tokenizer_round_trips_text_and_splits_numbers_from_words():
    text = "Ngày19-4,  UBND Q.1 tiếp nhận 1.245 hồ sơ\n\n(0,72%)"
    doc = FineTokenizer(spacy.blank("xx").vocab)(text)
    assert doc.text == text
    assert ["Ngày", "19", "-", "4"] == [t.text for t in doc[:4]]
    assert doc.char_span(text.index("1.245"), text.index("1.245") + len("1.245 hồ sơ")) is not None
