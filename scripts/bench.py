"""Benchmark of `extract run` (not a test): a realistic corpus, two checkouts side by side, ratios.

    .venv/bin/python scripts/bench.py --n 3000 [--base /path/to/a/checkout] [--workers 2] [--repeat 2] [--json]

Generates N unique pages from ../shared/real and ../shared/seeds (names and digits perturbed, a
paragraph sometimes dropped, so nothing repeats and lengths vary), then, in the same session:
- runs `python -m extract run` end to end (start-up, reading, writing) with 1 and --workers workers,
  for this checkout and for --base (another checkout, e.g. `git archive main`), each with its bytecode
  cached (as installed) after one discarded warm-up run, in --repeat rounds: a round runs every kind once,
  in the order this/W, this/1, base/1, base/W, and the next round in the reverse order, so that a host
  whose speed drifts during the session slows both sides of every ratio alike;
- takes each ratio within a round (this/1 over base/1, this/W over this/1) and reports the median over
  the rounds, with every round's value: pairs of neighbouring runs, not the fastest of each kind;
- measures memory in one more run of each kind, sampled: peak total PSS (/proc/PID/smaps_rollup) and RSS
  of the parent plus its workers; the timed runs are not sampled, since the sampler's reads of /proc took
  0.3-0.6 s of CPU a run from the cores the 2-worker run needs;
- times the first record of a one-article run (a fresh process until the first line is written);
- times the floor: reading, NFC-normalizing and writing the same corpus, nothing else;
- times a naive stack (underthesea NER per sentence, dateparser, a number regex), model loading included;
- measures, at the start of every round, what the host gives W processes at once: a pure-Python loop run
  alone, in W copies started together (each timing its own loop), and alone again, so that the runs'
  2-worker scaling can be read against the host's (a VM's second vCPU may not be a whole core).
It prints absolute figures and the ratios between them.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from pathlib import Path
from typing import Optional

import regex

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TARGETS = {"speedup_1w": 3.0, "first_record_s": 1.0, "pss_2w_mb": 400.0, "scaling": 1.8}

FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trương Đinh Mai Lâm".split()
GIVEN = ("An Bình Cường Dũng Giang Hà Hải Hạnh Hiếu Hoa Hùng Hương Khánh Lan Linh Long Mai Minh Nam Ngọc "
         "Phong Phúc Quang Quân Sơn Tâm Thành Thảo Trung Tuấn Văn Thị Đức Việt Xuân Yến").split()
NAME = regex.compile(r"\b(?:%s)(?: \p{Lu}\p{Ll}+){1,3}" % "|".join(FAMILY))
DIGITS = regex.compile(r"\d+")


# ---------------------------------------------------------------- the corpus

def sources() -> list[str]:
    files = sorted((SHARED / "real").glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def perturb(text: str, rng: random.Random) -> str:
    def number(m: regex.Match) -> str:
        s = m.group()
        v = int(s)
        if len(s) == 4 and s[:2] in ("19", "20"):
            return str(rng.randint(2010, 2026))  # a year stays a plausible year
        if v <= 12:
            return str(rng.randint(1, 12)).zfill(len(s))  # a month or a day stays one
        if v <= 31:
            return str(rng.randint(13, 31))
        return str(rng.randint(10 ** (len(s) - 1), 10 ** len(s) - 1))

    def name(m: regex.Match) -> str:
        return " ".join([rng.choice(FAMILY), *(rng.choice(GIVEN) for _ in m.group().split()[1:])])

    paragraphs = text.split("\n\n")
    if len(paragraphs) > 3 and rng.random() < 0.5:  # lengths vary as crawled pages do
        del paragraphs[rng.randrange(1, len(paragraphs))]
    return DIGITS.sub(number, NAME.sub(name, "\n\n".join(paragraphs)))


def build_corpus(folder: Path, n: int, seed: int = 16) -> list[Path]:
    rng, texts, seen = random.Random(seed), sources(), set()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    while len(paths) < n:
        text = perturb(rng.choice(texts), rng)
        digest = hashlib.sha1(text.encode()).digest()
        if digest in seen:
            continue
        seen.add(digest)
        path = folder / f"{len(paths):06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# ---------------------------------------------------------------- a run, sampled

def pss_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) in KB of one process, from smaps_rollup: PSS splits pages shared with forked workers."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return pss, rss


def resident_pages(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for t in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (t / "children").read_text().split()]
        except OSError:
            pass
    return out


class Sampler(threading.Thread):
    """Every 10 ms: whether the output has its first line, and the run's resident pages (statm, cheap); the
    total PSS and RSS (smaps_rollup) every 100 ms and whenever the resident pages grew by 8 MB, so a peak
    just before a worker exits is not missed. smaps_rollup costs the kernel ~0.75 ms a process: read every
    10 ms, it took 2-3 s of CPU a run, a quarter of a core taken from the 2-worker run's workers."""

    def __init__(self, pid: int, out: Path, started: float):
        super().__init__(daemon=True)
        self.pid, self.out, self.started = pid, out, started
        self.pss = self.rss = 0
        self.first: Optional[float] = None
        self.stop = threading.Event()

    def run(self) -> None:
        ticks, pids, sampled = 0, [], 0
        while not self.stop.is_set():
            if ticks % 10 == 0:
                pids = descendants(self.pid)
            resident = sum(map(resident_pages, pids))
            if ticks % 10 == 0 or resident > sampled + 2048:
                sampled = resident
                sizes = [pss_kb(p) for p in pids]
                self.pss = max(self.pss, sum(s[0] for s in sizes))
                self.rss = max(self.rss, sum(s[1] for s in sizes))
            ticks += 1
            self._first_line()
            self.stop.wait(0.01)
        self._first_line()  # a short run can write and exit between two looks: its end bounds the time

    def _first_line(self) -> None:
        if self.first is None and self.out.exists() and self.out.stat().st_size:
            self.first = time.perf_counter() - self.started


