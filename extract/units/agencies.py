"""Agencies: a head from patterns/agencies.yaml, its field, then the unit it belongs to.

The unit is the admin mention written right after the head (Sở Nội vụ tỉnh Tiền Giang), or a bare type
word resolved to the article's unit of that type (UBND Huyện → huyện Tháp Mười), or, when nothing
follows, the tier of the head (a Sở belongs to the article's province, a Phòng to its district).
What cannot be resolved is kept unresolved with a warning, never guessed.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Optional

import regex
from pydantic import TypeAdapter

from extract.context import Context, Places, Segment
from extract.language import rules
from extract.language.compiled import Patterns
from extract.language.words import alternation, any_start, finditer_at, match_in
from extract.language.textnorm import canonical_name, fold
from extract.models import Unit
from extract.units import gazetteer
from extract.units.found import Found

_PATTERNS = Patterns(__file__)
_FILE = rules.load("agencies")
_HEADS = [r for r in _FILE.rules]
HEAD_WORDS = [w for r in _HEADS for w in r.starts]  # what a head begins with: it is tried only where one is


def _head_pattern(rules: Iterable[int]) -> regex.Pattern:
    """The heads of these rules, in their order, each in its group h<rule>."""
    return _PATTERNS.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(f"(?P<h{i}>{_HEADS[i].pattern})" for i in rules)
                             + r")(?![\p{L}\p{M}])")


_HEAD = _head_pattern(range(len(_HEADS)))
# Where a head word begins, only the heads with a word beginning with its letter are tried: the regex module
# tries an alternation's branches one by one.
_HEAD_BY_LETTER = {c: _head_pattern([i for i, r in enumerate(_HEADS) if any(w[0] == c for w in r.starts)])
                   for c in sorted({w[0] for w in HEAD_WORDS})}
_HEAD_GROUPS = {f"h{i}": i for i in range(len(_HEADS))}  # group name → head rule
_TOKEN = _PATTERNS.compile(r"[ ]*(?:,|-|[\p{L}\p{M}&]+(?:-[\p{L}\p{M}&]+)*)")
_UNITS_LEX = rules.load("units").lexicons
_SKIP = _PATTERNS.compile(r"[ ]*(?:\([^()\n]{1,15}\)[ ]*)?(?:(?:" + alternation(_FILE.lexicons["possessives"]) + r")[ ]+)?")
_BARE_TYPE = _PATTERNS.compile(
    r"(?i)(?P<t>" + alternation(_UNITS_LEX["tier_words"] + _UNITS_LEX["bare_type_abbreviations"]) + r")(?![\p{L}\p{M}])")
# "UBND thành phố, huyện, thị xã": a type word listed with others is a tier, not a unit.
_LISTED = _PATTERNS.compile(r"[ ]*(?:" + alternation(_FILE.lexicons["tier_joiners"], longest_first=False)
                           + r")[ ]*(?i:" + alternation(_UNITS_LEX["tier_words"])
                           + r")(?![\p{L}\p{M}])(?![ ]\p{Lu})")
# Anchored at its end: compiled backwards, it is tried once, at the head, not at each of the ten characters before.
_COUNTED = _PATTERNS.compile(r"(?:(?<![\p{L}])(?:" + alternation(_FILE.lexicons["generic_before"], longest_first=False)
                             + r")|\d)[ ]$", regex.REVERSE)
_GENERIC_BEFORE = tuple(_FILE.lexicons["generic_before"])
_GENERIC = frozenset(_FILE.lexicons["generic_markers"])
_TYPES = _UNITS_LEX["types"]
_LEVELS = _UNITS_LEX["levels"]  # type → the levels a unit of that type may be at
_COMMITTEE_TYPE = _FILE.lexicons["party_committee_types"]
_SAME_BODY = {fold(k): fold(v) for k, v in _FILE.lexicons["same_body"].items()}
_FIELD_WORD = _PATTERNS.compile(r"(?<![\p{L}])(?:" + alternation(_FILE.lexicons["field_joiners"]) + r")(?![\p{L}])")
_NON_LETTER = _PATTERNS.compile(r"[^\p{L}\p{M}&]+")
UNITS = TypeAdapter(list[Unit])  # one validation call per article's units, not one per unit and mention
_PATTERNS.save()


@lru_cache(maxsize=1 << 14)
def field_key(text: str) -> str:
    """'Tài nguyên và Môi trường', 'Tài nguyên môi trường', 'Tài nguyên - Môi trường' → one key."""
    return _NON_LETTER.sub("", _FIELD_WORD.sub("", fold(text)))


def _field_map(name: str) -> dict[str, str]:
    out = {}
    for canonical, variants in _FILE.lexicons[name].items():
        for v in [canonical, *variants]:
            out[field_key(v)] = canonical
    return out


# Head surface, by its letters only → canonical head, for heads with several spellings.
_BY_SURFACE = {r.id: {_NON_LETTER.sub("", fold(k)): v for k, v in r.canonical_by_surface.items()}
               for r in _HEADS if getattr(r, "canonical_by_surface", None)}
_FIELDS = {r.id: _field_map(r.field_list) for r in _HEADS if getattr(r, "field_list", None)}
# Every beginning of a field's key: reading words after a head stops once they begin none.
_FIELD_STARTS = {rid: {k[:i] for k in fields for i in range(len(k) + 1)} for rid, fields in _FIELDS.items()}


@dataclass(frozen=True)
class _Head:
    """What reading a head's match asks of its rule, as plain fields (a rule's own YAML keys are slow to read)."""
    id: str
    tier: str
    canonical: Optional[str]


_HEAD_RULES = [_Head(r.id, r.tier, getattr(r, "canonical", None)) for r in _HEADS]


@dataclass
class _Ref:
    suffix: Optional[str] = None    # "huyện Tháp Mười", "tỉnh", "Tiền Giang" (after a party committee)
    province: Optional[str] = None
    admin: Optional[str] = None     # the admin unit's name when resolved
    end: int = 0
    generic: bool = False
    warning: Optional[str] = None


@lru_cache(maxsize=4096)  # the same few heads are written the same few ways
def _head_name(rule: _Head, surface: str) -> str:
    if rule.id in _BY_SURFACE:  # a spelling the lexicon lacks stands as written rather than fail
        return _BY_SURFACE[rule.id].get(_NON_LETTER.sub("", fold(surface)), canonical_name(surface))
    return rule.canonical


def _field_at(text: str, pos: int, fields: dict[str, str], starts: set[str]) -> tuple[Optional[str], int]:
    """The longest run of words after `pos` that spells a known field, and where it ends."""
    best, best_end, key = None, pos, ""
    for _ in range(9):
        m = match_in(_TOKEN, text, pos)
        if not m:
            break
        pos, part = m.end(), field_key(m.group(0))
        key += part
        if key not in starts:
            break
        if part and key in fields:
            best, best_end = fields[key], pos
    return best, best_end


def _suffix(unit_name: str) -> str:
    type_word, bare = gazetteer.load().split(unit_name)
    return f"{type_word.lower()} {bare}"


def _party_suffix(unit_name: str) -> str:
    """What follows a party committee: the bare name (Huyện ủy Tháp Mười), the full one for a number (Quận ủy Quận 3)."""
    bare = gazetteer.load().split(unit_name)[1]
    return unit_name if bare.isdigit() else bare


def _from_unit(unit: Optional[Unit], end: int, bare: bool = False) -> Optional[_Ref]:
    if unit is None:
        return None
    suffix = _party_suffix(unit.name) if bare else _suffix(unit.name)
    return _Ref(suffix, unit.province or (unit.name if unit.level == "province" else None), unit.name, end)


def _repeats(word: str, listed: str) -> bool:
    return listed.strip(" ,/").split()[-1].lower() == word.lower()


class _Asked:
    """An article's places as its heads ask of them: each head asks the same few questions again, answered once."""

    def __init__(self, places: Places):
        self._places = places
        self._answers: dict[tuple, object] = {}

    @property
    def provinces(self) -> list[Unit]:
        return self._places.provinces

    def main_province(self) -> Optional[str]:
        if () not in self._answers:
            self._answers[()] = self._places.main_province()
        return self._answers[()]

    def main(self, type_word: Optional[str] = None, levels: tuple[str, ...] = ("district",)) -> Optional[Unit]:
        if (type_word, levels) not in self._answers:
            self._answers[type_word, levels] = self._places.main(type_word, levels)
        return self._answers[type_word, levels]


