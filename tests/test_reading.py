"""Reading inputs: encodings, HTML, JSON Lines, folders, stdin, limits, laziness."""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
import unicodedata
from pathlib import Path

import pytest

from extract.reading import count_articles, iter_articles, read_stream
from extract.reading.article import Article, ReadError
from extract.reading.decode import decode
from extract.reading.limits import DEFAULT_MAX_CHARS, DEFAULT_MAX_LINE, Limits, apply

BAD = Path(__file__).parent / "bad_inputs"
VI = ("Sáng 12/3/2024, Ủy ban nhân dân huyện Hòa Thành tổ chức hội nghị sơ kết công tác cải cách hành chính quý I năm 2024.\n"
      "Theo báo cáo, trong quý I, bộ phận một cửa của huyện tiếp nhận 2.315 hồ sơ, đã giải quyết đúng hạn 2.290 hồ sơ, đạt tỷ lệ 98,9%.\n"
      "Phó Chủ tịch UBND huyện Trần Văn Thủy đề nghị các xã tiếp tục nâng cao chất lượng phục vụ người dân.\n")
TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese pages wrote it: a base letter, then the tone as a combining mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
            out += (base + "".join(c for c in d if c in TONES)).encode("cp1258")
    return bytes(out)


def read_one(path) -> Article:
    (item,) = list(iter_articles([path]))
    assert isinstance(item, Article), item
    return item


def write(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.write_bytes if isinstance(data, bytes) else path.write_text)(data)
    return path


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize("name", [
    "utf8_bom.txt", "utf16le_bom.txt", "utf16be_bom.txt", "utf16le_nobom.txt", "utf16be_nobom.txt",
    "windows1258.txt", "nfd.txt",
])
def test_every_encoding_gives_the_same_nfc_text(name):
    a = read_one(BAD / name)
    assert a.text == VI
    assert a.id == name[:-4]


def test_windows_1258_is_named_in_a_warning_and_composed():
    a = read_one(BAD / "windows1258.txt")
    assert any("cp1258" in w for w in a.warnings)
    assert "Thủy" in a.text and "\u0309" not in a.text


@pytest.mark.parametrize("phrase", ["Hà Nội", "Thủ tướng", "Đồng Tháp", "ngày 15/8", "Sở Nội vụ", "Ủy ban nhân dân xã Tân Hòa"])
def test_short_windows_1258_phrases_are_read(phrase):
    assert decode(to_cp1258(phrase))[0] == phrase


def test_short_utf8_stays_utf8():
    for phrase in ["Hà Nội", "Café", "năm 2024", "ĐỒNG THÁP"]:
        assert decode(phrase.encode()) == (phrase, [])


def test_truncated_utf8_drops_the_broken_character():
    a = read_one(BAD / "truncated_utf8.txt")
    assert a.text == VI[:-1]
    assert any("truncated UTF-8" in w for w in a.warnings)


def test_a_few_broken_bytes_in_utf8_are_replaced_not_mistaken_for_a_legacy_encoding():
    data = VI.encode()
    text, warnings = decode(data[:40] + b"\xff" + data[40:])
    assert text.replace("\ufffd", "") == VI
    assert any("invalid UTF-8" in w for w in warnings)


def test_line_ends_become_newlines(tmp_path):
    a = read_one(write(tmp_path / "crlf.txt", VI.replace("\n", "\r\n").encode()))
    assert a.text == VI


def test_mixed_tone_placement_is_kept_as_written():
    a = read_one(BAD / "tone_mixed.txt")
    assert "Hoà Hiệp" in a.text and "Hòa Hiệp" in a.text and "Thuỷ" in a.text


# ---------------------------------------------------------------- HTML

