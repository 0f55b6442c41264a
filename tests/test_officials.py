"""Officials on hand-built contexts: orders of name and title, organizations, mentions, what is skipped."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract import ner, officials
from extract.context import Context, Segment
from extract.models import Mention, Unit
from extract.pipeline import probe
from extract.units import places_of

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _ctx(text: str, segments=None, units=(), authors=()) -> Context:
    segments = segments or [Segment("body", 0, len(text))]
    sentences = [(s.start, s.end) for s in segments]
    return Context(id="t", text=text, segments=segments, sentences=sentences, units=list(units),
                   places=places_of(list(units)), authors=list(authors))


def _agency(text: str, surface: str, name: str) -> Unit:
    start = text.index(surface)
    return Unit(kind="agency", name=name, mentions=[Mention(text=surface, span=(start, start + len(surface)))])


def _admin(text: str, surface: str, name: str, level: str) -> Unit:
    start = text.index(surface)
    return Unit(kind="admin", name=name, level=level, mentions=[Mention(text=surface, span=(start, start + len(surface)))])


def test_organization_comes_from_the_agency_unit_inside_the_title():
    text = "Ngày 12.4, UBND thành phố Tây Ninh tổ chức hội nghị. Dự hội nghị có ông Phạm Văn Tâm- Chủ tịch UBND Thành phố."
    unit = _agency(text, "UBND Thành phố", "Ủy ban nhân dân thành phố Tây Ninh")
    [o] = officials.find(_ctx(text, units=[unit]))
    assert (o.name, o.honorific, o.role, o.title) == ("Phạm Văn Tâm", "ông", "Chủ tịch", "Chủ tịch UBND Thành phố")
    assert o.organization == "Ủy ban nhân dân thành phố Tây Ninh"


def test_a_bare_unit_word_takes_the_articles_unit_of_that_type():
    text = ("UBND huyện Cái Bè họp về cải cách hành chính tại huyện Cái Bè. "
            "Phát biểu tại cuộc họp, Nguyễn Thị Lan, Phó Chủ tịch UBND Huyện đề nghị các đơn vị chú trọng.")
    unit = _admin(text, "huyện Cái Bè", "Huyện Cái Bè", "district")
    [o] = officials.find(_ctx(text, units=[unit]))
    assert (o.name, o.honorific, o.role) == ("Nguyễn Thị Lan", None, "Phó Chủ tịch")
    assert o.organization == "Ủy ban nhân dân huyện Cái Bè"


def test_two_officials_in_one_sentence_keep_their_own_titles():
    text = "Ông Lê Văn Nam, Chủ tịch UBND tỉnh và ông Trần Văn Hùng, Phó Chủ tịch UBND tỉnh cùng chủ trì hội nghị."
    found = {o.name: o for o in officials.find(_ctx(text))}
    assert set(found) == {"Lê Văn Nam", "Trần Văn Hùng"}
    assert found["Lê Văn Nam"].role == "Chủ tịch" and found["Lê Văn Nam"].title == "Chủ tịch UBND tỉnh"
    assert found["Trần Văn Hùng"].role == "Phó Chủ tịch"


def test_later_mentions_are_linked_and_give_the_honorific():
    text = ("Đoàn kiểm tra do Phó Giám đốc Sở Nội vụ tỉnh Bắc Giang Hồ Văn Lâm làm trưởng đoàn. "
            "Đồng chí Hồ Văn Lâm phát biểu kết luận. Theo ông Lâm, thành phố cần tiếp tục cải cách.")
    [o] = officials.find(_ctx(text))
    assert [m.text for m in o.mentions] == ["Hồ Văn Lâm", "Hồ Văn Lâm", "Lâm"]
    assert all(text[m.span[0]:m.span[1]] == m.text for m in o.mentions)
    assert o.honorific == "ông"
    assert o.organization == "Sở Nội vụ tỉnh Bắc Giang"


def test_a_shared_given_name_links_no_short_mention():
    text = ("Ông Lê Văn Nam, Chủ tịch UBND tỉnh và ông Trần Văn Nam, Phó Chủ tịch UBND tỉnh chủ trì. "
            "Ông Nam cho biết tỉnh sẽ tiếp tục cải cách.")
    for o in officials.find(_ctx(text)):
        assert [m.text for m in o.mentions] == [o.name]


def test_tone_placement_is_canonical_but_mentions_keep_the_surface():
    text = "Giám đốc Sở Tư pháp tỉnh Long An Nguyễn Văn Hoà cho biết."
    [o] = officials.find(_ctx(text))
    assert o.name == "Nguyễn Văn Hòa"
    assert o.mentions[0].text == "Nguyễn Văn Hoà"


def test_reporters_and_people_without_a_position_are_not_officials():
    text = "Giám đốc Sở Nội vụ Trần Thanh Tùng cho biết. Theo ông Toàn, số hồ sơ trễ hạn giảm. Ông Trần Minh Quang (xã Phước Long) kể lại."
    assert officials.find(_ctx(text, authors=["Trần Thanh Tùng"])) == []


def test_boilerplate_yields_nothing_and_a_caption_counts():
    caption = "Chủ tịch UBND tỉnh Nghệ An Nguyễn Đức Trung trao giấy khen."
    related = "Chủ tịch UBND TP Vinh Trần Ngọc Tú ký biên bản ghi nhớ."
    text = caption + "\n" + related
    segments = [Segment("caption", 0, len(caption)), Segment("related", len(caption) + 1, len(text))]
    [o] = officials.find(_ctx(text, segments=segments))
    assert o.name == "Nguyễn Đức Trung"
    assert o.organization == "Ủy ban nhân dân tỉnh Nghệ An"


def test_underthesea_is_not_asked_about_sentences_without_a_title(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("underthesea called")
    monkeypatch.setattr(ner, "tag", refuse)
    text = "Ông Rơ Mah Tuấn cho biết xã đã tiếp nhận 900 hồ sơ. Chủ tịch UBND tỉnh Nghệ An cho biết sẽ chỉ đạo."
    assert officials.find(_ctx(text)) == []


def test_underthesea_sets_apart_a_name_with_no_known_surname():
    [o] = probe("officials", "Phó Chủ tịch UBND tỉnh Gia Lai Rơ Mah Tuấn phát biểu tại hội nghị.")
    assert (o["name"], o["organization"]) == ("Rơ Mah Tuấn", "Ủy ban nhân dân tỉnh Gia Lai")


@pytest.mark.parametrize("text", [
    "Chủ tịch UBND TP Hồ Chí Minh cho biết sẽ chỉ đạo.",
    "Tại Hà Nội, Phó Chủ tịch UBND thành phố cho biết sẽ chỉ đạo.",
    "Chủ tịch UBND huyện Trần Văn Thời cho biết sẽ chỉ đạo.",
    "Lãnh đạo UBND tỉnh, Sở Nội vụ, ông Dũng và bà Lan dự họp.",
])
def test_places_that_read_like_names_are_not_officials(text):
    assert probe("officials", text) == []


def test_seed_article_with_name_before_title():
    text = (CORPUS / "001_28adae597096b941.txt").read_text(encoding="utf-8")
    unit = _admin(text, "huyện Tháp Mười", "Huyện Tháp Mười", "district")
    [o] = officials.find(_ctx(text, units=[unit]))
    assert (o.name, o.honorific, o.role) == ("Trần Thị Quý", "bà", "Chủ tịch")
    assert o.organization == "Ủy ban nhân dân huyện Tháp Mười"
    assert len(o.mentions) == 2


def test_an_agency_named_inside_the_body_is_not_the_body():
    text = "UBND tỉnh Nghệ An họp. Chánh Văn phòng UBND tỉnh Trần Văn Lâm báo cáo kết quả."
    at = text.index("UBND tỉnh Trần")
    inner = Unit(kind="agency", name="Ủy ban nhân dân tỉnh Nghệ An", mentions=[Mention(text="UBND tỉnh", span=(at, at + 9))])
    province = _admin(text, "tỉnh Nghệ An", "Tỉnh Nghệ An", "province")
    [o] = officials.find(_ctx(text, units=[inner, province]))
    assert (o.name, o.role) == ("Trần Văn Lâm", "Chánh Văn phòng")
    assert o.organization == "Văn phòng Ủy ban nhân dân tỉnh Nghệ An"


@pytest.mark.parametrize("chunk, surfaces", [
    ("Ông Nguyễn Văn An và Nguyễn Văn Anh, Nguyễn Văn An.", ["Nguyễn Văn An"]),
    ("Nguyễn Văn An Nguyễn Văn", ["Nguyễn Văn An", "Nguyễn Văn"]),  # the longest wins where both start
    ("Lê An-Lê Anh Lê An", ["Lê An", "Lê Anh"]),
    ("xLê An, Lê Ańn Lê An", ["Lê An"]),  # a letter or a combining mark on either side is no word edge
])
def test_later_mentions_are_found_as_the_whole_word_alternation_finds_them(chunk, surfaces):
    import regex
    from extract.language.words import alternation

    pattern = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{alternation(surfaces)})(?![\p{{L}}\p{{M}}])")
    assert officials._whole_words(chunk, sorted(surfaces, key=len, reverse=True)) == [
        m.span() for m in pattern.finditer(chunk)]


def test_the_title_word_precheck_agrees_with_the_alternation_of_title_words():
    import regex
    from extract.language.words import WordSet, alternation

    words = [r.lower() for r in officials._LEX["roles"] + list(officials._LEX["roles_with_body"])]
    pattern = regex.compile(alternation(words, longest_first=False))
    lines = [ln.lower() for p in sorted(CORPUS.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()]
    assert sum(officials._GATE.any_in(ln) for ln in lines) > 5
    assert [officials._GATE.any_in(ln) for ln in lines] == [bool(pattern.search(ln)) for ln in lines]
    both = WordSet(["đến", "ngày"])  # overlapping words are both found
    assert both.found_in("đếngày") == {"đến", "ngày"} and not WordSet([]).any_in("ngày")


def test_only_the_paragraphs_that_name_a_person_are_searched_for_later_mentions():
    lines = ["Bà Trần Thị Quý, Chủ tịch UBND huyện, chủ trì hội nghị.", "Hội nghị thông qua kế hoạch năm 2024.",
             "Kết luận hội nghị, bà Quý đề nghị các xã rút ngắn thời gian giải quyết hồ sơ."]
    text = "\n".join(lines)
    segments, pos = [], 0
    for line in lines:
        segments.append(Segment("body", pos, pos + len(line)))
        pos += len(line) + 1
    [o] = officials.find(_ctx(text, segments))
    assert [m.text for m in o.mentions] == ["Trần Thị Quý", "Quý"]
    named = [officials._names_in(text, s, ["Trần Thị Quý"], "Quý") for s in segments]
    assert named == [True, False, True]


def test_a_page_whose_lower_case_is_longer_finds_the_same_officials():
    # "İ" lowercases to two characters: title words found in the page's lower case would be out of place.
    def found(first: str):
        lines = [first, "Chủ tịch UBND tỉnh Nghệ An Nguyễn Đức Trung trao giấy khen."]
        text = "\n".join(lines)
        segments = [Segment("body", 0, len(lines[0])), Segment("body", len(lines[0]) + 1, len(text))]
        return [(o.name, o.organization, [(m.text, m.span) for m in o.mentions]) for o in officials.find(_ctx(text, segments))]
    assert len("İzmir".lower()) != len("İzmir")
    start = len("İzmir ký kết hợp tác.\nChủ tịch UBND tỉnh Nghệ An ")
    assert found("İzmir ký kết hợp tác.") == found("Izmir ký kết hợp tác.") == [
        ("Nguyễn Đức Trung", "Ủy ban nhân dân tỉnh Nghệ An", [("Nguyễn Đức Trung", (start, start + 16))])]
