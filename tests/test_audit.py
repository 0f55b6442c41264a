import json
from types import SimpleNamespace

import pytest

from extract import audit, audit_cross
from extract.audit_numbers import interval
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
    ("18.723", "17.265", "1.458", "consistent"),
    ("18.724", "17.265", "1.458", "inconsistent"),   # total off by one
    ("18.723", "17.264", "1.458", "inconsistent"),   # a part off by one
    ("18.273", "17.265", "1.458", "inconsistent"),   # two digits swapped
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
    text = f"Tiếp nhận 19.943 hồ sơ; đúng hạn 19.255 hồ sơ (đạt {stated})."
    value = float(stated[:-1].replace(",", "."))
    ctx = ctx_with(text, ("19.943 hồ sơ", 19943, "dossiers_received"),
                   ("19.255 hồ sơ", 19255, "dossiers_on_time"), (stated, value, "rate_on_time"))
    assert only(audit.find(ctx), "percentage", value).status == status


def test_approximate_total_allows_what_its_word_allows():
    text = "Giải quyết gần 27.000 hồ sơ; trong đó, trước hạn {a} hồ sơ; đúng hạn 3.523 hồ sơ; quá hạn 267 hồ sơ."
    for a, status in (("22.357", "inconsistent"), ("23.000", "consistent")):
        ctx = ctx_with(text.format(a=a), ("gần 27.000 hồ sơ", 27000, "dossiers_resolved", {"qualifier": "approx"}),
                       (f"{a} hồ sơ", int(a.replace(".", "")), "dossiers_on_time"),
                       ("3.523 hồ sơ", 3523, "dossiers_on_time"), ("267 hồ sơ", 267, "dossiers_late"))
        assert only(audit.find(ctx), "sum", 27000).status == status


def test_received_is_resolved_plus_pending_across_the_next_sentence():
    text = ("Năm 2023, UBND huyện tiếp nhận 5.032 hồ sơ. Kết quả đã giải quyết 4.980 hồ sơ, "
            "số hồ sơ đang giải quyết là 50 hồ sơ.")
    ctx = ctx_with(text, ("5.032 hồ sơ", 5032, "dossiers_received"), ("4.980 hồ sơ", 4980, "dossiers_resolved"),
                   ("50 hồ sơ", 50, "dossiers_pending"))
    f = only(audit.find(ctx), "sum", 5032)
    assert f.status == "inconsistent" and f.computed == 5030


def test_nested_parts_in_parentheses_belong_to_the_part_before_them():
    text = ("Tiếp nhận 19.143 hồ sơ, trong đó:\n+ Đã giải quyết: 18.273 hồ sơ (đúng hạn 17.265/trễ hạn 1.008)\n"
            "+ Đang giải quyết: 870 hồ sơ (trong hạn 669/quá hạn 201)\n")
    ctx = ctx_with(text, ("19.143 hồ sơ", 19143, "dossiers_received"), ("18.273 hồ sơ", 18273, "dossiers_resolved"),
                   ("17.265", 17265, "dossiers_on_time"), ("1.008", 1008, "dossiers_late"),
                   ("870 hồ sơ", 870, "dossiers_pending"), ("669", 669, "dossiers_pending"),
                   ("201", 201, "dossiers_late"))
    found = audit.find(ctx)
    assert only(found, "sum", 19143).status == "consistent"
    assert only(found, "sum", 18273).status == "consistent"
    assert only(found, "sum", 870).status == "consistent"


def test_whole_against_its_tiers_only_when_every_tier_is_there():
    text = ("Toàn tỉnh tiếp nhận 659.245 hồ sơ. Cấp tỉnh tiếp nhận 54.575 hồ sơ. Cấp huyện tiếp nhận 340.060 hồ sơ. "
            "Cấp xã tiếp nhận 264.612 hồ sơ.")
    figs = [("659.245 hồ sơ", 659245, "dossiers_received"),
            ("54.575 hồ sơ", 54575, "dossiers_received", {"level": "province"}),
            ("340.060 hồ sơ", 340060, "dossiers_received", {"level": "district"}),
            ("264.612 hồ sơ", 264612, "dossiers_received", {"level": "commune"})]
    f = only(audit.find(ctx_with(text, *figs)), "sum", 659245)
    assert f.status == "inconsistent" and f.computed == 659247
    partial = ctx_with(text.split(" Cấp xã")[0], *figs[:3])
    assert audit.find(partial) == [] and any("not checked" in w for w in partial.warnings)


def test_figures_of_different_tiers_or_periods_are_never_added():
    text = "Cấp huyện tiếp nhận 1.000 hồ sơ, cấp xã đã giải quyết 600 hồ sơ, đang giải quyết 300 hồ sơ."
    ctx = ctx_with(text, ("1.000 hồ sơ", 1000, "dossiers_received", {"level": "district"}),
                   ("600 hồ sơ", 600, "dossiers_resolved", {"level": "commune"}),
                   ("300 hồ sơ", 300, "dossiers_pending", {"level": "commune"}))
    assert audit.find(ctx) == []
    text = "Năm 2023 tiếp nhận 1.000 hồ sơ; quý I/2024 đã giải quyết 600 hồ sơ, đang giải quyết 300 hồ sơ."
    ctx = ctx_with(text, ("1.000 hồ sơ", 1000, "dossiers_received", {"period": "2023"}),
                   ("600 hồ sơ", 600, "dossiers_resolved", {"period": "2024-Q1"}),
                   ("300 hồ sơ", 300, "dossiers_pending", {"period": "2024-Q1"}))
    assert audit.find(ctx) == []


