"""Inline SVG charts, drawn in Python: no chart library, no network, no script needed to see them.

Scales are chosen for messy data: a time axis spans only its own points, a metric whose values are
orders of magnitude apart gets a log scale, and tick labels are sized and spaced so they never overlap.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .html import esc, fmt_number

W, H = 500, 200
RIGHT, TOP, BOTTOM = 16, 12, 28
CHAR_PX = 7  # the widest digit at the charts' 11px font, rounded up: label widths are estimated from it
GAP_PX = 16  # least space between two time labels
LOG_SPREAD = 1000  # largest / smallest non-zero value past which a linear axis flattens the small ones
MONTH_STEPS = (1, 2, 3, 6)
YEAR_STEPS = (1, 2, 5)  # × powers of ten


@dataclass
class Point:
    x: float      # time as a fractional year (2024.5 = mid-2024)
    y: float
    tip: str      # hover text
    href: str     # the article page


def uses_log(values: list[float]) -> bool:
    positive = [v for v in values if v > 0]
    return bool(positive) and max(positive) / min(positive) > LOG_SPREAD


def scatter(points: list[Point], label: str, log: bool = False) -> str:
    """Values over time; each point links to its article. Zeros cannot sit on a log scale: the caller says so."""
    if log:
        points = [p for p in points if p.y > 0]
    y0, y1, yticks = _log_ticks([p.y for p in points]) if log else _linear_ticks([p.y for p in points])
    left = max(len(t) for _, t in yticks) * CHAR_PX + 12
    x0, x1 = _pad(min(p.x for p in points), max(p.x for p in points), 0.25)
    f = math.log10 if log else float
    sx = lambda x: left + (x - x0) / (x1 - x0) * (W - left - RIGHT)  # noqa: E731
    sy = lambda y: H - BOTTOM - (f(y) - f(y0)) / (f(y1) - f(y0)) * (H - TOP - BOTTOM)  # noqa: E731
    grid = [_hline(left, sy(v), text) for v, text in yticks]
    ticks = [_vtick(sx(t), text) for t, text in _time_ticks(x0, x1, W - left - RIGHT)
             if left + len(text) * CHAR_PX / 2 <= sx(t) <= W - RIGHT - len(text) * CHAR_PX / 2]
    dots = [f'<a href="{esc(p.href)}"><circle cx="{sx(p.x):.1f}" cy="{sy(p.y):.1f}" r="4" class="dot">'
            f"<title>{esc(p.tip)}</title></circle></a>" for p in points]
    scale = "log" if log else "linear"
    return _svg(label, grid + ticks + dots, H, f"chart {scale}", f'data-plot="{left} {W - RIGHT}"')


def bars(items: list[tuple[str, int, str]], label: str) -> str:
    """Horizontal bars: (name, count, href) from largest to smallest."""
    row, name_w = 22, 260
    height = TOP + row * len(items) + 8
    top = max(c for _, c, _ in items)
    scale = (W - name_w - 12 - len(str(top)) * CHAR_PX) / top
    parts = []
    for k, (name, count, href) in enumerate(items):
        y = TOP + k * row
        parts.append(
            f'<a href="{esc(href)}"><text x="{name_w - 6}" y="{y + 15}" text-anchor="end" class="lbl">'
            f'{esc(_clip(name, 38))}<title>{esc(name)}</title></text></a>'
            f'<rect x="{name_w}" y="{y + 3}" width="{max(count * scale, 1):.1f}" height="{row - 6}" class="bar"/>'
            f'<text x="{name_w + count * scale + 4:.1f}" y="{y + 15}" class="num">{count}</text>'
        )
    return _svg(label, parts, height, "chart")


def short_number(value: float) -> str:
    """An axis label: 950, 2.500, 25 nghìn, 14,5 triệu."""
    for above, unit, word in ((1e9, 1e9, "tỷ"), (1e6, 1e6, "triệu"), (1e4, 1e3, "nghìn")):
        if abs(value) >= above:
            return f"{fmt_number(round(value / unit, 2))} {word}"
    return fmt_number(round(value, 6))


def _svg(label: str, parts: list[str], height: int, cls: str, extra: str = "") -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height}" width="{W}" height="{height}" '
            f'role="img" aria-label="{esc(label)}" class="{cls}" {extra}>{"".join(parts)}</svg>')


def _hline(left: float, y: float, label: str) -> str:
    return (f'<line x1="{left}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="num tick y">{esc(label)}</text>')


def _vtick(x: float, label: str) -> str:
    return (f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{H - BOTTOM}" class="grid"/>'
            f'<text x="{x:.1f}" y="{H - BOTTOM + 16}" text-anchor="middle" class="num tick x">{esc(label)}</text>')


def _pad(lo: float, hi: float, pad: float) -> tuple[float, float]:
    return (lo - pad, hi + pad) if hi - lo < 2 * pad else (lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05)


def _linear_ticks(ys: list[float]) -> tuple[float, float, list[tuple[float, str]]]:
    y1 = max(max(ys), 1.0)
    step = _nice_step(y1 / 4)
    y1 = math.ceil(y1 / step) * step
    return 0.0, y1, [(k * step, short_number(k * step)) for k in range(int(round(y1 / step)) + 1)]


def _log_ticks(ys: list[float]) -> tuple[float, float, list[tuple[float, str]]]:
    """Whole decades around the values, every other one past six so labels keep their room."""
    lo, hi = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    hi = max(hi, lo + 1)
    every = 1 if hi - lo <= 6 else 2
    lo -= (hi - lo) % every  # so both ends carry a label
    return 10.0 ** lo, 10.0 ** hi, [(10.0 ** e, short_number(10.0 ** e)) for e in range(lo, hi + 1, every)]


def _nice_step(raw: float) -> float:
    mag = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)


def _time_ticks(x0: float, x1: float, width: float) -> list[tuple[float, str]]:
    """Month or year boundaries between x0 and x1, as many as fit in `width` pixels without touching."""
    months = (x1 - x0) * 12
    for step in _month_steps():
        label_px = (4 if step % 12 == 0 else 7) * CHAR_PX  # "2024" or "01/2024"
        if months / step <= width / (label_px + GAP_PX):
            break
    m = math.ceil(x0 * 12 / step) * step
    ticks = []
    while m <= x1 * 12:
        year, month = divmod(int(m), 12)
        ticks.append((m / 12, str(year) if step % 12 == 0 else f"{month + 1:02d}/{year}"))
        m += step
    return ticks


def _month_steps():
    yield from MONTH_STEPS
    scale = 12
    while True:
        for k in YEAR_STEPS:
            yield k * scale
        scale *= 10


def _clip(name: str, n: int) -> str:
    return name if len(name) <= n else name[: n - 1] + "…"
