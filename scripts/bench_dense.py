"""Benchmark of dense articles (not a test): one article of N short figures, and a 1M-character page of figures.

    .venv/bin/python scripts/bench_dense.py [--figures 20000] [--chars 1000000]

Prints, per article, its size, the figures and findings extracted, and the CPU seconds of process()
on one core (the pipeline loaded beforehand), against the targets: under 10 s for 20,000 figures, and
the per-article budget (extract.settings.ARTICLE_TIME_BUDGET) for the 1M-character page.
"""
from __future__ import annotations

import argparse
import time

from extract import pipeline, settings
from extract.reading.article import Article

LINE = "- Xã {i}: tiếp nhận {n} hồ sơ"  # one short figure a line, as in a results table dumped as text
PAGE = "Xã {i}: tiếp nhận {n} hồ sơ, giải quyết đúng hạn {m} hồ sơ, tỷ lệ {p},{q}%."


def lines_of(template: str, count: int) -> str:
    return "\n".join(template.format(i=i, n=f"{i % 90 + 1}.{i % 1000:03d}", m=i % 900 + 100, p=i % 100, q=i % 10)
                     for i in range(count))


def page_of(chars: int) -> str:
    text, i = [], 0
    size = 0
    while size < chars:
        line = PAGE.format(i=i, n=f"{i % 90 + 1}.{i % 1000:03d}", m=i % 900 + 100, p=i % 100, q=i % 10)
        text.append(line)
        size += len(line) + 1
        i += 1
    return "\n".join(text)[:chars]


def measure(name: str, text: str, target: float) -> None:
    started = time.process_time()
    record = pipeline.process(Article(name, text))
    cpu = time.process_time() - started
    over = [w for w in record.warnings if "budget" in w]
    print(f"{name:10} {len(text):>9,} chars {len(record.indicators):>7,} figures {len(record.audit):>6,} findings "
          f"{cpu:6.1f} s cpu (target < {target:g} s){'  OVER BUDGET' if over else ''}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--figures", type=int, default=20_000)
    ap.add_argument("--chars", type=int, default=1_000_000)
    args = ap.parse_args()
    pipeline.load()
    pipeline.process(Article("warm-up", lines_of(LINE, 10)))  # lazily built tables, as a worker's warm-up does
    measure("figures", lines_of(LINE, args.figures), 10.0)
    measure("page", page_of(args.chars), settings.ARTICLE_TIME_BUDGET)


if __name__ == "__main__":
    main()
