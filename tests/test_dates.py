"""Calendar expressions: values, anchoring, boilerplate, offsets, hostile text.

Relative expressions resolve against a pinned reference date (as dateparser's
RELATIVE_BASE does), never against today.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from extract import dates, segment
from extract.context import Context, Segment
from extract.pipeline import probe

RELATIVE_BASE = dt.date(2024, 4, 13)
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def present(text: str, seg: Segment, low=None, needs=None) -> frozenset[str]:
    """The `needs` entries a segment holds, read as dates._matches reads them."""
    first, words, other_digit = dates._found(text, seg, low, needs)
    return dates._needs(first is not None, words, other_digit)


def found(text, anchor=RELATIVE_BASE):
    return [(d["text"], d["value"]) for d in probe("dates", text, anchor)]


def values(text, anchor=RELATIVE_BASE):
    return {v for _, v in found(text, anchor)}


def article(*parts: tuple[str, str], published=None) -> Context:
    """A Context from (segment kind, text) pairs, one line each."""
    text, segs, pos = "", [], 0
    for kind, line in parts:
        segs.append(Segment(kind, pos, pos + len(line)))
        text += line + "\n"
        pos = len(text)
    return Context(id="t", text=text, segments=segs, sentences=[(s.start, s.end) for s in segs], published=published)


def segmented(name: str) -> Context:
    text = unicodedata.normalize("NFC", (CORPUS / name).read_text(encoding="utf-8"))
    ctx = Context(id=name, text=text)
    segment.segment(ctx)
    return ctx


# What a reader finds in the five sample articles, as distinct values.
SEEDS = {
    "000_5b25d1c1ee67f2cc.txt": {"2022-08-15", "2022-01-01/2022-08-15"},
    "001_28adae597096b941.txt": {"2022-03-09", "2022-Q1", "2022"},
    "002_d1b55944720b3272.txt": {"2024-04-13", "2024-Q1", "2024-04-12", "2024", "2024-Q2"},
    "003_0ab86db01df31c0c.txt": {"2020-04-24", "2020-01-01/2020-04-13"},
    "004_2560b1d1a4416cca.txt": {"2023-10-26", "2023", "2022-12-15/2023-09-15"},
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_sample_articles(name):
    ctx = segmented(name)
    items = dates.find(ctx)
    assert {d.value for d in items} == SEEDS[name]
    assert all(ctx.text[d.span[0]:d.span[1]] == d.text for d in items)


def test_dateline_anchors_and_yields_its_date_but_site_clock_and_related_news_do_not():
    ctx = article(
        ("clock", "Thứ 7, 09/12/2023, 19:49 (GMT+7)"),
        ("title", "Sơ kết cải cách hành chính 9 tháng"),
        ("dateline", "Thứ 5, 26/10/2023 | 18:26:45"),
        ("counter", "4,697 lượt xem"),
        ("lead", "Chiều ngày 26/10, Sở Nội vụ kiểm tra công tác cải cách hành chính năm 2023."),
        ("related", "Báo cáo kiểm soát thủ tục hành chính Quý III năm 2020 23/11/2020"),
    )
    out = dates.read(ctx)
    assert [(d.text, d.value) for d in out["dates"]] == [
        ("26/10/2023", "2023-10-26"), ("26/10", "2023-10-26"), ("năm 2023", "2023")]
    assert out["anchor"] == dt.date(2023, 10, 26) and not out["anchor_from_published"]


def test_publication_date_is_the_anchor():
    ctx = article(("body", "Ngày 12.4, huyện tổ chức hội nghị. Hạn chót là ngày 15/8/2025."),
                  published="2024-04-13T19:42:00+07:00")
    out = dates.read(ctx)
    first = out["dates"][0]
    assert (first.text, first.value, first.anchored) == ("12.4", "2024-04-12", True)
    assert out["anchor"] == dt.date(2024, 4, 13) and out["anchor_from_published"]


def test_latest_full_date_anchors_when_publication_is_unknown():
    ctx = article(("body", "Sáng ngày 24/4, tỉnh họp. Từ ngày 01/01/2020 đến ngày 13/04/2020, tỉnh nhận 4.750 hồ sơ."))
    out = dates.read(ctx)
    items = out["dates"]
    assert out["anchor"] == dt.date(2020, 4, 13) and not out["anchor_from_published"]
    assert [(d.value, d.anchored, d.type) for d in items] == [
        ("2020-04-24", True, "date"), ("2020-01-01/2020-04-13", False, "interval")]


def test_unanchored_years_are_written_xxxx():
    assert found("Chiều 21.9, qua 8 tháng đầu năm, từ ngày 2/5 đến 19/7 và quý II", None) == [
        ("21.9", "XXXX-09-21"), ("8 tháng đầu năm", "XXXX-01/XXXX-08"),
        ("2/5 đến 19/7", "XXXX-05-02/XXXX-07-19"), ("quý II", "XXXX-Q2")]


def test_a_yearless_date_far_ahead_of_the_anchor_is_last_years():
    january = dt.date(2024, 1, 5)
    assert values("Ngày 28/12, Sở tổng kết; quý IV, tháng 12 và ngày 20/1", january) == {
        "2023-12-28", "2023-Q4", "2023-12", "2024-01-20"}


def test_interval_end_fills_the_start_year_and_crosses_new_year():
    assert found("từ ngày 20/12 đến 10/1/2024") == [("20/12 đến 10/1/2024", "2023-12-20/2024-01-10")]
    assert values("(tính từ 1/11/2023 đến 29/2/2024)") == {"2023-11-01/2024-02-29"}


def test_spans_of_months_follow_the_conventions():
    assert values("3 tháng đầu năm; 6 tháng đầu năm 2023; 6 tháng cuối năm; 4 tháng đầu năm 2023; 9 tháng năm 2022") == {
        "2024-Q1", "2023-H1", "2024-H2", "2023-01/2023-04", "2022-01/2022-09"}
    assert values("Đánh giá 8 tháng đầu năm 2022, bàn giải pháp cho những tháng cuối năm 2022") == {
        "2022-01/2022-08", "2022-09/2022-12"}


def test_since_the_start_of_the_year():
    assert found("Từ đầu năm 2022 đến nay, tỉnh") == [("Từ đầu năm 2022 đến nay", "2022-01-01/2024-04-13")]
    assert values("lũy kế từ đầu năm đến đầu tháng 8-2021") == {"2021-01-01/2021-08-01"}
    assert values("từ đầu năm đến cuối tháng 2/2023") == {"2023-01-01/2023-02-28"}


def test_year_spans_and_plain_years():
    assert found("giai đoạn 2021-2025 và từ 2017 đến 2020, năm 2022") == [
        ("2021-2025", "2021/2025"), ("2017 đến 2020", "2017/2020"), ("năm 2022", "2022")]


@pytest.mark.parametrize("text", [
    "Quyết định số 93/2007/QĐ-TTg", "Nghị định 45/2020/NĐ-CP", "Đề án 02", "do Covid-19", "Tỉnh công bố 2.025 TTHC",
    "Hiện nay, thời gian tới", "cùng kỳ năm trước", "3 năm liên tiếp", "kỷ niệm 75 năm", "Điện thoại 0276.3822.123",
    "5/9 huyện, 12/63 tỉnh", "tăng 6.8 điểm", "lúc 10:59 (GMT+7)", "Thứ Hai", "ngày 31/02/2023", "ngày 29/2/2023",
    "tháng 10 năm ngoái", "mỗi tháng 2 lần", "quý khách",
])
def test_no_calendar_date(text):
    assert found(text) == []


def test_leap_day_only_in_leap_years():
    assert values("ngày 29/2/2024") == {"2024-02-29"}
    assert values("ngày 29/2", dt.date(2024, 3, 1)) == {"2024-02-29"}
    assert values("ngày 29/2", dt.date(2023, 3, 1)) == set()


def test_decomposed_input_gives_the_same_dates():
    text = "Sáng ngày 09 tháng 3 năm 2022, trong quý I năm 2022"
    assert found(unicodedata.normalize("NFD", text)) == found(text)



@pytest.mark.parametrize("text", [
    "1/" * 50_000, "ngày " * 20_000 + "1", "12.4." * 30_000, "từ đầu năm " * 10_000, "quý I/" * 20_000,
    "tháng " * 30_000 + "2", "0" * 200_000,
])
@pytest.mark.timeout(120)  # a hang fails here
def test_hostile_text_never_hangs(text):
    found = probe("dates", text, RELATIVE_BASE)
    assert isinstance(found, list) and all(text[d["span"][0]:d["span"][1]] == d["text"] for d in found)


def test_every_rule_says_what_its_matches_need_and_no_match_lacks_it():
    """The `needs` pre-check skips a segment only when no match of the rule could be in it: every match the
    rule's pattern finds in its examples, negatives and known failures holds what the rule declares."""
    texts = [t for r in dates._FILE.rules for t in [*(e.text for e in r.examples), *r.negatives,
                                                    *(k.text for k in r.known_failures)]]
    texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    checked = 0
    for rule in dates._RULES:
        assert rule.needs, f"{rule.id} declares no `needs`"
        for text in texts:
            for m in rule.pattern.finditer(text):
                assert rule.needs <= present(m.group(), Segment("body", 0, len(m.group()))), (rule.id, m.group())
                checked += 1
    assert checked > 100