PAGE = """<!doctype html><html><head><title>Báo Ví Dụ</title>
<meta property="og:title" content="Huyện Hòa Thành sơ kết cải cách hành chính quý I">
<meta property="article:published_time" content="2024-03-12T09:30:00">
<script>var menu = "Trang chủ";</script></head>
<body><nav><a href="/">Trang chủ</a> <a href="/tin">Thời sự</a></nav>
<article><p>Sáng 12/3/2024, Ủy ban nhân dân huyện Hòa Thành tổ chức hội nghị sơ kết công tác cải cách hành chính quý I năm 2024.</p>
<p>Theo báo cáo, bộ phận một cửa của huyện tiếp nhận 2.315 hồ sơ.<br>Tỷ lệ đúng hạn đạt 98,9%.</p>
<p>Phó Chủ tịch UBND huyện Trần Văn Thủy đề nghị các xã tiếp tục nâng cao chất lượng phục vụ người dân.</p></article>
<footer>Bản quyền thuộc Báo Ví Dụ</footer></body></html>"""


def test_html_page_gives_main_text_title_and_published(tmp_path):
    a = read_one(write(tmp_path / "tin.html", PAGE))
    assert a.id == "tin"
    assert a.title == "Huyện Hòa Thành sơ kết cải cách hành chính quý I"
    assert a.published == "2024-03-12T09:30:00+07:00"
    paragraphs = a.text.split("\n\n")
    assert paragraphs[0] == a.title  # the headline leads, so segmentation sees it
    assert paragraphs[2] == "Theo báo cáo, bộ phận một cửa của huyện tiếp nhận 2.315 hồ sơ.\nTỷ lệ đúng hạn đạt 98,9%."
    assert "Trang chủ" not in a.text and "Bản quyền" not in a.text and "var menu" not in a.text


def test_html_in_windows_1258_is_decoded(tmp_path):
    a = read_one(write(tmp_path / "cu.htm", to_cp1258(PAGE)))
    assert "Trần Văn Thủy" in a.text
    assert "not UTF-8: read as cp1258" in a.warnings  # the decoding is still told after the page is read


def test_html_date_without_clock_time_stays_a_date(tmp_path):
    page = PAGE.replace("2024-03-12T09:30:00", "2024-03-12")
    assert read_one(write(tmp_path / "d.html", page)).published == "2024-03-12"


NEWSPAPER = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Đà Nẵng dẫn đầu cả nước về Chỉ số hài lòng của người dân - Báo Điện tử Dân Việt</title>
<meta property="og:title" content="Đà Nẵng dẫn đầu cả nước về Chỉ số hài lòng của người dân - Báo Dân Việt">
<script>var ads = [];</script></head><body>
<header><a href="/">Trang chủ</a><a href="/thoi-su">Thời sự</a><div class="today">Thứ Sáu, 22/11/2024</div></header>
<main><article><h1>Đà Nẵng dẫn đầu cả nước về Chỉ số hài lòng của người dân</h1>
<div class="meta"><time datetime="2024-04-02T14:05:00+07:00">14:05 02/04/2024</time></div>
<div class="share"><a href="#">Facebook</a> <a href="#">Zalo</a></div>
<div class="sapo"><p>Ngày 1/4, Bộ Nội vụ công bố Chỉ số SIPAS năm 2023, trong đó thành phố Đà Nẵng đứng đầu cả nước với 87,25%.</p></div>
<figure><img src="/1.jpg"><figcaption>Quang cảnh hội nghị. Ảnh: Nguyễn Hưng</figcaption></figure>
<div class="article-body"><p>Theo Bộ Nội vụ, chỉ số SIPAS bình quân cả nước năm 2023 đạt 80,08%, tăng 0,39% so với năm 2022.</p>
<p>Bà Nguyễn Thị Lan, Giám đốc Sở Nội vụ thành phố Đà Nẵng cho biết, thành phố sẽ tiếp tục nâng cao chất lượng phục vụ.</p></div>
<p class="author">Thanh Tùng - Hải Yến</p></article>
<div class="related"><h3>Tin liên quan</h3><ul><li><a href="/a">Công bố Chỉ số PAR Index năm 2021</a> (05/04/2022)</li>
<li><a href="/b">Hội nghị cải cách hành chính năm 2022</a> (10/01/2022)</li></ul></div></main>
<footer>© Báo Dân Việt</footer></body></html>"""


def test_html_article_keeps_date_line_lead_caption_and_byline(tmp_path):
    a = read_one(write(tmp_path / "bao.html", NEWSPAPER))
    blocks = a.text.split("\n\n")
    assert a.title == "Đà Nẵng dẫn đầu cả nước về Chỉ số hài lòng của người dân"  # the <h1>, no site name
    assert blocks[:3] == [a.title, "14:05 02/04/2024", blocks[2]] and blocks[2].startswith("Ngày 1/4, Bộ Nội vụ")
    assert "Quang cảnh hội nghị. Ảnh: Nguyễn Hưng" in blocks and blocks[-1] == "Thanh Tùng - Hải Yến"
    for furniture in ("Facebook", "Tin liên quan", "PAR Index năm 2021", "22/11/2024", "Trang chủ", "var ads"):
        assert furniture not in a.text


def test_html_logo_h1_date_above_headline_and_br_paragraphs(tmp_path):
    page = """<html><head><meta charset="utf-8"><title>Hậu Giang: Số hóa 90% kết quả thủ tục hành chính - Báo Hậu Giang</title></head>
