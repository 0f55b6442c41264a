"""The pipeline is a spaCy Language whose components a spaCy user can reuse."""
from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.language import Language

import extract
from extract.context import Context
from extract.pipeline import probe, process, to_record
from extract.pipeline.language import FineTokenizer
from extract.pipeline.steps import STEPS, Step, apply, check_order
from extract.reading.article import Article

TEXT = ("Cái Bè: Sơ kết cải cách hành chính quý I năm 2023\n\n"
        "Sáng ngày 5/3/2023, UBND huyện Cái Bè tổ chức hội nghị. Bộ phận Một cửa tiếp nhận 1.245 hồ sơ.")


def test_load_returns_a_language_with_the_extract_components():
    nlp = extract.load()
    assert isinstance(nlp, Language)
    assert nlp.pipe_names == ["extract_segment", "extract_dates", "extract_units", "extract_places",
                              "extract_officials", "extract_indicators", "extract_audit"]
    assert extract.load() is nlp  # built once per process


def test_doc_carries_segments_and_items_as_span_groups():
    doc = extract.load()(TEXT)
    assert doc.text == TEXT
    assert {"segments", "dates", "units", "officials", "indicators", "audit"} <= set(doc.spans)
    assert doc.spans["segments"][0].label_ == "title"
    record = to_record(doc._.ctx)
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


def test_the_spacy_language_and_the_batch_call_give_the_same_record():
    doc = extract.load()(TEXT)
    via_spacy = to_record(doc._.ctx).model_copy(update={"id": "x"})
    assert process(Article(id="x", text=TEXT)) == via_spacy
    assert via_spacy.indicators and via_spacy.units and via_spacy.dates


def test_step_order_is_checked_against_what_each_step_requires():
    check_order(STEPS)
    by_name = {s.name: s for s in STEPS}
    swapped = [by_name["segment"], by_name["units"], by_name["dates"]]  # units reads the dates and anchor that dates assigns
    with pytest.raises(ValueError, match="'units' requires \\['dates', 'anchor'\\]"):
        check_order(swapped)
    with pytest.raises(ValueError, match="Context does not have"):
        check_order([Step("odd", lambda c: {}, requires=("text",), assigns=("colour",))])


def test_a_step_must_return_exactly_what_it_declares():
    liar = Step("liar", lambda c: {"dates": []}, requires=("text",), assigns=("dates", "anchor"))
    with pytest.raises(RuntimeError, match="declared"):
        apply(liar, Context(id="x", text="ngày 5/3/2023"))


def test_a_timed_out_step_costs_its_items_and_leaves_a_warning():
    def slow(ctx):
        raise TimeoutError
    ctx = Context(id="x", text="tiếp nhận 12 hồ sơ")
    apply(Step("indicators", slow, requires=("text",), assigns=("indicators",), fallback=lambda: {"indicators": []}), ctx)
    assert ctx.indicators == [] and ctx.warnings == ["indicators: a pattern timed out on this text; no indicators extracted"]


def test_probe_runs_the_steps_before_the_asked_one():
    # The figure's unit comes from the units step and its period from the dates step that ran before indicators.
    (figure,) = probe("indicators", "Trong quý I năm 2023, UBND huyện Cái Bè tiếp nhận 1.245 hồ sơ.")
    assert (figure["value"], figure["unit_ref"], figure["period"]) == (1245, "Huyện Cái Bè", "2023-Q1")
    assert probe("dates", "ngày 2/9", dt.date(2024, 10, 1))[0]["value"] == "2024-09-02"
    with pytest.raises(ValueError, match="no step assigns"):
        probe("places", "Cái Bè")
