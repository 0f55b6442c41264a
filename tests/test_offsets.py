"""Offsets are sacred: for every mention in every output, text[start:end] is its surface."""
from __future__ import annotations


def _located(record):
    for d in record.dates:
        yield d.span, d.text
    for i in record.indicators:
        yield i.span, i.text
    for u in record.units:
        for m in u.mentions:
            yield m.span, m.text
    for o in record.officials:
        for m in o.mentions:
            yield m.span, m.text


def test_every_surface_is_its_span(corpus_records):
    checked = 0
    for article, record in corpus_records:
        for (start, end), surface in _located(record):
            assert 0 <= start < end <= len(article.text)
            assert article.text[start:end] == surface, (record.id, start, end, surface)
            checked += 1
    assert checked > 100  # the corpus names dozens of units, dates and figures


def test_findings_point_at_indicators(corpus_records):
    for _, record in corpus_records:
        spans = {tuple(i.span) for i in record.indicators}
        for f in record.audit:
            assert all(tuple(sp) in spans for sp in f.evidence), (record.id, f)


def test_nothing_is_found_in_boilerplate(corpus_records):
    from extract.context import CONTENT_KINDS, Context
    from extract.segment import segment

    for article, record in corpus_records:
        ctx = Context(id=article.id, text=article.text)
        segment(ctx)
        allowed = [(s.start, s.end) for s in ctx.segments if s.kind in CONTENT_KINDS | {"source"}]
        for (start, end), surface in _located(record):
            assert any(a <= start and end <= b for a, b in allowed), (record.id, surface)
