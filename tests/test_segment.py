"""Segmentation on the kinds of noise scraped pages carry, and the metadata read from it."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex

from extract.context import Context
from extract.segment import segment

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

LEAD = ("Sáng ngày 5/3, UBND huyện Cái Bè tổ chức hội nghị sơ kết công tác cải cách hành chính "
        "quý I năm 2023 với sự tham dự của lãnh đạo các phòng, ban chuyên môn.")
BODY = ("Trong quý I năm 2023, bộ phận Một cửa huyện tiếp nhận 2.310 hồ sơ, trong đó giải quyết "
        "đúng hạn 2.298 hồ sơ, trễ hạn 12 hồ sơ.")


def _seg(text: str) -> Context:
    ctx = Context(id="t", text=text)
    segment(ctx)
    return ctx


def _kinds(ctx: Context) -> list[tuple[str, str]]:
    return [(s.kind, ctx.text[s.start:s.end]) for s in ctx.segments]


def _kind_of(ctx: Context, line: str) -> str:
    return next(k for k, t in _kinds(ctx) if t == line)


def test_menu_title_dateline_counter_lead_body_byline():
    page = "\n".join([
        "Trang chủ  |  Thời sự   Chính trị   Cải cách hành chính",
        "Cái Bè: Sơ kết công tác cải cách hành chính quý I năm 2023",
        "Thứ 4, 08/03/2023 | 09:15:20",
        "1.203 lượt xem",
        LEAD, "", BODY, "", "NGUYỄN MINH ANH",
    ])
    ctx = _seg(page)
    assert _kind_of(ctx, "1.203 lượt xem") == "counter"
    assert _kind_of(ctx, LEAD) == "lead"
    assert _kind_of(ctx, BODY) == "body"
    assert ctx.segments[0].kind == "chrome"
    assert ctx.title == "Cái Bè: Sơ kết công tác cải cách hành chính quý I năm 2023"
    assert ctx.published == "2023-03-08T09:15:20+07:00"
    assert ctx.authors == ["Nguyễn Minh Anh"]


def test_site_clock_above_title_is_not_the_publication_date():
    page = "\n".join(["Thứ 7, 09/12/2023, 19:49[GMT+7]", "", "Cái Bè: Sơ kết cải cách hành chính năm 2023",
                      "", "Thứ 5, 26/10/2023 | 18:26:45", LEAD, BODY])
    ctx = _seg(page)
    assert _kind_of(ctx, "Thứ 7, 09/12/2023, 19:49[GMT+7]") == "clock"
    assert ctx.published == "2023-10-26T18:26:45+07:00"


def test_date_line_above_title_is_the_article_date_when_it_is_the_only_one():
    page = "\n".join(["Thứ Hai, 15/08/2022, 10:59 (GMT+7)", ".", "", "Cái Bè quan tâm thực hiện cải cách hành chính",
                      "", LEAD])
    ctx = _seg(page)
    assert ctx.published == "2022-08-15T10:59:00+07:00"
    assert _kind_of(ctx, ".") == "chrome"


def test_null_prefix_and_repeated_heading():
    heading = "HUYỆN CÁI BÈ: Nâng cao tỷ lệ hồ sơ trực tuyến mức độ 3 và mức độ 4"
    page = "\n\n".join(["Xuất bản thông tin", "null " + heading, "Chi tiết bài viết Tin tức", heading, LEAD, BODY])
    ctx = _seg(page)
    assert ctx.title == heading
    kinds = _kinds(ctx)
    assert ("chrome", "null") in kinds
    assert [k for k, t in kinds if t == heading] == ["chrome", "title"]


def test_related_news_list_with_dates_is_boilerplate():
    page = "\n\n".join([
        "Ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính cấp huyện", LEAD, BODY,
        "Nguồn: Cổng Thông tin điện tử tỉnh Tiền Giang",
        "Tin liên quan\nBáo cáo công tác kiểm soát thủ tục hành chính Quý III năm 2020    23/11/2020\n"
        "Chính phủ số, là chiến lược trọng tâm quốc gia    28/10/2020",
    ])
    ctx = _seg(page)
    assert _kind_of(ctx, "Nguồn: Cổng Thông tin điện tử tỉnh Tiền Giang") == "source"
    assert _kind_of(ctx, "Chính phủ số, là chiến lược trọng tâm quốc gia    28/10/2020") == "related"
    assert ctx.published is None
    content = " ".join(ctx.text[s.start:s.end] for s in ctx.content())
    assert "23/11/2020" not in content and "28/10/2020" not in content


def test_advertisement_after_byline_and_caption_in_body():
    page = "\n\n".join(["Cái Bè: Sơ kết cải cách hành chính quý I năm 2023", LEAD, "Quang cảnh hội nghị.", BODY,
                        "Hoàng Kha , TTVH-TT và TT huyện Cái Bè", "  • Dầu gội hữu cơ nhập khẩu chính hãng"])
    ctx = _seg(page)
    assert _kind_of(ctx, "Quang cảnh hội nghị.") == "caption"
    assert _kind_of(ctx, "• Dầu gội hữu cơ nhập khẩu chính hãng") == "ad"
    assert ctx.authors == ["Hoàng Kha"]


def test_crawler_marker_with_title_and_stamp_on_one_line():
    page = " date 2025-01-06 Cái Bè tiếp nhận hơn 800 hồ sơ ngày đầu tuần 06/01/2025 09:41\n\n" + LEAD
    ctx = _seg(page)
    assert ctx.title == "Cái Bè tiếp nhận hơn 800 hồ sơ ngày đầu tuần"
    assert ctx.published == "2025-01-06T09:41:00+07:00"
    assert ctx.segments[0].kind == "chrome"


def test_crawler_marker_before_running_text_gives_no_title_or_date():
    ctx = _seg(" date 2021-07 " + BODY + "\n\n" + LEAD)
    assert ctx.title is None and ctx.published is None
    assert ctx.segments[0].kind == "chrome" and ctx.segments[1].kind == "lead"


@pytest.mark.parametrize("line,authors", [
    ("THANH TÙNG", ["Thanh Tùng"]),
    ("Bảo Ngọc – Minh Quân", ["Bảo Ngọc", "Minh Quân"]),
    ("Hữu Phước (Trung tâm VH-TT)", ["Hữu Phước"]),
    ("K. LONG", ["K. Long"]),
    ("Linh Thuỳ", ["Linh Thùy"]),
])
def test_byline_shapes(line, authors):
    ctx = _seg("\n\n".join(["Cái Bè: Sơ kết cải cách hành chính quý I năm 2023", LEAD, BODY, line]))
    assert ctx.authors == authors


def test_reporter_and_stamp_under_title():
    ctx = _seg("Tỷ lệ hồ sơ trực tuyến của huyện đạt 64%\n\nQuỳnh Như 10:02, 12/08/2024\n\n" + LEAD)
    assert ctx.authors == ["Quỳnh Như"] and ctx.published == "2024-08-12T10:02:00+07:00"


def test_textual_date_line_gives_a_bare_date():
    ctx = _seg("Cải cách hành chính\nKết quả tiếp nhận hồ sơ trực tuyến của huyện Cái Bè\n"
               "Ngày 3 tháng 2 năm 2021.\n\n" + LEAD)
    assert ctx.published == "2021-02-03"
    assert ctx.segments[0].kind == "chrome"


def test_page_without_title_starts_with_body():
    ctx = _seg(BODY + "\n" + LEAD + "\nĐồng chí Lê Văn A, Phó Chủ tịch UBND huyện phát biểu tại hội nghị")
    assert ctx.title is None
    assert ctx.segments[0].kind == "lead"


def test_sentences_lie_in_content_and_point_at_their_text():
    ctx = _seg("\n\n".join(["Cái Bè: Sơ kết cải cách hành chính quý I năm 2023", LEAD + " " + BODY, "Tin liên quan",
                            "Một tin khác trong tháng 3/2023"]))
    assert len(ctx.sentences) == 3
    for a, b in ctx.sentences:
        seg = ctx.segment_at(a)
        assert seg.kind in {"title", "lead"} and b <= seg.end
        assert ctx.text[a:b].strip() == ctx.text[a:b]


@pytest.mark.parametrize("name,published", [
    ("000_5b25d1c1ee67f2cc", "2022-08-15T10:59:00+07:00"),
    ("002_d1b55944720b3272", "2024-04-13T19:42:00+07:00"),
    ("003_0ab86db01df31c0c", None),
    ("004_2560b1d1a4416cca", "2023-10-26T18:26:45+07:00"),
])
def test_corpus_publication_dates(name, published):
    ctx = _seg((CORPUS / f"{name}.txt").read_text(encoding="utf-8"))
    assert ctx.published == published


def test_segments_cover_disjoint_ordered_spans_of_the_corpus():
    for path in sorted(CORPUS.glob("*.txt")):
        ctx = _seg(path.read_text(encoding="utf-8"))
        ends = [(s.start, s.end) for s in ctx.segments]
        assert all(a < b for a, b in ends) and all(ends[i][1] <= ends[i + 1][0] for i in range(len(ends) - 1))


def test_a_byline_introduced_by_what_the_reporter_did_is_not_the_title():
    page = "\n".join([
        "Cái Bè: Số hóa hồ sơ một cửa đạt 95%", "Bài và ảnh: NGỌC ÁNH", "Thứ Tư, 08/11/2023 14:30", LEAD, BODY,
    ])
    ctx = _seg(page)
    assert ctx.title == "Cái Bè: Số hóa hồ sơ một cửa đạt 95%"
    assert ctx.authors == ["Ngọc Ánh"]


def test_an_unnamed_byline_ends_the_article_without_eating_the_paragraph_before_it():
    last = "Ông Đỗ Văn Thư, Chủ tịch UBND xã Quảng Yên, cho biết xã đã tiếp nhận 2.150 hồ sơ."
    for byline in ("PV", "Nhóm PV"):
        ctx = _seg("\n".join(["Quảng Xương: Hiệu quả từ mô hình một cửa liên thông", "13/07/2020 07:30", LEAD, BODY, last, byline]))
        assert ctx.authors == []
        assert _kind_of(ctx, last) == "body" and _kind_of(ctx, byline) == "byline"


def test_a_source_line_names_no_reporter():
    for source in ("Theo TTXVN", "Theo Báo Bắc Ninh"):
        ctx = _seg("\n".join(["Bắc Ninh: Tỷ lệ hồ sơ trực tuyến vượt 80%", "15/01/2026 09:00", LEAD, BODY, source, "Chia sẻ"]))
        assert ctx.authors == [] and _kind_of(ctx, source) == "source"


def test_two_reporters_before_a_bulleted_stamp():
    ctx = _seg("\n".join(["Nghệ An: Cắt giảm 30% thời gian giải quyết thủ tục đầu tư", "Thanh Lê - Hoài Thu • 10:05 06/04/2023", LEAD, BODY]))
    assert ctx.authors == ["Thanh Lê", "Hoài Thu"] and ctx.published == "2023-04-06T10:05:00+07:00"


PORTAL = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin điện tử tỉnh</title>
<meta property="article:published_time" content="2024-03-13T02:00:00Z"></head>
<body><div class="top"><span class="clock">Thứ Ba, 19/11/2024</span> <a href="/">Trang chủ</a></div>
<div class="menu-left"><ul><li><a href="/gt">Giới thiệu</a></li><li><a href="/cchc">Cải cách hành chính</a></li></ul></div>
<div class="main"><div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/cchc">Cải cách hành chính</a></div>
<div class="news-detail"><h2 class="title">Tỉnh Quảng Trị nâng cao chất lượng giải quyết thủ tục hành chính</h2>
<div class="date">Ngày đăng: 12/03/2024 08:30</div><div class="content">
<p>Sáng 11/3, UBND tỉnh Quảng Trị tổ chức hội nghị đánh giá kết quả công tác cải cách hành chính năm 2023.</p>
<p style="text-align:center"><em>Quang cảnh hội nghị (Ảnh: Lê Hưng)</em></p>
<p>Theo báo cáo của Sở Nội vụ, năm 2023 tỉnh tiếp nhận 245.310 hồ sơ, trong đó 98,7% được giải quyết đúng hạn.</p>
<p style="text-align:right"><strong>Minh Anh</strong></p></div><div class="view">Lượt xem: 1.254</div>
<div class="other-news"><h4>Các tin khác</h4><ul><li><a href="/x">Hội nghị trực tuyến về chuyển đổi số</a> (18/11/2024)</li></ul></div>
</div></div></body></html>"""


