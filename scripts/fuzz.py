"""Feeds generated random and adversarial text to every extractor and reports
exceptions, invalid items and the slowest single call (each must stay under 1 s).

    .venv/bin/python scripts/fuzz.py --n 10000 --seed 1 --jobs 2
    .venv/bin/python scripts/fuzz.py --replay /tmp/fuzz-failures     # the saved failing inputs again

Every input goes through each pipeline component (timed one by one) and each
probe kind (`extract.pipeline.probe`: the real steps up to that kind). Exit status 1 when anything raised, an item's
span does not hold its surface, or a call took a second or more. Failing
inputs are written to --save for replay. tests/test_fuzz.py reuses the
fragments and checks below with hypothesis.
"""
from __future__ import annotations

import argparse
import functools
import multiprocessing
import random
import signal
import sys
import time
import traceback
import unicodedata
from pathlib import Path
from typing import Callable

# Pieces of real article language: what the finders look for, and their near misses.
FRAGMENTS = [
    "ngày 15/8/2022", "ngày 12.4", "24/4", "quý I.2024", "quý II năm 2023", "6 tháng đầu năm", "9 tháng năm 2022",
    "từ đầu năm 2022 đến nay", "từ 15/12/2022 - 15/9/2023", "tháng 8/2021", "giai đoạn 2021-2025", "năm 2024",
    "Thứ Hai, 15/08/2022, 10:59 (GMT+7)", "cùng kỳ năm trước", "hiện nay",
    "UBND tỉnh Tiền Giang", "Ủy ban nhân dân huyện Cái Bè", "Sở Nội vụ", "Văn phòng UBND tỉnh", "TP. Mỹ Tho",
    "xã Tân Hòa", "phường 5", "thị xã Gò Công", "Bộ Thông tin và Truyền thông", "Trung tâm Phục vụ hành chính công",
    "Bưu điện tỉnh", "các sở, ngành", "thành phố và phường, xã", "Tỉnh ủy", "Chi cục Thuế",
    "Chủ tịch UBND tỉnh", "Phó Giám đốc Sở Nội vụ", "ông Nguyễn Văn An", "bà Trần Thị Quý", "Đồng chí Hồ Vũ Bảo",
    "Bí thư Huyện ủy", "THANH TÙNG", "PV", "(ABO)",
    "1.245 hồ sơ", "98,5%", "0,72%", "86.45%", "tiếp nhận", "đã giải quyết", "đúng hạn", "trễ hạn", "đạt tỷ lệ",
    "205 dịch vụ công trực tuyến mức độ 4", "mức độ 3", "thủ tục hành chính", "toàn trình", "một phần",
    "Quyết định số 93/2007/QĐ-TTg", "Đề án 02", "xếp thứ 12/63", "5/9 huyện", "tăng 12%", "giảm 3,86%",
    "1,5 tỷ đồng", "hơn 2.000", "gần 300", "khoảng 50", "ít nhất 10", "trên 95%", "hai nghìn", "một trăm linh năm",
    "PAR INDEX", "SIPAS", "4,697 lượt xem", "0273.3872.123", "số 12 đường Hùng Vương",
    "Tin liên quan", "Trang chủ", "Xem thêm", "Bình luận", "Chia sẻ",
]
# Shapes that make careless patterns backtrack, tokenizers split badly or offsets drift.
ADVERSARIAL = [
    "1." * 300, "1,1," * 100, "9" * 400, "%" * 60, "/" * 120, "(" * 80, ")" * 80, "-" * 200, "." * 300,
    "UBND " * 40, "ngày " * 60, "số " * 80, "tỉnh " * 50, "Ủy ban nhân dân " * 20, "Phó " * 50, "ông bà " * 30,
    "quý I " * 40, "năm " * 60, "hồ sơ " * 50, "A " * 200, "Nguyễn " * 40, "xã, " * 60,
    "\u0301" * 30, "a\u0301\u0300\u0303" * 20, "\u200b" * 20, "\u200c\u200d\ufeff", "\u202e\u202d\u2066\u2069",
    "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd", "\x00\x01\x07\x1b", "\ufffd" * 10, "\u00ad",
    "\u2028\u2029", "\t\f\v", " " * 500, "\n" * 80, "🇻🇳" * 20, "𝟏𝟐𝟑", "١٢٣٤", "ⅠⅡⅢ", "Ｕ Ｂ Ｎ Ｄ",
    "Hoà Thuỷ khoẻ", "HÒA THÀNH", "đ\u0301", "Ð", "İ", "ß" * 10,
]
LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
SEPARATORS = [" ", " ", " ", ", ", ". ", ".\n", "\n\n", "", ": ", " - ", "; "]
SLOW = 1.0  # seconds: no single extractor call may take this long
HANG = 30  # seconds: a call still running then is stopped and counted as a failure


