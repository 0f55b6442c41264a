"""Vietnam's administrative divisions, before and since 2025-07-01, as dict lookups.

Data: extract/units/gazetteer_data.json.gz, built by extract/units/gazetteer_build.py from the MIT-licensed
`vietnamadminunits` 1.0.4 dataset (General Statistics Office names and codes): 63 provinces, 696
districts, 10,035 communes before the reform; 34 provinces and 3,321 communes since; successors of
merged provinces and communes. A few units that changed between 2019 and the dataset's snapshot are
added from the `historical` lexicon of patterns/units.yaml. Loaded once per process, on first use, from a
pickle in __pycache__ beside the data once built (see `cached`).
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Optional

import regex

from extract.language import pickled, rules, textnorm
from extract.language.textnorm import canonical_name, fold

DATA = Path(__file__).with_name("gazetteer_data.json.gz")
REFORM = dt.date(2025, 7, 1)
_HYPHEN = regex.compile(r"\s*[-–—]\s*")  # Bà Rịa - Vũng Tàu, Bà Rịa – Vũng Tàu, Bà Rịa—Vũng Tàu
_NUMBER = regex.compile(r"^0+(?=\d)")


class Place(NamedTuple):
    """A unit of the gazetteer: a tuple, since 14,000 of them are unpickled at every start-up (a third of the
    time a frozen dataclass takes, each with its __dict__)."""
    name: str                       # canonical, with its type word: "Huyện Tháp Mười"
    type: str                       # "Huyện"
    level: str                      # province | district | commune
    code: str
    province: str                   # canonical name of the province it lies in (itself for a province)
    era: str                        # "old" (before the reform), "new" (since), "hist" (gone before the snapshot)
    district: Optional[str] = None  # code of an old commune's district
    successor: Optional[tuple[str, str, str]] = None  # (name, level, code) since 2025-07-01
    until: Optional[dt.date] = None  # a historical unit's last day + 1

    @property
    def bare(self) -> str:
        return self.name[len(self.type) + 1:]


@lru_cache(maxsize=1 << 16)
def name_key(bare: str) -> str:
    """Comparison key of a bare name: folded, hyphens and dashes as one unspaced hyphen, numbers without leading zeros."""
    return _NUMBER.sub("", _HYPHEN.sub("-", fold(bare)))


def ascii_key(bare: str) -> str:
    """Letters only, no diacritics: how a name appears in a web address (tiengiang, tayninh)."""
    s = unicodedata.normalize("NFD", fold(bare).replace("đ", "d"))
    return "".join(c for c in s if "a" <= c <= "z")


class Gazetteer:
    def __init__(self, data: dict, lexicons: dict):
        self.levels: dict[str, list[str]] = lexicons["levels"]
        self.types = sorted(self.levels, key=len, reverse=True)
        self.aliases = {name_key(k): v for k, v in lexicons["aliases"].items()}
        self.upgrades: dict[str, list[str]] = lexicons.get("upgrades", {})
        self.by_key: dict[tuple[str, str], list[Place]] = {}   # (type, name key) → places
        self.by_bare: dict[str, list[Place]] = {}              # name key → places of any type
        self.province_ascii: dict[str, list[Place]] = {}       # ascii key → provinces
        self._splits: dict[str, tuple[str, str]] = {}
        self._provinces: dict[str, list[Place]] = {}
        self._load(data, lexicons.get("historical", []))

    def __getstate__(self) -> dict:
        # pickled without the memos: refilled on use, they would cost more to unpickle than they save
        return {**self.__dict__, "_splits": {}, "_provinces": {}}

    def split(self, name: str) -> tuple[str, str]:
        """'Huyện Tháp Mười' → ('Huyện', 'Tháp Mười'), whatever the type word's case."""
        got = self._splits.get(name)  # the same unit names are split again and again, by every step
        if got is None:
            low = name.lower()
            t = next((t for t in self.types if low.startswith(t.lower() + " ")), None)
            if t is None:
                raise ValueError(f"no type word in {name!r}")
            if len(self._splits) >= 1 << 16:  # unresolved names are unbounded over a long run
                self._splits.clear()
            got = self._splits[name] = (t, name[len(t) + 1:])
        return got

    def _add(self, place: Place) -> None:
        key = name_key(place.bare)
        self.by_key.setdefault((place.type, key), []).append(place)
        self.by_bare.setdefault(key, []).append(place)
        if place.level == "province":
            self.province_ascii.setdefault(ascii_key(place.bare), []).append(place)

    def _place(self, name: str, level: str, code: str, province: str, era: str, **kw) -> Place:
        type_word, bare = self.split(canonical_name(name))
        return Place(f"{type_word} {bare}", type_word, level, code, self._canonical_province(province), era, **kw)

    def _canonical_province(self, name: str) -> str:
        type_word, bare = self.split(canonical_name(name))
        return f"{type_word} {bare}"

    def _load(self, data: dict, historical: list[dict]) -> None:
        new_p = {c: n for c, n in data["new"]["p"]}
        new_c = {c: n for c, n, _ in data["new"]["c"]}
        p_succ, c_succ = data["province_successor"], data["commune_successor"]
        old_p = {c: n for c, n in data["old"]["p"]}
        for c, n in data["old"]["p"]:
            succ = (canonical_name(new_p[p_succ[c]]), "province", p_succ[c]) if c in p_succ else None
            self._add(self._place(n, "province", c, n, "old", successor=succ))
        old_d = {}
        for c, n, pc in data["old"]["d"]:
            old_d[c] = pc
            self._add(self._place(n, "district", c, old_p[pc], "old"))
        for c, n, dc in data["old"]["c"]:
            succ = (canonical_name(new_c[c_succ[c]]), "commune", c_succ[c]) if c in c_succ else None
            self._add(self._place(n, "commune", c, old_p[old_d[dc]], "old", district=dc, successor=succ))
        for c, n in data["new"]["p"]:
            self._add(self._place(n, "province", c, n, "new"))
        for c, n, pc in data["new"]["c"]:
            self._add(self._place(n, "commune", c, new_p[pc], "new"))
        self.renamed: dict[str, tuple[str, dt.date]] = {}  # province as in the snapshot → (former name, until)
        for h in historical:
            place = self._place(h["name"], h["level"], h["code"], h["province"], "hist",
                                until=dt.date.fromisoformat(h["until"]))
            self._add(place)
            if place.level == "province" and h["code"] in old_p:
                self.renamed[self._canonical_province(old_p[h["code"]])] = (place.name, place.until)

    def lookup(self, type_word: Optional[str], bare: str) -> list[Place]:
        """Places of this canonical type word (or of any type) with this bare name."""
        key = name_key(bare)
        places = self._get(type_word, key)
        if not places and key in self.aliases:  # another spelling, only when the name itself is unknown
            places = self._get(type_word, name_key(self.aliases[key]))
        if not places and type_word in self.upgrades:
            places = self._before_upgrade(type_word, bare, key)
        return places

    def provinces(self, bare: str) -> list[Place]:
        """The provinces a bare name stands for, asked of every capitalised run of every article."""
        got = self._provinces.get(bare)
        if got is None:
            if len(self._provinces) >= 1 << 16:  # the runs of a long run are unbounded
                self._provinces.clear()
            got = self._provinces[bare] = [p for p in self.lookup(None, bare) if p.level == "province"]
        return got

    def _before_upgrade(self, type_word: str, bare: str, key: str) -> list[Place]:
        """'Thị xã Phú Mỹ' in an old article: the same unit the snapshot knows as 'Thành phố Phú Mỹ', under its old type."""
        for newer in self.upgrades[type_word]:
            found = [p for p in self.by_key.get((newer, key), []) if p.era == "old"]
            if found:
                return [p._replace(name=f"{type_word} {p.bare}", type=type_word) for p in found]
        return []

    def _get(self, type_word: Optional[str], key: str) -> list[Place]:
        return self.by_bare.get(key, []) if type_word is None else self.by_key.get((type_word, key), [])

    def as_of(self, place: Place, date: Optional[dt.date]) -> Place:
        """The place with its province under the name in force at the date (Tỉnh Thừa Thiên Huế before 2025)."""
        former = self.renamed.get(place.province)
        if former is None or place.era == "new" or (date is not None and date >= former[1]):
            return place
        return place._replace(province=former[0])

    def provinces_in_address(self, label: str) -> list[Place]:
        """Provinces whose name is spelt inside a web address label (baotayninh → Tây Ninh)."""
        label = label.lower()
        return [p for k, ps in self.province_ascii.items() if len(k) > 3 and k in label for p in ps]


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    return cached(DATA.parent / "__pycache__")


def cached(folder: Path) -> Gazetteer:
    """The gazetteer, unpickled when a pickle built from the same data, lexicons and code lies in `folder`
    (building it retones and splits 14,000 names: ~0.2 s of every start-up); built and pickled there otherwise."""
    raw, lexicons = DATA.read_bytes(), rules.load("units").lexicons
    cache = folder / f"{DATA.name}.{_digest(raw, lexicons)}.pickle"
    got = pickled.load(cache)
    if isinstance(got, Gazetteer):
        return got
    gaz = Gazetteer(json.loads(gzip.decompress(raw)), lexicons)
    pickled.store(cache, gaz, stale=f"{DATA.name}.*.pickle")
    return gaz


def _digest(raw: bytes, lexicons: dict) -> str:
    """What the built gazetteer depends on: its data, its lexicons, and the code that builds it."""
    h = hashlib.blake2b(raw, digest_size=12)
    h.update(json.dumps(lexicons, sort_keys=True, default=str).encode("utf-8"))
    for module in (__file__, textnorm.__file__):
        h.update(Path(module).read_bytes())
    h.update(regex.__version__.encode())
    return h.hexdigest()