def test_parts_that_may_not_cover_the_whole_are_not_called_inconsistent():
    text = "Tiếp nhận 1.000 hồ sơ, trong đó 300 hồ sơ trực tuyến, 200 hồ sơ qua bưu chính."
    ctx = ctx_with(text, ("1.000 hồ sơ", 1000, "dossiers_received"), ("300 hồ sơ", 300, "dossiers_online"),
                   ("200 hồ sơ", 200, "dossiers_postal"))
    assert audit.find(ctx) == []
    assert any("may not cover the whole" in w for w in ctx.warnings)


def test_a_rate_that_is_no_share_of_counts_is_not_checked():
    text = "Chỉ số đạt 88,37%, tăng 1,39% so với năm trước; 100% cơ quan dùng chữ ký số; 13 tỉnh đạt trên 90%."
    ctx = ctx_with(text, ("88,37%", 88.37, "rate_other"), ("1,39%", 1.39, "rate_other", {"change": "increase"}),
                   ("100%", 100, "rate_other"), ("13 tỉnh", 13, "other", {"unit": "tỉnh"}),
                   ("trên 90%", 90, "rate_other", {"qualifier": "over"}))
    assert audit.find(ctx) == []


def test_approximate_rate_and_counts():
    text = "Đã giải quyết 490 hồ sơ. Trong đó, 223 hồ sơ được giải quyết trước hạn, chiếm gần 50%; 259 hồ sơ đúng hạn và 8 hồ sơ quá hạn."
    ctx = ctx_with(text, ("490 hồ sơ", 490, "dossiers_resolved"), ("223 hồ sơ", 223, "dossiers_on_time"),
                   ("gần 50%", 50, "rate_on_time", {"qualifier": "approx"}), ("259 hồ sơ", 259, "dossiers_on_time"),
                   ("8 hồ sơ", 8, "dossiers_late"))
    found = audit.find(ctx)
    assert only(found, "sum", 490).status == "consistent"
    assert only(found, "percentage", 50).status == "consistent"


def test_stated_intervals():
    def iv(text, value, qualifier="exact", unit="hồ sơ"):
        return interval(Indicator(text=text, span=(0, len(text)), value=value, unit=unit, metric="other",
                                  qualifier=qualifier))
    assert iv("0,72%", 0.72, unit="%") == pytest.approx((0.71, 0.73))
    assert iv("1%", 1, unit="%") == (0, 2)
    assert iv("1.245 hồ sơ", 1245) == (1245, 1245)
    assert iv("gần 27.000 hồ sơ", 27000, "approx") == (26500, 27000)
    assert iv("gần 1,3 ngàn hồ sơ", 1300, "approx") == pytest.approx((1250, 1300))
    assert iv("trên 132 ngàn hồ sơ", 132000, "over")[0] == 132000
    assert iv("hàng trăm hồ sơ", 100, "over") is None


def _record(rid, value, text, audit_findings=()):
    ind = Indicator(text=text, span=(0, len(text)), value=value, unit="hồ sơ", metric="dossiers_received",
                    unit_ref="Tỉnh Tây Ninh", period="2024-Q1", level="province")
    return Record(id=rid, source=Source(url=f"https://example.vn/{rid}"), indicators=[ind], audit=list(audit_findings))


def test_cross_article_disagreement_lists_both_reports(tmp_path, capsys):
    wrong = Finding(check="sum", status="inconsistent", reported=1245, computed=1244, unit_ref="Tỉnh Tây Ninh",
                    explanation="1.242 + 2 = 1.244, lệch 1 so với 1.245.")
    records = [_record("a", 54575, "54.575 hồ sơ"), _record("b", 54580, "54.580 hồ sơ", [wrong]),
               _record("c", 54000, "hơn 54 ngàn hồ sơ")]
    records[2].indicators[0].qualifier = "over"
    path = tmp_path / "records.jsonl"
    path.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    assert audit.command(SimpleNamespace(records=str(path), json=True)) == 0
    rep = json.loads(capsys.readouterr().out)
    [d] = rep["disagreements"]
    assert (d["unit_ref"], d["metric"], d["period"]) == ("Tỉnh Tây Ninh", "dossiers_received", "2024-Q1")
    assert {r["id"] for r in d["reports"]} == {"a", "b"}  # "hơn 54 ngàn" agrees with both
    assert rep["inconsistent_by_unit"]["Tỉnh Tây Ninh"][0]["id"] == "b"
    assert audit.command(SimpleNamespace(records=str(path), json=False)) == 0
    assert "https://example.vn/a" in capsys.readouterr().out


