"""Officials: people named with a position, in the orders Vietnamese news uses.

A title is a role head (Phó Giám đốc) and the body it is held in (Sở Nội vụ tỉnh
Tiền Giang); the name stands after it ("… Tiền Giang Hồ Vũ Bảo"), before it after
a comma, dash or parenthesis ("bà Trần Thị Quý, Chủ tịch …"), or after it behind
an honorific ("Giám đốc Sở Y tế, ông …"). A name is 2–4 capitalised syllables
starting with a known surname; underthesea is asked only about a name that does
not. Lexicons are data in patterns/officials.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, repeat
from operator import itemgetter
from typing import NamedTuple, Optional

import regex

from extract import ner, units
from extract.context import Context, Segment
from extract.language import rules
from extract.language.words import ARTICLE_WORDS, WordSet, alternation, finditer_in, found_between, match_in, split_in
from extract.language.textnorm import canonical_name, fold
from extract.models import Mention, Official
from extract.units import gazetteer
from extract.language.compiled import Patterns

_PATTERNS = Patterns(__file__)

_RULES = rules.load("officials")
_LEX = _RULES.lexicons
# A word, captured to split a sentence around: "KH&ĐT", "H'Yâo" stay one word.
_WORD = _PATTERNS.compile(r"([\p{L}\p{M}\p{N}]+(?:[&'’][\p{L}\p{M}\p{N}]+)*|\S)")
_SEPARATORS = frozenset({",", "-", "–", "—", "(", ":"})
_DASHES = frozenset({"-", "–", "—"})
_LONGEST_RUN = 8      # capitalised words read at the end of a body: a place (≤ 4) and a name (≤ 4)
_NER_CONTEXT = 80     # characters around a run that underthesea sees


class Tok(NamedTuple):  # a tuple: built for every word of every sentence with a title word
    text: str
    start: int
    end: int
    low: str  # lowercase, canonical tones: how lexicon entries are compared


_new_tok = tuple.__new__  # a Tok without NamedTuple's Python-level constructor


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    """Lowercase with canonical tone placement, so 'hoá' matches the lexicon's 'hóa'."""
    return fold(word)


def _tokenize(text: str, offset: int = 0) -> list[Tok]:
    # Split around the words: between them lies what they do not cover, so their offsets are running sums of lengths.
    parts = split_in(_WORD, text)
    words, at = parts[1::2], list(accumulate(map(len, parts), initial=offset))
    return list(map(_new_tok, repeat(Tok), zip(words, at[1::2], at[2::2], map(_fold_word, words))))


class Phrases:
    """Multi-word lexicon entries matched token by token, longest first."""

    def __init__(self, entries: dict, case_sensitive: bool = False):
        self.case_sensitive = case_sensitive
        self._field = itemgetter(0 if case_sensitive else 3)  # Tok.text or Tok.low
        self.table = {self._key(_tokenize(k)): v for k, v in entries.items()}
        self.first = {k[0] for k in self.table}  # most tokens start no entry: one set lookup rejects them
        lengths: dict[str, set[int]] = {}
        for k in self.table:
            lengths.setdefault(k[0], set()).add(len(k))
        self.lengths = {w: sorted(ns, reverse=True) for w, ns in lengths.items()}  # only those an entry has

    def _key(self, toks) -> tuple[str, ...]:
        return tuple(map(self._field, toks))

    def match(self, toks: list[Tok], i: int) -> Optional[tuple[int, object]]:
        lengths = self.lengths.get(self._field(toks[i])) if i < len(toks) else None
        if lengths is None:
            return None
        for n in lengths:
            key = self._key(toks[i:i + n]) if i + n <= len(toks) else None
            if key in self.table:
                return n, self.table[key]
        return None


def _roles() -> dict:
    heads = {h: None for h in _LEX["roles"]} | dict(_LEX["roles_with_body"])
    out = dict(heads)
    for prefix in _LEX["role_prefixes"]:
        out |= {f"{prefix} {h}": body for h, body in heads.items()}
    return {k: (k, body) for k, body in out.items()}


