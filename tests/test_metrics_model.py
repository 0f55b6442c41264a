"""The metric model (patterns/metrics.yaml) against the record contract's vocabulary."""
from pathlib import Path

import pytest
import regex

from extract.language import metrics
from extract.models import METRICS

CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "spec" / "OUTPUT.md"


def test_every_metric_of_the_contract_is_in_the_model_and_no_other():
    assert list(metrics.MODEL) == list(METRICS)


@pytest.mark.skipif(not CONTRACT.exists(), reason="the record contract lies beside the project, in ../shared/spec")
def test_the_model_holds_the_metric_vocabulary_the_contract_itself_writes():
    text = CONTRACT.read_text(encoding="utf-8")
    vocabulary = text[text.index("Metric vocabulary:"):text.index("Not indicators:")]
    written = regex.findall(r"`([a-z_]+)`", vocabulary)
    assert list(metrics.MODEL) == written


def test_relations_name_only_metrics_of_the_contract():
    named = set(metrics.SPLIT) | set(metrics.WHOLES) | set(metrics.RATE_COUNT) | set(metrics.RATE_OVER.values())
    named |= set(metrics.OPTIONAL) | set(metrics.SHARE_OVER) | set(metrics.SHARE_OVER.values())
    for whole, parts in metrics.PARTS.items():
        named |= {whole, *parts}
    for whole, sums in metrics.LISTED_SUMS.items():
        named |= {m for s in sums for m in s}
    assert named <= set(METRICS)


def test_parts_that_make_a_whole_may_be_listed_as_its_parts():
    for whole, sums in metrics.LISTED_SUMS.items():
        for s in sums:
            assert set(s) <= metrics.PARTS[whole] | {whole}, (whole, s)
            assert len({metrics.SPLIT[m] for m in s}) == 1, f"{s} mixes two splits of {whole}"


def test_a_rate_is_a_share_of_a_part_of_the_count_it_is_taken_over():
    for rate, count in metrics.RATE_COUNT.items():
        assert metrics.FAMILY[rate] == "rate"
        assert count in metrics.PARTS[metrics.RATE_OVER[rate]]
        assert metrics.RATE_OF[count] == rate


def test_a_cue_word_names_one_metric():
    seen: dict[str, str] = {}
    for family in set(metrics.FAMILY.values()):
        for key in ("cues", "verbs"):
            for metric, words in metrics.cues(family, key).items():
                for w in words:
                    assert seen.setdefault(w.lower(), metric) == metric, w


def test_the_received_total_splits_by_status_and_by_channel():
    sums = {frozenset(s) for s in metrics.SUMS["dossiers_received"]}
    assert frozenset({"dossiers_resolved", "dossiers_pending"}) in sums
    assert frozenset({"dossiers_online", "dossiers_offline"}) in sums
    assert metrics.SUMS["dossiers_resolved"] == [("dossiers_on_time", "dossiers_late")]
