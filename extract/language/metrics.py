"""The one model of what a figure can mean (patterns/metrics.yaml), as the lookups its readers need.

Indicators read the cue words and which rate a count has; the audit reads which
metrics split a whole, which add up to it, and which count a rate is taken over.
"""
from __future__ import annotations

from extract.language import rules

_LEX = rules.load("metrics").lexicons
MODEL: dict[str, dict] = _LEX["metrics"]

# the way of splitting a whole each part metric belongs to (status, channel, procedures, service)
SPLIT: dict[str, str] = {m: d["split"] for m, d in MODEL.items() if "split" in d}
# metrics that may be listed as parts of each whole
PARTS: dict[str, set[str]] = {m: set(d["parts"]) for m, d in MODEL.items() if "parts" in d}
# dossier wholes a rate may be a share of
WHOLES: tuple[str, ...] = tuple(m for m, d in MODEL.items() if d.get("whole"))
# parts that add up to a whole, looked for among nearby figures
SUMS: dict[str, list[tuple[str, ...]]] = {m: [tuple(s) for s in d.get("sums", [])] for m, d in MODEL.items()}
# parts that make a whole only when nothing of it is left unsaid: found when they add up, never inconsistent
FIT_SUMS: dict[str, list[tuple[str, ...]]] = {m: [tuple(s) for s in d.get("fit_sums", [])] for m, d in MODEL.items()}
# parts that add up to a whole when the article lists them as its parts
LISTED_SUMS: dict[str, list[tuple[str, ...]]] = {
    m: [tuple(s) for s in d.get("sums", []) + d.get("listed_sums", [])] for m, d in MODEL.items()}
LEVELS_COVER: dict[str, set[int]] = {m: set(d["levels_cover"]) for m, d in MODEL.items() if "levels_cover" in d}
# rate → the count it is a share of, and the count it is taken over
RATE_COUNT: dict[str, str] = {m: d["rate"]["count"] for m, d in MODEL.items() if "rate" in d}
RATE_OVER: dict[str, str] = {m: d["rate"]["over"] for m, d in MODEL.items() if "rate" in d}
# a count with no rate metric → the count a rate stated right after it is taken over
SHARE_OVER: dict[str, str] = {m: d["share_over"] for m, d in MODEL.items() if "share_over" in d}
# a count or a rate → the rate it has
RATE_OF: dict[str, str] = {**{c: r for r, c in RATE_COUNT.items()}, **{r: r for r in RATE_COUNT}}
FAMILY: dict[str, str] = {m: d["family"] for m, d in MODEL.items()}
# a family with one metric: what any figure of it measures (agency → agencies)
ONLY_METRIC: dict[str, str] = {f: m for f in set(FAMILY.values()) for m in MODEL
                               if [x for x, g in FAMILY.items() if g == f] == [m]}
CARRIED_OVER: list[str] = _LEX["carried_over"]
# parts that may overlap the others of their split (a "trực tiếp" count often includes the postal ones)
OPTIONAL: tuple[str, ...] = tuple(m for m, d in MODEL.items() if d.get("optional"))


def relation(whole: str, parts) -> str:
    """A sum of the model as it reads in a finding: 'dossiers_received = dossiers_resolved + dossiers_pending'."""
    return f"{whole} = {' + '.join(dict.fromkeys(parts))}"


def cues(family: str, key: str = "cues") -> dict[str, list[str]]:
    """Cue words (or verbs) of the metrics of one family, by metric, in the model's order."""
    return {m: d[key] for m, d in MODEL.items() if key in d and d.get("cues_of", d["family"]) == family}
