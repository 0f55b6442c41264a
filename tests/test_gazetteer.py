"""The gazetteer: coverage of both sets of divisions, normalized dict lookups, successors."""
from __future__ import annotations

import datetime as dt

import pytest

from extract.units import gazetteer


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


def _codes(places):
    return {(p.name, p.province, p.era, p.code) for p in places}


def test_loaded_once_per_process():
    assert gazetteer.load() is gazetteer.load()


def test_covers_both_sets(gaz):
    places = [p for ps in gaz.by_bare.values() for p in ps]
    count = lambda era, level: len({p.code for p in places if p.era == era and p.level == level})
    assert (count("old", "province"), count("old", "district")) == (63, 696)
    assert count("old", "commune") > 10000
    assert (count("new", "province"), count("new", "district")) == (34, 0)
    assert count("new", "commune") > 3300


def test_district_with_its_province_and_code(gaz):
    assert _codes(gaz.lookup("Huyện", "Tháp Mười")) == {("Huyện Tháp Mười", "Tỉnh Đồng Tháp", "old", "872")}


def test_lookup_ignores_tone_placement_case_spacing_and_leading_zeros(gaz):
    assert gaz.lookup("Huyện", "Hoà Vang") == gaz.lookup("Huyện", "Hòa Vang") != []
    assert gaz.lookup("Tỉnh", "BÀ RỊA-VŨNG TÀU") == gaz.lookup("Tỉnh", "Bà Rịa - Vũng Tàu") != []
    assert gaz.lookup("Phường", "01") == gaz.lookup("Phường", "1") != []


def test_aliases(gaz):
    assert {p.name for p in gaz.lookup("Thành phố", "HCM")} == {"Thành phố Hồ Chí Minh"}


def test_same_name_in_many_provinces(gaz):
    provinces = {p.province for p in gaz.lookup("Huyện", "Châu Thành")}
    assert {"Tỉnh Tiền Giang", "Tỉnh Bến Tre", "Tỉnh Tây Ninh", "Tỉnh An Giang"} <= provinces


def test_successors_of_merged_units(gaz):
    (binh_thuan,) = gaz.lookup("Tỉnh", "Bình Thuận")
    assert binh_thuan.successor == ("Tỉnh Lâm Đồng", "province", "68")
    (dong_cac,) = gaz.lookup("Xã", "Đông Các")
    assert dong_cac.successor[:2] == ("Xã Đông Hưng", "commune")
    old_quang_ninh = [p for p in gaz.lookup("Tỉnh", "Quảng Ninh") if p.era == "old"]
    assert old_quang_ninh[0].successor is None  # kept its name and absorbed no other province


def test_units_gone_before_the_snapshot_come_from_the_lexicon(gaz):
    hist = [p for p in gaz.lookup("Thành phố", "Huế") if p.era == "hist"]
    assert [(p.level, p.province, p.code) for p in hist] == [("district", "Tỉnh Thừa Thiên Huế", "474")]


def test_provinces_in_web_addresses(gaz):
    assert {p.name for p in gaz.provinces_in_address("BAOTAYNINH")} == {"Tỉnh Tây Ninh"}
    assert {p.name for p in gaz.provinces_in_address("dichvucong")} == set()


def test_shipped_gazetteer_is_what_the_installed_dataset_gives():
    """The compact file in the package is derived, never hand-edited: rebuilding it changes nothing."""
    import gzip
    import json

    from extract.units.gazetteer_build import OUT, build

    shipped = json.loads(gzip.open(OUT, "rt", encoding="utf-8").read())
    assert json.loads(json.dumps(build(), ensure_ascii=False)) == shipped


def test_a_dash_of_any_width_joins_a_name_like_a_hyphen():
    gaz = gazetteer.load()
    for spelling in ("Bà Rịa – Vũng Tàu", "Bà Rịa—Vũng Tàu", "Bà Rịa-Vũng Tàu"):
        assert [p.code for p in gaz.lookup("Tỉnh", spelling)] == ["77"]


def test_a_unit_upgraded_before_the_snapshot_is_found_under_its_old_type_word():
    places = gazetteer.load().lookup("Thị xã", "Phú Mỹ")
    assert [(p.name, p.level, p.code) for p in places] == [("Thị xã Phú Mỹ", "district", "754")]
    assert gazetteer.load().lookup("Thị xã", "Không Có") == []


def test_a_renamed_province_is_given_under_the_name_in_force():
    gaz = gazetteer.load()
    district = next(p for p in gaz.lookup("Huyện", "Phú Vang") if p.era == "old")
    assert gaz.as_of(district, dt.date(2020, 1, 1)).province == "Tỉnh Thừa Thiên Huế"
    assert gaz.as_of(district, dt.date(2025, 2, 1)).province == "Thành phố Huế"


def _tables(g):
    return g.by_key, g.by_bare, g.province_ascii, g.aliases, g.upgrades, g.renamed, g.types


def test_a_cached_gazetteer_is_the_one_built(tmp_path, gaz):
    built = gazetteer.cached(tmp_path)  # none there yet: built and pickled
    assert [p.name for p in tmp_path.glob("*.pickle")] != []
    again = gazetteer.cached(tmp_path)
    assert again is not built and _tables(again) == _tables(built) == _tables(gaz)
    assert again.lookup("Huyện", "Tháp Mười") == gaz.lookup("Huyện", "Tháp Mười") != []


def test_a_bad_or_unwritable_cache_falls_back_to_building(tmp_path, gaz):
    gazetteer.cached(tmp_path)
    for pickled in tmp_path.glob("*.pickle"):
        pickled.write_bytes(b"not a pickle")
    assert _tables(gazetteer.cached(tmp_path)) == _tables(gaz)
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    assert _tables(gazetteer.cached(blocked / "cache")) == _tables(gaz)
