"""Review pages and dashboard: markup and escaping, then the real thing in headless Chromium."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from extract.models import (
    Date,
    Finding,
    Indicator,
    Mention,
    Official,
    Record,
    Source,
    Unit,
)
from extract.reading.article import Article
from extract.review import build, page_names
from extract.review.corpus import period_year
from extract.review.highlight import Mark, render

ROOT = Path(__file__).resolve().parents[1]

CAI_BE = """UBND huyện Cái Bè: 6 tháng đầu năm 2024 tiếp nhận 12.450 hồ sơ

Cập nhật ngày: 08/7/2024 - 09:15

Ngày 05/7/2024, UBND huyện Cái Bè (tỉnh Tiền Giang) tổ chức hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm 2024. Ông Nguyễn Văn An, Chủ tịch UBND huyện Cái Bè chủ trì hội nghị.

Trong 6 tháng đầu năm 2024, Bộ phận tiếp nhận và trả kết quả huyện và cấp xã tiếp nhận 12.450 hồ sơ, trong đó trực tuyến 8.200 hồ sơ, trực tiếp 4.100 hồ sơ. Đã giải quyết 12.000 hồ sơ, trong đó đúng hạn 11.820 hồ sơ, đạt 98,5%.

Huyện hiện cung cấp 1.520 thủ tục hành chính, trong đó 310 dịch vụ công trực tuyến toàn trình. Xã Hòa Khánh được Sở Nội vụ tỉnh Tiền Giang đánh giá cao về tỷ lệ hồ sơ trực tuyến.
"""

MY_THO = """TP. Mỹ Tho: quý I/2024 giải quyết đúng hạn 99,2% hồ sơ

Ngày 10/4/2024, UBND thành phố Mỹ Tho họp đánh giá công tác cải cách hành chính quý I/2024. Bà Lê Thị Hoa, Phó Chủ tịch UBND thành phố, cho biết thành phố tiếp nhận 5.300 hồ sơ, trong đó trực tuyến 3.100 hồ sơ, trực tiếp 2.200 hồ sơ; tỷ lệ giải quyết đúng hạn đạt 99,2%.
"""

INJECTED = """Bài có mã độc <script>window.__pwned=1</script> trong văn bản

Ngày 02/3/2023, UBND xã Tân Phú <img src=x onerror="window.__pwned=2"> tiếp nhận 1.200 hồ sơ trực tuyến & "đúng hạn" > 90%.
"""


def at(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    """Span of the nth occurrence of surface."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def mentions(text: str, surface: str, count: int) -> list[Mention]:
    return [Mention(text=surface, span=at(text, surface, k)) for k in range(count)]


def date(text: str, surface: str, value: str, type_: str, nth: int = 0) -> Date:
    return Date(text=surface, span=at(text, surface, nth), value=value, type=type_, rule=f"date.test_{type_}")


def ind(text: str, surface: str, value, unit: str, metric: str, nth: int = 0, **kw) -> Indicator:
    return Indicator(text=surface, span=at(text, surface, nth), value=value, unit=unit, metric=metric,
                     rule="indicator.test", **kw)