def run_pipeline(tree: Path, inputs: list[str], workers: int, out: Path, sample: bool = True) -> dict:
    """One `extract run` in its own process: seconds and CPU; with `sample`, its memory and first record too."""
    cmd = [sys.executable, "-m", "extract", "run", *inputs, "--out", str(out), "--workers", str(workers),
           "--progress", "off", "--restart"]
    env = {**os.environ, "PYTHONPATH": str(tree)}  # ahead of the editable install: that tree's code runs
    # Bytecode cached as an installed package has it (PYTHONDONTWRITEBYTECODE would compile every module at every
    # start, ~0.2-0.45 s), each tree's in its own folder of the session's temporary one, never inside the tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(out.parent / "pycache" / hashlib.sha1(str(tree).encode()).hexdigest()[:12])
    load = os.getloadavg()[0]
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = Sampler(proc.pid, out, started) if sample else None
    if sampler:
        sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    if sampler:
        sampler.stop.set()
        sampler.join()
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"extract run failed ({proc.returncode}): {err.decode()[-2000:]}")
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    run = {"workers": workers, "seconds": round(seconds, 2), "cpu_s": round(cpu, 2), "load_before": load}
    if sampler:
        run.update(first_record_s=round(sampler.first, 3) if sampler.first else None,
                   pss_mb=round(sampler.pss / 1024, 1), rss_mb=round(sampler.rss / 1024, 1))
    return run


# ---------------------------------------------------------------- the floor and the naive stack

def floor(paths: list[Path], out: Path) -> dict:
    """Read, NFC-normalize, write one JSON line each: what any pipeline pays."""
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as f:
        for p in paths:
            text = unicodedata.normalize("NFC", p.read_text(encoding="utf-8"))
            f.write(json.dumps({"id": p.stem, "text": text}, ensure_ascii=False) + "\n")
    return {"articles": len(paths), "seconds": round(time.perf_counter() - started, 3)}


NAIVE = r"""
import sys, time, json, re
started = time.perf_counter()
from underthesea import ner, sent_tokenize
from dateparser.search import search_dates
number = re.compile(r"\d+(?:[.,]\d+)*\s*%?")
with open(sys.argv[1], "w") as out:
    for path in sys.argv[2:]:
        text = open(path, encoding="utf-8").read()
        found = []
        for sentence in sent_tokenize(text):
            found += [t[0] for t in ner(sentence) if t[3] != "O"]
            found += number.findall(sentence)
            found += [d[0] for d in search_dates(sentence, languages=["vi"]) or ()]
        out.write(json.dumps(found, ensure_ascii=False) + "\n")
print(time.perf_counter() - started)
"""


MACHINE = r"""
import sys, time
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))  # the copies start together
started, seen = time.perf_counter(), {}
for i in range(int(sys.argv[2])):
    seen[i % 5000] = str(i)
print(time.perf_counter() - started)
"""


def machine(workers: int, n: int = 5_000_000) -> float:
    """How many times one copy's throughput `workers` copies of a CPU-bound loop get together on this host now."""
    def copies(k: int) -> list[float]:
        start = str(time.time() + 0.3)  # after every copy's interpreter has started
        procs = [subprocess.Popen([sys.executable, "-c", MACHINE, start, str(n)], stdout=subprocess.PIPE)
                 for _ in range(k)]
        return [float(p.communicate()[0]) for p in procs]
    before = copies(1)[0]
    together = max(copies(workers))
    alone = (before + copies(1)[0]) / 2  # one copy before and after: a host whose speed drifts meets both
    return round(workers * alone / together, 2)