def generate(rng: random.Random) -> str:
    """One input: fragments, adversarial runs and random letters, joined by punctuation; now and then large."""
    pieces = rng.choice([3, 10, 30, 80]) if rng.random() > 0.01 else 600
    out = []
    for _ in range(rng.randint(0, pieces)):
        r = rng.random()
        if r < 0.55:
            out.append(rng.choice(FRAGMENTS))
        elif r < 0.7:
            out.append(rng.choice(ADVERSARIAL))
        elif r < 0.9:
            out.append("".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 12))))
        else:
            out.append("".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(1, 8))))
        out.append(rng.choice(SEPARATORS))
    return unicodedata.normalize("NFC", "".join(out))


def span_problems(text: str, items) -> list[str]:
    """Every item (a model or its dict) whose span or mentions do not hold their surface in the text."""
    problems = []
    for item in items:
        data = item if isinstance(item, dict) else item.model_dump()
        located = [(data.get("span"), data.get("text"))] if data.get("span") is not None else []
        located += [(m["span"], m["text"]) for m in data.get("mentions") or []]
        for span, surface in located:
            a, b = span
            if not (0 <= a <= b <= len(text)) or (surface is not None and text[a:b] != surface):
                problems.append(f"span {span} holds {text[a:b]!r}, not {surface!r} ({data.get('rule')})")
        for a, b in data.get("evidence") or []:
            if not 0 <= a <= b <= len(text):
                problems.append(f"evidence {(a, b)} outside the text")
    return problems


def probes() -> dict[str, Callable]:
    """`probe(kind, text, anchor)` for every kind the pattern corpus checks, keyed by kind."""
    from extract.pipeline import PROBE_KINDS, probe

    return {kind: functools.partial(probe, kind) for kind in PROBE_KINDS}


def pipeline_calls(text: str) -> tuple[list[str], dict[str, float]]:
    """Runs the pipeline component by component: problems with the record, and seconds per component."""
    from extract.context import Context
    from extract.models import Record
    from extract.pipeline import load, to_record

    nlp = load()
    times = {}
    start = time.perf_counter()
    doc = nlp.make_doc(text)
    times["tokenizer"] = time.perf_counter() - start
    doc._.ctx = Context(id="fuzz", text=text)
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        doc = proc(doc)
        times[name] = time.perf_counter() - start
    record = Record.model_validate(to_record(doc._.ctx).model_dump())
    items = [*record.dates, *record.indicators, *record.units, *record.officials, *record.audit]
    return span_problems(text, items), times


class Hang(Exception):
    pass


def _hang(signum, frame):
    raise Hang(f"still running after {HANG} s")


