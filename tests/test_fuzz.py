"""Property-based: random and adversarial text through the whole pipeline and
every probe kind ends within a bound and gives valid items whose spans
hold their surface. A modest example count here; scripts/fuzz.py runs 10,000."""
from __future__ import annotations

import importlib.util
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.models import Record
from extract.pipeline import process
from extract.reading.article import Article

_spec = importlib.util.spec_from_file_location("fuzz", Path(__file__).resolve().parent.parent / "scripts" / "fuzz.py")
fuzz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz)

piece = st.one_of(
    st.sampled_from(fuzz.FRAGMENTS),
    st.sampled_from(fuzz.ADVERSARIAL),
    st.text(alphabet=fuzz.LETTERS + " ", min_size=1, max_size=20),
    st.text(max_size=10),
)
texts = st.lists(st.tuples(piece, st.sampled_from(fuzz.SEPARATORS)), max_size=40).map(
    lambda parts: unicodedata.normalize("NFC", "".join(p + s for p, s in parts)))
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@settings(SETTINGS, max_examples=100)
@given(texts)
def test_process_ends_and_gives_a_valid_record(text):
    record = process(Article(id="fuzz", text=text))
    Record.model_validate(record.model_dump())
    items = [*record.dates, *record.indicators, *record.units, *record.officials, *record.audit]
    assert fuzz.span_problems(text, items) == []


def test_every_kind_is_fuzzed():
    assert set(fuzz.probes()) == {"segment", "numbers", "dates", "units", "officials", "indicators", "audit"}


@pytest.mark.parametrize("name", sorted(fuzz.probes()))
def test_each_probe_kind_ends_and_holds_its_spans(name):
    examples = fuzz.probes()[name]

    @SETTINGS
    @given(texts)
    def check(text):
        items = examples(text, None)
        assert isinstance(items, list)
        assert fuzz.span_problems(text, items) == []

    check()


def test_the_generator_mixes_language_and_noise():
    import random

    made = [fuzz.generate(random.Random(i)) for i in range(50)]
    assert len(set(made)) > 40 and any(f in "".join(made) for f in fuzz.FRAGMENTS[:10])
    assert fuzz.span_problems("ngày 15/8", [{"span": (0, 4), "text": "ngày"}]) == []
    assert fuzz.span_problems("ngày 15/8", [{"span": (0, 4), "text": "ngà"}]) != []
