"""The audit's arithmetic (audit/intervals.py): the precision a figure was stated with,
the interval it allows, sums, ratios, the overlap tolerance and Vietnamese number style."""
from __future__ import annotations

import pytest

from extract.audit.intervals import (EPS, Stated, _nonzero_unit, _parse_numeral, interval, overlaps, ratio, stated,
                                     total, vn)
from extract.models import Indicator


def ind(text: str, value, qualifier: str = "exact", unit: str = "hồ sơ") -> Indicator:
    return Indicator(text=text, span=(0, len(text)), value=value, unit=unit, metric="other", qualifier=qualifier)


@pytest.mark.parametrize("numeral,parsed", [
    ("1.245", (1245, 0)), ("0,72", (0.72, 2)), ("86.45", (86.45, 2)), ("61.7", (61.7, 1)),
    ("1.234.567", (1234567, 0)), ("1.234,5", (1234.5, 1)), ("12", (12, 0)), ("2.025", (2025, 0)),
])
def test_numerals_give_their_value_and_decimals(numeral, parsed):
    assert _parse_numeral(numeral) == parsed


@pytest.mark.parametrize("digits,decimals,unit", [
    ("31000", 0, 1000), ("1245", 0, 1), ("072", 2, 0.01), ("2400", 0, 100), ("0", 0, 1), ("00", 2, 0.01), ("10", 1, 1),
])
def test_the_unit_of_the_last_non_zero_digit(digits, decimals, unit):
    assert _nonzero_unit(digits, decimals) == pytest.approx(unit)


@pytest.mark.parametrize("text,value,unit,expected", [
    ("1.245 hồ sơ", 1245, "hồ sơ", Stated(1245, 1, 1, False)),
    ("0,72%", 0.72, "%", Stated(0.72, 0.01, 0.01, True)),
    ("98,50%", 98.5, "%", Stated(98.5, 0.01, 0.1, True)),
    ("2,4 ngàn hồ sơ", 2400, "hồ sơ", Stated(2400, 100, 100, True)),
    ("1,2 nghìn tỷ đồng", 1.2e12, "đồng", Stated(1.2e12, 1e11, 1e11, True)),
    ("31.000 hồ sơ", 31000, "hồ sơ", Stated(31000, 1, 1000, False)),
    ("1.000.000 hồ sơ", 1000000, "hồ sơ", Stated(1e6, 1, 1e6, False)),
    ("8,2 triệu đồng", 8200000, "đồng", Stated(8.2e6, 1e5, 1e5, True)),  # 8.2 * 10**6 is 8199999.999999999
    ("mười lăm xã", 15, "xã", Stated(15, 1, 1, False)),
    ("năm 2024 có 300 hồ sơ", 300, "hồ sơ", Stated(300, 1, 1, False)),  # first numeral is not the value
])
def test_stated_precision(text, value, unit, expected):
    got = stated(ind(text, value, unit=unit))
    assert got.rounded == expected.rounded
    assert (got.value, got.last, got.nonzero) == pytest.approx((expected.value, expected.last, expected.nonzero))


def test_vague_quantities_have_no_precision():
    assert stated(ind("hàng nghìn hồ sơ", 1000)) is None
    assert interval(ind("vài trăm hồ sơ", 100, "approx")) is None


@pytest.mark.parametrize("text,value,qualifier,unit,expected", [
    ("1.245 hồ sơ", 1245, "exact", "hồ sơ", (1245, 1245)),
    ("0,72%", 0.72, "exact", "%", (0.71, 0.73)),
    ("2,4 ngàn hồ sơ", 2400, "exact", "hồ sơ", (2300, 2500)),
    ("gần 31.000 hồ sơ", 31000, "approx", "hồ sơ", (30500, 31000)),
    ("khoảng 31.000 hồ sơ", 31000, "approx", "hồ sơ", (30500, 31500)),
    ("trên 214 ngàn hồ sơ", 214000, "over", "hồ sơ", (214000, 224000)),
    ("ít nhất 50 xã", 50, "at_least", "xã", (50, 150)),
    ("hơn 95%", 95, "over", "%", (95, 100)),
    ("hơn 95,5%", 95.5, "over", "%", (95.5, 96.5)),
    ("gấp 2,5 lần, hơn 30 hồ sơ", 30, "over", "hồ sơ", (30, 40)),  # the precision is the value's, not of 2,5
    ("hơn 5%", 5, "over", "%", (5, 15)),
    ("dưới 35 hồ sơ", 35, "under", "hồ sơ", (25, 35)),
    ("dưới 30 hồ sơ", 30, "under", "hồ sơ", (0, 30)),  # ten tens below 30: never under zero
    ("không quá 4 ngày", 4, "at_most", "ngày", (0, 4)),
])
def test_interval_by_qualifier(text, value, qualifier, unit, expected):
    assert interval(ind(text, value, qualifier, unit)) == pytest.approx(expected)


