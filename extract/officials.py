"""Placeholder until the officials finder lands: finds nothing."""
from __future__ import annotations


def find(ctx):
    return []


def examples(text, anchor=None):
    return []
