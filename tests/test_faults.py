"""Faults that used to lose work (issue 17): bad files, hostile archives, and what reading makes of them."""
from __future__ import annotations

import gzip
import json
import os
import threading
from pathlib import Path

import pytest

import extract.reading as reading
from extract.reading import iter_articles
from extract.reading.article import Article, ReadError

VI = "Ngày 15/8/2022, Ủy ban nhân dân tỉnh Long An tiếp nhận 1.245 hồ sơ, giải quyết đúng hạn 98,5%.\n"


def corrupt_gzip(text: str) -> bytes:
    """A gzip whose deflate stream is damaged in the middle (not cut short): zlib itself refuses it."""
    z = bytearray(gzip.compress((text * 2000).encode()))
    for i in range(40, 80):
        z[i] ^= 0xFF
    return bytes(z)


def test_a_corrupt_gz_in_a_folder_is_that_files_problem_and_later_files_are_read(tmp_path):
    (tmp_path / "a.txt").write_text(VI, encoding="utf-8")
    (tmp_path / "b.txt.gz").write_bytes(corrupt_gzip(VI))
    (tmp_path / "c.jsonl.gz").write_bytes(corrupt_gzip(json.dumps({"id": "x", "text": VI}) + "\n"))
    (tmp_path / "d.txt").write_text(VI, encoding="utf-8")
    items = list(iter_articles([tmp_path]))
    assert [i.id for i in items if isinstance(i, Article) and i.text] == ["a", "d"]
    broken = [i for i in items if not (isinstance(i, Article) and i.text)]
    assert {Path(i.source.path).name for i in broken} == {"b.txt.gz", "c.jsonl.gz"}
    assert all("Error -3" in (i.message if isinstance(i, ReadError) else " ".join(i.warnings)) for i in broken)


def test_any_exception_while_reading_one_file_ends_that_file_only(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(VI, encoding="utf-8")
    (tmp_path / "b.txt").write_text(VI, encoding="utf-8")
    real = reading._document

    def explode(data, kind, stem, *rest):
        if stem == "a":
            raise MemoryError("simulated")
        return real(data, kind, stem, *rest)

    monkeypatch.setattr(reading, "_document", explode)
    first, second = list(iter_articles([tmp_path]))
    assert isinstance(first, ReadError) and "MemoryError: simulated" in first.message
    assert isinstance(second, Article) and second.id == "b" and second.text == VI


def test_an_out_of_range_metadata_date_is_ignored_not_fatal(tmp_path):
    page = ('<html><head><meta property="article:published_time" content="0001-01-01T00:00:00+14:00">'
            "<title>Tin</title></head><body><article><h1>Tin</h1><p>" + VI * 3 + "</p></article></body></html>")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    (a,) = list(iter_articles([tmp_path / "p.html"]))
    assert isinstance(a, Article) and "1.245 hồ sơ" in a.text
    assert a.published is None or not a.published.startswith("0001")


def test_a_fifo_in_a_folder_is_skipped_and_never_blocks(tmp_path):
    (tmp_path / "a.txt").write_text(VI, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    got: list = []
    reader = threading.Thread(target=lambda: got.extend(iter_articles([tmp_path])), daemon=True)
    reader.start()
    reader.join(30)  # a hang guard, not a timing: the reader used to wait forever on the FIFO
    if reader.is_alive():
        fd = os.open(tmp_path / "pipe.txt", os.O_WRONLY | os.O_NONBLOCK)  # unblock the stuck reader
        os.close(fd)
        reader.join(5)
        pytest.fail("reading a folder with a FIFO blocked")
    assert [i.id for i in got] == ["a"]


def test_a_jsonl_of_endless_blank_lines_stops_at_the_line_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_LINES_PER_FILE", 1_000, raising=False)
    path = tmp_path / "blank.jsonl.gz"
    path.write_bytes(gzip.compress(b"\n" * 50_000 + json.dumps({"id": "late", "text": VI}).encode() + b"\n"))
    items = list(iter_articles([path]))
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert "more than 1,000 lines" in items[0].message and items[0].source.line == 1_001


def test_decompression_is_capped_by_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_DECOMPRESSED_BYTES", 100_000, raising=False)
    monkeypatch.setattr(reading, "MAX_DECOMPRESSION_RATIO", 10, raising=False)
    line = json.dumps({"id": "a", "text": VI}, ensure_ascii=False).encode() + b"\n"
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip.compress(line + b" " * 5_000_000))  # one line, then 5 MB of spaces, no newline
    items = list(iter_articles([path]))
    assert isinstance(items[0], Article) and items[0].id == "a"
    assert isinstance(items[-1], ReadError) and "decompressed more than 100,000 bytes" in items[-1].message


def test_an_article_past_its_budget_keeps_what_was_found_with_a_warning(monkeypatch):
    from extract import pipeline, settings

    monkeypatch.setattr(settings, "ARTICLE_TIME_BUDGET", 0.0, raising=False)
    record = pipeline.process(Article("a", VI * 3))
    assert record.id == "a" and record.indicators == [] and record.audit == []
    (warning,) = [w for w in record.warnings if "budget" in w]
    assert "after the segment step" in warning and "indicators" in warning and "audit" in warning