def test_every_match_of_a_rule_starting_with_a_number_starts_where_NUMBER_AT_finds_one():
    """Those rules are tried only at NUMBER_AT's numbers: every match they find in their examples, negatives, known
    failures and the sample pages starts at one, so the shape check never hides a date."""
    texts = [t for r in dates._FILE.rules for t in [*(e.text for e in r.examples), *r.negatives,
                                                    *(k.text for k in r.known_failures)]]
    texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    at_numbers = [r for r in dates._RULES if r.at_numbers]
    assert len(at_numbers) >= 10
    checked = 0
    for rule in at_numbers:
        for text in texts:
            for m in rule.pattern.finditer(text):
                assert dates._NUMBER_AT.match(text, m.start()), (rule.id, m.group())
                checked += 1
    assert checked > 100


def test_a_segment_without_a_digit_still_gives_dates_in_words():
    assert values("Trong quý ba năm nay và nửa đầu năm, sáu tháng cuối năm") >= {"2024-Q3", "2024-H1"}


@pytest.mark.parametrize("text,value", [("Sáng ngày 2\u0664-4, Sở Nội vụ họp", "2024-04-24"),
                                        ("Ngày 1\u0662/4/2024, Sở Nội vụ họp", "2024-04-12")])
def test_a_day_in_digits_of_another_script_is_still_read(text, value):
    """`digit/` needs are spelt with 0-9; a segment with another script's digits (which \\d matches) keeps them."""
    assert values(text) == {value}


