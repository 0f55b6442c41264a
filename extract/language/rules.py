"""Loads and validates the language data in extract/patterns/*.yaml.

Every rule carries an id, a readable name, examples that must match with their
expected value, negatives that must not, and known failures with their reason.
A malformed file fails loudly at load time, never silently at run time.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from extract.language import pickled


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    # A scalar compares with the item's `value`; a mapping with the named fields.
    value: Any = None
    anchor: Optional[str] = Field(None, description="ISO date the example resolves against")


class KnownFailure(Example):
    reason: str


class Rule(BaseModel):
    model_config = ConfigDict(extra="allow")  # finder-specific parameters
    id: str
    name: str
    pattern: Optional[str] = None
    examples: list[Example] = []
    negatives: list[str] = []
    known_failures: list[KnownFailure] = []

    @model_validator(mode="after")
    def _has_examples(self) -> "Rule":
        if not self.examples:
            raise ValueError(f"rule {self.id} has no examples")
        return self


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str = Field(description="the file's own name, without .yaml")
    step: Optional[str] = Field(None, description="the probe kind its examples are checked with, when not `kind`")
    description: str = ""
    rules: list[Rule] = []
    negatives: list[str] = Field([], description="texts where the finder must find nothing at all")
    lexicons: dict[str, Any] = {}

    @model_validator(mode="after")
    def _unique_ids(self) -> "RuleFile":
        ids = [r.id for r in self.rules]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise ValueError(f"duplicate rule ids in {self.kind}: {sorted(dupes)}")
        return self

    @property
    def probe_kind(self) -> str:
        return self.step or self.kind

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


def available() -> list[str]:
    """Names of the rule files shipped in extract/patterns (without .yaml)."""
    folder = resources.files("extract") / "patterns"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


@lru_cache(maxsize=None)
def load(name: str) -> RuleFile:
    path = resources.files("extract") / "patterns" / f"{name}.yaml"
    rf = RuleFile.model_validate(_document(path.read_text(encoding="utf-8"), Path(str(path))))
    if rf.kind != name:
        raise ValueError(f"patterns/{name}.yaml says kind {rf.kind!r}: a rule file's kind is its name")
    return rf


def _document(text: str, path: Path) -> Any:
    """The YAML document, unpickled when a pickle of the same text's document lies in __pycache__ beside it
    (PyYAML builds the objects in Python: ~45 ms CPU of every start-up for the rule files)."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()
    cache = path.parent / "__pycache__" / f"{path.name}.{digest}.pickle"
    data = pickled.load(cache)
    if data is not None:
        return data
    import yaml  # ~12 ms of start-up, only when a file changed since its pickle

    # libyaml's parser when PyYAML was built with it: the same documents, read several times faster.
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    pickled.store(cache, data, stale=f"{path.name}.*.pickle")
    return data


def expected_matches(item: dict, expected: Union[dict, Any]) -> bool:
    """True when an item produced by a finder has the expected value or fields."""
    if isinstance(expected, dict):
        return all(_same(item.get(k), v) for k, v in expected.items())
    return _same(item.get("value"), expected)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) < 1e-9
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b