ROLES = Phrases(_roles())
QUALIFIERS = Phrases({q: q for q in _LEX["role_qualifiers"]}, case_sensitive=True)
FORMER = Phrases({w: w for w in _LEX["former"]})
_TITLE_STARTS = ROLES.first | FORMER.first  # words that can open a title: most words of a sentence are not
NOW = Phrases({w: w for w in _LEX["now"]})
MEMBERSHIPS = frozenset(_LEX["memberships"])
HONORIFICS = Phrases(_LEX["honorifics"])
BODIES = Phrases({b: b for b in _LEX["bodies"]}, case_sensitive=True)
ADMIN = Phrases({a: a for a in _LEX["admin_words"]})
FIELDS = Phrases({f: f for f in _LEX["fields"]})
CONTINUATIONS = Phrases({c: c for c in _LEX["body_continuations"]})
JOINERS = frozenset(_LEX["body_joiners"])
POSITION_JOINERS = frozenset(_LEX["position_joiners"])
STOPS = frozenset(_LEX["body_stops"])
SURNAMES = frozenset(fold(s) for s in _LEX["surnames"])
_NAME_PREFIX = _PATTERNS.compile(r"^(?:" + alternation(_LEX["name_prefixes"], longest_first=False) + r")(?=\p{Lu})")
_NAME_PREFIXES = tuple(_LEX["name_prefixes"])  # a word that starts with none of them is left to no regex call
ABBREVIATIONS = _LEX["abbreviations"]
_PARTY_BODIES = tuple(_fold_word(w) + " " for w in _LEX["party_bodies"])
_EXECUTIVE_BODIES = tuple(_fold_word(w) + " " for w in _LEX["executive_bodies"])
_GATE_WORDS = [r.lower() for r in _LEX["roles"] + list(_LEX["roles_with_body"])]
_GATE = WordSet(_GATE_WORDS)
_GATE_LIST = ARTICLE_WORDS.add("officials.roles", _GATE_WORDS)
# A title word: cheap test that keeps a sentence without one away from the parser and underthesea.


def _is_cap(t: Tok) -> bool:
    return t.text[0].isupper()


def _is_syllable(t: Tok) -> bool:
    """A capitalised syllable of a personal name (not an all-caps abbreviation); Ê Đê women's names: H'Yâo."""
    word = _NAME_PREFIX.sub("", t.text) if t.text.startswith(_NAME_PREFIXES) else t.text
    return word.isalpha() and word[0].isupper() and (len(word) == 1 or word[1:].islower())


def _starts_name(t: Tok) -> bool:
    return fold(t.text) in SURNAMES or (t.text.startswith(_NAME_PREFIXES) and bool(_NAME_PREFIX.match(t.text)))


def _is_place(bare: str) -> bool:
    return bool(gazetteer.load().lookup(None, bare))


@dataclass
class Position:
    role: str
    former: bool                  # a former post or a bare membership: kept in the title, not the role
    start: int                    # token index of the title's first word
    end: int                      # token index after the title
    body: Optional[str] = None    # body word implied by the role (Trưởng phòng → Phòng)
    org: Optional[tuple[int, int]] = None  # token range of the body as written


@dataclass
class Found:
    name: str
    name_span: tuple[int, int]
    honorific: Optional[str]
    role: str
    title_span: tuple[int, int]
    rule: str
    org: Optional[tuple[str, tuple[int, int]]]  # the body as written (with an implied head word) and its span
    resume: int                                  # token index where the sentence scan goes on


# --- bodies and titles -------------------------------------------------------

