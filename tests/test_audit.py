import json
from types import SimpleNamespace

import pytest

from extract import audit
from extract.audit import cross as audit_cross
from extract.audit.intervals import interval
from extract.context import Context, Segment
from extract.models import Finding, Indicator, Record, Source


def ctx_with(text, *figures, anchor=None):
    """A context whose indicators are given as (surface, value, metric, extra fields), found in text order."""
    inds, pos = [], 0
    for surface, value, metric, *extra in figures:
        start = text.index(surface, pos)
        pos = start + len(surface)
        unit = "%" if surface.endswith("%") else "hồ sơ"
        fields = {"unit": unit, **(extra[0] if extra else {})}
        inds.append(Indicator(text=surface, span=(start, pos), value=value, metric=metric, **fields))
    ctx = Context(id="t", text=text, segments=[Segment("body", 0, len(text))], sentences=[(0, len(text))])
    ctx.indicators = inds
    ctx.anchor = anchor
    return ctx


def only(findings, check, reported):
    hits = [f for f in findings if f.check == check and f.reported == reported]
    assert len(hits) == 1, findings
    return hits[0]


Q1 = {"period": "2024-Q1", "level": "district", "unit_ref": "Huyện Tân Châu"}

RECEIVED_LATE = ("Trong quý I/2024, Bộ phận Một cửa huyện tiếp nhận 1.245 hồ sơ, trong đó: hồ sơ giải quyết "
                 "đúng hạn, trước hạn 1.242 hồ sơ, trễ hạn 3 hồ sơ, tỷ lệ 0,72%.")


def test_list_after_trong_do_adds_up_and_a_wrong_rate_is_caught():
    ctx = ctx_with(RECEIVED_LATE, ("1.245 hồ sơ", 1245, "dossiers_received", Q1),
                   ("1.242 hồ sơ", 1242, "dossiers_on_time", Q1), ("3 hồ sơ", 3, "dossiers_late", Q1),
                   ("0,72%", 0.72, "rate_late", Q1))
    found = audit.find(ctx)
    total = only(found, "sum", 1245)
    assert total.status == "consistent" and total.computed == 1245
    assert total.evidence[0] == ctx.indicators[0].span  # the stated figure first
    rate = only(found, "percentage", 0.72)
    assert rate.status == "inconsistent" and rate.computed == 0.24
    assert "3 / tiếp nhận 1.245 = 0,24%" in rate.explanation
    assert (rate.metric, rate.level, rate.period, rate.unit_ref) == ("rate_late", "district", "2024-Q1",
                                                                     "Huyện Tân Châu")


RESOLVED = "Đã giải quyết {total} hồ sơ, trong đó đúng hạn {on_time} hồ sơ, trễ hạn {late} hồ sơ."


@pytest.mark.parametrize("total,on_time,late,status", [
    ("21.151", "20.418", "733", "consistent"),
    ("21.152", "20.418", "733", "inconsistent"),   # total off by one
    ("21.151", "20.417", "733", "inconsistent"),   # a part off by one
    ("21.511", "20.418", "733", "inconsistent"),   # two digits swapped
])
def test_resolved_against_on_time_and_late(total, on_time, late, status):
    text = RESOLVED.format(total=total, on_time=on_time, late=late)
    num = lambda s: int(s.replace(".", ""))  # noqa: E731
    ctx = ctx_with(text, (f"{total} hồ sơ", num(total), "dossiers_resolved"),
                   (f"{on_time} hồ sơ", num(on_time), "dossiers_on_time"), (f"{late} hồ sơ", num(late), "dossiers_late"))
    f = only(audit.find(ctx), "sum", num(total))
    assert f.status == status and f.computed == num(on_time) + num(late)


@pytest.mark.parametrize("stated,status", [
    ("96,55%", "consistent"),   # 19.255 / 19.943 = 96,5501…%
    ("96,56%", "consistent"),   # within one unit of the last digit
    ("96,5%", "consistent"),    # truncated
    ("96,6%", "consistent"),    # rounded
    ("96,65%", "inconsistent"),
    ("69,55%", "inconsistent"),  # digits swapped
])
def test_rate_tolerance_follows_the_stated_precision(stated, status):
    text = f"Đã giải quyết 19.943 hồ sơ; đúng hạn 19.255 hồ sơ (đạt {stated})."
    value = float(stated[:-1].replace(",", "."))
    ctx = ctx_with(text, ("19.943 hồ sơ", 19943, "dossiers_resolved"),
                   ("19.255 hồ sơ", 19255, "dossiers_on_time"), (stated, value, "rate_on_time"))
    assert only(audit.find(ctx), "percentage", value).status == status