def cai_be_record(path: Path) -> Record:
    t, h1 = CAI_BE, dict(period="2024-H1", unit_ref="Huyện Cái Bè")
    received = ind(t, "12.450 hồ sơ", 12450, "hồ sơ", "dossiers_received", 1, **h1)
    online = ind(t, "trực tuyến 8.200 hồ sơ", 8200, "hồ sơ", "dossiers_online", **h1)
    offline = ind(t, "trực tiếp 4.100 hồ sơ", 4100, "hồ sơ", "dossiers_offline", **h1)
    resolved = ind(t, "12.000 hồ sơ", 12000, "hồ sơ", "dossiers_resolved", **h1)
    on_time = ind(t, "đúng hạn 11.820 hồ sơ", 11820, "hồ sơ", "dossiers_on_time", **h1)
    rate = ind(t, "98,5%", 98.5, "%", "rate_on_time", **h1)
    return Record(
        id="cai_be", source=Source(path=str(path)), title=t.splitlines()[0], published="2024-07-08T09:15:00+07:00",
        units=[
            Unit(kind="agency", name="Ủy ban nhân dân huyện Cái Bè", mentions=mentions(t, "UBND huyện Cái Bè", 3),
                 rule="units.agency_abbrev"),
            Unit(kind="admin", name="Huyện Cái Bè", level="district", province="Tỉnh Tiền Giang",
                 mentions=mentions(t, "huyện Cái Bè", 3), rule="units.admin_typed"),
            Unit(kind="admin", name="Tỉnh Tiền Giang", level="province", mentions=mentions(t, "tỉnh Tiền Giang", 2),
                 rule="units.admin_typed"),
            Unit(kind="agency", name="Sở Nội vụ tỉnh Tiền Giang", mentions=mentions(t, "Sở Nội vụ tỉnh Tiền Giang", 1),
                 rule="units.agency_department"),
            Unit(kind="admin", name="Xã Hòa Khánh", level="commune", province="Tỉnh Tiền Giang",
                 mentions=mentions(t, "Xã Hòa Khánh", 1), rule="units.admin_typed"),
        ],
        officials=[Official(name="Nguyễn Văn An", honorific="ông", role="Chủ tịch",
                            organization="Ủy ban nhân dân huyện Cái Bè", title="Chủ tịch UBND huyện Cái Bè",
                            mentions=mentions(t, "Nguyễn Văn An", 1), rule="officials.name_comma_title")],
        dates=[date(t, "6 tháng đầu năm 2024", "2024-H1", "half"), date(t, "08/7/2024", "2024-07-08", "date"),
               date(t, "05/7/2024", "2024-07-05", "date"), date(t, "6 tháng đầu năm 2024", "2024-H1", "half", 1),
               date(t, "6 tháng đầu năm 2024", "2024-H1", "half", 2)],
        indicators=[ind(t, "12.450 hồ sơ", 12450, "hồ sơ", "dossiers_received", **h1), received, online, offline,
                    resolved, on_time, rate,
                    ind(t, "1.520 thủ tục hành chính", 1520, "thủ tục hành chính", "procedures", unit_ref="Huyện Cái Bè"),
                    ind(t, "310 dịch vụ công trực tuyến toàn trình", 310, "dịch vụ công trực tuyến",
                        "procedures_full_online", unit_ref="Huyện Cái Bè")],
        audit=[
            Finding(check="sum", status="inconsistent", reported=12450, computed=12300,
                    evidence=[received.span, online.span, offline.span], metric="dossiers_received",
                    unit_ref="Huyện Cái Bè", period="2024-H1",
                    explanation="8.200 + 4.100 = 12.300 hồ sơ, không phải 12.450."),
            Finding(check="percentage", status="consistent", reported=98.5, computed=98.5,
                    evidence=[rate.span, on_time.span, resolved.span], metric="rate_on_time",
                    unit_ref="Huyện Cái Bè", period="2024-H1", explanation="11.820 / 12.000 = 98,5%."),
        ],
    )


def my_tho_record(path: Path) -> Record:
    t, q1 = MY_THO, dict(period="2024-Q1", unit_ref="Thành phố Mỹ Tho")
    return Record(
        id="my_tho", source=Source(path=str(path)), title=t.splitlines()[0], published="2024-04-11",
        units=[Unit(kind="admin", name="Thành phố Mỹ Tho", level="district", mentions=mentions(t, "TP. Mỹ Tho", 1)
                    + mentions(t, "thành phố Mỹ Tho", 1), rule="units.admin_typed")],
        officials=[Official(name="Lê Thị Hoa", honorific="bà", role="Phó Chủ tịch",
                            mentions=mentions(t, "Lê Thị Hoa", 1), rule="officials.name_comma_title")],
        dates=[date(t, "quý I/2024", "2024-Q1", "quarter"), date(t, "10/4/2024", "2024-04-10", "date")],
        indicators=[ind(t, "5.300 hồ sơ", 5300, "hồ sơ", "dossiers_received", **q1),
                    ind(t, "trực tuyến 3.100 hồ sơ", 3100, "hồ sơ", "dossiers_online", **q1),
                    ind(t, "trực tiếp 2.200 hồ sơ", 2200, "hồ sơ", "dossiers_offline", **q1),
                    ind(t, "99,2%", 99.2, "%", "rate_on_time", 1, **q1)],
        audit=[Finding(check="sum", status="consistent", reported=5300, computed=5300,
                       evidence=[at(t, "5.300 hồ sơ"), at(t, "trực tuyến 3.100 hồ sơ"), at(t, "trực tiếp 2.200 hồ sơ")],
                       explanation="3.100 + 2.200 = 5.300.")],
    )


