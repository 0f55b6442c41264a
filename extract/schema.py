"""The record's JSON Schema, generated from the pydantic models.

The published copy lives in schema/record.schema.json; a test fails when it is stale.
"""
from __future__ import annotations

import json

from .models import Record

SCHEMA_ID = "https://github.com/extract/extract/schema/record.schema.json"


def schema() -> dict:
    s = Record.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **s}


def schema_json() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"
