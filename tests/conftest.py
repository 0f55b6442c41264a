"""Shared fixtures: the sample corpus, processed once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser):
    parser.addoption("--gold-dir", default=None,
                     help="folder of the gold sets for the evaluation gate (NAME.gold.jsonl; articles in ../NAME/); "
                          "default $EXTRACT_GOLD_DIR, else ../shared/gold")


@pytest.fixture(scope="session")
def corpus_articles():
    from extract.reading import iter_articles

    return [a for a in iter_articles([str(CORPUS)]) if hasattr(a, "text")]


@pytest.fixture(scope="session")
def corpus_records(corpus_articles):
    """(article, record) for every sample article."""
    from extract.pipeline import process

    return [(a, process(a)) for a in corpus_articles]