def test_html_portal_page_gives_title_own_date_line_and_byline():
    from extract.reading.html import read_html
    page = read_html(PORTAL)
    ctx = Context(id="t", text=page.text, title=page.title, published=page.published)
    segment(ctx)
    assert ctx.title == "Tỉnh Quảng Trị nâng cao chất lượng giải quyết thủ tục hành chính"
    assert ctx.published == "2024-03-12T08:30:00+07:00"  # the line under the title, not the site clock or metadata
    assert ctx.authors == ["Minh Anh"]  # not the photo credit
    assert _kind_of(ctx, "Quang cảnh hội nghị (Ảnh: Lê Hưng)") == "caption"
    assert _kind_of(ctx, "Lượt xem: 1.254") == "counter"
    assert all(ctx.text[s.start:s.end].strip() for s in ctx.segments)


# ---- page facts that must not be taken for the article's own (issue 14) ------------

def test_a_site_clock_apart_from_the_headline_is_no_publication_date():
    page = "\n".join(["Chủ nhật 08/02/2026 06:40", "Đường dây nóng: 028.3911.2233", "Xã hội",
                      "", "Cái Bè: Sơ kết cải cách hành chính năm 2023", "", LEAD, BODY])
    ctx = _seg(page)
    assert _kind_of(ctx, "Chủ nhật 08/02/2026 06:40") == "clock"
    assert ctx.published is None and ctx.title == "Cái Bè: Sơ kết cải cách hành chính năm 2023"
    assert any(w.startswith("published:") for w in ctx.warnings)