def naive(paths: list[Path], out: Path) -> dict:
    """underthesea NER per sentence, dateparser and a number regex, one process, its loading counted."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", NAIVE, str(out), *map(str, paths)],
                   check=True, stdout=subprocess.DEVNULL)
    return {"articles": len(paths), "seconds": round(time.perf_counter() - started, 2)}


# ---------------------------------------------------------------- the report

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=3000, help="articles in the generated corpus")
    ap.add_argument("--base", type=Path, help="another checkout to measure in the same session (today's main)")
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds (each runs every kind once, in alternating order); ratios are medians over them")
    ap.add_argument("--first", type=int, default=5, help="one-article runs for the time to first record")
    ap.add_argument("--naive-n", type=int, default=40, help="articles for the naive stack (it is slow); 0: skip")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    trees = {"this": ROOT, **({"base": args.base.resolve()} if args.base else {})}
    report: dict = {"load_before": os.getloadavg(), "cores": os.cpu_count(), "n": args.n, "runs": {}, "first": {}}
    with tempfile.TemporaryDirectory(prefix="extract-bench-") as tmp:
        tmp = Path(tmp)
        paths = build_corpus(tmp / "corpus", args.n)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
        report["mean_chars"] = round(chars / len(paths))
        counts = sorted({1, args.workers})
        for tree in trees.values():  # a discarded one-article run each: bytecode and the trees' own caches written
            run_pipeline(tree, [str(paths[0])], 1, tmp / "warm.jsonl")
        # this/W, this/1, base/1, base/W: each ratio's two runs are neighbours (this/1 with this/W and with base/1)
        kinds = [("this", w) for w in counts[::-1]] + [(name, w) for name in trees if name != "this" for w in counts]
        rounds = []
        for r in range(args.repeat):
            if args.workers > 1:
                report.setdefault("machine", []).append(machine(args.workers))
            done = {}
            for name, w in (kinds if r % 2 == 0 else kinds[::-1]):
                done[f"{name}/{w}"] = run_pipeline(trees[name], [str(tmp / "corpus")], w, tmp / f"{name}{w}.jsonl",
                                                   sample=False)
            rounds.append(done)
        report["rounds"] = rounds
        report["runs"] = {k: dict(median_run([rnd[k] for rnd in rounds])) for k in rounds[0]}
        for name, w in kinds:  # memory: a sampled run of each kind, after the timed ones
            mem = run_pipeline(trees[name], [str(tmp / "corpus")], w, tmp / f"{name}{w}.jsonl")
            report["runs"][f"{name}/{w}"].update(pss_mb=mem["pss_mb"], rss_mb=mem["rss_mb"],
                                                 sampled_seconds=mem["seconds"])
        for name, tree in trees.items():
            firsts = [run_pipeline(tree, [str(paths[i])], args.workers, tmp / f"one-{name}-{i}.jsonl")["first_record_s"]
                      for i in range(args.first)]
            report["first"][name] = {"median_s": statistics.median(firsts), "all": firsts}
        report["floor"] = floor(paths, tmp / "floor.jsonl")
        if args.naive_n:
            report["naive"] = naive(paths[:args.naive_n], tmp / "naive.jsonl")
    report["load_after"] = os.getloadavg()
    report["checks"] = checks(report, counts)
    print(json.dumps(report, indent=2) if args.json else table(report, counts))
    return 0


def rate(r: dict, n: int) -> float:
    return n / r["seconds"]


def median_run(runs: list[dict]) -> dict:
    """A kind's run of median seconds (the lower middle one of an even count)."""
    return sorted(runs, key=lambda r: r["seconds"])[(len(runs) - 1) // 2]


def paired(rounds: list[dict], faster: str, slower: str) -> list[float]:
    """Per round, how many times faster the run `faster` was than the run `slower` of the same round."""
    return [round(rnd[slower]["seconds"] / rnd[faster]["seconds"], 2) for rnd in rounds]


def checks(rep: dict, counts: list[int]) -> dict:
    rounds, w = rep["rounds"], counts[-1]
    pss = rep["runs"][f"this/{w}"]["pss_mb"]
    scaling = paired(rounds, f"this/{w}", "this/1") if w > 1 else None
    speedup = paired(rounds, "this/1", "base/1") if "base/1" in rounds[0] else None
    got = {"first_record_s": rep["first"]["this"]["median_s"], "pss_2w_mb": pss,
           "scaling": round(statistics.median(scaling), 2) if scaling else None,
           "speedup_1w": round(statistics.median(speedup), 2) if speedup else None}
    rep["per_round"] = {"scaling": scaling, "speedup_1w": speedup}
    if scaling and rep.get("machine"):
        rep["per_round"]["of_machine"] = [round(a / b, 2) for a, b in zip(scaling, rep["machine"])]
    return {k: {"value": v, "target": TARGETS[k],
                "ok": v is not None and (v <= TARGETS[k] if k in ("first_record_s", "pss_2w_mb") else v >= TARGETS[k])}
            for k, v in got.items()}


def table(rep: dict, counts: list[int]) -> str:
    n = rep["n"]
    lines = [f"{n} unique articles, mean {rep['mean_chars']} characters; load average before "
             f"{rep['load_before'][0]:.2f}, after {rep['load_after'][0]:.2f}, on {rep['cores']} cores",
             f"{'run':<10}{'workers':>8}{'seconds':>9}{'art/s':>9}{'cpu ms/art':>11}{'total PSS MB':>13}"
             f"{'total RSS MB':>13}{'load':>6}"]
    lines.append("(seconds: the median timed run, unsampled; PSS and RSS: one more run of the kind, sampled)")
    for key, r in rep["runs"].items():
        lines.append(f"{key.split('/')[0]:<10}{r['workers']:>8}{r['seconds']:>9}{rate(r, n):>9.1f}"
                     f"{1000 * r['cpu_s'] / n:>11.2f}{r['pss_mb']:>13}{r['rss_mb']:>13}{r['load_before']:>6.2f}")
    if len(rep["rounds"]) > 1:
        lines.append("each round (seconds), in the order run; odd rounds reversed:")
        for i, rnd in enumerate(rep["rounds"], 1):
            lines.append(f"  {i}: " + ", ".join(f"{k} {r['seconds']} (load {r['load_before']:.2f})" for k, r in rnd.items()))
    for name, f in rep["first"].items():
        lines.append(f"first record, one-article run ({name}): median {f['median_s']} s of {f['all']}")
    fl = rep["floor"]
    fl_rate = fl["articles"] / fl["seconds"]
    lines.append(f"floor (read + NFC + write): {fl_rate:.0f} art/s")
    this1 = rate(rep["runs"]["this/1"], n)
    lines.append("ratios (seconds and art/s above: each kind's median run; the checks: the median of each round's ratio):")
    lines.append(f"  this, 1 worker, over the floor: {fl_rate / this1:.0f}x slower")
    if "base/1" in rep["runs"]:
        for w in counts:
            this, base = rep["runs"][f"this/{w}"], rep["runs"][f"base/{w}"]
            lines.append(f"  this / base, {w} worker(s): {rate(this, n):.1f} / {rate(base, n):.1f} art/s = "
                         f"{rate(this, n) / rate(base, n):.2f}x; in CPU per article (which others' load skews less) "
                         f"{base['cpu_s'] / this['cpu_s']:.2f}x")
    for name in ("this", "base"):
        if len(counts) > 1 and f"{name}/1" in rep["runs"]:
            lines.append(f"  {name}: {counts[-1]} workers / 1: "
                         f"{rate(rep['runs'][f'{name}/{counts[-1]}'], n) / rate(rep['runs'][f'{name}/1'], n):.2f}x")
    if "naive" in rep:
        nv = rep["naive"]["articles"] / rep["naive"]["seconds"]
        lines.append(f"  this, 1 worker, over the naive stack ({nv:.1f} art/s on {rep['naive']['articles']}, "
                     f"loading included): {this1 / nv:.0f}x faster")
    lines.append("checks:")
    for k, c in rep["checks"].items():
        sign = "<=" if k in ("first_record_s", "pss_2w_mb") else ">="
        each = rep["per_round"].get(k)
        rounds = f"  rounds {each}" if each and len(each) > 1 else ""
        lines.append(f"  {k:<16}{str(c['value']):>8}  target {sign} {c['target']:<6} {'ok' if c['ok'] else 'MISSED'}{rounds}")
    if rep.get("machine"):
        lines.append(f"the host: {counts[-1]} copies of a CPU-bound loop / 1: median "
                     f"{statistics.median(rep['machine']):.2f}, rounds {rep['machine']}")
        lines.append(f"  this's scaling over the host's, same round: median "
                     f"{statistics.median(rep['per_round']['of_machine']):.2f}, rounds {rep['per_round']['of_machine']}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
