"""Byte-level fuzzer of the reader (not a test; tests/test_fuzz_bytes.py runs a few hundred of its inputs).

    .venv/bin/python scripts/fuzz_bytes.py --n 10000 --seed 1

Random and mutated inputs — gzip (whole, cut, corrupted), HTML, JSON Lines, text in several encodings,
binary noise — are written as files of every supported name and read through iter_articles; any
exception that escapes the reader is a failure, saved under --save with the file name that broke it.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import tempfile
import traceback
from pathlib import Path

from extract.reading import complete, iter_articles
from extract.reading.article import Article
from extract.reading.limits import Limits

VI = "Ngày 15/8/2022, UBND tỉnh Long An tiếp nhận 1.245 hồ sơ, giải quyết đúng hạn 98,5%.\n"
NAMES = ("a.txt", "a.html", "a.jsonl", "a.txt.gz", "a.html.gz", "a.jsonl.gz", "a.htm")
SEEDS = (
    VI.encode(),
    VI.encode("utf-16"), VI.encode("utf-32"), VI.encode("utf-8-sig"), VI.encode("cp1258", errors="replace"),
    f"<html><head><meta property='article:published_time' content='2024-03-12T09:30:00'><title>T</title></head>"
    f"<body><article><h1>T</h1><p>{VI}</p></article></body></html>".encode(),
    "<meta property='article:published_time' content='0001-01-01T00:00:00+14:00'><p>x</p>".encode(),
    (json.dumps({"id": "a", "text": VI}, ensure_ascii=False) + "\n" + json.dumps({"id": 5, "html": "<p>x</p>"})).encode(),
    b'{"id": "x", "text": "\\ud800"}\n[1,2]\n{"text": 5}\n\n\n',
    b"<div>" * 2000, b"&amp;" * 500, b"\x00" * 100, b"\xff\xfe" + b"\x00a" * 50,
)


def mutate(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(5)
        pos = rng.randrange(len(out) + 1)
        if op == 0 and out:
            out[min(pos, len(out) - 1)] = rng.randrange(256)
        elif op == 1:
            out[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op == 2:
            del out[pos:pos + rng.randint(1, 32)]
        elif op == 3:
            out[pos:pos] = rng.choice(SEEDS)[: rng.randint(0, 200)]
        else:
            out[pos:pos] = rng.choice((b"\n", b"{", b"}", b"<", b">", b'"', b"\r", b"\x1f\x8b", b"\xef\xbb\xbf"))
    return bytes(out)


def make(rng: random.Random) -> tuple[str, bytes]:
    """A file name and its bytes: a seed, mutated or not, gzipped (then maybe damaged) when the name says .gz."""
    name = rng.choice(NAMES)
    r = rng.random()
    data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 300))) if r < 0.15 else rng.choice(SEEDS)
    if r >= 0.15 and rng.random() < 0.7:
        data = mutate(rng, data)
    if name.endswith(".gz") and rng.random() < 0.85:
        data = gzip.compress(data)
        if rng.random() < 0.6:
            data = mutate(rng, data) if rng.random() < 0.5 else data[: rng.randint(0, len(data))]
    return name, data


def check(name: str, data: bytes, folder: Path) -> None:
    """Reads one input as a file of that name, alone and inside a folder; raises what escapes the reader, and
    when reading left to workers (`defer`, then `complete`) gives other items than reading at once."""
    sub = folder / "in"
    sub.mkdir(exist_ok=True)
    for old in sub.iterdir():
        old.unlink()
    (sub / name).write_bytes(data)
    limits = Limits(max_chars=20_000, max_line=5_000)
    for path in (sub / name, sub):
        items = list(iter_articles([path], limits))
        for item in items:
            str(item)
        for defer in ("files", "pages"):
            later = [complete(i) if isinstance(i, Article) else i for i in iter_articles([path], limits, defer=defer)]
            if later != items:
                raise AssertionError(f"defer={defer!r} read {later!r}, not {items!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--save", default="/tmp/fuzz-bytes-failures")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.n):
            name, data = make(rng)
            try:
                check(name, data, Path(tmp))
            except Exception:
                failures += 1
                save = Path(args.save)
                save.mkdir(parents=True, exist_ok=True)
                (save / f"{i:05d}-{name}").write_bytes(data)
                print(f"input {i} ({name}, {len(data)} bytes):\n{traceback.format_exc()}", file=sys.stderr)
    print(f"fuzz_bytes: {args.n} inputs, {failures} failures (seed {args.seed})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