<body><h1 class="logo"><a href="/">Báo Hậu Giang</a></h1><ul class="mainmenu"><li>Thời sự</li><li>Kinh tế</li></ul>
<div class="detail"><div><span class="cat">Chính trị</span> <span class="time">06:45 - 13/08/2024</span></div>
<h2 class="detail-title">Hậu Giang: Số hóa 90% kết quả thủ tục hành chính</h2><div class="detail-body">
<div>Theo Văn phòng UBND tỉnh Hậu Giang, 7 tháng năm 2024, tỷ lệ số hóa kết quả
    giải quyết thủ tục hành chính đạt 90,2%.</div>
<div>Ông Trương Cảnh Tuyên, Phó Chủ tịch UBND tỉnh yêu cầu các sở, ngành khẩn trương khắc phục hạn chế.<br><br><b>Trúc Linh</b></div>
</div></div></body></html>"""
    a = read_one(write(tmp_path / "hg.html", page))
    assert a.title == "Hậu Giang: Số hóa 90% kết quả thủ tục hành chính"  # the heading the <title> names, not the logo
    assert a.text.split("\n\n")[:3] == ["Chính trị", "06:45 - 13/08/2024", a.title]
    assert "Báo Hậu Giang" not in a.text and "Kinh tế" not in a.text
    assert "kết quả giải quyết" in a.text  # a line end in the source is a space
    assert a.text.endswith("khắc phục hạn chế.\n\nTrúc Linh")  # <br><br> ends a paragraph


def test_html_layout_table_and_unclassed_link_boxes(tmp_path):
    page = """<html><head><meta charset="utf-8"><title>Tin tức - Sự kiện</title></head><body><table><tr>
<td><div><a href="/">Trang chủ</a> <a href="/gt">Giới thiệu</a> <a href="/tt">Tin tức</a></div></td>
<td><div class="t">Huyện Tân Phú tăng cường kiểm soát thủ tục hành chính</div><div>Ngày 05/12/2024</div>
<p>Ngày 4/12, UBND huyện Tân Phú tổ chức hội nghị triển khai công tác kiểm soát thủ tục hành chính năm 2025.</p>
<div class="box3"><b>Tin liên quan:</b><div><a href="/1">Huyện tổ chức hội nghị tổng kết năm 2023</a></div>
<div><a href="/2">Công bố Chỉ số cải cách hành chính năm 2022</a></div></div>
<p>Năm 2024, huyện tiếp nhận 35.120 hồ sơ, giải quyết đúng hạn 99,3%; không có hồ sơ trễ hạn ở cấp huyện.</p>
<p align="right">Hồng Nhung</p></td></tr></table></body></html>"""
    a = read_one(write(tmp_path / "tp.html", page))
    assert a.text.split("\n\n") == [
        "Huyện Tân Phú tăng cường kiểm soát thủ tục hành chính", "Ngày 05/12/2024",
        "Ngày 4/12, UBND huyện Tân Phú tổ chức hội nghị triển khai công tác kiểm soát thủ tục hành chính năm 2025.",
        "Năm 2024, huyện tiếp nhận 35.120 hồ sơ, giải quyết đúng hạn 99,3%; không có hồ sơ trễ hạn ở cấp huyện.",
        "Hồng Nhung",
    ]  # the section name in <title> ("Tin tức") is not put above it as a headline


def test_html_article_inside_a_furniture_named_wrapper_is_kept_and_comments_dropped(tmp_path):
    comment = "<div class='comment-item'><p>Bạn đọc: Tôi làm thủ tục ở phường, cán bộ hướng dẫn rất nhiệt tình và chu đáo.</p></div>"
    page = f"""<html><head><meta charset="utf-8"><title>Phường Phú Lợi rút ngắn thời gian chứng thực</title></head><body>