def fuzz_slice(seed: int, n: int, jobs: int, job: int, replay: str = ""):
    """Inputs job, job+jobs, … of n (or of the files in `replay`): (slowest call per extractor, failures, calls, characters)."""
    signal.signal(signal.SIGALRM, _hang)
    examples = probes()
    pipeline_calls(generate(random.Random(seed)))  # warm up: lazy tables and models load outside the timings
    slowest: dict[str, tuple[float, str]] = {}
    failures: list[tuple[str, str, str]] = []
    calls = chars = 0

    def note(name: str, seconds: float, text: str) -> None:
        if seconds > slowest.get(name, (-1.0, ""))[0]:
            slowest[name] = (seconds, text)

    def guarded(where: str, call):
        signal.alarm(HANG)
        try:
            return call()
        except Exception:
            failures.append((where, traceback.format_exc(limit=-3), text))
        finally:
            signal.alarm(0)

    saved = sorted(Path(replay).glob("*.txt")) if replay else []
    for i in range(job, len(saved) if replay else n, jobs):
        # one seed per input: results do not depend on --jobs
        text = saved[i].read_text(encoding="utf-8") if replay else generate(random.Random(f"{seed}:{i}"))
        chars += len(text)
        result = guarded("pipeline", lambda: pipeline_calls(text))
        if result:
            problems, times = result
            calls += len(times)
            for name, seconds in times.items():
                note(f"pipeline:{name}", seconds, text)
            failures += [("pipeline", p, text) for p in problems]
        for name, fn in examples.items():
            start = time.perf_counter()
            items = guarded(name, lambda: fn(text, None))
            calls += 1
            note(f"probe:{name}", time.perf_counter() - start, text)
            failures += [(name, p, text) for p in span_problems(text, items or [])]
        if job == 0 and (i // jobs + 1) % 500 == 0:
            print(f"{i + 1:,} of {n:,} inputs, {len(failures)} failures so far", file=sys.stderr, flush=True)
    return slowest, failures, calls, chars


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="inputs to generate")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1, help="processes (timings are per call, within one process)")
    ap.add_argument("--save", default="/tmp/fuzz-failures", help="folder for failing inputs")
    ap.add_argument("--replay", default="", help="run the .txt inputs of this folder instead of generated ones")
    args = ap.parse_args(argv)
    if args.replay:
        args.n, args.save = len(list(Path(args.replay).glob("*.txt"))), args.save + "-replay"
    began = time.perf_counter()
    with multiprocessing.Pool(args.jobs) as pool:
        parts = pool.starmap(fuzz_slice, [(args.seed, args.n, args.jobs, j, args.replay) for j in range(args.jobs)])
    slowest: dict[str, tuple[float, str]] = {}
    for part, _, _, _ in parts:
        for name, value in part.items():
            slowest[name] = max(slowest.get(name, value), value)
    failures = [f for _, fs, _, _ in parts for f in fs]
    calls, chars = sum(p[2] for p in parts), sum(p[3] for p in parts)
    return report(args, slowest, failures, calls, chars, time.perf_counter() - began)


def report(args, slowest, failures, calls, chars, seconds) -> int:
    print(f"fuzz: {args.n:,} inputs (seed {args.seed}, {chars:,} characters), {calls:,} extractor calls, {seconds:.0f} s")
    print(f"failures: {len(failures)}")
    save = Path(args.save)
    for k, (where, what, text) in enumerate(failures[:20]):
        save.mkdir(parents=True, exist_ok=True)
        (save / f"failure_{k:03d}.txt").write_text(text, encoding="utf-8")
        print(f"  [{where}] {what.strip().splitlines()[-1]}  (input saved as {save}/failure_{k:03d}.txt)")
    print("slowest call per extractor:")
    for name, (secs, text) in sorted(slowest.items(), key=lambda kv: -kv[1][0]):
        print(f"  {name:24s} {secs * 1000:8.1f} ms  (input of {len(text):,} characters)")
    worst_name, (worst, worst_text) = max(slowest.items(), key=lambda kv: kv[1][0])
    if worst >= SLOW:
        save.mkdir(parents=True, exist_ok=True)
        (save / "slowest.txt").write_text(worst_text, encoding="utf-8")
    print(f"slowest single call: {worst_name} {worst * 1000:.1f} ms (limit {SLOW * 1000:.0f} ms)")
    return 1 if failures or worst >= SLOW else 0


if __name__ == "__main__":
    sys.exit(main())
