"""The record contract (shared/spec/OUTPUT.md) as pydantic models.

Depends on nothing else in the package: other systems may import it alone.
Fields beyond the contract (`rule`, `segment`, finding context) are additions,
never renames.
"""
from __future__ import annotations

import json
import sys
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

Span = tuple[int, int]
Number = Union[int, float]

Level = Literal["province", "district", "commune"]
DateType = Literal["date", "month", "quarter", "half", "year", "interval"]
Qualifier = Literal["exact", "over", "under", "approx", "at_least", "at_most"]
Metric = Literal[
    "dossiers_received", "dossiers_resolved", "dossiers_on_time", "dossiers_late",
    "dossiers_pending", "dossiers_online", "dossiers_offline", "dossiers_postal",
    "dossiers_digitized", "procedures", "procedures_full_online",
    "procedures_partial_online", "procedures_info_only", "online_services",
    "agencies", "rate_on_time", "rate_late", "rate_online", "rate_other",
    "index_score", "rank", "money", "other",
]
METRICS: tuple[str, ...] = Metric.__args__  # type: ignore[attr-defined]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mention(_Model):
    text: str = Field(description="the surface exactly as in the text")
    span: Span = Field(description="[start, end) in code points into the NFC text")


class Source(_Model):
    path: Optional[str] = None
    url: Optional[str] = None
    line: Optional[int] = Field(None, description="1-based line in a JSON Lines input")


class Successor(_Model):
    name: str
    level: Optional[Level] = None
    code: Optional[str] = None


class Unit(_Model):
    kind: Literal["admin", "agency"]
    name: str = Field(description="canonical name, abbreviations expanded")
    level: Optional[Level] = Field(None, description="admin units only")
    province: Optional[str] = None
    code: Optional[str] = Field(None, description="official administrative code when resolved")
    successor: Optional[Successor] = Field(None, description="holder since 2025-07-01 of a merged unit")
    mentions: list[Mention] = []
    rule: Optional[str] = Field(None, description="id of the pattern that found it")


class Official(_Model):
    name: str
    honorific: Optional[Literal["ông", "bà"]] = None
    role: Optional[str] = Field(None, description="head of the position: Chủ tịch, Phó Giám đốc …")
    organization: Optional[str] = Field(None, description="canonical body the role is held in")
    title: Optional[str] = Field(None, description="the position exactly as written")
    mentions: list[Mention] = []
    rule: Optional[str] = None


class Date(_Model):
    text: str
    span: Span
    type: DateType
    value: str = Field(description="TIMEX3-style: 2022-03-09, 2024-04, 2024-Q1, 2024-H1, 2024, start/end")
    anchored: bool = Field(False, description="a missing year or 'đến nay' was filled from the anchor")
    rule: Optional[str] = None


StructureKind = Literal["list_head", "parenthesis", "trong_do", "lan_luot"]


class FigureStructure(_Model):
    kind: StructureKind = Field(description="list_head (a head word and ':' before a list), parenthesis (inside "
                                            "'( … )' after a figure), trong_do (after 'trong đó'/'gồm'), "
                                            "lan_luot ('lần lượt': the k-th figure is the k-th name's)")
    head: Optional[Span] = Field(None, description="span of what the structure hangs from: the list's head words, "
                                                   "the figure before the parenthesis or 'trong đó', the names of "
                                                   "'lần lượt'")


class Indicator(_Model):
    text: str
    span: Span
    value: Number
    unit: str = Field(description="'%' or the counted noun, expanded and lowercased")
    metric: Metric
    qualifier: Qualifier = "exact"
    level: Optional[Level] = None
    unit_ref: Optional[str] = None
    period: Optional[str] = None
    service_levels: list[int] = []
    of: Optional[Number] = Field(None, description="the whole of a part: 5/9 huyện, xếp thứ 12/63")
    change: Optional[Literal["increase", "decrease"]] = None
    target: bool = Field(False, description="stated as an aim (mục tiêu, phấn đấu, chỉ tiêu), not as achieved")
    rule: Optional[str] = Field(None, description="id of the pattern that found the figure")
    metric_rule: Optional[str] = Field(None, description="how `metric` was decided (docs/INDICATORS.md): "
                                                         "metric.cue_before, metric.list_previous, metric.noun …")
    level_rule: Optional[str] = Field(None, description="how `level` was decided (docs/INDICATORS.md): "
                                                        "level.tier_word, level.body, level.unsaid …")
    structure: Optional[FigureStructure] = Field(None, description="the structure the figure sits in, if any")
    province: Optional[str] = Field(None, description="canonical province of `unit_ref`, else the article's "
                                                      "one home province, when the article makes it clear")


class Finding(_Model):
    check: Literal["sum", "percentage"]
    status: Literal["consistent", "inconsistent"]
    reported: Number
    computed: Number
    evidence: list[Span] = Field([], description="spans of the indicators involved, stated figure first")
    explanation: str = ""
    metric: Optional[Metric] = Field(None, description="metric of the stated figure")
    unit_ref: Optional[str] = None
    level: Optional[Level] = None
    period: Optional[str] = None
    relation: Optional[str] = Field(None, description="the relation of patterns/metrics.yaml checked: "
                                                      "'dossiers_received = dossiers_resolved + dossiers_pending', "
                                                      "'rate_on_time = dossiers_on_time / dossiers_resolved' …")
    structure: Optional[str] = Field(None, description="what in the text sets the figures together: "
                                                       "trong_do, parenthesis, list_head, nearby, tiers, own_whole …")
    rule: Optional[str] = Field(None, description="id of the audit step that made the finding")


class Record(_Model):
    id: str
    source: Source = Source()
    title: Optional[str] = None
    published: Optional[str] = Field(None, description="ISO 8601; +07:00 when a clock time is given")
    authors: list[str] = []
    units: list[Unit] = []
    officials: list[Official] = []
    dates: list[Date] = []
    indicators: list[Indicator] = []
    audit: list[Finding] = []
    warnings: list[str] = []
    # Records without --keep-text stay exactly as before: no "text": null.
    text: Optional[str] = Field(None, description="the article's text, present only with `extract run --keep-text`",
                                exclude_if=lambda text: text is None)


# The published copy lives in schema/record.schema.json; a test fails when it is stale.
SCHEMA_ID = "https://github.com/extract/extract/schema/record.schema.json"


def schema() -> dict:
    s = Record.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **s}


def schema_json() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


def schema_command(args) -> int:
    sys.stdout.write(schema_json())
    return 0