def test_a_digit_then_character_need_is_held_only_where_that_character_follows_a_digit():
    held = lambda text: present(text, Segment("body", 0, len(text)))  # noqa: E731
    assert "digit/|digit-" in held("ngày 24/4") and "digit/|digit-" not in held("năm 2024 / tháng 4 - 5")
    assert "digit." in held("chiều 21.9") and "digit." not in held("Có 12 hồ sơ. Xong.")


def test_segments_read_their_needs_from_the_article_lower_cased_once():
    """Each segment's pre-check reads its slice of the article lower-cased once: the same needs as its own lower case."""
    for name in sorted(SEEDS):
        ctx = segmented(name)
        low = ctx.text.lower()
        assert len(low) == len(ctx.text)
        for seg in ctx.content():
            assert present(ctx.text, seg, low) == present(ctx.text, seg)


def test_a_text_whose_lower_case_is_longer_still_gives_its_dates():
    """'İ' lower-cases to two characters: offsets in the lower case would lie, so each segment is lower-cased alone."""
    ctx = article(("title", "İSTANBUL: Sở Nội vụ họp"), ("body", "Ngày 12/4/2024, Sở Nội vụ họp; quý I năm 2024 đạt"))
    assert len(ctx.text.lower()) != len(ctx.text)
    got = [(d.text, d.value) for d in dates.find(ctx)]
    assert got == [("12/4/2024", "2024-04-12"), ("quý I năm 2024", "2024-Q1")]