def injected_record(path: Path) -> Record:
    t = INJECTED
    return Record(
        id="injected", source=Source(path=str(path)), title=t.splitlines()[0], published="2023-03-03",
        # A unit whose mention holds the injected tag, and an indicator crossing it: the marks must split.
        units=[Unit(kind="admin", name="Xã Tân Phú", level="commune",
                    mentions=mentions(t, 'xã Tân Phú <img src=x onerror="window.__pwned=2">', 1))],
        dates=[date(t, "02/3/2023", "2023-03-02", "date")],
        indicators=[ind(t, 'onerror="window.__pwned=2"> tiếp nhận 1.200 hồ sơ', 1200, "hồ sơ", "dossiers_online"),
                    ind(t, "90%", 90, "%", "rate_on_time", qualifier="over")],
    )


def write_corpus(folder: Path) -> Path:
    """Three articles, their records, and the review site built from them; returns the records file."""
    makers = {"cai_be": (CAI_BE, cai_be_record), "my_tho": (MY_THO, my_tho_record), "injected": (INJECTED, injected_record)}
    lines = []
    for name, (text, make) in makers.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        lines.append(make(path).model_dump_json())
    records = folder / "records.jsonl"
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return records


# A batch as real sites give it: a placeholder date (0001-01-01), a period typed as year 9999, and one
# national figure (14.5 million dossiers) among commune ones six orders of magnitude smaller.
MESSY = [  # (published, [(metric, value, period)])
    ("2023-01-10", [("dossiers_received", 12, "2022-Q4"), ("rate_on_time", 97.5, "2022-Q4")]),
    ("2023-04-12", [("dossiers_received", 350, "2023-Q1"), ("rate_on_time", 99.1, "2023-Q1")]),
    ("2023-07-09", [("dossiers_received", 5_300, "2023-H1"), ("dossiers_online", 0, "2023-H1")]),
    ("2023-10-20", [("dossiers_received", 120_000, "2023-Q3"), ("dossiers_online", 4_100, "2023-Q3")]),
    ("2024-01-15", [("dossiers_received", 14_500_000, "2023"), ("dossiers_online", 9_800_000, "2023"),
                    ("rate_on_time", 95.2, "2023")]),
    ("2024-04-02", [("dossiers_received", 48, "2024-Q1"), ("dossiers_online", 31, "2024-Q1"),
                    ("rate_on_time", 0.02, "2024-Q1")]),  # percentages keep their 0-100 axis however spread
    ("2024-07-30", [("dossiers_received", 2_315, "2024-H1"), ("rate_on_time", 98.9, "2024-H1")]),
    ("2024-10-05", [("dossiers_received", 760_000, "2024-Q3"), ("dossiers_online", 512_000, "2024-Q3")]),
    ("2025-01-08", [("dossiers_received", 9, "2024"), ("rate_on_time", 100, "2024")]),
    ("2025-03-28", [("dossiers_received", 61_000, "2025-Q1"), ("dossiers_online", 7, "9999")]),
    ("0001-01-01", [("dossiers_received", 1_245, None), ("rate_on_time", 88, None)]),
]


def messy_records(folder: Path) -> Path:
    lines = []
    for k, (published, figures) in enumerate(MESSY):
        inds = [Indicator(text=f"{value} hồ sơ", span=(0, len(f"{value} hồ sơ")), value=value, unit="%"
                          if metric.startswith("rate") else "hồ sơ", metric=metric, period=period, rule="indicator.test")
                for metric, value, period in figures]
        lines.append(Record(id=f"messy_{k:02d}", source=Source(path=str(folder / f"messy_{k:02d}.txt")),
                            title=f"Bài {k}", published=published, indicators=inds).model_dump_json())
    path = folder / "messy.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def chart_svgs(dashboard: str) -> dict[str, str]:
    return dict(re.findall(r'<svg[^>]*aria-label="(\w+)"[^>]*>(.*?)</svg>', dashboard, re.S))