def _body_end(toks: list[Tok], j: int) -> tuple[int, Optional[int], bool]:
    """End of a body's name starting at token j; start of its last capitalised run; whether that run follows an admin word."""
    k, run, after_admin = j, None, False
    while k < len(toks):
        t = toks[k]
        if t.text == "(" and k + 2 < len(toks) and toks[k + 1].text.isupper() and toks[k + 2].text == ")":
            k, run = k + 3, None  # "(UBND)" restates the abbreviation
            continue
        m = BODIES.match(toks, k)
        if m and not ROLES.match(toks, k):
            k, run, after_admin = k + m[0], None, False
            continue
        m = ADMIN.match(toks, k)
        if m:
            k, run, after_admin = k + m[0], None, True
            continue
        m = FIELDS.match(toks, k) if _is_cap(t) else None
        if m:
            k, run, after_admin = k + m[0], None, False
            continue
        m = CONTINUATIONS.match(toks, k) if not after_admin else None
        if m:  # "Hành chính công", "đăng ký đất đai": words a body's name goes on with, whatever their case
            k, run = k + m[0], None
            continue
        # Right after a unit word a capitalised "Bà" starts the place's name (tỉnh Bà Rịa), not a person.
        honorific = HONORIFICS.match(toks, k) and not (after_admin and run is None)
        if (_is_cap(t) and not ROLES.match(toks, k) and not honorific) or (after_admin and run is None and t.text.isdigit()):
            run = k if run is None else run
            k += 1
            continue
        if t.text == "(" and after_admin and run is not None and (close := _bracketed_place_end(toks, k)):
            k, run = close, None  # "huyện Châu Thành (Tiền Giang)": the province in brackets belongs to the body
            continue
        if after_admin and run is not None:
            dashed = _dashed_place_end(toks, run, k) if t.text in _DASHES else None
            if dashed is None:
                break  # nothing continues a body after its place name
            k = dashed  # "Bà Rịa – Vũng Tàu": a dash inside the place's own name
            continue
        m = CONTINUATIONS.match(toks, k)
        if m and k > j:
            k, run = k + m[0], None
            continue
        prev = toks[k - 1] if k > j else None
        if prev and t.text.islower() and t.text not in STOPS and _is_syllable(prev) and run is not None:
            k, run = k + 1, None  # the second syllable of a capitalised word: Nội vụ, Tư pháp
            continue
        if t.text in JOINERS and k + 1 < len(toks) and _is_cap(toks[k + 1]) and not ROLES.match(toks, k + 1) \
                and not HONORIFICS.match(toks, k + 1) and k > j:
            k, run = k + 1, None
            continue
        break
    return k, run, after_admin


def _bracketed_place_end(toks: list[Tok], open_at: int) -> Optional[int]:
    """Token index after '(Province)' opening at `open_at`, if the brackets hold only a known place."""
    close = next((j for j in range(open_at + 1, min(len(toks), open_at + 6)) if toks[j].text == ")"), None)
    if close is None or close == open_at + 1 or not all(_is_syllable(t) for t in toks[open_at + 1:close]):
        return None
    return close + 1 if _is_place(" ".join(t.text for t in toks[open_at + 1:close])) else None


def _dashed_place_end(toks: list[Tok], run: int, dash: int) -> Optional[int]:
    """Token index after a place name that goes on across the dash at `dash`, if the gazetteer knows it."""
    head = " ".join(t.text for t in toks[run:dash])
    best, j = None, dash + 1
    while j < len(toks) and j - dash <= 3 and _is_syllable(toks[j]):
        j += 1
        if _is_place(head + " - " + " ".join(t.text for t in toks[dash + 1:j])):
            best = j
    return best


def _position(toks: list[Tok], i: int) -> Optional[tuple[Position, Optional[int], bool]]:
    """A role (and its body) starting at token i; with the start of the body's last capitalised run."""
    k = i
    former = FORMER.match(toks, k)
    if former:
        k += former[0]
    role = ROLES.match(toks, k)
    if not role:
        return None
    (head, body_word), k = role[1], k + role[0]
    while (q := QUALIFIERS.match(toks, k)):
        k += q[0]
    pos = Position(head, bool(former) or head in MEMBERSHIPS, i, k, body=body_word)
    if body_word:
        end, run, after_admin = _body_end(toks, k)
        # The role's last words are the body's kind (Trưởng phòng → Phòng …): the body starts there.
        pos.org, pos.end = ((k - len(_tokenize(body_word)), end) if end > k else None), end
        return pos, run, after_admin
    b = BODIES.match(toks, k)
    if not b:
        run = k if k < len(toks) and _is_syllable(toks[k]) else None
        return pos, run, False
    end, run, after_admin = _body_end(toks, k + b[0])
    pos.org, pos.end = (k, end), end
    return pos, run, after_admin