def test_approximate_total_allows_what_its_word_allows():
    text = "Xử lý gần 31.000 hồ sơ, gồm: sớm hạn {a} hồ sơ, đúng hạn 4.186 hồ sơ, trễ hạn 312 hồ sơ."
    for a, status in (("25.713", "inconsistent"), ("26.300", "consistent")):
        ctx = ctx_with(text.format(a=a), ("gần 31.000 hồ sơ", 31000, "dossiers_resolved", {"qualifier": "approx"}),
                       (f"{a} hồ sơ", int(a.replace(".", "")), "dossiers_on_time"),
                       ("4.186 hồ sơ", 4186, "dossiers_on_time"), ("312 hồ sơ", 312, "dossiers_late"))
        assert only(audit.find(ctx), "sum", 31000).status == status


def test_received_is_resolved_plus_pending_across_the_next_sentence():
    text = ("Năm 2023, UBND huyện tiếp nhận 5.032 hồ sơ. Đến cuối năm, huyện đã giải quyết 4.980 hồ sơ, "
            "còn 50 hồ sơ đang giải quyết.")
    ctx = ctx_with(text, ("5.032 hồ sơ", 5032, "dossiers_received"), ("4.980 hồ sơ", 4980, "dossiers_resolved"),
                   ("50 hồ sơ", 50, "dossiers_pending"))
    # the next sentence does not list the parts of 5.032: the gap may be carried over, so a warning, no finding
    assert audit.find(ctx) == [] and any("nearness (nearby)" in w for w in ctx.warnings)
    fits = ctx_with(text.replace("50 hồ sơ", "52 hồ sơ"), ("5.032 hồ sơ", 5032, "dossiers_received"),
                    ("4.980 hồ sơ", 4980, "dossiers_resolved"), ("52 hồ sơ", 52, "dossiers_pending"))
    f = only(audit.find(fits), "sum", 5032)
    assert (f.status, f.structure, f.relation) == (
        "consistent", "nearby", "dossiers_received = dossiers_resolved + dossiers_pending")


def test_nested_parts_in_parentheses_belong_to_the_part_before_them():
    text = ("Nhận 23.904 hồ sơ, trong đó:\n+ Đã xử lý: 22.871 hồ sơ (đúng hạn 22.046/trễ hạn 825)\n"
            "+ Còn đang xử lý: 1.033 hồ sơ (chưa đến hạn 914/quá hạn 119)\n")
    ctx = ctx_with(text, ("23.904 hồ sơ", 23904, "dossiers_received"), ("22.871 hồ sơ", 22871, "dossiers_resolved"),
                   ("22.046", 22046, "dossiers_on_time"), ("825", 825, "dossiers_late"),
                   ("1.033 hồ sơ", 1033, "dossiers_pending"), ("914", 914, "dossiers_pending"),
                   ("119", 119, "dossiers_late"))
    found = audit.find(ctx)
    assert only(found, "sum", 23904).status == "consistent"
    assert only(found, "sum", 22871).status == "consistent"
    assert only(found, "sum", 1033).status == "consistent"


def test_whole_against_its_tiers_only_when_every_tier_is_there():
    text = ("Cả tỉnh nhận 412.580 hồ sơ. Riêng cấp tỉnh nhận 38.214 hồ sơ. Cấp huyện nhận 201.903 hồ sơ. "
            "Cấp xã nhận 172.465 hồ sơ.")
    figs = [("412.580 hồ sơ", 412580, "dossiers_received"),
            ("38.214 hồ sơ", 38214, "dossiers_received", {"level": "province"}),
            ("201.903 hồ sơ", 201903, "dossiers_received", {"level": "district"}),
            ("172.465 hồ sơ", 172465, "dossiers_received", {"level": "commune"})]
    f = only(audit.find(ctx_with(text, *figs)), "sum", 412580)
    assert f.status == "inconsistent" and f.computed == 412582
    assert (f.structure, f.relation, f.rule) == ("tiers_named", "dossiers_received = tiers", "audit.sum.tiers_named")
    partial = ctx_with(text.split(" Cấp xã")[0], *figs[:3])
    assert audit.find(partial) == [] and any("not checked" in w for w in partial.warnings)
    # no word says the figures are per tier: only their tiers and nearness set them together, so a warning
    unsaid = ctx_with(text.replace("Riêng cấp", "Cấp"), *figs)
    assert audit.find(unsaid) == [] and any("nearness (tiers)" in w for w in unsaid.warnings)
    assert audit.find(partial) == [] and any("not checked" in w for w in partial.warnings)


