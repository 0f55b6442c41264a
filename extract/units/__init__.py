"""Administrative units and agencies, resolved against the gazetteer.

Admin units are found by their type word (huyện Tháp Mười, TP. Mỹ Tho, Q.1), as bare province names
(Đắk Nông:, TPHCM) and as bare names of units the article already named. A name held by several places
is resolved by the article: provinces it names, districts around a commune, the site's address, and its
date, which picks the set of divisions (before or since 2025-07-01). Agencies (agencies.py) then
take their unit from what was found here.
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from functools import lru_cache
from typing import Iterable, Optional

import regex

from extract.context import CONTENT_KINDS, Context, Places, Segment
from extract.language import rules
from extract.language.compiled import Patterns
from extract.language.words import (ARTICLE_WORDS, WordSet, WordStarts, alternation, any_start, fill, finditer_at,
                                    finditer_in, match_in, search_in, word_regex)
from extract.language.textnorm import canonical_name, fold
from extract.models import Unit
from extract.units import agencies, gazetteer
from extract.units.found import Found
from extract.units.gazetteer import REFORM, Gazetteer, Place, name_key

SCAN_KINDS = CONTENT_KINDS | {"source"}

_PATTERNS = Patterns(__file__)
_RULES = rules.load("units")
_LEX = _RULES.lexicons
_TYPES = _LEX["types"]
_TYPED = _PATTERNS.compile(_RULES.rule("units.admin_typed").pattern)
_FUSED = word_regex(_LEX["fused"], compile_with=_PATTERNS.compile)
# What typed and fused mentions and agency heads begin with, found in one pass: each pattern is tried only there.
_STARTS_LISTS = {"typed": _TYPES, "fused": [w.lower() for w in _LEX["fused"]], "heads": agencies.HEAD_WORDS}
_STARTS = WordStarts(_STARTS_LISTS)
_STARTS_KEYS = {name: ARTICLE_WORDS.add(f"units.{name}", [w.lower() for w in words])
                for name, words in _STARTS_LISTS.items()}
# A run of capitalised words, joined by a hyphen or dash allowed: candidates for bare names.
_RUN = _PATTERNS.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Lu}[\p{L}\p{M}]*(?:(?:[ ]|[ ]?[-–—][ ]?)\p{Lu}[\p{L}\p{M}]*){0,6}")
_WORD = _PATTERNS.compile(r"\p{Lu}[\p{L}\p{M}]*")
_HOST_ENDS = ("vn", "VN", "com", "COM", "net")
_HOST_END = _PATTERNS.compile(r"\.(?:" + "|".join(_HOST_ENDS) + ")")  # no address without one of its endings
_HOST = _PATTERNS.compile(r"(?<![\w.])(?:[A-Za-z0-9-]{2,40}\.){1,4}(?:" + "|".join(_HOST_ENDS) + r")(?![\w])")
_HOST_END_WORDS = tuple("." + end for end in _HOST_ENDS)  # what _HOST_END matches, as strings
_HOST_REACH = 4 * 41 - 1  # from an address's start to the dot of its ending, at most: 4 labels {2,40} and their dots
_PRESS = _PATTERNS.compile(r"(?<![\p{L}])(?i:" + alternation(_LEX["press_words"]) + r")[ ]((?:\p{Lu}[\p{L}\p{M}]*[ ]?){1,3})")
_BLOCKERS = frozenset(_LEX["bare_blockers"])
_BLOCKER_WORDS = max(len(b.split()) for b in _BLOCKERS)
_LEADING = frozenset(_LEX["leading_words"])
_SURNAMES = frozenset(_LEX["surnames"])
_PAREN_OPEN = _PATTERNS.compile(r"[ ]?\([ ]?")
_LIST_SEP = _PATTERNS.compile(fill(r"(?:,[ ]{LIST_JOINERS}[ ]|,[ ]|[ ]{LIST_JOINERS}[ ])$", _LEX))
_TWO_TIER = word_regex(_LEX["two_tier_cues"], flags=regex.IGNORECASE, compile_with=_PATTERNS.compile)
_TWO_TIER_WORDS = WordSet(w.casefold() for w in _LEX["two_tier_cues"])  # the pattern only runs on a text with one
_TWO_TIER_LIST = ARTICLE_WORDS.add("units.two_tier", [w.casefold() for w in _LEX["two_tier_cues"]])
_FORMER = _PATTERNS.compile(r"[ ]?\([ ]?(?:" + alternation(_LEX["former_markers"]) + r")[ ]?\)")
_MONTH = _PATTERNS.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_PATTERNS.save()


# ---------------------------------------------------------------- finding admin mentions

def _scan_typed(text: str, seg: Segment, gaz: Gazetteer, starts: Optional[list[int]]) -> list[Found]:
    out = []
    for m in finditer_at(_TYPED, text, starts, seg.start, seg.end):
        type_word, name = _TYPES[m["type"].lower()], m["name"]
        known = _longest_known(gaz, type_word, name)
        if known:
            end, places = known
            out.append(Found(m.start(), m.start("name") + end, "units.admin_typed", type_word, name[:end], places))
    return out


@lru_cache(maxsize=1 << 14)  # the same names come back, in an article and across a run
def _longest_known(gaz: Gazetteer, type_word: str, name: str) -> Optional[tuple[int, list[Place]]]:
    """Where the longest prefix of the name the gazetteer knows ends, and its places; else the name itself (its
    first three words) when it looks like one."""
    words = _WORD.findall(name) if not name.isdigit() else [name]
    for k in range(len(words), 0, -1):
        end = _prefix_end(name, words, k)
        places = gaz.lookup(type_word, name[:end])
        if places:
            return end, places
    plausible = (name.isdigit() and type_word in _LEX["numbered_types"]) or (
        len(words) >= 2 and all(w[1:].islower() for w in words)
        and words[0] not in _SURNAMES)
    if not plausible:
        return None
    return _prefix_end(name, words, min(len(words), 3)), []


def _prefix_end(name: str, words: list[str], k: int) -> int:
    """Offset in `name` just after its k-th word."""
    pos = 0
    for w in words[:k]:
        pos = name.index(w, pos) + len(w)
    return pos


def _scan_fused(text: str, seg: Segment, gaz: Gazetteer, starts: Optional[list[int]]) -> list[Found]:
    out = []
    for m in finditer_at(_FUSED, text, starts, seg.start, seg.end):
        type_word, bare = gaz.split(_LEX["fused"][m.group(0)])
        out.append(Found(m.start(), m.end(), "units.admin_bare_province", type_word, bare, gaz.lookup(type_word, bare)))
    return out


def _runs(text: str, seg: Segment) -> list[tuple[int, int, str]]:
    """Capitalised runs that may be bare names, read once per segment; whether the words before one block it
    (a street, a person) is asked only of a run that would name a unit."""
    out = []
    for m in finditer_in(_RUN, text, seg.start, seg.end):
        start, surface = m.start(), m.group()
        first, _, rest = surface.partition(" ")
        if first in _LEADING and rest:  # 'Tại Hà Nội' → 'Hà Nội': a capitalised function word opening a sentence
            start, surface = start + len(first) + 1, rest
        out.append((start, start + len(surface), surface))
    return out


def _free(runs: list[tuple[int, int, str]], taken: list[tuple[int, int]]) -> Iterable[tuple[int, int, str]]:
    """The runs not inside a found mention."""
    return (r for r in runs if not _overlaps(r[0], r[1], taken))


def _scan_bare_provinces(text: str, runs: list[tuple[int, int, str]], gaz: Gazetteer,
                         taken: list[tuple[int, int]]) -> list[Found]:
    out = []
    for start, end, surface in runs:
        provinces = gaz.provinces(surface)
        if provinces and not _overlaps(start, end, taken) and not _blocked(text, start):
            out.append(Found(start, end, "units.admin_bare_province", None, surface, provinces))
    return out


def _scan_bare_known(text: str, segs: list[Segment], runs: list[list[tuple[int, int, str]]], gaz: Gazetteer,
                     known: dict[str, Found], founds: list[Found], taken: list[tuple[int, int]]) -> list[Found]:
    """Bare names of units already found; names listed after one (huyện A, B và C); a district heading a title."""
    leaders = {f.end: f for f in founds if f.place and f.type and f.place.level != "province"}
    near = {end + k for end in leaders for k in range(1, 7)}  # the separator would begin where a mention ends
    out = []
    for seg, seg_runs in zip(segs, runs):
        if not known and not leaders and seg.kind != "title":  # nothing a bare name could refer back to or follow
            continue
        out += _bare_known_in(text, seg, seg_runs, gaz, known, leaders, near, taken)
    return out


def _bare_known_in(text: str, seg: Segment, runs: list[tuple[int, int, str]], gaz: Gazetteer, known: dict[str, Found],
                   ends: dict[int, Found], near: set[int], taken: list[tuple[int, int]]) -> list[Found]:
    """One segment's bare names; `ends`: where the mentions a name may be listed after end (the segment's own listed
    names join them, in copies), `near`: the offsets at most 6 characters after one."""
    out, copied = [], False
    for start, end, surface in _free(runs, taken):
        key, listed = name_key(surface), None
        if key not in known:
            listed = _listed_after(text, start, ends) if start in near else None
            if listed is None and not (seg.kind == "title" and start == seg.start and text[end:end + 1] == ":"):
                continue
        if _blocked(text, start):
            continue
        if key in known:
            ref = known[key]
            out.append(Found(start, end, "units.admin_bare_known", ref.type, surface, ref.places, ref.place))
        elif listed is not None:
            # A listed name lies in its leader's province, and in its leader's era when that is known.
            lead = listed.place or listed.places[0]
            same = [p for p in gaz.lookup(listed.type, surface) if p.province == lead.province]
            if listed.place and len(same) > 1:
                same = [p for p in same if p.era == lead.era] or same
            if same:
                found = Found(start, end, "units.admin_listed", listed.type, surface, same)
                found.place = same[0] if len(same) == 1 else None
                if not copied:
                    ends, near, copied = dict(ends), set(near), True
                ends[end] = found
                near.update(range(end + 1, end + 7))
                out.append(found)
        elif seg.kind == "title" and start == seg.start and text[end:end + 1] == ":":
            districts = [p for p in gaz.lookup(None, surface) if p.level == "district"]
            if districts:
                out.append(Found(start, end, "units.admin_bare_known", None, surface, districts))
    return out


def _listed_after(text: str, start: int, ends: dict[int, Found]) -> Optional[Found]:
    """The typed mention this name, starting at most 6 characters after one's end, is listed after: 'huyện Đông
    Hưng, Hưng Hà' → huyện Đông Hưng."""
    m = search_in(_LIST_SEP, text, max(0, start - 6), start)
    return ends.get(m.start()) if m else None


