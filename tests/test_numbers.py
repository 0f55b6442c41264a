"""Vietnamese numbers: digit conventions, number words, scale words, hostile text."""
from __future__ import annotations


import pytest

from extract.indicators import numbers


@pytest.mark.parametrize("text,value", [
    ("1.245", 1245), ("2.025", 2025), ("1.234.567", 1234567), ("0,72", 0.72), ("97,46", 97.46),
    ("86.45", 86.45), ("61.7", 61.7), ("06", 6), ("09", 9), ("0", 0), ("9 7 ,6", 97.6),
])
def test_digits_follow_vietnamese_conventions(text, value):
    assert numbers.parse_digits(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["1.2.3", "12,", "abc", "1.2345"])
def test_malformed_digits_are_not_numbers(text):
    assert numbers.parse_digits(text) is None


@pytest.mark.parametrize("text,value", [
    ("hai", 2), ("mười", 10), ("mười lăm", 15), ("hai mươi mốt", 21), ("ba mươi tư", 34),
    ("một trăm", 100), ("một trăm linh năm", 105), ("hai nghìn năm trăm", 2500), ("ba triệu", 3000000),
    ("Tám", 8),
])
def test_number_words(text, value):
    assert numbers.parse_words(text) == value


@pytest.mark.parametrize("text", ["triệu", "hồ sơ", "linh"])
def test_words_without_a_digit_are_not_numbers(text):
    assert numbers.parse_words(text) is None


@pytest.mark.parametrize("text,value", [
    ("214 ngàn", 214000), ("3,5 nghìn", 3500), ("2 triệu", 2000000), ("1,5 tỷ", 1500000000),
    ("4.800 tỉ", 4800000000000), ("1,2 triệu", 1200000), ("hai mươi", 20), ("1.245", 1245),
])
def test_parse_reads_scales_and_words(text, value):
    assert numbers.parse(text) == value


def test_scan_gives_surface_offsets_and_skips_glued_digits():
    text = "Ngày27-5, huyện tiếp nhận 1.245 hồ sơ, đạt 96,5%; Covid-19 và 0276.3822.111"
    found = numbers.scan(text, words=False)
    assert all(text[n.start:n.end] == n.text for n in found)
    values = [n.value for n in found]
    assert 1245 in values and 96.5 in values
    assert 5 not in values and 27 not in values and 276 not in values


def test_scan_marks_scaled_figures():
    (n,) = numbers.scan("trên 37,4 ngàn", words=False)
    assert (n.value, n.scaled, n.rule) == (37400, True, "numbers.scaled")


@pytest.mark.timeout(120)  # a hang fails here; speed is scripts/bench_dense.py's business
def test_hostile_text_ends_with_its_numbers():
    text = ("1." * 20000) + ("9 " * 20000) + ("một " * 5000)
    found = numbers.scan(text)
    assert len(found) > 19_000 and all(text[n.start:n.end] == n.text for n in found)


def test_grouped_thousands_with_a_decimal_comma():
    assert numbers.parse_digits("1.234,5") == 1234.5
    assert numbers.parse("12.450,75") == 12450.75


def test_whole_values_are_ints_so_records_print_1245_not_1245_0():
    for text in ("1.245", "06", "2 triệu", "1,5 tỷ", "hai mươi"):
        assert type(numbers.parse(text)) is int, text
    assert type(numbers.parse("0,72")) is float


def test_two_scale_words_multiply():
    assert numbers.scale_of("nghìn tỷ") == 10 ** 12
    assert numbers.scale_of("Triệu") == 10 ** 6
    assert numbers.parse("1,2 nghìn tỷ") == 1_200_000_000_000


def test_scan_names_the_rule_that_read_each_figure():
    text = "Tiếp nhận 1.245 hồ sơ, đạt 96,5% (9 9 ,2 %), tăng 86.45 điểm, 12 xã và 3 triệu đồng"
    assert [(n.text, n.rule, n.scaled) for n in numbers.scan(text, words=False)] == [
        ("1.245", "numbers.grouped", False), ("96,5", "numbers.decimal_comma", False),
        ("9 9 ,2", "numbers.spaced", False), ("86.45", "numbers.decimal_dot", False),
        ("12", "numbers.plain", False), ("3 triệu", "numbers.scaled", True),
    ]


def test_number_words_are_scanned_with_their_scale():
    text = "Có hai nghìn hồ sơ và mười lăm xã, Hai Triệu lượt"
    assert [(n.text, n.value, n.rule, n.scaled) for n in numbers.scan(text)] == [
        ("hai nghìn", 2000, "numbers.words", True), ("mười lăm", 15, "numbers.words", False),
        ("Hai Triệu", 2_000_000, "numbers.words", True),
    ]
    assert numbers.scan(text, words=False) == []


def test_items_are_what_the_probe_of_numbers_gives():
    assert numbers.items("đạt 96,5% và hai xã") == [
        {"text": "96,5", "span": (4, 8), "value": 96.5, "rule": "numbers.decimal_comma"},
        {"text": "hai", "span": (13, 16), "value": 2, "rule": "numbers.words"},
    ]