@pytest.mark.parametrize("line,published", [
    ("Cập nhật lúc 07:05, Thứ Ba, 09/03/2021 (GMT+7)", "2021-03-09T07:05:00+07:00"),
    ("Cập nhật lúc: 02/06/2022 10:20 864", "2022-06-02T10:20:00+07:00"),
    ("Ngày đăng: 14/02/2020  09:41 Lượt xem: 517", "2020-02-14T09:41:00+07:00"),
    ("Thứ ba, 05/03/2019 - 03:12 PM      71", "2019-03-05T15:12:00+07:00"),
    ("12 Tháng Ba 2021", "2021-03-12"),
])
def test_date_lines_with_the_clock_first_a_counter_after_or_a_month_name(line, published):
    ctx = _seg("\n".join(["Cái Bè: Sơ kết cải cách hành chính quý I năm 2023", line, LEAD, BODY]))
    assert (ctx.title, ctx.published) == ("Cái Bè: Sơ kết cải cách hành chính quý I năm 2023", published)


def test_a_placeholder_date_or_one_after_the_crawl_is_no_publication_date():
    placeholder = _seg("\n".join(["Cái Bè: Sơ kết cải cách hành chính quý I năm 2023", "01/01/0001 00:00", LEAD, BODY]))
    assert placeholder.published is None
    assert any("placeholder" in w for w in placeholder.warnings)
    late = _seg("\n".join([" date 2023-04 Cái Bè: Sơ kết cải cách hành chính quý I năm 2023",
                           "Thứ 2, 15/01/2024 | 09:15", LEAD, BODY]))
    assert late.published is None
    assert any("after the page was stored" in w for w in late.warnings)