def _blocked(text: str, start: int) -> bool:
    """True when the words just before a name make it a street, a company, a person …"""
    words = text[max(0, start - 24):start].lower().split()
    return any(" ".join(words[-n:]) in _BLOCKERS for n in range(1, _BLOCKER_WORDS + 1))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) meets one of `spans` (sorted, not overlapping each other)."""
    i = bisect.bisect_left(spans, (end,)) - 1
    return i >= 0 and spans[i][1] > start


# ---------------------------------------------------------------- resolving names to places

def article_date(ctx: Context) -> Optional[dt.date]:
    if ctx.anchor:
        return ctx.anchor
    if not ctx.published:  # most pages give none: no ValueError raised and caught for them
        return None
    try:
        return dt.date.fromisoformat(ctx.published[:10])
    except ValueError:
        return None


def reading_date(ctx: Context, named: Iterable[tuple[list[Place], int]]) -> Optional[dt.date]:
    """The date names are read at: the article's own; without one, the reform's first day when the text is
    of the two-tier era (it speaks of it, names a unit only the new set has or a province as former, or a
    day after the reform). `named`: each mention's candidate places and end. A date the text merely mentions
    (the anchor without a publication date) only bounds the article's own from below."""
    date = article_date(ctx)
    if date is not None and (ctx.published or ctx.anchor_from_published or date >= REFORM):
        return date
    if (any(places and ((places[0].era == "new" and all(p.era == "new" for p in places))  # most are old: no generator
                        or _former_province(ctx.text, end, places))
            for places, end in named)
            or _speaks_of_two_tiers(ctx)
            or any(_after_reform(d.value) for d in ctx.dates)):
        return REFORM
    return date