def test_figures_of_different_tiers_or_periods_are_never_added():
    text = "Cấp huyện nhận 1.200 hồ sơ, cấp xã xử lý xong 700 hồ sơ, còn 350 hồ sơ đang xử lý."
    ctx = ctx_with(text, ("1.200 hồ sơ", 1200, "dossiers_received", {"level": "district"}),
                   ("700 hồ sơ", 700, "dossiers_resolved", {"level": "commune"}),
                   ("350 hồ sơ", 350, "dossiers_pending", {"level": "commune"}))
    assert audit.find(ctx) == []
    text = "Năm 2023 nhận 1.200 hồ sơ; quý I/2024 xử lý xong 700 hồ sơ, còn 350 hồ sơ đang xử lý."
    ctx = ctx_with(text, ("1.200 hồ sơ", 1200, "dossiers_received", {"period": "2023"}),
                   ("700 hồ sơ", 700, "dossiers_resolved", {"period": "2024-Q1"}),
                   ("350 hồ sơ", 350, "dossiers_pending", {"period": "2024-Q1"}))
    assert audit.find(ctx) == []


def test_parts_that_may_not_cover_the_whole_are_not_called_inconsistent():
    text = "Nhận 1.400 hồ sơ, trong đó 520 hồ sơ nộp qua mạng, 140 hồ sơ gửi bưu điện."
    ctx = ctx_with(text, ("1.400 hồ sơ", 1400, "dossiers_received"), ("520 hồ sơ", 520, "dossiers_online"),
                   ("140 hồ sơ", 140, "dossiers_postal"))
    assert audit.find(ctx) == []
    assert any("may not cover the whole" in w for w in ctx.warnings)


def test_a_rate_that_is_no_share_of_counts_is_not_checked():
    text = "Chỉ số hài lòng đạt 86,92%, tăng 2,14% so với năm 2022; 100% cơ quan dùng chữ ký số; 9 huyện đạt trên 85%."
    ctx = ctx_with(text, ("86,92%", 86.92, "rate_other"), ("2,14%", 2.14, "rate_other", {"change": "increase"}),
                   ("100%", 100, "rate_other"), ("9 huyện", 9, "other", {"unit": "huyện"}),
                   ("trên 85%", 85, "rate_other", {"qualifier": "over"}))
    assert audit.find(ctx) == []


def test_approximate_rate_and_counts():
    text = "Đã xử lý 615 hồ sơ trong tuần. Trong đó, 348 hồ sơ xong trước hạn, chiếm gần 57%; 262 hồ sơ đúng hạn và 5 hồ sơ quá hạn."
    ctx = ctx_with(text, ("615 hồ sơ", 615, "dossiers_resolved"), ("348 hồ sơ", 348, "dossiers_on_time"),
                   ("gần 57%", 57, "rate_on_time", {"qualifier": "approx"}), ("262 hồ sơ", 262, "dossiers_on_time"),
                   ("5 hồ sơ", 5, "dossiers_late"))
    found = audit.find(ctx)
    assert only(found, "sum", 615).status == "consistent"
    assert only(found, "percentage", 57).status == "consistent"


def test_stated_intervals():
    def iv(text, value, qualifier="exact", unit="hồ sơ"):
        return interval(Indicator(text=text, span=(0, len(text)), value=value, unit=unit, metric="other",
                                  qualifier=qualifier))
    assert iv("0,72%", 0.72, unit="%") == pytest.approx((0.71, 0.73))
    assert iv("1%", 1, unit="%") == (0, 2)
    assert iv("1.245 hồ sơ", 1245) == (1245, 1245)
    assert iv("gần 31.000 hồ sơ", 31000, "approx") == (30500, 31000)
    assert iv("gần 2,4 ngàn hồ sơ", 2400, "approx") == pytest.approx((2350, 2400))
    assert iv("trên 214 ngàn hồ sơ", 214000, "over")[0] == 214000
    assert iv("hàng trăm hồ sơ", 100, "over") is None


def _record(rid, value, text, audit_findings=()):
    ind = Indicator(text=text, span=(0, len(text)), value=value, unit="hồ sơ", metric="dossiers_received",
                    unit_ref="Tỉnh Tây Ninh", period="2024-Q1", level="province")
    return Record(id=rid, source=Source(url=f"https://example.vn/{rid}"), indicators=[ind], audit=list(audit_findings))