def _by_type(type_word: str, article: _Asked, end: int) -> _Ref:
    """The article's unit of a bare type word; unresolved (with a warning) when it has none."""
    levels = _LEVELS[type_word]
    if levels == ["province"]:
        name = article.main_province()
        unit = next((u for u in article.provinces if u.name == name), None)
        if name:
            return _Ref(_suffix(name), name, unit.name if unit else None, end)
    elif "province" in levels:  # a city may be a province or a district
        ref = _from_unit(article.main(type_word), end)
        if ref:
            return ref
        name = article.main_province()
        if name and name.startswith(type_word):
            return _Ref(_suffix(name), name, name, end)
    elif levels == ["district"]:
        ref = _from_unit(article.main(type_word), end)
        if ref:
            return ref
    else:
        ref = _from_unit(article.main(type_word, ("commune",)), end)
        return ref or _Ref(end=end, generic=True)
    return _Ref(type_word.lower(), end=end, warning=f"the article names no {type_word.lower()} to resolve it to")


def _ref_after(text: str, pos: int, at: dict[int, Found], article: _Asked, party: bool) -> Optional[_Ref]:
    """The unit written right after a head (and its field), if any."""
    p = match_in(_SKIP, text, pos).end()
    f = at.get(p)
    if f is not None and (not party or f.rule != "units.admin_typed" or f.bare.isdigit()):
        if f.place is None:
            return _Ref(canonical_name(f"{(f.type or '').lower()} {f.bare}".strip()), end=f.end,
                        warning="its unit could not be resolved")
        place = f.place
        suffix = _party_suffix(place.name) if party else f"{place.type.lower()} {place.bare}"
        return _Ref(suffix, place.province, place.name, f.end)
    if party:
        return None
    m = match_in(_BARE_TYPE, text, p)
    if m:
        listed = match_in(_LISTED, text, m.end())
        if listed and not _repeats(m["t"], listed.group(0)):  # "UBND tỉnh, tỉnh sẽ …" starts a clause, lists nothing
            return _Ref(end=m.end(), generic=True)
        return _by_type(_TYPES[m["t"].lower()], article, m.end())
    word = match_in(_TOKEN, text, p)
    if word and word.group(0).strip().lower() in _GENERIC:
        return _Ref(end=p, generic=True)
    return None