def _speaks_of_two_tiers(ctx: Context) -> bool:
    return _names_a_two_tier_cue(ctx.text) and any(
        search_in(_TWO_TIER, ctx.text, s.start, s.end) for s in _segments(ctx))


@lru_cache(maxsize=4)  # asked of one article by the units step and again by the places step
def _names_a_two_tier_cue(text: str) -> bool:
    found = ARTICLE_WORDS.last(text)  # the article's words, found once by the dates step; not a mini context's
    return bool(found[_TWO_TIER_LIST]) if found is not None else _TWO_TIER_WORDS.any_in(text.casefold())


def _former_province(text: str, end: int, places: list[Place]) -> bool:
    """'Hòa Bình (cũ)': provinces were merged only by the reform, so a former one is written after it."""
    return ("(" in text[end:end + 2] and all(p.level == "province" for p in places)  # most names have no bracket
            and bool(match_in(_FORMER, text, end)))


@lru_cache(maxsize=4096)  # the same months and days come back, article after article
def _after_reform(value: str) -> bool:
    """Whether a dated month or day ('2025-09', '2025-07-15', an interval's end) starts after the reform's first day."""
    m = _MONTH.match(value.rpartition("/")[2])
    return bool(m) and (int(m[1]), int(m[2]), int(m[3] or 1)) > (REFORM.year, REFORM.month, REFORM.day)


