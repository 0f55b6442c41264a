"""Runs every example and negative of every rule file against its finder.

Each file's examples go through `extract.pipeline.probe`, the real steps up to
the one that finds its kind. Known failures must still fail: when one passes,
move it to examples.
"""
from __future__ import annotations

import datetime as dt
import pickle

import pytest

from extract.language import rules
from extract.pipeline import probe


def _cases():
    for name in rules.available():
        rf = rules.load(name)
        for rule in rf.rules:
            for i, ex in enumerate(rule.examples):
                yield pytest.param(rf.probe_kind, rule.id, ex, "example", id=f"{name}:{rule.id}:ex{i}")
            for i, neg in enumerate(rule.negatives):
                yield pytest.param(rf.probe_kind, rule.id, neg, "negative", id=f"{name}:{rule.id}:neg{i}")
            for i, kf in enumerate(rule.known_failures):
                yield pytest.param(rf.probe_kind, rule.id, kf, "known_failure", id=f"{name}:{rule.id}:kf{i}")
        for i, neg in enumerate(rf.negatives):
            yield pytest.param(rf.probe_kind, None, neg, "file_negative", id=f"{name}:neg{i}")


def _found(kind, text, anchor=None):
    return probe(kind, text, dt.date.fromisoformat(anchor) if anchor else None)


def _matches(items, rule_id, expected):
    return any(it.get("rule") == rule_id and rules.expected_matches(it, expected) for it in items)


@pytest.mark.parametrize("kind,rule_id,case,role", list(_cases()))
def test_rule_corpus(kind, rule_id, case, role):
    if role == "example":
        items = _found(kind, case.text, case.anchor)
        assert _matches(items, rule_id, case.value), f"{case.text!r} gave {items}"
    elif role == "known_failure":
        items = _found(kind, case.text, case.anchor)
        assert not _matches(items, rule_id, case.value), f"now passes, move to examples: {case.text!r}"
    elif role == "negative":
        items = _found(kind, case)
        assert not any(it.get("rule") == rule_id for it in items), f"{case!r} gave {items}"
    else:
        assert _found(kind, case) == [], f"{case!r} must yield nothing"


def test_dates_and_figures_corpus_is_large_enough():
    """Issue 3 asks for at least 150 example phrases, with negatives, over dates and figures."""
    files = [rules.load(n) for n in ("dates", "numbers", "indicators")]
    examples = sum(len(r.examples) for f in files for r in f.rules)
    negatives = sum(len(r.negatives) for f in files for r in f.rules) + sum(len(f.negatives) for f in files)
    assert examples >= 150 and negatives >= 50


def test_a_rule_file_edited_is_read_anew_not_from_the_cached_parse(tmp_path):
    path = tmp_path / "dates.yaml"
    assert rules._document("kind: dates\nrules: [{id: a}]\n", path) == {"kind": "dates", "rules": [{"id": "a"}]}
    [cache] = (tmp_path / "__pycache__").glob("dates.yaml.*.pickle")
    cache.write_bytes(pickle.dumps({"read": "from the cache"}))
    assert rules._document("kind: dates\nrules: [{id: a}]\n", path) == {"read": "from the cache"}
    assert rules._document("kind: dates\nrules: [{id: b}]\n", path) == {"kind": "dates", "rules": [{"id": "b"}]}
    assert len(list((tmp_path / "__pycache__").glob("dates.yaml.*.pickle"))) == 1  # the stale parse is gone