def _title(toks: list[Tok], i: int) -> Optional[tuple[list[Position], Optional[int], bool]]:
    """One or more positions joined by commas, dashes or 'kiêm' (Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ)."""
    first = _position(toks, i)
    if not first:
        return None
    positions, (run, after_admin) = [first[0]], first[1:]
    while positions[-1].end + 1 < len(toks):
        k = positions[-1].end
        joined = toks[k].low in POSITION_JOINERS
        now = NOW.match(toks, k + joined)  # "nguyên Giám đốc Sở X, nay là Phó Chủ tịch …": the post after is current
        if not joined and not now:
            break
        nxt = _position(toks, k + joined + (now[0] if now else 0))
        if not nxt:
            break
        positions.append(nxt[0])
        run, after_admin = nxt[1:]
    return positions, run, after_admin


# --- names -------------------------------------------------------------------

def _name_length(run: list[Tok], after_admin: bool) -> int:
    """How many syllables at the end of a capitalised run are a personal name (0: none)."""
    if not run or not all(_is_syllable(t) for t in run[-2:]):
        return 0
    if _is_place(" ".join(t.text for t in run)):
        return 0  # "Lâm Đồng", "Hồ Chí Minh": a place, even when it reads like a name
    best = ((-1, -1), 0)
    for k, pref in ((3, 2), (4, 1), (2, 0)):
        if k > len(run) or not _starts_name(run[-k]) or not all(_is_syllable(t) for t in run[-k:]):
            continue
        prefix = " ".join(t.text for t in run[:-k])
        if not prefix and after_admin and k == 2:
            continue  # "tỉnh Hà Nam": a two-syllable run right after a unit word is a place
        # A prefix after a unit word should be the place; one that is not is a weaker reading.
        score = (2 if not prefix or not after_admin or _is_place(prefix) else 1, pref)
        best = max(best, (score, k))
    return best[1]


def _ner_name(run: list[Tok], after_admin: bool, sentence: tuple[str, int]) -> int:
    """Syllables at the end of the run underthesea reads as one proper noun that is a person."""
    text, offset = sentence
    if len(run) < 2 or (after_admin and _is_place(" ".join(t.text for t in run))):
        return 0  # the run is the unit's own name
    # underthesea slows down more than linearly on long input: give it the run and a little context.
    lo, hi = max(0, run[0].start - offset - _NER_CONTEXT), min(len(text), run[-1].end - offset + _NER_CONTEXT)
    words = [w for w in ner.tag(text[lo:hi], offset + lo) if w.pos == "Np" and run[0].start <= w.start and w.end == run[-1].end]
    if not words:
        return 0
    last = words[-1]
    k = sum(1 for t in run if t.start >= last.start)
    prefix = " ".join(t.text for t in run if t.end <= last.start)
    if not 2 <= k <= 4 or _is_place(" ".join(t.text for t in run[-k:])):
        return 0
    return k if last.label == "PER" or (after_admin and prefix and _is_place(prefix)) else 0


def _name_before(toks: list[Tok], sep: int) -> Optional[tuple[int, int]]:
    """Token range of a name ending right before the separator at `sep`."""
    j = sep
    while j > 0 and sep - j < 6 and _is_syllable(toks[j - 1]):
        j -= 1
    run = toks[j:sep]
    after_admin = j > 0 and bool(ADMIN.match(toks, j - 1)) and toks[j - 1].text.islower()
    k = _name_length(run, after_admin)
    return (sep - k, sep) if k else None