_UNDATED_ERA_SCORE = {"old": 1, "new": 0, "hist": -1}


def _era_score(place: Place, date: Optional[dt.date]) -> int:
    if date is None:
        return _UNDATED_ERA_SCORE[place.era]
    if place.era == "hist":
        return 2 if date < place.until else -9
    if date < REFORM:
        return 1 if place.era == "old" else -9
    # Since the reform, old names still appear (what merged into what, "(cũ)"): the article's provinces outweigh the era.
    return 1 if place.era == "new" else -2


def site_provinces(text: str, gaz: Gazetteer) -> set[str]:
    """Provinces the outlet's own address or name points at (BAOTAYNINH.VN, Báo Hải Dương)."""
    names = set()
    stretch = _host_stretch(text)
    for m in finditer_in(_HOST, text, *stretch) if stretch else ():
        for label in m.group(0).split(".")[:-1]:
            names.update(_address_provinces(gaz, label))
    for m in finditer_in(_PRESS, text, 0, len(text)):
        names.update(p.name for p in gaz.provinces(m.group(1).strip()))
    return names


def _host_stretch(text: str) -> Optional[tuple[int, int]]:
    """Where the text's addresses lie (None: it has none): one ends at an ending and starts at most 4 labels of 41
    characters before its dot, so from that far before the first ending up to the character after the last one
    (which the pattern's look-ahead reads); the text around them, often all of it, is not scanned."""
    first = search_in(_HOST_END, text, 0)
    if first is None:
        return None
    return max(0, first.start() - _HOST_REACH), min(len(text), max(text.rfind(end) for end in _HOST_END_WORDS) + 5)


@lru_cache(maxsize=4096)  # a site's address comes back article after article
def _address_provinces(gaz: Gazetteer, label: str) -> tuple[str, ...]:
    return tuple(p.name for p in gaz.provinces_in_address(label))


def _headline_province(ctx: Context, gaz: Gazetteer) -> set[str]:
    """'Tiền Giang: Huyện Châu Thành …': a headline that opens with a province names the story's home."""
    head = (ctx.title or "").partition(":")[0] if ":" in (ctx.title or "") else ""
    return {p.name for p in gaz.provinces(head.strip())} if 0 < len(head) <= 30 else set()


def resolve(founds: list[Found], date: Optional[dt.date], hints: set[str], named: set[str] = frozenset()) -> None:
    """Chooses each mention's place: the article's provinces and districts (or the new units an old one went into)
    first, then its date."""
    known = None  # what the article is sure of, worked out only for a mention with several places
    for f in founds:
        if f.place is not None or not f.places:
            continue
        if len(f.places) == 1:  # nothing to weigh
            f.place = gazetteer.load().as_of(f.places[0], date)
            continue
        provinces, districts, new_units = known = known or _sure(founds, named)
        scored = sorted(((4 * (p.province in provinces)
                          + 3 * (p.district in districts) + 4 * ((p.successor or ("", "", ""))[::2] in new_units)
                          + 2 * (p.province in hints) + _era_score(p, date), i) for i, p in enumerate(f.places)),
                        reverse=True)
        best = f.places[scored[0][1]]
        rivals = [f.places[i] for s, i in scored[1:] if s == scored[0][0]]
        if all((r.name, r.province) == (best.name, best.province) for r in rivals):
            f.place = gazetteer.load().as_of(best, date)