def test_cross_article_disagreement_lists_both_reports(tmp_path, capsys):
    wrong = Finding(check="sum", status="inconsistent", reported=1245, computed=1244, unit_ref="Tỉnh Tây Ninh",
                    explanation="1.242 + 2 = 1.244, lệch 1 so với 1.245.")
    records = [_record("a", 38214, "38.214 hồ sơ"), _record("b", 38219, "38.219 hồ sơ", [wrong]),
               _record("c", 38000, "hơn 38 ngàn hồ sơ")]
    records[2].indicators[0].qualifier = "over"
    path = tmp_path / "records.jsonl"
    path.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    assert audit_cross.command(SimpleNamespace(records=str(path), json=True)) == 0
    rep = json.loads(capsys.readouterr().out)
    [d] = rep["disagreements"]
    assert (d["unit_ref"], d["metric"], d["period"]) == ("Tỉnh Tây Ninh", "dossiers_received", "2024-Q1")
    assert {r["id"] for r in d["reports"]} == {"a", "b"}  # "hơn 38 ngàn" agrees with both
    assert rep["inconsistent_by_unit"]["Tỉnh Tây Ninh"][0]["id"] == "b"
    assert audit_cross.command(SimpleNamespace(records=str(path), json=False)) == 0
    assert "https://example.vn/a" in capsys.readouterr().out


def test_same_values_across_articles_are_no_disagreement():
    assert audit_cross.disagreements([_record("a", 2493, "2.493 hồ sơ"), _record("b", 2493, "2.493 hồ sơ")]) == []


END_TO_END = """UBND huyện Tân Châu: kết quả cải cách hành chính quý I

Trong quý I năm 2024, Bộ phận Một cửa huyện Tân Châu tiếp nhận 1.245 hồ sơ, trong đó: hồ sơ giải quyết đúng hạn, trước hạn 1.242 hồ sơ, trễ hạn 3 hồ sơ, tỷ lệ 0,72%.

Cũng trong quý I năm 2024, huyện đã giải quyết 21.511 hồ sơ, trong đó đúng hạn 20.418 hồ sơ, trễ hạn 733 hồ sơ.
"""


def test_end_to_end_through_the_pipeline():
    from extract.pipeline import process
    from extract.reading.article import Article

    found = process(Article(id="e2e", text=END_TO_END)).audit
    assert only(found, "sum", 1245).status == "consistent"
    assert only(found, "percentage", 0.72).status == "inconsistent"
    assert only(found, "sum", 21511).status == "inconsistent"


def test_a_named_period_and_the_dates_it_runs_over_are_one_period():
    text = ("Trong quý I năm 2024 (tính từ 16/12/2023 đến 15/3/2024), toàn huyện nhận 86.410 hồ sơ, "
            "đã xử lý 81.955 hồ sơ. Số còn lại đang xử lý là 4.452 hồ sơ.")
    ctx = ctx_with(text, ("86.410 hồ sơ", 86410, "dossiers_received", {"period": "2023-12-16/2024-03-15"}),
                   ("81.955 hồ sơ", 81955, "dossiers_resolved", {"period": "2023-12-16/2024-03-15"}),
                   ("4.452 hồ sơ", 4452, "dossiers_pending", {"period": "2024-Q1"}))
    f = only(audit.find(ctx), "sum", 86410)
    assert (f.status, f.structure) == ("inconsistent", "continued")  # "Số còn lại …" goes on with the total
    ctx.indicators[2].period = "2024"  # a year is not its quarter
    assert audit.find(ctx) == []


def test_parts_adding_up_to_an_earlier_part_are_its_breakdown():
    text = ("Nhận 1.500 hồ sơ, trong đó 650 hồ sơ nộp qua mạng, đã xử lý xong 610 hồ sơ, "
            "còn 40 hồ sơ đang xử lý.")
    ctx = ctx_with(text, ("1.500 hồ sơ", 1500, "dossiers_received"), ("650 hồ sơ", 650, "dossiers_online"),
                   ("610 hồ sơ", 610, "dossiers_resolved"), ("40 hồ sơ", 40, "dossiers_pending"))
    found = audit.find(ctx)
    assert all(f.status == "consistent" for f in found) and only(found, "sum", 650).computed == 650


def test_a_rate_far_from_the_counts_of_its_base_is_not_checked_against_them():
    text = ("Năm nay, huyện nhận 1.350 hồ sơ. Buổi đối thoại diễn ra cởi mở. Nhiều kiến nghị được ghi nhận. "
            "Riêng bộ phận một cửa đã xử lý 420 hồ sơ, đạt 97%.")
    ctx = ctx_with(text, ("1.350 hồ sơ", 1350, "dossiers_received"), ("420 hồ sơ", 420, "dossiers_resolved"),
                   ("97%", 97, "rate_other"))
    assert audit.find(ctx) == []