def test_messy_dates_never_reach_the_charts_and_skewed_figures_get_a_log_scale(tmp_path):
    dashboard = (build(messy_records(tmp_path), tmp_path / "site") / "dashboard.html").read_text(encoding="utf-8")
    svgs = chart_svgs(dashboard)
    years = [int(y) for body in svgs.values() for y in re.findall(r'class="num tick x">(?:\d\d/)?(\d{4})<', body)]
    assert years and min(years) >= 2022 and max(years) <= 2025
    assert "2 chỉ số có thời gian ngoài 1990–" in dashboard  # the 0001-01-01 article's two figures
    assert 'class="chart log"' in re.search(r'<svg[^>]*aria-label="dossiers_received"[^>]*>', dashboard)[0]
    assert 'class="chart linear"' in re.search(r'<svg[^>]*aria-label="rate_on_time"[^>]*>', dashboard)[0]
    received = re.findall(r'class="num tick y">([^<]+)<', svgs["dossiers_received"])
    assert received[0] == "1" and received[-1] == "100 triệu"
    assert "1 giá trị 0 không vẽ được trên thang log" in dashboard
    # dossiers_online: "9999" is out of range, so that figure falls back to its article's 2025 publication date
    assert svgs["dossiers_online"].count('class="dot"') == 5


class Tags(HTMLParser):
    """Checks that <mark> elements nest and collects each item's fragments' text."""

    def __init__(self):
        super().__init__()
        self.stack, self.texts = [], {}

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.stack.append(dict(attrs)["data-i"])

    def handle_endtag(self, tag):
        if tag == "mark":
            self.stack.pop()

    def handle_data(self, data):
        for key in self.stack:
            self.texts[key] = self.texts.get(key, "") + data


def parse_marks(markup: str) -> dict[str, str]:
    parser = Tags()
    parser.feed(markup)
    parser.close()
    assert parser.stack == []
    return parser.texts


# ------------------------------------------------------------------ without a browser

def test_crossing_and_nested_marks_nest_and_keep_their_text():
    text = "UBND huyện Cái Bè tiếp nhận 12.450 hồ sơ"
    marks = [Mark(0, 17, "agency", "a", "", ""), Mark(5, 17, "admin", "b", "", ""),
             Mark(11, 33, "date", "c", "", ""), Mark(28, 40, "indicator", "d", "", "")]
    texts = parse_marks(render(text, marks))
    assert texts == {m.key: text[m.start:m.end] for m in marks}