def _sure(founds: list[Found], named: set[str]) -> tuple[set, set, set]:
    """The provinces, districts and new communes the mentions name without doubt (a place set on the way is the
    same unit, its code, level and era unchanged)."""
    provinces = set(named) | {f.places[0].province for f in founds if _one_province(f.places)}
    sure = [(f.place or f.places[0]) for f in founds if f.place or len(f.places) == 1]
    districts = {p.code for p in sure if p.level == "district"}
    new_units = {(p.name, p.code) for p in sure if p.era == "new" and p.level == "commune"}
    return provinces, districts, new_units


def _one_province(places: list[Place]) -> bool:
    return bool(places) and len({p.province for p in places}) == 1


# ---------------------------------------------------------------- building units

def _admin_units(founds: list[Found], warnings: list[str], text: str) -> list[Unit]:
    units: dict[tuple, dict] = {}
    for f in sorted(founds, key=lambda f: f.start):
        unit = units.get(key := _identity(f))
        if unit is None:
            unit = units[key] = _new_admin(f, warnings)
        unit["mentions"].append({"text": text[f.start:f.end], "span": (f.start, f.end)})
    return agencies.UNITS.validate_python(list(units.values()))


def _identity(f: Found) -> tuple:
    if f.place:
        return (f.place.name, f.place.province)
    return (f.type, name_key(f.bare), None)


def _new_admin(f: Found, warnings: list[str]) -> dict:
    p = f.place
    if p is None:
        levels = {q.level for q in f.places} or set(_LEX["levels"].get(f.type or "", []))
        type_word = f.type or (f.places[0].type if f.places else "")
        name = canonical_name(f"{type_word} {f.bare}")
        where = sorted({q.province for q in f.places})
        warnings.append(f"'{name}' could not be resolved: "
                        + (f"it names places in {', '.join(where)}" if where else "it is not in the gazetteer"))
        return {"kind": "admin", "name": name, "level": levels.pop() if len(levels) == 1 else None, "rule": f.rule,
                "mentions": []}
    successor = {"name": p.successor[0], "level": p.successor[1], "code": p.successor[2]} if p.successor else None
    return {"kind": "admin", "name": p.name, "level": p.level, "province": p.province, "code": p.code,
            "successor": successor, "rule": f.rule, "mentions": []}


def _segments(ctx: Context) -> list[Segment]:
    return list(ctx.content(SCAN_KINDS)) or [Segment("body", 0, len(ctx.text))]


def _find_admin(ctx: Context, gaz: Gazetteer, segs: list[Segment], at: dict, named: set[str] = frozenset()) -> list[Found]:
    """Typed mentions and bare province names first, resolved together; then bare names that refer back.
    `at`: where the text has the words mentions begin with (_STARTS)."""
    text = ctx.text
    founds: list[Found] = []
    for seg in segs:
        typed = _scan_typed(text, seg, gaz, at["typed"]) if any_start(at["typed"], seg.start, seg.end) else []
        if any_start(at["fused"], seg.start, seg.end):
            typed += [f for f in _scan_fused(text, seg, gaz, at["fused"]) if not _overlaps(f.start, f.end, _spans(typed))]
        founds += typed
    taken = _spans(founds)
    runs = [_runs(text, seg) for seg in segs]
    founds += [f for r in runs for f in _scan_bare_provinces(text, r, gaz, taken)]
    _narrow_by_parenthesis(text, founds)
    date, hints = reading_date(ctx, ((f.places, f.end) for f in founds)), site_provinces(text, gaz) | _headline_province(ctx, gaz)
    resolve(founds, date, hints, named)
    taken = _spans(founds)
    known = _first_level(founds)
    bare = _scan_bare_known(text, segs, runs, gaz, known, founds, taken)
    resolve(bare, date, hints, named | {f.place.province for f in founds if f.place})
    return founds + bare


def _narrow_by_parenthesis(text: str, founds: list[Found]) -> None:
    """'huyện Châu Thành (Bến Tre)': the province in brackets says which of the same-named units is meant."""
    by_start = {f.start: f for f in founds}
    for f in founds:
        m = _PAREN_OPEN.match(text, f.end) if "(" in text[f.end:f.end + 2] else None  # most names have no bracket
        inner = by_start.get(m.end()) if m else None
        if inner is None or not inner.places or text[inner.end:inner.end + 1] != ")":
            continue
        where = {p.province for p in inner.places if p.level == "province"}
        narrowed = [p for p in f.places if p.level != "province" and p.province in where]
        if narrowed:
            f.places = narrowed


_LEVEL_RANK = {"province": 0, "district": 1, "commune": 2}


