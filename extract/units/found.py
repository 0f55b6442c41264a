"""One admin mention as the admin finder reads it, shared with the agency finder."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from extract.units.gazetteer import Place


@dataclass
class Found:
    """One admin mention and the places its name may stand for."""
    start: int
    end: int
    rule: str
    type: Optional[str]            # canonical type word, None for a bare name
    bare: str                      # the name as written, without its type word
    places: list[Place]
    place: Optional[Place] = None  # the one chosen