def test_article_page_escapes_text_and_marks_findings(tmp_path):
    out = build(write_corpus(tmp_path), tmp_path / "site")
    injected = (out / "articles" / "injected.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in injected and "<img src=x" not in injected
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in injected
    cai_be = (out / "articles" / "cai_be.html").read_text(encoding="utf-8")
    assert 'class="finding inconsistent" data-ev="n1 n2 n3"' in cai_be
    assert cai_be.count('class="hl k-indicator ev-bad"') == 3  # the total and both parts, each unsplit
    dashboard = (out / "dashboard.html").read_text(encoding="utf-8")
    assert dashboard.count("<svg") == 9  # eight metrics over time and the units chart
    assert "12.300" in dashboard and "articles/cai_be.html#audit" in dashboard


def test_missing_source_and_misplaced_spans_are_reported_not_fatal(tmp_path):
    rec = cai_be_record(tmp_path / "gone.txt")
    shifted = rec.model_copy(update={"id": "shifted", "source": Source(path=str(tmp_path / "shifted.txt"))})
    (tmp_path / "shifted.txt").write_text("Tin mới. " + CAI_BE, encoding="utf-8")
    (tmp_path / "r.jsonl").write_text(rec.model_dump_json() + "\nnot json\n" + shifted.model_dump_json() + "\n")
    out = build(tmp_path / "r.jsonl", tmp_path / "site")
    assert "source file not found" in (out / "articles" / "cai_be.html").read_text(encoding="utf-8")
    assert "mục không khớp vị trí" in (out / "articles" / "shifted.html").read_text(encoding="utf-8")
    assert "r.jsonl:2: not a record" in (out / "index.html").read_text(encoding="utf-8")


def test_jsonl_source_is_matched_by_line(tmp_path, monkeypatch):
    dump = tmp_path / "dump.jsonl"
    dump.write_text("")
    fake = [Article(id="a", text="Văn bản một.", source=Source(path=str(dump), line=1)),
            Article(id="a", text=CAI_BE, source=Source(path=str(dump), line=2))]
    monkeypatch.setattr("extract.reading.iter_articles", lambda paths: iter(fake))
    rec = cai_be_record(dump).model_copy(update={"source": Source(path=str(dump), line=2)})
    (tmp_path / "r.jsonl").write_text(rec.model_dump_json() + "\n")
    page = (build(tmp_path / "r.jsonl", tmp_path / "site") / "articles" / "cai_be.html").read_text(encoding="utf-8")
    assert 'data-span="0-17"' in page and "mục không khớp" not in page


@pytest.mark.parametrize("value, year", [
    ("2024-H1", 2024.25), ("2024-Q1", 2024 + 1.5 / 12), ("2024-04", 2024 + 3.5 / 12), ("2024", 2024.5),
    ("2021/2025", 2023.5), ("2022-12-15/XXXX-09", None), ("2023-10-26T18:26:45+07:00", 2023 + (9 + 25.5 / 31) / 12), ("XXXX-08-06", None), (None, None),
])
def test_period_year(value, year):
    assert period_year(value) == (pytest.approx(year) if year else None)


def test_page_names_are_safe_and_distinct():
    recs = [Record(id=i) for i in ("a b", "a_b", "../x", "ok")]
    names = page_names(recs)
    assert len(set(names)) == 4 and names[3] == "ok.html"
    assert all("/" not in n and " " not in n for n in names)


# ------------------------------------------------------------------ in headless Chromium

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review")
    return build(write_corpus(folder), folder / "site")


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        # CI installs it (scripts/test.sh): there a missing browser is a failure, not a skip.
        if os.environ.get("CI"):
            pytest.fail("Chromium missing in CI: scripts/ensure_chromium.sh did not install it")
        pytest.skip("Chromium missing: run scripts/ensure_chromium.sh")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="review-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}", "--window-size=1280,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def visit(driver, path: Path) -> list[dict]:
    """Opens a page and returns what it wrote to the console."""
    driver.get_log("browser")  # drop what earlier pages left
    driver.get(path.as_uri())
    return driver.get_log("browser")


def fragments(driver) -> dict[str, tuple[str, str]]:
    """Each highlighted item's span and its fragments' text joined in document order, as the browser has them."""
    got = driver.execute_script(
        "return Array.from(document.querySelectorAll('#text mark[data-i]'))"
        ".map(m => [m.dataset.i, m.dataset.span, m.textContent]);")
    joined: dict[str, tuple[str, str]] = {}
    for key, span, text in got:  # fragments of one item never nest in each other
        joined[key] = (span, joined.get(key, (span, ""))[1] + text)
    return joined


@pytest.mark.browser
def test_pages_load_without_console_errors(site, browser):
    pages = [site / "index.html", site / "dashboard.html", *sorted((site / "articles").glob("*.html"))]
    for path in pages:
        logs = visit(browser, path)
        assert [e for e in logs if e["level"] in ("SEVERE", "WARNING")] == [], path
        assert browser.find_element("tag name", "h1").text


@pytest.mark.browser
@pytest.mark.parametrize("name, text, make", [("cai_be", CAI_BE, cai_be_record), ("injected", INJECTED, injected_record)])
def test_highlights_are_where_the_record_says(site, browser, name, text, make):
    rec = make(Path("unused"))
    visit(browser, site / "articles" / f"{name}.html")
    shown = fragments(browser)
    spans = ([m.span for u in rec.units for m in u.mentions] + [m.span for o in rec.officials for m in o.mentions]
             + [d.span for d in rec.dates] + [n.span for n in rec.indicators])
    assert len(shown) == len(spans)
    assert sorted(tuple(map(int, s.split("-"))) for s, _ in shown.values()) == sorted(spans)
    for span, joined in shown.values():
        start, end = map(int, span.split("-"))
        assert joined == text[start:end]


@pytest.mark.browser
def test_injected_markup_stays_text(site, browser):
    visit(browser, site / "articles" / "injected.html")
    assert browser.execute_script("return window.__pwned === undefined;")
    shown = browser.find_element("id", "text")
    assert shown.find_elements("tag name", "img") == [] and shown.find_elements("tag name", "script") == []
    content = browser.execute_script("return document.getElementById('text').textContent;")
    assert "<script>window.__pwned=1</script>" in content
    assert '<img src=x onerror="window.__pwned=2">' in content
    assert content == INJECTED


@pytest.mark.browser
def test_finding_click_focuses_its_evidence(site, browser):
    visit(browser, site / "articles" / "cai_be.html")
    browser.find_element("css selector", ".finding.inconsistent").click()
    focused = browser.execute_script("return Array.from(document.querySelectorAll('mark.focus')).map(m => m.textContent);")
    assert focused == ["12.450 hồ sơ", "trực tuyến 8.200 hồ sơ", "trực tiếp 4.100 hồ sơ"]


@pytest.fixture(scope="module")
def messy_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("messy")
    return build(messy_records(folder), folder / "site")


CHART_GEOMETRY = """
const box = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
return Array.from(document.querySelectorAll('figure.metric svg')).map(svg => ({
  label: svg.getAttribute('aria-label'), svg: box(svg), plot: svg.dataset.plot.split(' ').map(Number),
  ticks: Array.from(svg.querySelectorAll('text.tick')).map(t => [t.classList[2], t.textContent, box(t)]),
  dots: Array.from(svg.querySelectorAll('circle.dot')).map(c => (box(c)[0] + box(c)[2]) / 2 - box(svg)[0]),
}));
"""


def intersect(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.browser
def test_messy_dashboard_stays_readable_in_the_browser(messy_site, browser):
    visit(browser, messy_site / "dashboard.html")
    height = browser.execute_script("return document.documentElement.scrollHeight;")
    browser.set_window_size(1280, min(height + 40, 4000))
    outputs = ROOT / "outputs"
    outputs.mkdir(exist_ok=True)
    assert browser.get_screenshot_as_file(str(outputs / "review_dashboard_messy.png"))
    charts = browser.execute_script(CHART_GEOMETRY)
    browser.set_window_size(1280, 1000)
    assert {c["label"] for c in charts} == {"dossiers_received", "dossiers_online", "rate_on_time"}
    for chart in charts:
        name, svg, (left, right) = chart["label"], chart["svg"], chart["plot"]
        boxes = [b for _, _, b in chart["ticks"]]
        overlapping = [(chart["ticks"][i][1], chart["ticks"][j][1]) for i in range(len(boxes))
                       for j in range(i + 1, len(boxes)) if intersect(boxes[i], boxes[j])]
        assert overlapping == [], name
        assert all(svg[0] <= b[0] and b[2] <= svg[2] and svg[1] <= b[1] and b[3] <= svg[3] for b in boxes), name
        years = [int(text[-4:]) for axis, text, _ in chart["ticks"] if axis == "x"]
        assert len(years) >= 2 and min(years) >= 2022 and max(years) <= 2025, (name, years)
        dots = chart["dots"]
        assert len(dots) >= 3 and max(dots) - min(dots) >= 0.8 * (right - left), (name, dots, left, right)


@pytest.mark.browser
def test_screenshots(site, browser):
    outputs = ROOT / "outputs"
    outputs.mkdir(exist_ok=True)
    for page, png in (("articles/cai_be.html", "review_article.png"), ("dashboard.html", "review_dashboard.png")):
        visit(browser, site / page)
        height = browser.execute_script("return document.documentElement.scrollHeight;")
        browser.set_window_size(1280, min(height + 40, 4000))
        assert browser.get_screenshot_as_file(str(outputs / png))
        assert (outputs / png).stat().st_size > 10_000
    browser.set_window_size(1280, 1000)