def _first_level(founds: list[Found]) -> dict[str, Found]:
    """Bare name key → the resolved district or commune it would refer to (a district before a commune)."""
    known: dict[str, Found] = {}
    for f in sorted(founds, key=lambda f: -_LEVEL_RANK[f.place.level] if f.place else 0):
        if f.place and f.place.level != "province":
            known[name_key(f.bare if f.type else f.place.bare)] = f
    return known


def _spans(founds: list[Found]) -> list[tuple[int, int]]:
    return sorted((f.start, f.end) for f in founds)


def _starts(ctx: Context) -> dict[str, Optional[list[int]]]:
    """`_STARTS.find` of the article, read from the one pass of every step's words when it was made."""
    found = ARTICLE_WORDS.hits(ctx.text, ctx.lower(), ctx.folded())
    if found is None:
        return _STARTS.find(ctx.text, low=ctx.lower())
    at = {name: sorted({start for start, _, _ in found[key]}) for name, key in _STARTS_KEYS.items() if name != "typed"}
    # Most type words are followed by no name (xã hội, tỉnh ủy): the typed pattern is not tried after them.
    at["typed"] = sorted({start for start, end, _ in found[_STARTS_KEYS["typed"]] if _name_after(ctx.text, end)})
    return at


def _name_after(text: str, end: int) -> bool:
    """Whether a type word ending at `end` may be followed by a name: a digit or a capital, after at most one space
    (the typed pattern's name starts with a digit or an upper-case letter; `isupper` and `isdigit` hold for each)."""
    c = text[end:end + 1]
    if c == " ":
        c = text[end + 1:end + 2]
    return c.isupper() or c.isdigit()


def find(ctx: Context) -> list[Unit]:
    gaz = gazetteer.load()
    segs, at = _segments(ctx), _starts(ctx)
    founds = _find_admin(ctx, gaz, segs, at)
    admin = _admin_units(founds, ctx.warnings, ctx.text)
    article = Places(admin, Counter({u.name: len(u.mentions) for u in admin}), _types(admin))
    return admin + agencies.find(ctx, segs, founds, article, at["heads"])


def places(ctx: Context) -> dict:
    """The pipeline step after `units`: the article's places, computed once for the steps that read them."""
    gaz = gazetteer.load()
    named = ((candidates, m.span[1]) for u in ctx.units if u.kind == "admin" and u.code
             for candidates in [gaz.lookup(*gaz.split(u.name))] for m in u.mentions)  # looked up once per unit
    return {"places": places_of(ctx.units, reading_date(ctx, named))}


def places_of(units: list[Unit], date: Optional[dt.date] = None) -> Places:
    """Units as found, the admin ones weighted by their mentions and their agencies'."""
    admin = [u for u in units if u.kind == "admin"]
    agency_units = [u for u in units if u.kind == "agency"]
    weight = Counter({u.name: len(u.mentions) for u in admin})
    suffixes = [(u, _folded_suffix(u.name)) for u in admin] if agency_units else []
    for a in agency_units:
        name = fold(a.name)
        for u, suffix in suffixes:
            if name.endswith(suffix):
                weight[u.name] += len(a.mentions)
    return Places(admin, weight, _types(admin), agency_units, date)


def _types(admin: list[Unit]) -> dict[str, Optional[str]]:
    gaz = gazetteer.load()
    out: dict[str, Optional[str]] = {}
    for u in admin:
        try:
            out[u.name] = gaz.split(u.name)[0]
        except ValueError:
            out[u.name] = None
    return out


@lru_cache(maxsize=4096)  # the same unit names come back, article after article
def _folded_suffix(name: str) -> str:
    type_word, bare = gazetteer.load().split(name)
    return fold(f"{type_word.lower()} {bare}")


def resolve_agency(surface: str, places: Places) -> Optional[Unit]:
    """The canonical agency a surface like 'UBND Huyện' stands for in an article with these places, or None."""
    gaz = gazetteer.load()
    mini = Context(id="agency", text=surface, anchor=places.date)
    named = {u.province for u in [*places.units, *places.agencies] if u.province}
    segs, at = _segments(mini), _STARTS.find(surface)
    founds = _find_admin(mini, gaz, segs, at, named)
    found = agencies.find(mini, segs, founds, places, at["heads"])
    if not found:
        return None
    unit = found[0]
    return next((u for u in places.agencies if fold(u.name) == fold(unit.name)), None) or unit