def _default(rule, m: regex.Match, article: _Asked, end: int) -> Optional[_Ref]:
    """The unit a head implies when nothing follows it, by the head's tier."""
    tier = rule.tier
    if tier == "province":
        name = article.main_province()
        return _Ref(_suffix(name), name, None, end) if name else _Ref(
            end=end, warning="the article names no province")
    if tier == "district":
        return _from_unit(article.main(), end) or _Ref(end=end, warning="the article names no district")
    if tier == "party":
        committee = fold(m["committee"]).split(" ")[0]
        type_word = _COMMITTEE_TYPE[committee]
        province = article.main_province()
        levels = _LEVELS[type_word]
        if levels == ["province"] or ("province" in levels and (province or "").startswith(type_word)):
            # A Tỉnh ủy belongs to a Tỉnh, a Thành ủy to a Thành phố: another kind of province is not its own.
            if province and province.startswith(type_word):
                return _Ref(gazetteer.load().split(province)[1], province, None, end)
            return _Ref(end=end, warning=f"the article names no {type_word.lower()} it could belong to")
        ref = _from_unit(article.main(type_word), end, bare=True)
        return ref or _Ref(end=end, warning=f"the article names no {type_word.lower()}")
    if tier in ("national", "bureau"):
        return _Ref(end=end)
    return None


def _name(rule, m: regex.Match, text: str, head_end: int, fld: Optional[str]) -> str:
    if rule.tier == "party":
        board = _board_name(m["board"]) if m["board"] else None
        committee = canonical_name(m["committee"]).replace("uỷ", "ủy")
        return f"{board} {committee}" if board else committee
    head = _head_name(rule, text[m.start():head_end])
    return f"{head} {fld}" if fld else head


def _board_name(surface: str) -> str:
    """'Ban tuyên giáo' → 'Ban Tuyên giáo': a board's own name is capitalised."""
    words = canonical_name(surface).split(" ")
    if words[0] == "Ban":
        words[1] = words[1][:1].upper() + words[1][1:]
    return " ".join(words)