def test_total_adds_bounds():
    assert total([]) == (0, 0)
    assert total([(1, 2), (10, 20), (0.5, 0.5)]) == (11.5, 22.5)


def test_ratio_in_percent_from_the_widest_bounds():
    assert ratio((40, 60), (100, 200)) == (20, 60)
    assert ratio((1, 1), (0, 5)) is None  # the denominator may be zero
    assert ratio((1, 1), (-1, 5)) is None
    assert ratio((1, 1), (1e-9, 5)) is not None


def test_overlap_is_inclusive_with_a_relative_tolerance():
    assert overlaps((0, 10), (10, 20)) and overlaps((10, 20), (0, 10))
    assert overlaps((5, 6), (0, 100)) and overlaps((0, 100), (5, 6))
    assert not overlaps((0, 10), (10.01, 20)) and not overlaps((10.01, 20), (0, 10))
    big = 1e12
    assert overlaps((0, big), (big * (1 + EPS / 2), 2 * big))  # float noise at a trillion is no disagreement
    assert not overlaps((0, big), (big * (1 + 3 * EPS), 2 * big))
    assert overlaps((0, 1), (1 + EPS / 2, 2)) and not overlaps((0, 1), (1 + 3 * EPS, 2))  # at least EPS absolute
    assert overlaps((0, 0.1), (0.1 + EPS / 2, 0.2))  # tiny values still get EPS, not less
    assert not overlaps((0, 0.1), (0.1 + 1.5 * EPS, 0.2))  # and not more
    assert overlaps((big * (1 + 1.5 * EPS), 3 * big), (0, big))  # relative to the larger upper bound, either side
    assert overlaps((0, big), (big * (1 + 1.5 * EPS), 3 * big))
    assert overlaps((-big, -1), (-1 + EPS / 2, 0))


@pytest.mark.parametrize("x,text", [
    (1245, "1.245"), (1245.0, "1.245"), (0.72, "0,72"), (98.48, "98,48"), (1234567.5, "1.234.567,5"),
    (2.0000000001, "2"), (99.999, "100"), (12.5, "12,5"), (0, "0"), (-3, "-3"),
])
def test_vietnamese_number_style(x, text):
    assert vn(x) == text


def test_vn_keeps_the_decimals_asked_for():
    assert vn(1 / 3, 3) == "0,333" and vn(2 / 3) == "0,67"


@pytest.mark.parametrize("text,value,qualifier,loose,strict", [
    ("hơn 1,7 triệu hồ sơ", 1700000, "over", (1.7e6, 2.7e6), (1.7e6, 1.8e6)),
    ("trên 214 ngàn hồ sơ", 214000, "over", (214000, 224000), (214000, 215000)),
    ("hơn 64.500 hồ sơ", 64500, "over", (64500, 65500), (64500, 64600)),
    ("dưới 2%", 2, "under", (0, 2), (1, 2)),
    ("1.245 hồ sơ", 1245, "exact", (1245, 1245), (1245, 1245)),
])
def test_a_one_sided_bound_read_strictly_reaches_one_unit_of_its_last_digit(text, value, qualifier, loose, strict):
    unit = "%" if text.endswith("%") else "hồ sơ"
    assert interval(ind(text, value, qualifier, unit)) == pytest.approx(loose)
    assert interval(ind(text, value, qualifier, unit), strict=True) == pytest.approx(strict)


@pytest.mark.parametrize("text,value,qualifier,unit", [
    ("1.245 hồ sơ", 1245, "exact", "hồ sơ"), ("0,72%", 0.72, "exact", "%"), ("gần 31.000 hồ sơ", 31000, "approx", "hồ sơ"),
    ("trên 214 ngàn hồ sơ", 214000, "over", "hồ sơ"), ("hơn 1,7 triệu đồng", 1.7e6, "over", "đồng"),
    ("dưới 2%", 2, "under", "%"), ("hàng nghìn hồ sơ", 1000, "approx", "hồ sơ"), ("mười lăm xã", 15, "exact", "xã"),
])
def test_both_readings_of_a_figure_at_once(text, value, qualifier, unit):
    from extract.audit.intervals import intervals

    figure = ind(text, value, qualifier, unit)
    assert intervals(figure) == (interval(figure), interval(figure, strict=True))
