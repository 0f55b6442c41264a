"""Mutation score per file from `mutmut results --all true`: killed / all mutants, and the survivors.

Usage: mutation_score.py RESULTS FILE... (the files that were mutated, as extract/x/y.py).
A timeout or a crash of the mutated code counts as killed; "no tests" counts as alive;
mutants left out of the run (`not checked`: functions outside the module's selection) are not counted.
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict

KILLED = {"killed", "timeout", "segfault", "caught by type check"}


def module_of(path: str) -> str:
    name = path[:-3].replace("/", ".")
    return name[: -len(".__init__")] if name.endswith(".__init__") else name


def main(results: str, files: list[str]) -> None:
    by_module = {module_of(f): f for f in files}
    status: dict[str, Counter] = defaultdict(Counter)
    alive: dict[str, list[str]] = defaultdict(list)
    for line in open(results, encoding="utf-8"):
        name, sep, state = line.strip().rpartition(": ")
        if not sep or "__mutmut_" not in name:
            continue
        # extract.reading.limits.x_cut__mutmut_3 or extract.batch.journal.xǁJournalǁopen__mutmut_1
        module = max((m for m in by_module if name.startswith(m + ".x")), key=len, default=None)
        if module is None or state == "not checked":
            continue
        status[module][state] += 1
        if state not in KILLED:
            alive[module].append(f"{name}: {state}")
    for module, path in by_module.items():
        counts = status[module]
        total = sum(counts.values())
        killed = sum(n for s, n in counts.items() if s in KILLED)
        score = f"{100 * killed / total:5.1f}%" if total else "   n/a"
        rest = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()) if s not in KILLED)
        print(f"{path:36} {killed:4}/{total:<4} killed {score}" + (f"   alive: {rest}" if rest else ""))
        for a in alive[module]:
            print(f"    {a}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