def test_a_labelled_date_under_a_sentence_headline_beats_the_clock_above():
    page = "\n".join(["Thứ 4, Ngày 10/07/2024 -", "",
                      "Chỉ số cải cách hành chính năm 2023 của huyện Cái Bè tăng 5 bậc so với năm trước đó.",
                      "Ngày đăng: 02/05/2024  08:10 Lượt xem: 96", LEAD, BODY])
    assert _seg(page).published == "2024-05-02T08:10:00+07:00"


def test_no_title_from_a_date_line_a_caption_or_font_controls():
    caption = "Cán bộ phường hướng dẫn người dân nộp hồ sơ trực tuyến tại quầy tiếp nhận. Ảnh tư liệu"
    for first in (caption, "Cỡ chữ: A+ A A-", "Mặc định Cỡ chữ", "Skip to main content", "12 Tháng Ba 2021"):
        ctx = _seg("\n".join([first, LEAD, BODY]))
        assert ctx.title is None, first
        assert any(w.startswith("title:") for w in ctx.warnings)


def test_a_reporter_over_the_date_line_is_the_byline_not_the_title():
    ctx = _seg("\n".join(["Từ 01/4/2024, Cái Bè nhận hồ sơ trực tuyến toàn trình", "Lê Hoàng Bảo Châu",
                          "01/04/2024", LEAD, BODY]))
    assert ctx.title == "Từ 01/4/2024, Cái Bè nhận hồ sơ trực tuyến toàn trình"
    assert ctx.authors == ["Lê Hoàng Bảo Châu"] and ctx.published == "2024-04-01"


