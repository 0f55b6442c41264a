"""The steps of the pipeline, in order, each declaring what it reads and what it assigns.

A step is a function of the article's Context that returns exactly the fields it
assigns; the component wrapping it sets them. `check_order` runs at load: a step
that reads a field no earlier step assigns fails there, not later on some article.
Every step may append to `warnings`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from extract import audit, dates, indicators, officials, segment, units
from extract.context import Context
from extract.language import guard

# What reading gives the pipeline before any step has run.
INPUTS = frozenset({"id", "text", "source", "title", "published", "warnings"})


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Context], dict[str, Any]]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    spans: tuple[str, ...] = ()  # assigned fields whose items are mirrored into doc.spans[field]
    fallback: Callable[[], dict[str, Any]] | None = None  # what it assigns when its patterns time out


def _list(field: str, find: Callable[[Context], list]) -> Callable[[Context], dict[str, Any]]:
    def run(ctx: Context) -> dict[str, Any]:
        return {field: find(ctx)}
    run.__name__ = f"{field}_step"
    return run


STEPS: tuple[Step, ...] = (
    Step("segment", segment.read, requires=("text", "published"),
         assigns=("segments", "sentences", "title", "published", "authors")),
    Step("dates", dates.read, requires=("text", "segments", "published"),
         assigns=("dates", "anchor", "anchor_from_published"), spans=("dates",),
         fallback=lambda: {"dates": [], "anchor": None, "anchor_from_published": False}),
    Step("units", _list("units", units.find), requires=("text", "segments", "title", "dates", "anchor", "published"),
         assigns=("units",), spans=("units",), fallback=lambda: {"units": []}),
    Step("places", units.places, requires=("text", "segments", "dates", "units", "anchor", "published"),
         assigns=("places",)),
    Step("officials", _list("officials", officials.find), requires=("text", "segments", "sentences", "authors", "places"),
         assigns=("officials",), spans=("officials",), fallback=lambda: {"officials": []}),
    Step("indicators", _list("indicators", indicators.find),
         requires=("text", "segments", "sentences", "dates", "units", "places"),
         assigns=("indicators",), spans=("indicators",), fallback=lambda: {"indicators": []}),
    Step("audit", _list("audit", audit.find), requires=("text", "segments", "indicators", "anchor"),
         assigns=("audit",), spans=("audit",), fallback=lambda: {"audit": []}),
)


def check_order(steps: Iterable[Step]) -> None:
    """Raises when a step reads a field that neither the input nor an earlier step gives it."""
    known = set(INPUTS)
    for step in steps:
        missing = [f for f in step.requires if f not in known]
        if missing:
            raise ValueError(f"pipeline step {step.name!r} requires {missing}, which no earlier step assigns")
        unknown = [f for f in step.assigns if f not in Context.__dataclass_fields__]
        if unknown:
            raise ValueError(f"pipeline step {step.name!r} assigns {unknown}, which Context does not have")
        known.update(step.assigns)


def apply(step: Step, ctx: Context) -> None:
    """Runs one step and sets what it assigns; a pattern timeout costs this step's items, not the record."""
    guard.article(len(ctx.text))  # every path (batch, spaCy, probe) guards the text it runs on
    try:
        out = step.run(ctx)
    except TimeoutError:
        if step.fallback is None:
            raise
        ctx.warnings.append(f"{step.name}: a pattern timed out on this text; no {step.name} extracted")
        out = step.fallback()
    if out.keys() != set(step.assigns):  # a keys view compares as a set: one set built, not two
        raise RuntimeError(f"pipeline step {step.name!r} returned {sorted(out)}, declared {sorted(step.assigns)}")
    for field, value in out.items():
        setattr(ctx, field, value)