def test_postal_counts_inside_the_offline_count_are_no_error():
    text = ("Năm 2024, huyện nhận 2.000 hồ sơ. Trong đó trực tuyến 760 hồ sơ, trực tiếp hoặc qua bưu chính "
            "1.240 hồ sơ; riêng bưu chính 95 hồ sơ.")
    ctx = ctx_with(text, ("2.000 hồ sơ", 2000, "dossiers_received"), ("760 hồ sơ", 760, "dossiers_online"),
                   ("1.240 hồ sơ", 1240, "dossiers_offline"), ("95 hồ sơ", 95, "dossiers_postal"))
    assert only(audit.find(ctx), "sum", 2000).status == "consistent"


def test_on_time_and_late_after_resolved_in_a_list_are_its_parts():
    text = ("Nhận 4.060 hồ sơ, trong đó đã giải quyết 3.800 hồ sơ, đúng hạn 3.720 hồ sơ, trễ hạn 80 hồ sơ, "
            "đang giải quyết 260 hồ sơ.")
    ctx = ctx_with(text, ("4.060 hồ sơ", 4060, "dossiers_received"), ("3.800 hồ sơ", 3800, "dossiers_resolved"),
                   ("3.720 hồ sơ", 3720, "dossiers_on_time"), ("80 hồ sơ", 80, "dossiers_late"),
                   ("260 hồ sơ", 260, "dossiers_pending"))
    found = audit.find(ctx)
    assert only(found, "sum", 4060).status == "consistent"
    assert only(found, "sum", 3800).status == "consistent"


def test_untiered_rate_belongs_to_the_one_tier_its_unit_reports():
    """A district centre's report: the closing digitization rate has no tier word but is the centre's own."""
    from extract.pipeline import process
    from extract.reading.article import Article

    text = ("Kết quả tiếp nhận hồ sơ tại Trung tâm Hành chính công huyện Cái Bè năm 2023\n\n"
            "Từ 01/01/2023 đến 30/6/2023, Trung tâm Hành chính công huyện Cái Bè tiếp nhận tổng cộng "
            "10.000 hồ sơ thủ tục hành chính, đã giải quyết 9.000 hồ sơ.\n\n"
            "Số hồ sơ giải quyết đúng hạn là 8.000 hồ sơ, đạt tỷ lệ 100%.")
    record = process(Article(id="t", text=text))
    rates = [f for f in record.audit if f.check == "percentage" and f.reported == 100]
    assert rates and rates[0].status == "inconsistent" and abs(rates[0].computed - 88.89) < 0.01


def _audit_of(text):
    from extract.pipeline import process
    from extract.reading.article import Article

    return {(f.check, f.reported): f.status for f in process(Article(id="t", text=text)).audit}


def test_bullet_lines_and_a_rate_after_them_are_read_together():
    text = ("Tân Châu: kết quả giải quyết hồ sơ quý I/2024\n\nThứ Ba, 09/04/2024\n\n"
            "Kết quả tại Bộ phận Một cửa huyện Tân Châu quý I/2024 như sau:\n"
            "- Tiếp nhận: 2.450 hồ sơ\n- Đã giải quyết: 2.300 hồ sơ\n- Đúng hạn: 2.280 hồ sơ\n"
            "- Quá hạn: 20 hồ sơ\n- Đang xử lý: 150 hồ sơ\n\nTỷ lệ giải quyết đúng hạn đạt 99,1%.\n")
    found = _audit_of(text)
    assert found[("sum", 2450)] == "consistent" and found[("sum", 2300)] == "consistent"
    assert found[("percentage", 99.1)] == "consistent"


def test_table_rows_after_a_heading_line_are_parts_of_the_total_before():
    text = ("Cấp xã giải quyết gần 10 nghìn hồ sơ\n\nNgày 05/12/2022\n\n"
            "Năm 2022, cấp xã của huyện tiếp nhận 9.870 hồ sơ. Kết quả như sau:\n"
            "Trước hạn | 9.500 hồ sơ\nTrễ hạn | 270 hồ sơ\nĐang giải quyết | 110 hồ sơ\n")
    assert _audit_of(text)[("sum", 9870)] == "inconsistent"  # 9.500 + 270 + 110 = 9.880


