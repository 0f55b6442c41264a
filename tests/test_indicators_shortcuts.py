"""The tier lookups' shortcuts give what the plain reading gives, on the units of the sample articles: a body's
head and the admin unit its name ends with, found by one startswith/endswith of them all."""
from __future__ import annotations

from extract.indicators import tiers
from extract.indicators.cues import _BODY_HEADS, _CUES, _LEX, _PLACE_WORD


def _plain_agency_tier(name: str, admin: dict) -> object:
    """`tiers._agency_tier` as it read before its shortcuts: each head, each unit and each council tried in turn."""
    low = name.lower()
    head = next((h for h in _BODY_HEADS if (low + " ").startswith(h.lower() + " ")), None)
    if head is None:
        return None
    if _BODY_HEADS[head]:
        return _BODY_HEADS[head]
    tier = next((lv for unit, lv in admin.items() if low.endswith(" " + unit)), None)
    if tier is None:
        words = [m.group("w") for m in _PLACE_WORD.finditer(low)]
        tier = _LEX["body_tiers"].get(words[-1]) if words else None
    return None if tier == "province" and any(low.startswith(c.lower()) for c in _CUES["councils"]) else tier


def test_a_body_tier_by_its_shortcuts_is_the_plain_one(corpus_records):
    checked = 0
    for _, record in corpus_records:
        plain = {u.name.lower(): u.level for u in record.units if u.kind == "admin"}
        admin = {" " + k: v for k, v in plain.items()}
        for u in record.units:
            names = [u.name, u.name.upper(), "Ủy ban nhân dân " + u.name, "Sở Nội vụ " + u.name]
            for name in names:
                assert tiers._agency_tier(name, admin, tuple(admin)) == _plain_agency_tier(name, plain), name
                checked += 1
    assert checked > 50


def test_a_title_head_is_the_first_body_head_it_opens_with():
    assert tiers._head("trung tâm phục vụ hành chính công tỉnh a: 98% hồ sơ đúng hạn") \
        == "Trung tâm Phục vụ hành chính công"
    assert tiers._head("sở tư pháp") == "Sở"
    assert tiers._head("sởi") is None and tiers._head("") is None


def test_the_channel_words_pre_check_passes_every_window_where_an_info_channel_matches():
    from pathlib import Path

    from extract.indicators.cues import _INFO_CHANNEL, _LEVELS
    from extract.reading import iter_articles

    real = Path(__file__).resolve().parent.parent.parent / "shared" / "real"
    texts = [a.text for a in iter_articles([str(real)]) if hasattr(a, "text")] if real.is_dir() else []
    texts.append("Người dân biết thông tin qua bản tin của UBND cấp xã; nghe qua loa phát thanh cấp huyện")
    matched = 0
    for text in texts:
        for end in [m.start() for m in _LEVELS.finditer(text)] + [len(text)]:
            window = text[max(0, end - 130):end]
            if _INFO_CHANNEL.search(window):
                matched += 1
                assert tiers._CHANNEL_CUES.any_in(window), window
    assert matched