<div class="container has-sidebar"><div class="col-left"><font size="4"><b>Phường Phú Lợi rút ngắn thời gian chứng thực</b></font><br>
<font size="2"><i>Cập nhật lúc 14:30, 20/05/2024</i></font><br><br><font size="3">Từ đầu năm 2024, UBND phường Phú Lợi đã giải quyết
4.560 hồ sơ chứng thực, 100% đúng hạn.<br><br>Thời gian chứng thực bình quân giảm còn 15 phút cho mỗi hồ sơ.<br><br><b>Thu Hà</b></font></div>
<div class="sidebar"><a href="/1">Tin 1</a> <a href="/2">Tin 2</a></div></div><div class="comments">{comment * 6}</div></body></html>"""
    a = read_one(write(tmp_path / "pl.html", page))
    assert a.text.split("\n\n") == [
        "Phường Phú Lợi rút ngắn thời gian chứng thực\nCập nhật lúc 14:30, 20/05/2024",
        "Từ đầu năm 2024, UBND phường Phú Lợi đã giải quyết 4.560 hồ sơ chứng thực, 100% đúng hạn.",
        "Thời gian chứng thực bình quân giảm còn 15 phút cho mỗi hồ sơ.", "Thu Hà",
    ]


def test_html_related_news_dates_are_not_the_publication_date(tmp_path):
    undated = NEWSPAPER.replace('<div class="meta"><time datetime="2024-04-02T14:05:00+07:00">14:05 02/04/2024</time></div>', "")
    boxed = undated.replace("<footer>", '<div class="box-news"><ul><li><a href="/x">Hội nghị cải cách hành chính</a> '
                            '<span class="time">05/04/2022</span></li><li><a href="/y">Công bố Chỉ số PAR Index</a> '
                            '<span class="date">12/03/2023</span></li></ul></div><footer>')
    a = read_one(write(tmp_path / "rel.html", boxed))
    assert a.published is None and "05/04/2022" not in a.text
    dated = read_one(write(tmp_path / "own.html", NEWSPAPER.replace("<footer>", boxed[boxed.index('<div class="box-news">'):])))
    assert dated.published == "2024-04-02"  # the article's own <time>, not a related item's


def test_html_json_ld_publication_time(tmp_path):
    ld = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-04-25T02:00:00Z"}</script>'
    a = read_one(write(tmp_path / "ld.html", PAGE.replace('<meta property="article:published_time" content="2024-03-12T09:30:00">', ld)))
    assert a.published == "2024-04-25T09:00:00+07:00"


# ---------------------------------------------------------------- JSON Lines

def test_jsonl_items_errors_and_warnings():
    items = list(iter_articles([BAD / "broken.jsonl"]))
    path = str(BAD / "broken.jsonl")
    errors = {i.source.line: i.message for i in items if isinstance(i, ReadError)}
    articles = {(a.id, a.source.line): a for a in items if isinstance(a, Article)}
    assert set(errors) == {2, 3, 8}
    assert "not JSON" in errors[2] and "'text' or 'html'" in errors[3] and "not an object" in errors[8]
    assert all(i.source.path == path for i in items)
    assert articles[("ok-1", 1)].text == VI and articles[("ok-1", 1)].warnings == []
    assert any("duplicate id 'ok-1'" in w for w in articles[("ok-1", 5)].warnings)
    assert any("converted" in w for w in articles[("42", 4)].warnings)
    assert any("no 'id'" in w for w in articles[("broken:6", 6)].warnings)
    html = articles[("html-1", 7)]
    assert html.text.startswith("Tin ngắn\n\n") and html.published == "2024-03-12"


def test_jsonl_gz_with_url_and_published(tmp_path):
    rows = [{"id": f"a{i}", "text": VI, "url": f"https://example.invalid/{i}", "published": "2024-03-12"} for i in range(3)]
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    items = list(iter_articles([path]))
    assert [(a.id, a.source.line, a.source.url, a.published) for a in items] == [
        (r["id"], i + 1, r["url"], r["published"]) for i, r in enumerate(rows)]


def test_jsonl_is_streamed_not_loaded():
    lines = b"".join(json.dumps({"id": str(i), "text": VI}).encode() + b"\n" for i in range(20_000))
    stream = io.BufferedReader(io.BytesIO(lines), buffer_size=8192)
    first = next(read_stream(stream, "dump", None, Limits()))
    assert first.id == "0" and stream.tell() < len(lines) // 100


def test_jsonl_line_over_the_limit_is_skipped_and_the_next_read(tmp_path):
    path = write(tmp_path / "big.jsonl", json.dumps({"id": "big", "text": "x" * 70_000}) + "\n" + json.dumps({"id": "ok", "text": VI}) + "\n")
    items = list(iter_articles([path], Limits(max_chars=100, max_line=100)))
    assert isinstance(items[0], ReadError) and items[0].source.line == 1 and "skipped" in items[0].message
    assert items[1].id == "ok" and items[1].source.line == 2


def test_broken_gzip_jsonl_keeps_the_lines_before_the_break(tmp_path):
    data = gzip.compress(b"".join(json.dumps({"id": str(i), "text": f"Văn bản {i} " * 40}).encode() + b"\n" for i in range(2000)))
    path = write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2])
    items = list(iter_articles([path]))
    assert all(isinstance(i, Article) for i in items[:-1]) and len(items) > 100
    assert isinstance(items[-1], ReadError) and "broken" in items[-1].message


# ---------------------------------------------------------------- folders, stdin, paths

def test_folder_is_walked_recursively_sorted_and_filtered(tmp_path):
    for name in ["b.txt", "a/z.html", "a/y.txt.gz", "c.jsonl", ".hidden.txt", "notes.md", ".git/x.txt"]:
        data = json.dumps({"id": "j", "text": VI}) if name.endswith(".jsonl") else PAGE if name.endswith(".html") else VI
        write(tmp_path / name, gzip.compress(data.encode()) if name.endswith(".gz") else data)
    ids = [a.id for a in iter_articles([tmp_path])]
    assert ids == ["b", "j", "y", "z"]
    assert ids == [a.id for a in iter_articles([tmp_path])]


def test_links_in_a_folder_a_file_is_read_a_folder_not_walked_a_dangling_one_reported(tmp_path):
    import os

    corpus, other = tmp_path / "corpus", tmp_path / "other"
    write(other / "far.txt", VI)
    write(corpus / "a.txt", VI)
    (corpus / "b.txt").symlink_to(other / "far.txt")
    (corpus / "c").symlink_to(other, target_is_directory=True)  # os.walk's rule: links to folders are not followed
    (corpus / "d.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(tmp_path / "pipe")
    (corpus / "e.txt").symlink_to(tmp_path / "pipe")  # a link to a FIFO would block a run forever
    items = list(iter_articles([corpus]))
    assert [i.id for i in items] == ["a", "b", "d"]
    assert items[1].text == items[0].text and not items[1].warnings
    assert items[2].text == "" and "could not read" in items[2].warnings[0]


def test_missing_path_and_empty_folder_are_errors_and_the_rest_is_read(tmp_path):
    (tmp_path / "empty").mkdir()
    items = list(iter_articles([tmp_path / "nope.txt", tmp_path / "empty", BAD / "nfd.txt"]))
    assert [type(i).__name__ for i in items] == ["ReadError", "ReadError", "Article"]
    assert "no such file" in items[0].message and "folder holds no" in items[1].message


@pytest.mark.parametrize("data,kind", [
    (VI.encode(), "text"),
    (PAGE.encode(), "html"),
    (("\n  " + json.dumps({"id": "x", "text": VI}) + "\n").encode(), "jsonl"),
])
def test_stdin_is_sniffed(monkeypatch, data, kind):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (a,) = list(iter_articles(["-"]))
    assert a.id == ("x" if kind == "jsonl" else "stdin")
    assert a.source.path is None
    assert a.title == ("Huyện Hòa Thành sơ kết cải cách hành chính quý I" if kind == "html" else None)
    assert "2.315 hồ sơ" in a.text


def test_gzip_on_stdin_is_decompressed(monkeypatch):
    lines = "".join(json.dumps({"id": f"g{k}", "text": VI}) + "\n" for k in range(2))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(lines.encode()))))
    items = list(iter_articles(["-"]))
    assert [a.id for a in items] == ["g0", "g1"] and all("2.315 hồ sơ" in a.text for a in items)


def unreadable(monkeypatch, *folders: Path):
    """Makes listing these folders fail as it does without read permission (tests run as root, who may read all)."""
    real = os.scandir
    locked = {str(f) for f in folders}

    def scandir(path="."):
        if str(path) in locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)


def test_unreadable_folder_says_so(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", VI)
    unreadable(monkeypatch, tmp_path)
    (item,) = list(iter_articles([tmp_path]))
    assert isinstance(item, ReadError) and item.source.path == str(tmp_path)
    assert "cannot be read (Permission denied)" in item.message and "holds no" not in item.message


def test_locked_subfolder_is_reported_in_its_place(tmp_path, monkeypatch):
    for name in ("a/x.txt", "b/y.txt", "c/z.txt"):
        write(tmp_path / name, VI)
    unreadable(monkeypatch, tmp_path / "b")
    items = list(iter_articles([tmp_path]))
    assert [getattr(i, "id", None) for i in items] == ["x", None, "z"]
    assert items[1].source.path == str(tmp_path / "b") and "cannot be read" in items[1].message
    assert count_articles([tmp_path]) == 3


def test_a_file_named_explicitly_that_is_not_an_article_is_refused(tmp_path):
    write(tmp_path / "SOURCES.tsv", "id\turl\nbai-1\thttps://example.vn/a\n")
    write(tmp_path / "a.txt", VI)
    items = list(iter_articles([tmp_path / "SOURCES.tsv", tmp_path / "a.txt"]))
    assert isinstance(items[0], ReadError) and "not an article file" in items[0].message
    assert isinstance(items[1], Article) and items[1].id == "a"


def test_duplicate_stems_across_folders_are_warned(tmp_path):
    write(tmp_path / "x/tin.txt", VI)
    write(tmp_path / "y/tin.txt", VI)
    first, second = iter_articles([tmp_path])
    assert first.warnings == [] and any("duplicate id 'tin'" in w for w in second.warnings)


def test_count_articles_counts_only_what_listing_tells(tmp_path):
    write(tmp_path / "a.txt", VI)
    write(tmp_path / "s/b.html", PAGE)
    assert count_articles([tmp_path]) == 2
    write(tmp_path / "c.jsonl", "{}")
    assert count_articles([tmp_path]) is None
    assert count_articles(["-"]) is None


# ---------------------------------------------------------------- limits

def test_limits_defaults_and_options():
    assert Limits() == Limits.of(None, None) == Limits(DEFAULT_MAX_CHARS, DEFAULT_MAX_LINE)
    assert Limits.of(500, None) == Limits(500, DEFAULT_MAX_LINE)
    with pytest.raises(ValueError):
        Limits(0, 10)


def test_article_over_max_chars_is_cut_at_a_space_with_a_warning():
    text, warnings = apply(VI * 10, Limits(max_chars=1000, max_line=10_000))
    assert len(text) <= 1000 and len(text) > 900 and (VI * 10).startswith(text) and text[-1] != " "
    assert (VI * 10)[len(text)] in " \n"
    assert len(warnings) == 1 and "max_chars" in warnings[0]


def test_long_line_is_cut_and_the_next_lines_kept():
    text, warnings = apply(VI + "a" * 500 + "\n" + VI, Limits(max_chars=10_000, max_line=200))
    assert text == VI + "a" * 200 + "\n" + VI
    assert warnings == ["1 line(s) longer than 200 characters were cut (max_line; first at line 4)"]


def test_large_file_reads_only_what_the_limit_needs(tmp_path):
    path = write(tmp_path / "big.txt", VI * 2000)  # ~0.75 MB
    a = read_one_with(path, Limits(max_chars=10_000, max_line=1000))
    assert len(a.text) <= 10_000 and (VI * 2000).startswith(a.text)
    assert any("max_chars" in w for w in a.warnings)


def read_one_with(path, limits):
    (item,) = list(iter_articles([path], limits))
    return item


# ---------------------------------------------------------------- what a file's article carries (issue 18)

def test_every_article_of_a_file_names_its_path(tmp_path):
    text = write(tmp_path / "a.txt", VI)
    empty = write(tmp_path / "b.txt", b"  \n")
    binary = write(tmp_path / "c.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    page = write(tmp_path / "d.html", '<html><head><link rel="canonical" href="https://example.vn/d"></head>'
                 f"<body><article><p>{VI}</p></article></body></html>")
    a, b, c, d = (read_one(p) for p in (text, empty, binary, page))
    assert [x.source.path for x in (a, b, c, d)] == [str(p) for p in (text, empty, binary, page)]
    assert (b.text, b.warnings) == ("", ["empty input: no text"])
    assert (c.text, c.warnings) == ("", ["not text: binary file (a PNG image); not read"])
    assert d.source.url == "https://example.vn/d" and "Hòa Thành" in d.text


def test_nul_bytes_in_what_is_not_utf8_are_refused_as_binary(tmp_path):
    a = read_one(write(tmp_path / "x.txt", to_cp1258("Hòa Thành ") + b"\x00\x01" + b"abc " * 50))
    assert (a.text, a.warnings) == ("", ["not text: binary data (NUL bytes); not read"])


def test_a_broken_gzip_of_legacy_text_keeps_both_warnings(tmp_path):
    text = "".join(f"{i}. {VI}" for i in range(3_000))
    data = gzip.compress(to_cp1258(text))
    a = read_one(write(tmp_path / "cut.txt.gz", data[: len(data) // 2]))
    assert len(a.text) > 100_000 and text.startswith(a.text[:-2])  # what came before the break, in one piece
    assert any("compressed data broken" in w for w in a.warnings) and any("cp1258" in w for w in a.warnings), a.warnings


def test_an_unreadable_stream_names_the_stem_when_there_is_no_path():
    class Broken(io.RawIOBase):
        def readable(self):
            return True

        def readinto(self, buffer):
            raise OSError(5, "Input/output error")

    [a] = read_stream(Broken(), "stdin", None, Limits(), "text")
    assert (a.id, a.text, a.source.path) == ("stdin", "", "stdin")
    assert a.warnings == ["could not read stdin: Input/output error"]


def jsonl_line(size: int) -> bytes:
    """A JSON object of exactly `size` bytes."""
    head = b'{"id": "n", "text": "'
    return head + b"a" * (size - len(head) - 2) + b'"}'


def test_a_jsonl_line_is_read_up_to_its_byte_cap_and_skipped_past_it():
    limits = Limits(max_chars=1_000)
    cap = 2 * limits.max_bytes + (1 << 16)
    at_cap, over = jsonl_line(cap), jsonl_line(cap + 1)
    items = list(read_stream(io.BytesIO(at_cap + b"\n" + over + b"\n" + at_cap), "x", None, limits, "jsonl"))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "Article"]
    assert [i.source.line for i in items] == [1, 2, 3] and f"longer than {cap:,} bytes" in items[1].message


# ---------------------------------------------------------------- pages left for the workers

def news_page(text: str, n: int) -> str:
    """A real article's text as a news site serves it: menus, related links and scripts around the body."""
    import html

    head, *paras = [p for p in text.split("\n\n") if p.strip()] or ["?"]
    menu = "".join(f'<li><a href="/muc-{i}.html">Chuyên mục {i}</a></li>' for i in range(30))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(head)} - Báo Điện tử</title>'
            f'<meta property="article:published_time" content="2024-05-{10 + n % 18}T08:00:00+07:00">'
            f'<script>var a = 1;</script></head><body><ul class="menu">{menu}</ul><article><h1>{html.escape(head)}</h1>'
            + "".join(f"<p>{html.escape(p)}</p>" for p in paras)
            + f'</article><aside><a href="/tin-{n}.html">Tin liên quan</a></aside><footer>{menu}</footer></body></html>')