def test_a_marker_opening_the_next_sentence_lists_parts_of_the_total_before():
    text = ("Kết quả hai tháng vận hành\n\nNgày 02/09/2025\n\nTrung tâm Phục vụ hành chính công tỉnh và các xã đã tiếp nhận 10.400 hồ sơ. "
            "Cụ thể, cấp tỉnh tiếp nhận 2.100 hồ sơ, cấp xã tiếp nhận 8.300 hồ sơ.\n")
    assert _audit_of(text)[("sum", 10400)] == "consistent"


def test_a_total_opening_its_sentence_with_trong():
    text = "Chỉ số PAPI năm 2022\n\nNgày 10/05/2023\n\nTrong 10 chỉ số thành phần, tỉnh có 7 chỉ số tăng điểm và 3 chỉ số giảm điểm.\n"
    assert _audit_of(text)[("sum", 10)] == "consistent"


def test_a_breakdown_in_parentheses_is_its_own_sum_and_not_a_new_total():
    text = ("Sở Tư pháp: kết quả quý III\n\nNgày 03/10/2021\n\nQuý III/2021, Sở Tư pháp tiếp nhận 8.640 hồ sơ (kỳ trước chuyển sang 640 hồ sơ, "
            "tiếp nhận mới 8.000 hồ sơ). Đã giải quyết 8.400 hồ sơ; đang giải quyết 240 hồ sơ.\n")
    found = _audit_of(text)
    assert found[("sum", 8640)] == "consistent"
    assert ("sum", 8000) not in found  # the new intake is not what the statuses add up to


def test_pending_two_sentences_after_the_total():
    text = ("Kết quả tháng 10\n\nNgày 01/11/2020\n\nTrong tháng 10/2020, huyện tiếp nhận 3.300 hồ sơ. Đã giải quyết 3.100 hồ sơ. "
            "Số hồ sơ đang giải quyết là 200 hồ sơ.\n")
    assert _audit_of(text)[("sum", 3300)] == "consistent"


# --- precision first: a finding only where the article makes the relation plain ---

def test_on_time_rate_over_received_alone_is_not_called_inconsistent():
    """On time is a share of the resolved count; with only the received count stated the base is unsure."""
    text = "Năm qua, Văn phòng tiếp nhận 250 hồ sơ. Trong đó có 230 hồ sơ trả đúng hạn, đạt tỷ lệ 98,3%."
    ctx = ctx_with(text, ("250 hồ sơ", 250, "dossiers_received"), ("230 hồ sơ", 230, "dossiers_on_time"),
                   ("98,3%", 98.3, "rate_on_time"))
    assert not [f for f in audit.find(ctx) if f.status == "inconsistent"]
    assert any("not stated" in w for w in ctx.warnings)


def test_on_time_rate_over_resolved_is_called_inconsistent():
    text = "Năm qua, Văn phòng đã giải quyết 250 hồ sơ. Trong đó có 230 hồ sơ trả đúng hạn, đạt tỷ lệ 98,3%."
    ctx = ctx_with(text, ("250 hồ sơ", 250, "dossiers_resolved"), ("230 hồ sơ", 230, "dossiers_on_time"),
                   ("98,3%", 98.3, "rate_on_time"))
    assert only(audit.find(ctx), "percentage", 98.3).status == "inconsistent"


def test_a_decimal_score_carries_the_uncertainty_of_its_last_digit():
    text = "Lĩnh vực tài chính công đạt 7,36/8 điểm, chỉ số đạt 91,95%."
    ctx = ctx_with(text, ("7,36/8 điểm", 7.36, "index_score", {"unit": "điểm", "of": 8}),
                   ("91,95%", 91.95, "rate_other"))
    assert only(audit.find(ctx), "percentage", 91.95).status == "consistent"  # 7,355/8 = 91,94 … 7,365/8 = 92,06


def test_a_count_carried_over_from_the_last_period_joins_the_channels():
    text = ("Trong quý, Bộ phận một cửa xử lý 3.400 hồ sơ, trong đó 400 hồ sơ kỳ trước chuyển sang, "
            "tiếp nhận trực tiếp 1.800 hồ sơ, trực tuyến 1.200 hồ sơ.")
    ctx = ctx_with(text, ("3.400 hồ sơ", 3400, "dossiers_received"), ("400 hồ sơ", 400, "dossiers_received"),
                   ("1.800 hồ sơ", 1800, "dossiers_offline"), ("1.200 hồ sơ", 1200, "dossiers_online"))
    f = only(audit.find(ctx), "sum", 3400)
    assert f.status == "consistent" and f.computed == 3400