def _ner_name_before(toks: list[Tok], sep: int, sentence: tuple[str, int]) -> Optional[tuple[int, int]]:
    """A name with no known surname behind an honorific (ông Ksor Phước Hà, …), when underthesea calls it a person."""
    j = sep
    while j > 0 and sep - j < 4 and _is_syllable(toks[j - 1]) and not HONORIFICS.match(toks, j - 1):
        j -= 1
    if j == sep or not _honorific_before(toks, j):
        return None
    k = _ner_name(toks[j:sep], False, sentence)
    return (j, sep) if k == sep - j else None


def _honorific_before(toks: list[Tok], i: int) -> Optional[tuple[int, Optional[str]]]:
    """The honorific ending right before token i: (its length in tokens, ông/bà or None for đồng chí)."""
    for n in (1, 2, 3):
        m = HONORIFICS.match(toks, i - n) if i - n >= 0 else None
        if m and m[0] == n:
            return m
    return None


# --- one sentence -------------------------------------------------------------

def _in_sentence(text: str, a: int, b: int) -> list[Found]:
    sentence = text[a:b]
    toks = _tokenize(sentence, a)
    found, resume = [], 0
    for i in [i for i, t in enumerate(toks) if t.low in _TITLE_STARTS]:  # only these can open a title
        title = _title(toks, i) if i >= resume and (ROLES.match(toks, i) or FORMER.match(toks, i)) else None
        if not title:
            continue
        positions, run, after_admin = title
        item = _name_first(toks, text, i, positions, (sentence, a)) or _name_after(toks, text, positions, run, after_admin, (sentence, a))
        found += [item] if item else []
        resume = max(item.resume if item else positions[-1].end, i + 1)
    return found


def _make(toks, text, name_range, honorific, positions, rule, resume) -> Found:
    s, e = name_range
    role, chosen = _chosen(positions, toks)
    org = None
    if chosen.org and chosen.org[1] > chosen.org[0]:
        span = (toks[chosen.org[0]].start, toks[chosen.org[1] - 1].end)
        if chosen.body:  # written "phòng" inside "Trưởng phòng": the canonical kind word replaces it
            kind_end = toks[chosen.org[0] + len(_tokenize(chosen.body)) - 1].end
            org = chosen.body + text[kind_end:span[1]], span
        else:
            org = text[span[0]:span[1]], span
    return Found(
        name=" ".join(t.text for t in toks[s:e]), name_span=(toks[s].start, toks[e - 1].end),
        honorific=honorific, role=role, rule=rule, org=org, resume=resume,
        title_span=(toks[positions[0].start].start, toks[positions[-1].end - 1].end),
    )


def _name_first(toks, text, i, positions, sentence) -> Optional[Found]:
    """Name, then separator, then title: 'bà Trần Thị Quý, Chủ tịch …', 'ông X (Phó Chủ tịch …)'."""
    if i < 2 or toks[i - 1].text not in _SEPARATORS:
        return None
    name = _name_before(toks, i - 1) or _ner_name_before(toks, i - 1, sentence)
    if not name:
        return None
    honorific = _honorific_before(toks, name[0])
    if name[1] - name[0] == 2 and not honorific:
        return None  # two capitalised words before a comma are a name only behind an honorific
    rule = "officials.name_paren_title" if toks[i - 1].text == "(" else "officials.name_title"
    return _make(toks, text, name, honorific and honorific[1], positions, rule, positions[-1].end)