def _one(text: str, m: regex.Match, at: dict[int, Found], article: _Asked) -> Optional[tuple[str, _Ref, str]]:
    rule = _HEAD_RULES[_group_index(m)]
    head_end = m.end()
    fld, end = None, head_end
    if rule.id in _FIELDS:
        fld, end = _field_at(text, head_end, _FIELDS[rule.id], _FIELD_STARTS[rule.id])
        if fld is None:
            return None
    if _counted(text, m.start()):
        return None
    ref = None if rule.tier == "national" else _ref_after(text, end, at, article, rule.tier == "party")
    if ref is not None and ref.generic:
        if rule.tier != "bureau":
            return None
        ref = None
    if ref is None or (rule.tier == "bureau" and ref.admin is None):
        ref = _default(rule, m, article, end)
    if ref is None:
        return None
    name = _name(rule, m, text, head_end, fld)
    return (f"{name} {ref.suffix}" if ref.suffix else name), ref, rule.id


def _counted(text: str, head: int) -> bool:
    """Whether a number or a word like 'các' stands right before the head ('các Sở', '3 Phòng'): a generic one."""
    if text[head - 1:head] != " " or (text[head - 2:head - 1].isalpha() and not text.endswith(_GENERIC_BEFORE, 0, head - 1)):
        return False  # what _COUNTED needs is not there: most heads follow a space and a word of another kind
    return match_in(_COUNTED, text, max(0, head - 10), head) is not None


def _group_index(m: regex.Match) -> int:
    # A head's group encloses the groups inside its pattern, so it is the last one closed in its match.
    return _HEAD_GROUPS[m.lastgroup]


def _heads(text: str, starts: Optional[list[int]], pos: int, endpos: int) -> Iterator[regex.Match]:
    """`_HEAD.finditer(text, pos, endpos)`, tried only at `starts` (as words.finditer_at) and there with the heads
    whose words begin with the letter there (a head's match begins with one of its words, in lower case)."""
    return finditer_at(_HEAD, text, starts, pos, endpos, pick=lambda start: _HEAD_BY_LETTER.get(text[start].lower(), _HEAD))


def find(ctx: Context, segments: list[Segment], founds: list[Found], article: Places,
         starts: Optional[list[int]]) -> list[Unit]:
    """The agencies of the segments; `starts`: where the text has one of HEAD_WORDS (None: try everywhere)."""
    text, asked = ctx.text, _Asked(article)
    at = {f.start: f for f in founds}
    hits: dict[str, dict] = {}  # folded name → the unit's fields, validated once at the end
    last_end = 0
    for seg in (s for s in segments if any_start(starts, s.start, s.end)):
        for m in _heads(text, starts, seg.start, seg.end):
            got = None if m.start() < last_end else _one(text, m, at, asked)  # "Công an" inside "Bộ Công an"
            if got is None:
                continue
            name, ref, rule_id = got
            last_end = ref.end
            hit = hits.get(key := fold(name))
            if hit is None:
                hit = hits[key] = {"kind": "agency", "name": name, "province": ref.province, "rule": rule_id,
                                   "mentions": []}
                if ref.warning:
                    ctx.warnings.append(f"'{name}': {ref.warning}; left unresolved")
            hit["mentions"].append({"text": text[m.start():ref.end], "span": (m.start(), ref.end)})
    return UNITS.validate_python(_merge_bare(hits)) if hits else []


def _merge_bare(hits: dict[str, dict]) -> list[dict]:
    """An unresolved 'Sở Nội vụ' joins the one fuller name starting with it; a body's second name joins its first."""
    out = []
    for key, h in hits.items():
        fuller = [o for k, o in hits.items() if k.startswith(key + " ")] if h["province"] is None else []
        target = fuller[0] if len(fuller) == 1 else hits.get(_other_name(key))
        if target is not None and target is not h:
            target["mentions"].extend(h["mentions"])
            target["mentions"].sort(key=lambda x: x["span"])
        else:
            out.append(h)
    return out


def _other_name(key: str) -> str:
    for short, full in _SAME_BODY.items():
        if key.startswith(short + " "):
            return full + key[len(short):]
    return key
