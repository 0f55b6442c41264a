"""Instructions per article (not a test): the pipeline counted by callgrind, which gives the same count twice.

    .venv/bin/python scripts/instructions.py [--n 200] [--base /path/to/a/checkout]

On a shared machine the same run's seconds vary by 20% from minute to minute, so a 2% change cannot be
timed; callgrind counts the instructions executed, whatever else the machine does. The count is of
`pipeline.process` over N pages of the bench corpus (scripts/bench.py), one warm pass left out: a run
with one counted pass minus a run with none. Each checkout's caches (bytecode, compiled patterns, the
gazetteer's pickle) are written by a first run that is not counted. Needs valgrind; about 2 minutes for
this checkout and 6 for the issue's base (2b173e6), which executes three times as many instructions.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from bench import build_corpus  # noqa: E402

PASSES = """
import sys
from pathlib import Path
from extract.reading import iter_articles
try:
    from extract.pipeline import process
except ImportError:  # a checkout from before the pipeline package (the issue's base)
    from extract.process import process
paths = sorted(str(p) for p in Path(sys.argv[1]).glob("*.txt"))
articles = [a for a in iter_articles(paths) if hasattr(a, "text")]
def each():
    for a in articles:
        try:
            process(a)
        except Exception:  # as the batch path does: an article that breaks a checkout costs what it cost
            pass
each()  # warm: lazily built tables, caches
for _ in range(int(sys.argv[2])):
    each()
"""


def count(tree: Path, corpus: Path, passes: int, script: Path) -> int:
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(tree)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                           str(script), str(corpus), str(passes)], cwd=tree, env=env, capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode or not found:
        raise SystemExit(f"valgrind failed in {tree}:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def per_article(tree: Path, corpus: Path, n: int, script: Path) -> int:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, str(script), str(corpus), "0"], cwd=tree, env=env, check=True)  # caches
    return (count(tree, corpus, 1, script) - count(tree, corpus, 0, script)) // n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="pages of the bench corpus counted")
    ap.add_argument("--base", type=Path, help="another checkout counted on the same pages")
    args = ap.parse_args()
    trees = {"this": ROOT, **({"base": args.base.resolve()} if args.base else {})}
    with tempfile.TemporaryDirectory(prefix="extract-instructions-") as tmp:
        corpus = Path(tmp) / "corpus"
        build_corpus(corpus, args.n)
        script = Path(tmp) / "passes.py"
        script.write_text(PASSES, encoding="utf-8")
        counts = {name: per_article(tree, corpus, args.n, script) for name, tree in trees.items()}
    for name, c in counts.items():
        print(f"{name}: {c:,} instructions per article ({args.n} pages)")
    if "base" in counts:
        print(f"this / base: {counts['this'] / counts['base']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
