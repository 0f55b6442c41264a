"""Corpora in the manner of Duckling's: (expected value, [surface forms]) per kind, each form set in a
sentence about dossiers and read by the real steps (extract.pipeline.probe) against one fixed date.

Over a form's span exactly one item may be found, and it must carry the expected value: a second item
or another value there is a wrong read. Forms under `unread` must give no item over their span at all.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from extract.language import rules
from extract.pipeline import probe

_HERE = Path(__file__).parent / "corpora"
_REFERENCE = dt.date(2024, 5, 15)


def _corpora():
    for path in sorted(_HERE.glob("*.yaml")):
        yield path.stem, yaml.safe_load(path.read_text(encoding="utf-8"))


def _cases():
    for name, c in _corpora():
        frames = c["frames"]
        n = 0
        for case in c["cases"]:
            for form in case["forms"]:
                yield pytest.param(c, frames[n % len(frames)], form, case["value"], id=f"{name}:{form}")
                n += 1
        for form in c.get("unread", []):
            yield pytest.param(c, frames[n % len(frames)], form, None, id=f"{name}:unread:{form}")
            n += 1


def _over(c: dict, frame: str, form: str):
    text = frame.replace("{}", form)
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    a = text.lower().index(form.lower())
    anchor = dt.date.fromisoformat(c["anchor"]) if c.get("anchor") else _REFERENCE
    items = probe(c["kind"], text, anchor)
    return text, [it for it in items if it["span"][0] < a + len(form) and a < it["span"][1]]


@pytest.mark.parametrize("corpus,frame,form,expected", list(_cases()))
def test_corpus_form(corpus, frame, form, expected):
    text, over = _over(corpus, frame, form)
    if expected is None:
        assert over == [], f"{text!r}: an out-of-scope form gave {over}"
    else:
        assert len(over) == 1 and rules.expected_matches(over[0], expected), f"{text!r} gave {over}"


def test_corpora_are_large_enough():
    forms = sum(len(case["forms"]) for _, c in _corpora() for case in c["cases"])
    assert {name for name, _ in _corpora()} == {"numbers", "qualifiers", "ordinals", "dates"} and forms >= 170