@pytest.mark.parametrize("text,rate", [
    ("Tiếp nhận 500 hồ sơ trực tuyến trên tổng 2.000 hồ sơ; mục tiêu năm tới tỷ lệ trực tuyến đạt 60%.", "60%"),
    ("Đã giải quyết 800 hồ sơ, đúng hạn 790 hồ sơ, bằng 140% so với cùng kỳ.", "140%"),
    ("Đã giải quyết 800 hồ sơ, đúng hạn 790 hồ sơ; 5/9 xã có tỷ lệ đúng hạn trên 95%.", "95%"),
])
def test_a_goal_a_comparison_or_a_bound_that_bodies_meet_is_no_share(text, rate):
    counts = [(s, v, m) for s, v, m in (("500 hồ sơ", 500, "dossiers_online"), ("2.000 hồ sơ", 2000, "dossiers_received"),
                                        ("800 hồ sơ", 800, "dossiers_resolved"), ("790 hồ sơ", 790, "dossiers_on_time"))
              if s in text]
    extra = [("5/9 xã", 5, "other", {"unit": "xã", "of": 9})] if "5/9" in text else []
    value = float(rate[:-1])
    metric = "rate_online" if "trực tuyến đạt" in text else "rate_on_time"
    ctx = ctx_with(text, *counts, *extra, (rate, value, metric))
    assert not [f for f in audit.find(ctx) if f.check == "percentage" and f.reported == value]


# --- the structure evidence of a finding (issue 12) ---------------------------

def _findings_of(text):
    from extract.pipeline import process
    from extract.reading.article import Article

    record = process(Article(id="t", text=text))
    return record.audit, record.warnings


def test_every_finding_names_its_relation_structure_and_rule():
    found, _ = _findings_of("Quỹ tín dụng và hồ sơ\n\nThứ Hai, 03/06/2024\n\n" + RECEIVED_LATE)
    assert found
    for f in found:
        assert f.relation and f.structure and f.rule == f"audit.{'sum' if f.check == 'sum' else 'rate'}.{f.structure}"
    s = next(f for f in found if f.check == "sum")
    assert (s.relation, s.structure) == ("dossiers_received = dossiers_on_time + dossiers_late", "trong_do")


def test_parts_that_only_sit_near_a_total_give_a_warning_not_an_inconsistent_finding():
    # Nothing says the resolved and pending counts two sentences on are the parts of the 7.300 received:
    # what was carried over from the last period may fill the gap.
    text = ("Xã Phú Mỹ, quý II/2024\n\nThứ Hai, 08/07/2024\n\n"
            "Quý II/2024, Bộ phận Một cửa xã Phú Mỹ tiếp nhận 7.300 hồ sơ. Công chức làm việc cả thứ Bảy. "
            "Bộ phận Một cửa xã Phú Mỹ đã giải quyết 7.180 hồ sơ, đang giải quyết 90 hồ sơ.")
    found, warnings = _findings_of(text)
    assert not [f for f in found if f.status == "inconsistent"]
    assert any("nearness (nearby)" in w and "7.300 hồ sơ" in w for w in warnings)
    # said in one sentence, the statuses are the received count's own list: then the gap is a finding
    one = text.replace(" hồ sơ. Công chức làm việc cả thứ Bảy. Bộ phận Một cửa xã Phú Mỹ đã", " hồ sơ; đã")
    f = only(_findings_of(one)[0], "sum", 7300)
    assert (f.status, f.computed, f.structure) == ("inconsistent", 7270, "clause_list")


def test_a_rate_of_the_listed_parts_is_consistent_when_the_stated_total_is_not():
    # 2.310 on time + 15 late = 2.325, not the 2.350 stated as resolved: the sum is the finding;
    # 99,4% and 0,6% are shares of the two listed parts taken together, so they agree.
    text = ("Trung tâm Phục vụ hành chính công, tháng 5/2024\n\nThứ Hai, 03/06/2024\n\n"
            "Trung tâm Phục vụ hành chính công tỉnh đã giải quyết 2.350 hồ sơ. Trong đó, 2.310 hồ sơ giải quyết "
            "đúng và trước hạn (tỷ lệ 99,4%), 15 hồ sơ giải quyết trễ hạn (tỷ lệ 0,6%).")
    found, _ = _findings_of(text)
    s = only(found, "sum", 2350)
    assert (s.status, s.computed, s.structure) == ("inconsistent", 2325, "trong_do")
    r = only(found, "percentage", 99.4)
    assert (r.status, r.computed, r.structure) == ("consistent", 99.35, "listed_parts")
    assert "(đúng/trước hạn + trễ/quá hạn) 2.325" in r.explanation
    assert [text[a:b] for a, b in r.evidence] == ["99,4%", "2.310 hồ sơ", "15 hồ sơ"]  # each figure once


