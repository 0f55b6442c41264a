"""Inline SVG charts, drawn in Python: no chart library, no network."""
from __future__ import annotations

import math
from dataclasses import dataclass

from .html import esc, fmt_number

W, H = 500, 200
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 12, 28
MONTH_STEPS = (1, 3, 6, 12, 24, 60, 120)


@dataclass
class Point:
    x: float      # time as a fractional year (2024.5 = mid-2024)
    y: float
    tip: str      # hover text
    href: str     # the article page


def time_domain(xs: list[float]) -> tuple[float, float]:
    """The x range that shows all of xs, shared by the charts to compare them at a glance."""
    return _pad(min(xs), max(xs), 0.25)


def scatter(points: list[Point], label: str, domain: tuple[float, float]) -> str:
    """Values over time; each point links to its article."""
    x0, x1 = domain
    y0, y1 = 0.0, max(max(p.y for p in points), 1.0)
    ystep = _nice_step(y1 / 4)
    y1 = math.ceil(y1 / ystep) * ystep
    sx = lambda x: LEFT + (x - x0) / (x1 - x0) * (W - LEFT - RIGHT)  # noqa: E731
    sy = lambda y: H - BOTTOM - (y - y0) / (y1 - y0) * (H - TOP - BOTTOM)  # noqa: E731
    grid = [_hline(sy(v), fmt_number(round(v, 6))) for v in _frange(y0, y1, ystep)]
    ticks = [_vtick(sx(t), name) for t, name in _time_ticks(x0, x1) if LEFT + 20 <= sx(t) <= W - RIGHT - 20]
    dots = [f'<a href="{esc(p.href)}"><circle cx="{sx(p.x):.1f}" cy="{sy(p.y):.1f}" r="4" class="dot">'
            f"<title>{esc(p.tip)}</title></circle></a>" for p in points]
    return _svg(label, grid + ticks + dots, H)


def bars(items: list[tuple[str, int, str]], label: str) -> str:
    """Horizontal bars: (name, count, href) from largest to smallest."""
    row, name_w = 22, 260
    height = TOP + row * len(items) + 8
    top = max(c for _, c, _ in items)
    scale = (W - name_w - 48) / top
    parts = []
    for k, (name, count, href) in enumerate(items):
        y = TOP + k * row
        parts.append(
            f'<a href="{esc(href)}"><text x="{name_w - 6}" y="{y + 15}" text-anchor="end" class="lbl">'
            f'{esc(_clip(name, 38))}<title>{esc(name)}</title></text></a>'
            f'<rect x="{name_w}" y="{y + 3}" width="{max(count * scale, 1):.1f}" height="{row - 6}" class="bar"/>'
            f'<text x="{name_w + count * scale + 4:.1f}" y="{y + 15}" class="num">{count}</text>'
        )
    return _svg(label, parts, height)


def _svg(label: str, parts: list[str], height: int) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height}" width="{W}" height="{height}" '
            f'role="img" aria-label="{esc(label)}" class="chart">{"".join(parts)}</svg>')


def _hline(y: float, label: str) -> str:
    return (f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="num">{esc(label)}</text>')


def _vtick(x: float, label: str) -> str:
    return (f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{H - BOTTOM}" class="grid"/>'
            f'<text x="{x:.1f}" y="{H - BOTTOM + 16}" text-anchor="middle" class="num">{esc(label)}</text>')


def _pad(lo: float, hi: float, pad: float) -> tuple[float, float]:
    return (lo - pad, hi + pad) if hi - lo < 2 * pad else (lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05)


def _nice_step(raw: float) -> float:
    mag = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)


def _frange(lo: float, hi: float, step: float) -> list[float]:
    return [lo + k * step for k in range(int(round((hi - lo) / step)) + 1)]


def _time_ticks(x0: float, x1: float) -> list[tuple[float, str]]:
    """Month or year boundaries between x0 and x1, at most about eight of them."""
    months = (x1 - x0) * 12
    step = next((s for s in MONTH_STEPS if months / s <= 8), MONTH_STEPS[-1])
    m = math.ceil(x0 * 12 / step) * step
    ticks = []
    while m <= x1 * 12:
        year, month = divmod(int(m), 12)
        ticks.append((m / 12, str(year) if month == 0 and step >= 12 else f"{month + 1:02d}/{year}"))
        m += step
    return ticks


def _clip(name: str, n: int) -> str:
    return name if len(name) <= n else name[: n - 1] + "…"
