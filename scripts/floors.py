"""Prints the evaluation figures the gate watches, and with --raise lifts the pinned floors to them.

    .venv/bin/python scripts/floors.py            # show figures next to their floors
    .venv/bin/python scripts/floors.py --raise    # raise floors that the pipeline now beats
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_eval_gate import FLOORS, figure, measure  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--raise", dest="lift", action="store_true", help="raise floors to the current figures")
    args = ap.parse_args()
    for name, floors in FLOORS.items():
        report = measure(name)
        for key, floor in floors.items():
            value = figure(report, key)
            ceiling = key.endswith("false_inconsistent")
            print(f"{name:6} {key:45} {value:8.3f}  floor {floor}")
            if args.lift and not ceiling and value > floor:
                floors[key] = math.floor(value * 1000) / 1000
            elif args.lift and ceiling and value < floor:
                floors[key] = value
    if args.lift:
        (ROOT / "tests" / "eval_floors.json").write_text(json.dumps(FLOORS, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
