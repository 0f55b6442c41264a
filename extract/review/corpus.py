"""The corpus pages: the index of articles and the dashboard."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Optional

import regex

from extract.models import METRICS, Record
from extract.settings import REVIEW_FIRST_YEAR, REVIEW_YEARS_AHEAD

from .charts import Point, bars, scatter, uses_log
from .html import esc, fmt_number, link, page, table

TIMEX = regex.compile(r"(\d{4})(?:-(?:(\d\d)(?:-(\d\d))?|Q([1-4])|H([12])))?")
TOP_UNITS = 30
MAX_POINTS = 2000  # per chart: beyond this an inline SVG gets heavy, so every k-th point is drawn
ARTICLES_PER_UNIT = 20


def index_page(records: list[Record], hrefs: list[str], notes: list[str]) -> str:
    rows = [[
        link(href, rec.title or rec.id), f"<code>{esc(rec.id)}</code>", esc(rec.published or ""),
        str(len(rec.units)), str(len(rec.officials)), str(len(rec.dates)), str(len(rec.indicators)),
        _audit_flags(rec), str(len(rec.warnings)),
    ] for rec, href in zip(records, hrefs)]
    headers = ["bài viết", "id", "xuất bản", "đơn vị", "cán bộ", "thời gian", "chỉ số", "kiểm tra", "cảnh báo"]
    notice = "".join(f'<p class="notice">{esc(n)}</p>' for n in notes)
    body = (f"<h1>Bài viết ({len(records)})</h1>{notice}"
            f'<p>{link("dashboard.html", "Tổng quan kho bài viết →")}</p>{table(headers, rows, "sortable")}')
    return page("Bài viết", body)


def _audit_flags(rec: Record) -> str:
    bad = sum(f.status == "inconsistent" for f in rec.audit)
    good = len(rec.audit) - bad
    flags = (f'<span class="ev-bad">✗ {bad}</span> ' if bad else "") + (f'<span class="ev-ok">✓ {good}</span>' if good else "")
    return flags or "—"


def dashboard_page(records: list[Record], hrefs: list[str]) -> str:
    n_ind = sum(len(r.indicators) for r in records)
    n_bad = sum(f.status == "inconsistent" for r in records for f in r.audit)
    body = (
        f"<h1>Tổng quan</h1><p class=\"meta\">{len(records)} bài viết · {n_ind} chỉ số · "
        f"{sum(len(r.audit) for r in records)} phép kiểm tra, {n_bad} không khớp</p>"
        f"<section><h2>Chỉ số theo thời gian</h2>{_metric_charts(records, hrefs)}</section>"
        f"<section><h2>Đơn vị theo số bài viết</h2>{_units_chart(records, hrefs)}</section>"
        f"<section><h2>Số liệu không khớp</h2>{_inconsistencies(records, hrefs)}</section>"
    )
    return page("Tổng quan", body)


def period_year(value: Optional[str]) -> Optional[float]:
    """The middle of a TIMEX3 value (an interval too) or an ISO timestamp, as a fractional year; None when unknown."""
    if not value:
        return None
    if "/" in value:
        ends = [period_year(v) for v in value.split("/", 1)]
        return None if None in ends else sum(ends) / 2
    m = TIMEX.match(value)
    if not m:
        return None
    year, month, day, quarter, half = m.groups()
    if day:
        months = int(month) - 1 + (int(day) - 0.5) / 31
    elif month:
        months = int(month) - 0.5
    elif quarter:
        months = int(quarter) * 3 - 1.5
    elif half:
        months = int(half) * 6 - 3
    else:
        months = 6
    return int(year) + months / 12


def chart_years() -> tuple[int, int]:
    """The years a chart may show: earlier or later times are placeholders or typos, not news."""
    return REVIEW_FIRST_YEAR, dt.date.today().year + REVIEW_YEARS_AHEAD


def _metric_charts(records: list[Record], hrefs: list[str]) -> str:
    points: dict[str, list[Point]] = defaultdict(list)
    percent: dict[str, bool] = defaultdict(lambda: True)
    first, last = chart_years()
    undated = outside = 0
    for rec, href in zip(records, hrefs):
        for i, n in enumerate(rec.indicators):
            times = [t for t in (period_year(n.period), period_year(rec.published)) if t is not None]
            x = next((t for t in times if first <= t < last + 1), None)
            if x is None:
                undated += not times
                outside += bool(times)
                continue
            tip = " · ".join(str(v) for v in (rec.title or rec.id, n.unit_ref, f"{n.qualifier} {fmt_number(n.value)} {n.unit}",
                                                n.period or f"xuất bản {rec.published}") if v)
            points[n.metric].append(Point(x, float(n.value), tip, f"{href}#n{i}"))
            percent[n.metric] &= n.unit == "%"
    notes = []
    if undated:
        notes.append(f"{undated} chỉ số không có thời gian (no period, no publication date) không được vẽ.")
    if outside:
        notes.append(f"{outside} chỉ số có thời gian ngoài {first}–{last} (a placeholder such as 0001-01-01, "
                     "or a typo) không được vẽ.")
    charts = "".join(_metric_chart(m, points[m], percent[m]) for m in METRICS if m in points)
    if not charts:
        charts = '<p class="none">Chưa có chỉ số nào có thời gian.</p>'
    return charts + "".join(f'<p class="meta">{esc(n)}</p>' for n in notes)


def _metric_chart(metric: str, points: list[Point], percent: bool) -> str:
    """Percentages keep their 0-100 axis; counts orders of magnitude apart get a log one."""
    notes = []
    log = not percent and uses_log([p.y for p in points])
    if log:
        notes.append("thang log")
        zeros = sum(p.y <= 0 for p in points)
        if zeros:
            notes.append(f"{zeros} giá trị 0 không vẽ được trên thang log")
    step = -(-len(points) // MAX_POINTS)
    if step > 1:
        notes.append(f"{len(points[::step])} drawn")
    shown = "".join(f", {n}" for n in notes)
    return (f'<figure class="metric"><figcaption><b>{esc(metric)}</b> ({len(points)}{shown})</figcaption>'
            f"{scatter(points[::step], metric, log)}</figure>")


def _units_chart(records: list[Record], hrefs: list[str]) -> str:
    articles: dict[str, list[int]] = defaultdict(list)
    for k, rec in enumerate(records):
        for name in {u.name for u in rec.units}:
            articles[name].append(k)
    if not articles:
        return '<p class="none">Chưa có đơn vị nào.</p>'
    top = sorted(articles.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:TOP_UNITS]
    chart = bars([(name, len(ks), f"#unit-{j}") for j, (name, ks) in enumerate(top)], "units")
    rows = "".join(
        f'<li id="unit-{j}"><b>{esc(name)}</b>: '
        + ", ".join(link(hrefs[k], records[k].title or records[k].id) for k in ks[:ARTICLES_PER_UNIT])
        + ("…" if len(ks) > ARTICLES_PER_UNIT else "") + "</li>"
        for j, (name, ks) in enumerate(top))
    return f'{chart}<ul class="units">{rows}</ul>'


def _inconsistencies(records: list[Record], hrefs: list[str]) -> str:
    rows = [[
        link(href + "#audit", rec.title or rec.id), esc(f.check), esc(f.metric or ""), esc(f.unit_ref or ""),
        esc(f.period or ""), fmt_number(f.reported), fmt_number(f.computed), esc(f.explanation),
    ] for rec, href in zip(records, hrefs) for f in rec.audit if f.status == "inconsistent"]
    headers = ["bài viết", "check", "metric", "unit_ref", "period", "báo cáo", "tính được", "giải thích"]
    return table(headers, rows, "sortable")