def test_no_metric_relation_is_written_in_the_audit():
    """The audit reads which metrics add up and which count a rate is over from patterns/metrics.yaml only:
    no metric of the contract is named in its code but the catch-alls."""
    import ast
    from pathlib import Path

    from extract.models import METRICS
    named = []
    for path in sorted((Path(audit.__file__).parent).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value not in ("other", "rank") \
                    and (node.value in METRICS or node.value.startswith(("dossiers_", "procedures_"))):
                named.append((path.name, node.lineno, node.value))
    assert named == []


def _sample_contexts():
    from pathlib import Path

    from extract.pipeline import steps as pipeline_steps

    out = []
    for path in sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.txt")):
        ctx = Context(id=path.stem, text=path.read_text(encoding="utf-8"))
        for step in pipeline_steps.STEPS[:-1]:
            pipeline_steps.apply(step, ctx)
        out.append(ctx)
    return out


def test_word_prechecks_never_keep_a_marker_pattern_off_a_sentence_it_matches():
    """A sentence is searched for 'trong đó', 'trong số', 'Trong …' or 'lần lượt' only if its case-folded text
    holds one of their words: on every sentence of the sample pages, and in capitals, the pre-check lets through
    every sentence the pattern matches."""
    from extract.audit import structure as s

    pairs = [(s._PARTS_FOLLOW, s._PARTS_FOLLOW_WORDS), (s._TOTAL_FOLLOWS, s._TOTAL_FOLLOWS_WORDS),
             (s._IN_TOTAL, s._OPENS_TOTAL_WORDS), (s._RESPECTIVELY, s._RESPECTIVELY_WORDS)]
    texts = [c.text for c in _sample_contexts()]
    texts += [t.upper() for t in texts] + ["TRONG ĐÓ, 3 hồ sơ", "Trong Tổng Số 5 xã", "A và B LẦN LƯỢT 3 và 4"]
    matched = 0
    for text in texts:
        sentences = s._sentences(Context(id="t", text=text, segments=[Segment("body", 0, len(text))]))
        folded: dict = {}
        for si, (a, b) in enumerate(sentences):
            for pattern, words in pairs:
                if pattern.search(text, a, b):
                    matched += 1
                    assert s._may_hold(words, s._folded(text, sentences, si, folded)), (text[a:b], words)
    assert matched > 20


def test_a_sentence_repeated_word_for_word_is_read_once_however_it_is_spaced():
    from extract.audit import structure as s

    lead = "Năm 2024, Bộ phận Một cửa huyện tiếp nhận 1.245 hồ sơ trực tuyến."
    again = lead.replace(" ", "  ", 2).replace("huyện ", "huyện\u00a0")
    other = "Năm 2024, Bộ phận Một cửa xã tiếp nhận 245 hồ sơ trực tuyến."  # opens and ends alike: compared
    text = "\n".join([lead, other, again, "Ngắn."])
    ctx = Context(id="t", text=text, segments=[Segment("body", 0, len(text))])
    sentences = s._sentences(ctx)
    assert [text[a:b] for a, b in s._unrepeated(ctx, sentences)] == [lead, other, "Ngắn."]
    assert s._end_words(lead) == s._end_words(again)


def test_a_count_carried_over_is_told_once_and_as_its_words_say():
    """Whether a count was carried over is remembered per article: asked again, or of another count, it answers
    what its words around it say."""
    from extract.audit import structure as s

    text = "Tiếp nhận 1.020 hồ sơ kỳ trước chuyển sang, 500 hồ sơ mới; tồn kỳ trước chuyển sang 12 hồ sơ."
    ctx = ctx_with(text, ("1.020 hồ sơ", 1020, "dossiers_received"), ("500 hồ sơ", 500, "dossiers_received"),
                   ("12 hồ sơ", 12, "dossiers_received"))
    aud, _ = s.read(ctx)
    assert [s.carried_over(aud, f) for f in aud.counts] == [True, False, True]
    assert aud.carried == {f.ind.span: c for f, c in zip(aud.counts, (True, False, True))}
    assert [s.carried_over(aud, f) for f in aud.counts] == [True, False, True]
    counted = 0
    for page in _sample_contexts():
        if page.indicators:
            aud, _ = s.read(page)
            for f in aud.counts:
                assert s.carried_over(aud, f) == bool(s._CARRIED.match(page.text, f.end) or s._CARRIED_BEFORE.search(
                    page.text, max(0, f.start - 40), f.start))
                counted += 1
    assert counted > 10