@pytest.mark.parametrize("line,authors", [("T.D", ["T.D"]), ("N.HÙNG", ["N.Hùng"]), ("Back To Top", [])])
def test_initials_keep_their_case_and_navigation_is_no_author(line, authors):
    assert _seg("\n\n".join(["Cái Bè: Sơ kết cải cách hành chính quý I năm 2023", LEAD, BODY, line])).authors == authors


def test_no_line_rule_match_lacks_what_the_rule_needs():
    """A line rule is not tried on a line without its `needs`: every match in its examples, negatives and the
    sample pages holds them, so the pre-check never hides a match."""
    import extract.segment as seg
    from extract.language import rules as rule_files

    rules_file = rule_files.load("segment")
    lines = [t for r in rules_file.rules for t in [*(e.text for e in r.examples), *r.negatives]]
    lines += [ln.strip() for p in sorted(CORPUS.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()]
    lines += [glued + ln for ln in lines[:40] for glued in ("date 2024-03 ", "null ", "nullam ")]  # what the prefix rules split off
    checked = 0
    for rid, _, pat in seg._LINE_RULES:
        for line in lines:
            m = pat.match(line)
            if m and seg._NEEDS[rid]:
                assert seg._holds(m.group(), seg._NEEDS[rid]), (rid, line)
                checked += 1
    assert checked > 10


@pytest.mark.parametrize("text", [
    "Một câu không dấu chấm", "Một câu.", "Hết rồi?!", "Chờ đã... Rồi sao", "chờ đã... rồi sao", "Còn nữa…. Mới",
    "TP. HCM có 1.500.000 hồ sơ. Xong!", "Ông A. B đi!? Rồi...  c", "a?!\"b", "x .. y", "...", " . ", "", "  ",
    "Sở Nội vụ (Ảnh: TL). Đ/c Nguyễn Văn A, Phó Chủ tịch UBND tỉnh.\nDòng hai? Có!",
])
def test_sentence_split_is_underthesea_s(text):
    """The split that jumps from mark to mark gives what underthesea's character loop gives."""
    from underthesea import sent_tokenize as underthesea_split

    from extract.segment import sent_tokenize

    assert sent_tokenize(text) == underthesea_split(text)


def test_sentence_split_is_underthesea_s_on_the_sample_pages():
    from underthesea import sent_tokenize as underthesea_split

    from extract.segment import sent_tokenize

    pages = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    chunks = [c for page in pages for c in [page, *page.splitlines()] if c.strip()]
    assert len(chunks) > 50
    assert [sent_tokenize(c) for c in chunks] == [underthesea_split(c) for c in chunks]


def _sample_lines() -> list[str]:
    pages = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    return [ln for page in pages for ln in page.splitlines() if ln.strip()]


@pytest.mark.parametrize("text", [
    "một dòng", "a\nb", "\n\nhai\n\n\nba\n", "có\r\nCRLF\rvà CR\r\n", "\r", "", "  \n  ",
    *[p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))],
])
def test_lines_found_by_string_search_are_the_runs_between_line_breaks(text):
    from extract import segment as seg

    assert list(seg._lines(text)) == [(m.start(), m.group()) for m in seg._LINE.finditer(text)]


def test_sentence_marks_and_the_dot_test_are_underthesea_s_on_the_sample_pages():
    """Every '.', '?', '!' is visited, in order, and a dot ends a sentence exactly when underthesea's test says so."""
    from extract import segment as seg

    lines = _sample_lines() + ["TP. HCM", "1.245 hồ sơ.", "Th.S Nguyễn", "PGS. TS. Lê", "abcdefghijklmnopq.", ".5", "5."]
    dots = 0
    for line in lines:
        assert seg._marks(line) == [i for i, c in enumerate(line) if c in ".?!"]
        for i in (i for i, c in enumerate(line) if c == "."):
            assert seg._no_boundary(line, i) is (not seg._PUNKT._is_sentence_boundary(line, i)), (line, i)
            dots += 1
    assert dots > 100


def test_words_are_counted_up_to_what_a_test_needs():
    from extract import segment as seg

    for line in _sample_lines():
        for most in (5, 10, 25, 40):
            assert seg._words(line, most) == min(len(line.split()), most + 1)


