"""Typed segments, sentences, and title/published/authors (placeholder: whole text is body)."""
from __future__ import annotations

from .context import Context, Segment


def segment(ctx: Context) -> None:
    ctx.segments = [Segment("body", 0, len(ctx.text))]
    ctx.sentences = [(0, len(ctx.text))]