def _name_after(toks, text, positions, run, after_admin, sentence) -> Optional[Found]:
    """Title, then the name: at the end of the body's last run, right after a bare role, or after ', ông'."""
    last = positions[-1]
    if run is not None and last.org:
        span = toks[max(run, last.end - _LONGEST_RUN):last.end]
        k = _name_length(span, after_admin) or _ner_name(span, after_admin, sentence)
        if k:
            last.org, last.end = (last.org[0], last.end - k), last.end - k
            return _make(toks, text, (last.end, last.end + k), None, positions, "officials.title_name", last.end + k)
    elif run is not None:
        span = toks[run:_run_end(toks, run)]
        k = _name_length(span, False)
        if k and k == len(span):
            return _make(toks, text, (run, run + k), None, positions, "officials.title_name", run + k)
    e = last.end
    if e + 1 < len(toks) and toks[e].text in _DASHES:  # "Phó Chủ tịch UBND huyện X - Nguyễn Văn A"
        span = toks[e + 1:_run_end(toks, e + 1)]
        k = _name_length(span, False)
        if k and k == len(span):
            return _make(toks, text, (e + 1, e + 1 + k), None, positions, "officials.title_dash_name", e + 1 + k)
    h = HONORIFICS.match(toks, e + 1) if e + 2 < len(toks) and toks[e].text == "," else None
    if h:
        start = e + 1 + h[0]
        span = toks[start:_run_end(toks, start)]
        k = _name_length(span, False)
        if k and k == len(span):
            return _make(toks, text, (start, start + k), h[1], positions, "officials.title_comma_name", start + k)
    return None


def _run_end(toks, start) -> int:
    j = start
    while j < len(toks) and j - start < 6 and _is_syllable(toks[j]):
        j += 1
    return j


# --- organizations --------------------------------------------------------------

def _chosen(positions: list[Position], toks: list[Tok]) -> tuple[str, Position]:
    """The role head(s) and the position whose body is the organization: the first current state post.

    Concurrent posts list the Party post first ("Phó Bí thư Huyện ủy, Chủ tịch UBND huyện"); administrative
    matters are handled in the people's committee, so a post there wins over a Party committee's.
    """
    current = [p for p in positions if not p.former] or positions
    with_body = [p for p in current if p.org]
    executive = [p for p in with_body if _body_starts(toks, p, _EXECUTIVE_BODIES)]
    if executive and _body_starts(toks, with_body[0], _PARTY_BODIES):
        with_body = executive
    chosen = (with_body or current)[0]  # otherwise the first listed is the main post
    roles = [chosen.role]
    for p in reversed(current[:current.index(chosen)]):
        if p.org:
            break
        roles.insert(0, p.role)  # "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ": both heads of one body
    return ", ".join(roles), chosen


def _body_starts(toks: list[Tok], p: Position, heads: tuple[str, ...]) -> bool:
    """Whether a position's body, folded, starts with one of these heads ('huyện ủy', 'ubnd')."""
    return (" ".join(t.low for t in toks[p.org[0]:p.org[1]]) + " ").startswith(heads)


def _expand(surface: str, ctx: Context) -> str:
    """Fallback canonical body: abbreviations expanded, unit words lowercased, a bare unit word resolved."""
    toks = _tokenize(surface)
    out, k, gap_from = [], 0, 0
    while k < len(toks):
        t = toks[k]
        if t.text == "(" and k + 2 < len(toks) and toks[k + 2].text == ")":
            k, gap_from = k + 3, toks[k + 2].end  # "(UBND)" restates what stands before it
            continue
        admin = ADMIN.match(toks, k) if k > 0 else None
        n = admin[0] if admin else 1
        words = [ABBREVIATIONS.get(x.text, x.text) for x in toks[k:k + n] if x.text != "."]
        word = " ".join(words).lower() if admin else words[0]
        gap = surface[gap_from:t.start] or (" " if out and out[-1][-1].isalnum() and word[0].isalnum() else "")
        out.append(gap + word)  # "TP.HCM" → "thành phố Hồ Chí Minh"
        k, gap_from = k + n, toks[k + n - 1].end
    return _resolve_bare_unit(canonical_name("".join(out)), ctx)


_UNIT_WORDS = sorted(rules.load("units").lexicons["tier_words"], key=len, reverse=True)  # "thị xã" before "xã"