def test_a_line_takes_the_first_line_rule_that_matches_it():
    """The alternation of the plain rules and the pre-checks of the others pick what trying each rule in order picks."""
    from extract import segment as seg
    from extract.language import rules as rule_files

    rules_file = rule_files.load("segment")
    lines = [t for r in rules_file.rules for t in [*(e.text for e in r.examples), *r.negatives]] + _sample_lines()
    kinds = set()
    for line in lines:
        line = line.strip()
        want = next(((kind, rid) for rid, kind, pat, _ in seg._CLASSIFYING_RULES
                     if (kind != "caption" or len(line.split()) <= 40) and pat.match(line)), (None, None))
        assert seg._line_rule(line) == want, line
        kinds.add(want[0])
    assert len(kinds) > 5


def test_the_look_aheads_of_the_line_rules_change_no_match():
    """A rule's look-aheads only say early what its matches start with or hold: without them it matches the same
    lines (each sample line, its halves, two lines joined by a break, the rules' examples and negatives)."""
    from extract import segment as seg
    from extract.language import rules as rule_files

    look_aheads = {
        "segment.dateline": ["(?=[CĐTXlNn\\d])", "(?=Cập nhật|Đăng|Thời gian|Xuất bản|lúc|Thứ|Chủ|T[2-7]|CN|[Nn]gày|\\d)"],
        "segment.caption": ["(?=(?s:.*?)Ảnh)"],
    }
    rules_file = rule_files.load("segment")
    lines = _sample_lines() + [t for r in rules_file.rules for t in [*(e.text for e in r.examples), *r.negatives]]
    lines += [piece for ln in lines[:400] for piece in (ln[:len(ln) // 2], ln[len(ln) // 2:])]
    lines += [a + "\n" + b for a, b in zip(lines[:300], lines[300:600])]
    for rid, heads in look_aheads.items():
        pattern = seg._BY_ID[rid][1].pattern
        plain = pattern
        for head in heads:
            assert head in pattern, (rid, head)
            plain = plain.replace(head, "")
        ruled, unruled = regex.compile(pattern), regex.compile(plain)
        assert [bool(ruled.match(ln)) for ln in lines] == [bool(unruled.match(ln)) for ln in lines], rid
    google = seg._BY_ID["segment.chrome"][1]
    scanned = regex.compile(google.pattern.replace(".*+(?<=trên Google News)", ".*trên Google News"))
    assert scanned.pattern != google.pattern
    assert [bool(google.match(ln)) for ln in lines] == [bool(scanned.match(ln)) for ln in lines]


def test_the_header_tests_each_line_once_and_finds_where_the_body_starts():
    """Where running text begins is the first unclassified body-like block of the header, stamp heads included."""
    from extract import segment as seg

    head = "Trong quý I năm 2023, bộ phận Một cửa huyện tiếp nhận 2.310 hồ sơ và giải quyết đúng hạn."
    pages = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    pages += ["Tiêu đề bài viết về cải cách\n" + head + " 23/02/2026 12:54\n" + BODY, "Một\nHai\n" + LEAD]
    starts = set()
    for page in pages:
        blocks = seg._blocks(page)
        top, body_start = seg._split_stamps(page, blocks)
        want = next((i for i in range(top) if not blocks[i].kind
                     and seg._is_body_like(page[blocks[i].start:blocks[i].end])), top)
        assert body_start == want
        starts.add(body_start)
    assert len(starts) > 2


def test_a_segment_with_no_mark_before_its_end_is_one_sentence():
    """The short cut for a line with no '.', '?' or '!' before its last character gives what the full split gives."""
    from extract import segment as seg
    from extract.context import Segment

    lines = _sample_lines() + ["TP.", "Hồ sơ?", "Kết quả!", "a", "Ông Nguyễn Văn A."]
    one = 0
    for line in lines:
        text = "x\n" + line.strip() + "\ny"
        want: list[tuple[int, int]] = []
        for a, b in seg._sentence_spans(line.strip()):  # pieces with no space between them joined, as _sentences does
            if want and 2 + a == want[-1][1]:
                want[-1] = (want[-1][0], 2 + b)
            else:
                want.append((2 + a, 2 + b))
        got = seg._sentences(text, Segment("body", 2, 2 + len(line.strip())))
        assert got == want
        one += len(got) == 1
    assert one > 50
