"""The published JSON Schema is current, and every record of the corpus validates against it."""
from __future__ import annotations

import json

import jsonschema
from conftest import ROOT

from extract.models import schema

PUBLISHED = ROOT / "schema" / "record.schema.json"


def test_published_schema_is_current():
    assert json.loads(PUBLISHED.read_text(encoding="utf-8")) == schema(), (
        "schema/record.schema.json is stale: run `extract schema > schema/record.schema.json`"
    )


def test_corpus_records_validate_against_published_schema(corpus_records):
    validator = jsonschema.Draft202012Validator(json.loads(PUBLISHED.read_text(encoding="utf-8")))
    for _, record in corpus_records:
        errors = list(validator.iter_errors(json.loads(record.model_dump_json())))
        assert not errors, f"{record.id}: {errors[0].message}"


def test_schema_rejects_a_malformed_record():
    validator = jsonschema.Draft202012Validator(json.loads(PUBLISHED.read_text(encoding="utf-8")))
    bad = {"id": "x", "dates": [{"text": "2022", "span": [0, 4], "type": "century", "value": "2022"}]}
    assert list(validator.iter_errors(bad))