def _bare_unit_word(name: str) -> Optional[str]:
    """The unit word a body's name ends with when no unit name follows it ('Ủy ban nhân dân huyện')."""
    return next((w for w in _UNIT_WORDS if name.lower().endswith(" " + w)), None)


def _resolve_bare_unit(name: str, ctx: Context) -> str:
    """'Ủy ban nhân dân huyện' + the article's most named district → 'Ủy ban nhân dân huyện Tháp Mười'."""
    word = _bare_unit_word(name)
    places = [u for u in ctx.units if word and u.kind == "admin" and u.name.lower().startswith(word + " ")]
    places.sort(key=lambda u: len(u.mentions), reverse=True)
    if not places or (len(places) > 1 and len(places[1].mentions) == len(places[0].mentions)):
        return name  # no unit of that type, or no clear one
    return f"{name} {places[0].name[len(word) + 1:]}"


def _organization(ctx: Context, surface: str, span: tuple[int, int]) -> str:
    # The units finder's agency named at the start of the body (not "UBND tỉnh" inside "Văn phòng UBND tỉnh").
    inside = [(m.span[1] - m.span[0], u) for u in ctx.units if u.kind == "agency"
              for m in u.mentions if span[0] == m.span[0] and m.span[1] <= span[1]]
    if inside:
        return _resolve_bare_unit(max(inside, key=lambda x: x[0])[1].name, ctx)
    unit = units.resolve_agency(surface, ctx.places)
    # Trust the units finder's reading only when it read the whole body and resolved its unit.
    if unit is not None and unit.mentions and unit.mentions[0].span == (0, len(surface)) \
            and not _bare_unit_word(unit.name):
        return unit.name
    return _expand(surface, ctx)


# --- the article ----------------------------------------------------------------

def _sentences(ctx: Context, seg: Segment):
    return list(ctx.sentences_in(seg)) or [(seg.start, seg.end)]


def _titled(ctx: Context, segments: list[Segment]) -> list[tuple[int, int]]:
    """The sentences with a title word (most pages hold none): the words found once in the page's lower case."""
    text = ctx.text
    found = ARTICLE_WORDS.hits(text, ctx.lower(), ctx.folded())
    low = ctx.lower()  # made by the dates step already
    if len(low) != len(text):  # offsets in the lower case are not the text's: each paragraph and sentence lowered alone
        return [(a, b) for s in segments if _GATE.any_in(text[s.start:s.end].lower())
                for a, b in _sentences(ctx, s) if _GATE.any_in(text[a:b].lower())]
    hits = _GATE.hits(low) if found is None else found[_GATE_LIST]
    return [(a, b) for s in segments if found_between(hits, s.start, s.end)
            for a, b in _sentences(ctx, s) if found_between(hits, a, b)] if hits else []


def _official(ctx: Context, f: Found) -> Official:
    return Official(
        name=canonical_name(f.name), honorific=f.honorific, role=f.role,
        organization=_organization(ctx, *f.org) if f.org else None,
        title=ctx.text[f.title_span[0]:f.title_span[1]],
        mentions=[Mention(text=ctx.text[f.name_span[0]:f.name_span[1]], span=f.name_span)], rule=f.rule,
    )


def _merge(officials: list[Official]) -> list[Official]:
    """One record per person: the fullest title wins; mentions and honorific are pooled."""
    by_name: dict[str, Official] = {}
    for o in officials:
        key = fold(o.name)
        have = by_name.get(key)
        if have is None:
            by_name[key] = o
            continue
        richer = o if (o.organization and not have.organization) else have
        richer.mentions = have.mentions + [m for m in o.mentions if m not in have.mentions]
        richer.honorific = have.honorific or o.honorific
        by_name[key] = richer
    return list(by_name.values())