def test_files_and_pages_left_unread_read_later_into_the_same_articles(tmp_path):
    from extract.reading import complete

    real = sorted((Path(__file__).resolve().parents[2] / "shared" / "real").glob("*.txt"))[:25]
    for n, f in enumerate(real):
        write(tmp_path / f"p{n:02d}.html", news_page(f.read_text(encoding="utf-8"), n))
    write(tmp_path / "a.txt", VI)
    write(tmp_path / "a1.txt.gz", gzip.compress(VI.encode("utf-8")))
    write(tmp_path / "a2.txt", "")  # empty
    write(tmp_path / "a3.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))  # not text
    (tmp_path / "a4.txt").symlink_to(tmp_path / "gone.txt")  # cannot be read
    write(tmp_path / "b.html", "<html><body>" + "x" * 50 + "</body></html>")  # a page with no article
    items = [{"id": "j1", "html": news_page(real[0].read_text(encoding="utf-8"), 1), "url": "https://a.vn/1"},
             {"html": news_page(real[1].read_text(encoding="utf-8"), 2), "title": "Tựa đề của bản ghi"},  # no id
             {"id": 7, "html": news_page(real[2].read_text(encoding="utf-8"), 3), "published": 2024},  # odd fields
             {"id": "j4", "text": VI}]
    write(tmp_path / "c.jsonl", "\n".join(json.dumps(i, ensure_ascii=False) for i in items))
    paths = [tmp_path, tmp_path / "p02.html"]  # a duplicate id: its warning comes after the page's own
    now = list(iter_articles(paths, Limits(max_chars=1500)))
    later = list(iter_articles(paths, Limits(max_chars=1500), defer="files"))
    assert [a.unread is not None for a in later] == [a.id != "j4" for a in now]  # JSON text is read at once
    assert all(a.text == "" for a in later if a.unread)
    assert [complete(a) for a in later] == now
    pages = list(iter_articles(paths, Limits(max_chars=1500), defer="pages"))  # files read, pages not parsed
    assert {type(a.unread).__name__ for a in pages if a.unread} == {"UnreadPage"}
    assert sum(a.unread is not None for a in pages) == 30  # 26 pages (one twice), the empty one, 3 JSON items
    assert [complete(a) for a in pages] == now
    assert "duplicate id" in now[-1].warnings[-1]
    assert any(w.startswith("article cut") for a in now for w in a.warnings)  # the limits apply to the page's text
    pages = [a for a in now if a.id.startswith("p")]
    assert len(pages) == 26 and all(a.text and a.title and a.published for a in pages)
    j1, j2, j3 = [a for a in now if a.source.line in (1, 2, 3)]
    assert j1.source.url == "https://a.vn/1" and j2.title == "Tựa đề của bản ghi" and j3.id == "7"
    assert "no 'id'" in j2.warnings[-1] and "'published' is a int" in j3.warnings[0]