def test_same_values_across_articles_are_no_disagreement():
    assert audit_cross.disagreements([_record("a", 1665, "1.665 hồ sơ"), _record("b", 1665, "1.665 hồ sơ")]) == []


END_TO_END = """UBND huyện Tân Châu: kết quả cải cách hành chính quý I

Trong quý I năm 2024, Bộ phận Một cửa huyện Tân Châu tiếp nhận 1.245 hồ sơ, trong đó: hồ sơ giải quyết đúng hạn, trước hạn 1.242 hồ sơ, trễ hạn 3 hồ sơ, tỷ lệ 0,72%.

Cũng trong quý I năm 2024, huyện đã giải quyết 18.273 hồ sơ, trong đó đúng hạn 17.265 hồ sơ, trễ hạn 1.458 hồ sơ.
"""


def test_end_to_end_through_the_pipeline():
    from extract.context import Article
    from extract.process import process

    found = process(Article(id="e2e", text=END_TO_END)).audit
    assert only(found, "sum", 1245).status == "consistent"
    assert only(found, "percentage", 0.72).status == "inconsistent"
    assert only(found, "sum", 18273).status == "inconsistent"


def test_a_named_period_and_the_dates_it_runs_over_are_one_period():
    text = ("Trong quý I năm 2020 (tính từ 1/12/2019 đến 29/2/2020) toàn tỉnh đã tiếp nhận 659.245 hồ sơ, "
            "đã giải quyết 643.272 hồ sơ. Trong số hồ sơ còn lại đang giải quyết gồm 7.172 hồ sơ.")
    ctx = ctx_with(text, ("659.245 hồ sơ", 659245, "dossiers_received", {"period": "2019-12-01/2020-02-29"}),
                   ("643.272 hồ sơ", 643272, "dossiers_resolved", {"period": "2019-12-01/2020-02-29"}),
                   ("7.172 hồ sơ", 7172, "dossiers_pending", {"period": "2020-Q1"}))
    assert only(audit.find(ctx), "sum", 659245).status == "inconsistent"
    ctx.indicators[2].period = "2020"  # a year is not its quarter
    assert audit.find(ctx) == []


def test_parts_adding_up_to_an_earlier_part_are_its_breakdown():
    text = ("Tiếp nhận 1.000 hồ sơ, trong đó 400 hồ sơ trực tuyến đã giải quyết 380 hồ sơ, "
            "đang giải quyết 20 hồ sơ.")
    ctx = ctx_with(text, ("1.000 hồ sơ", 1000, "dossiers_received"), ("400 hồ sơ", 400, "dossiers_online"),
                   ("380 hồ sơ", 380, "dossiers_resolved"), ("20 hồ sơ", 20, "dossiers_pending"))
    found = audit.find(ctx)
    assert all(f.status == "consistent" for f in found) and only(found, "sum", 400).computed == 400


def test_a_rate_far_from_the_counts_of_its_base_is_not_checked_against_them():
    text = ("Năm nay, huyện tiếp nhận 1.000 hồ sơ. Hội nghị diễn ra sôi nổi. Nhiều ý kiến được nêu. "
            "Riêng bộ phận một cửa đã giải quyết 300 hồ sơ, đạt 98%.")
    ctx = ctx_with(text, ("1.000 hồ sơ", 1000, "dossiers_received"), ("300 hồ sơ", 300, "dossiers_resolved"),
                   ("98%", 98, "rate_other"))
    assert audit.find(ctx) == []


def test_postal_counts_inside_the_offline_count_are_no_error():
    text = ("Năm 2024, huyện tiếp nhận 1.000 hồ sơ. Trong đó trực tuyến 400 hồ sơ, trực tiếp hoặc qua bưu chính "
            "600 hồ sơ; riêng bưu chính 50 hồ sơ.")
    ctx = ctx_with(text, ("1.000 hồ sơ", 1000, "dossiers_received"), ("400 hồ sơ", 400, "dossiers_online"),
                   ("600 hồ sơ", 600, "dossiers_offline"), ("50 hồ sơ", 50, "dossiers_postal"))
    assert only(audit.find(ctx), "sum", 1000).status == "consistent"


def test_on_time_and_late_after_resolved_in_a_list_are_its_parts():
    text = ("Tiếp nhận 5.000 hồ sơ, trong đó đã giải quyết 4.500 hồ sơ, đúng hạn 4.400 hồ sơ, trễ hạn 100 hồ sơ, "
            "đang giải quyết 500 hồ sơ.")
    ctx = ctx_with(text, ("5.000 hồ sơ", 5000, "dossiers_received"), ("4.500 hồ sơ", 4500, "dossiers_resolved"),
                   ("4.400 hồ sơ", 4400, "dossiers_on_time"), ("100 hồ sơ", 100, "dossiers_late"),
                   ("500 hồ sơ", 500, "dossiers_pending"))
    found = audit.find(ctx)
    assert only(found, "sum", 5000).status == "consistent"
    assert only(found, "sum", 4500).status == "consistent"