def _later_mentions(ctx: Context, officials: list[Official], segments: list[Segment]) -> None:
    """Every other place each person is named: full name, or honorific + given name when unambiguous."""
    given = {}
    for o in officials:
        given.setdefault(fold(o.name.split()[-1]), []).append(o)
    for o in officials:
        # Longest first, as a regex alternation would try them: the longest surface wins at a position.
        surfaces = sorted({canonical_name(o.name), *(m.text for m in o.mentions)}, key=len, reverse=True)
        short = o.name.split()[-1] if len(given[fold(o.name.split()[-1])]) == 1 else None
        spans = {m.span for m in o.mentions}
        for seg in segments:
            if not _names_in(ctx.text, seg, surfaces, short):
                continue  # most paragraphs name the person nowhere: not cut out of the page
            chunk = ctx.text[seg.start:seg.end]
            for a, b in _whole_words(chunk, surfaces):
                spans.add((a + seg.start, b + seg.start))
            if short and short in chunk:  # no given name in the segment: no brief mention in it
                for m in finditer_in(_brief(short), chunk):
                    sp = (m.start(1) + seg.start, m.end(1) + seg.start)
                    if not any(a <= sp[0] and sp[1] <= b for a, b in spans):
                        spans.add(sp)
        o.mentions = [Mention(text=ctx.text[a:b], span=(a, b)) for a, b in sorted(spans)]
        o.honorific = o.honorific or _honorific_of(ctx.text, o.mentions)


def _names_in(text: str, seg: Segment, surfaces: list[str], short: Optional[str]) -> bool:
    """Whether one of the surfaces, or the given name, stands in the segment at all."""
    for s in (*surfaces, short) if short else surfaces:
        if text.find(s, seg.start, seg.end) >= 0:
            return True
    return False


_LETTER = _PATTERNS.compile(r"[\p{L}\p{M}]")


def _whole_words(chunk: str, surfaces: list[str]) -> list[tuple[int, int]]:
    """What finditer of the whole-word alternation of `surfaces` (longest first) finds, by plain string search:
    a regex compiled per person and article cost more than the search."""
    longest: dict[int, int] = {}  # start → end of the longest surface there with a word edge on both sides
    for s in surfaces:
        i = chunk.find(s)
        while i != -1:
            e = i + len(s)
            if (i == 0 or not match_in(_LETTER, chunk, i - 1)) and (e == len(chunk) or not match_in(_LETTER, chunk, e)):
                longest.setdefault(i, e)
            i = chunk.find(s, i + 1)
    out, pos = [], 0
    for i in sorted(longest):  # leftmost first, no overlap: as finditer
        if i >= pos:
            out.append((i, longest[i]))
            pos = longest[i]
    return out


@lru_cache(maxsize=4096)
def _brief(short: str) -> regex.Pattern:
    """Honorific + given name: given names repeat across articles, so the pattern is compiled once per name."""
    return regex.compile(rf"(?i:(?<![\p{{L}}])(?:{_ANY_HONORIFIC})\s+)({regex.escape(short)})(?![\p{{L}}\p{{M}}])(?!\s+\p{{Lu}})")


_ANY_HONORIFIC = alternation(_LEX["honorifics"], longest_first=False)
# Only an honorific that gives a gender (ông, bà) is kept on the official.
_HONORIFIC_BEFORE = _PATTERNS.compile(
    r"(?i)(?<![\p{L}])(" + alternation([w for w, g in _LEX["honorifics"].items() if g], longest_first=False) + r")\s+$")


def _honorific_of(text: str, mentions: list[Mention]) -> Optional[str]:
    for m in mentions:
        hit = _HONORIFIC_BEFORE.search(text[max(0, m.span[0] - 6):m.span[0]])
        if hit:
            return hit.group(1).lower()
    return None


def find(ctx: Context) -> list[Official]:
    authors = {fold(a) for a in ctx.authors}
    segments = list(ctx.content())
    found = [f for a, b in _titled(ctx, segments) for f in _in_sentence(ctx.text, a, b)]
    officials = _merge([_official(ctx, f) for f in found if fold(f.name) not in authors])
    _later_mentions(ctx, officials, segments)
    return officials
_PATTERNS.save()  # every module-level pattern is built by here
