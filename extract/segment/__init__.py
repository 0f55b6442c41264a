"""Typed segments of a scraped page, its sentences, and title/published/authors.

A page is read line by line (blocks). Line patterns in patterns/segment.yaml
say what a line is on its own (a date line, a counter, a menu …); position
decides the rest: what stands before the title is chrome, the date line under
the title is the article's own (one above it is the site clock when both
exist), the last name-shaped line is the byline and what follows it is not the
article.
"""
from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

import regex

from extract.context import CONTENT_KINDS, Context, Segment
from extract.language import rules
from extract.language.words import alternation, fill, match_in, search_in, split_in
from extract.language.textnorm import name_case
from extract.language.compiled import Patterns

_PATTERNS = Patterns(__file__)



def _load_punkt():
    """underthesea's sentence splitter without underthesea's package init, which imports its NER, tagging and
    normalizing models (0.3 s and 30 MB a process) that extraction never uses. The module is plain Python."""
    try:
        path = Path(importlib.util.find_spec("underthesea").origin).parent / "pipeline" / "sent_tokenize" / "__init__.py"
        spec = importlib.util.spec_from_file_location("_extract_sent_tokenize", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except (AttributeError, OSError, TypeError):  # another layout of underthesea: its public import
        import underthesea.pipeline.sent_tokenize as module
    module._load_model()
    return module.sentence_tokenizer


_PUNKT = _load_punkt()
_RULES = rules.load("segment")
_LEX = _RULES.lexicons
_LINE_RULES = [(r.id, r.assigns, _PATTERNS.compile(r.pattern)) for r in _RULES.rules]  # type: ignore[attr-defined]
# What every match of a line rule contains (each entry: one of its |-separated words); a line without it is skipped.
_NEEDS = {r.id: [n.split("|") for n in getattr(r, "needs", ())] for r in _RULES.rules}
_BY_ID = {rid: (kind, pat) for rid, kind, pat in _LINE_RULES}
_PREFIX_RULES = ("segment.crawler_mark", "segment.null_prefix")
_PREFIXES = [(rid, _BY_ID[rid][1], _NEEDS[rid]) for rid in _PREFIX_RULES]
# A line holding none of these words (each prefix rule's first `needs`) has no prefix to split off.
_PREFIX_CUES = tuple(w for _, _, needs in _PREFIXES for w in needs[0])
_CLASSIFYING_RULES = [(rid, kind, pat, _NEEDS[rid]) for rid, kind, pat in _LINE_RULES if rid not in _PREFIX_RULES]
_LEADING_FLAGS = _PATTERNS.compile(r"^\(\?([a-z]+)\)(.*)$", regex.DOTALL)  # "(?i)^…" → "(?i:^…)": scoped in an alternation
_GLOBAL_FLAG = _PATTERNS.compile(r"(?<!\\)\(\?[a-z]+\)")


def _first_plain_rule() -> regex.Pattern:
    """The rules without `needs` as one ordered alternation: one call tells the first of them that matches a line
    (running text matches none), instead of a call per rule."""
    branches = [(n, _LEADING_FLAGS.sub(r"(?\1:\2)", pat.pattern)) for n, (_, _, pat, needs) in enumerate(_CLASSIFYING_RULES)
                if not needs]
    if any(_GLOBAL_FLAG.search(body) for _, body in branches):  # it would hold for every branch
        raise ValueError("a segment line rule sets a flag inside its pattern: scope it, as in (?i:…)")
    return _PATTERNS.compile("|".join(f"(?P<r{n}>{body})" for n, body in branches))


_FIRST_PLAIN_RULE = _first_plain_rule()
_NEEDY_RULES = [(n, rid, kind, pat, needs) for n, (rid, kind, pat, needs) in enumerate(_CLASSIFYING_RULES) if needs]
_OUTLET_TAG = _PATTERNS.compile(_LEX["outlet_tag"])
_NAME = _PATTERNS.compile(_LEX["byline_name"])
_NAME_SEP = _PATTERNS.compile(_LEX["byline_separators"])
_AFFILIATION = _PATTERNS.compile(_LEX["byline_affiliation"])
_STAMP = _PATTERNS.compile(_LEX["trailing_stamp"])
_NOT_NAMES = frozenset(_LEX["not_names"])
_BYLINE_PREFIX = _PATTERNS.compile(_LEX["byline_prefix"])
_BYLINE_MAX_WORDS = int(_LEX["byline_max_words"])
_EDGE_MARKS = " \t•·|,;-–—"
_LINE = _PATTERNS.compile(r"[^\r\n]+")
_DMY = _PATTERNS.compile(fill(r"(\d{1,2})\s*(?:[/.-]|\s+{MONTH_WORDS}\s+)(\d{1,2})\s*(?:[/.-]|,?\s*{YEAR_WORDS}\s+)(\d{4})", _LEX))
_TIME = _PATTERNS.compile(r"(?<![\d/.-])(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?![\d/])")
_MONTH_NAMES = {name.lower(): n for name, n in _LEX["month_names"].items()}
_NAMED_MONTH = _PATTERNS.compile(fill(r"(\d{1,2})\s+(?i:{MONTH_WORDS})\s+(", _LEX) + alternation(_LEX["month_names"])
                             + r")\s*,?\s+(\d{4})")
_WIDE_GAP = _PATTERNS.compile(r"\S\s{3,}\S")  # columns of a layout table, not a sentence
_CRAWL_MARK = _PATTERNS.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\s")
_AFTERNOON = _PATTERNS.compile(r"\s*(?:PM|CH)\b")  # "02:34 PM", "02:34 CH" (chiều)
_POSTED = _PATTERNS.compile(r"(?:Ngày đăng|Đăng lúc|Đăng ngày|Cập nhật|Xuất bản)\b")
_HAS_WORD = _PATTERNS.compile(r"\p{L}{2}")
_EARLIEST_YEAR = 1990  # no page here is older: an earlier date is a template's placeholder (01/01/0001)
_CLAUSE_END = ".?!…\"”),;:"  # how running text ends a line: a short line ending otherwise is a caption
_SPLIT_MARKS = "".join(sorted(_PUNKT.SENT_END_CHARS))  # ".?!": where underthesea's splitter may end a sentence
_ABBREVIATIONS = frozenset(_PUNKT.abbrev_types)
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))
_HEADER_SPAN = 10  # blocks at the top of a page where title and date line are looked for
_TAIL_SPAN = 10  # blocks at the end where the byline is looked for


@dataclass(slots=True)
class Block:
    start: int
    end: int
    kind: Optional[str] = None
    rule: Optional[str] = None


def read(ctx: Context) -> dict:
    """The pipeline step: typed segments, content sentences, and the page's own title, date and byline."""
    text = ctx.text
    blocks = _blocks(text)
    body_start = _header(text, blocks)
    _tail(text, blocks, body_start)
    _body(text, blocks, body_start)
    segments = [Segment(b.kind or "body", b.start, b.end) for b in blocks]
    content = [s for s in segments if s.kind in CONTENT_KINDS]
    return {"segments": segments, "sentences": [s for seg in content for s in _sentences(text, seg)],
            **_metadata(ctx, blocks)}


def segment(ctx: Context) -> None:
    """Segments a context in place (for callers outside the pipeline)."""
    for field, value in read(ctx).items():
        setattr(ctx, field, value)


# ---- blocks and line patterns ------------------------------------------------

def _blocks(text: str) -> list[Block]:
    """The page's stripped lines, each classified by the line rules."""
    out: list[Block] = []
    cues = [w for w in _PREFIX_CUES if w in text]  # most pages hold none: their lines skip the test
    for start, line in _lines(text):
        kept = line.strip()  # str.strip drops what str.isspace (as _strip) calls space
        if not kept:
            continue
        s = start + len(line) - len(line.lstrip())
        for w in cues:
            if w in kept:
                for b in _split_prefix(text, s, s + len(kept)):
                    if not b.kind:
                        b.kind, b.rule = _line_rule(text[b.start:b.end])
                    out.append(b)
                break
        else:
            out.append(Block(s, s + len(kept), *_line_rule(kept)))
    return out


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Each run of characters other than line breaks (`_LINE`) and where it starts: by str.split, far cheaper than
    a regex's scan, when no carriage return complicates it."""
    if "\r" in text:
        yield from ((m.start(), m.group()) for m in _LINE.finditer(text))
        return
    start = 0
    for line in text.split("\n"):
        if line:
            yield start, line
        start += len(line) + 1


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _split_prefix(text: str, s: int, e: int) -> list[Block]:
    """A crawler's marker or a template's 'null' glued before real content is its own block."""
    line = text[s:e]
    for rid, pat, needs in _PREFIXES:
        m = _holds(line, needs) and pat.match(line)
        if m and s + m.end() < e:
            head_end = _strip(text, s, s + m.end())[1]
            return [Block(s, head_end, "chrome", rid), *_split_prefix(text, *_strip(text, s + m.end(), e))]
    return [Block(s, e)]


@functools.lru_cache(maxsize=4096)  # menus, footers and share bars repeat across a site's pages
def _line_rule(line: str) -> tuple[Optional[str], Optional[str]]:
    """The kind and id of the first line rule that matches the line on its own; (None, None) if none does."""
    first = match_in(_FIRST_PLAIN_RULE, line)
    plain_misses = int(first.lastgroup[1:]) if first else len(_CLASSIFYING_RULES)  # plain rules before it fail
    for n, rid, kind, pat, needs in _NEEDY_RULES:  # before it, only a rule with `needs` can match
        if n >= plain_misses:
            break
        if _holds(line, needs) and pat.match(line) and (kind != "caption" or _words(line, 40) <= 40):
            return kind, rid
    for n in range(plain_misses, len(_CLASSIFYING_RULES)):
        rid, kind, pat, needs = _CLASSIFYING_RULES[n]
        if needs and not _holds(line, needs):
            continue
        # A paragraph is never a caption (its words counted only when the pattern matches: most lines fail it at once).
        if pat.match(line) and (kind != "caption" or _words(line, 40) <= 40):
            return kind, rid
    return None, None


def _holds(line: str, needs: list[list[str]]) -> bool:
    for words in needs:  # loops, not all(any(…)): asked of every line
        for w in words:
            if w in line:
                break
        else:
            return False
    return True


def line_kinds(text: str) -> list[dict]:
    """Every line rule that matches a text on its own: what the probe of kind `segment` gives."""
    return [{"rule": rid, "value": kind} for rid, kind, pat in _LINE_RULES if pat.match(text.strip())]


# ---- header: chrome, title, clock and date line --------------------------------

def _words(s: str, most: int) -> int:
    """How many words s has, counted up to most + 1: a paragraph is not split whole to be compared with a small number."""
    return len(s.split(None, most))


def _is_body_like(line: str) -> bool:
    """Running text: a statement of 12+ words, a question of 20+ (headlines ask too), anything over 40, or a lead's outlet tag."""
    end = line.rstrip("\"”' ")[-1:]
    # each test counts no more words than it needs: asked of a page's paragraphs
    if (end in ".…" and _words(line, 11) >= 12) or (end in "?!" and _words(line, 19) >= 20):
        return True
    return bool(match_in(_OUTLET_TAG, line) and _words(line, 5) >= 6) or _words(line, 40) > 40


def _header(text: str, blocks: list[Block]) -> int:
    """Classifies the blocks before the body; returns the index where the body starts."""
    top, body_start = _split_stamps(text, blocks)
    _name_over_date(text, blocks, top)  # it names short lines only, never running text: body_start holds
    title_i = _pick_title(text, blocks, body_start)
    dated = [i for i in range(body_start) if blocks[i].kind == "dateline"]
    after = [i for i in dated if title_i is not None and i > title_i]
    own = after[0] if after else (dated[-1] if dated else None)
    if own is not None and not after and _site_clock(text, blocks, own, title_i):
        own = None
    labelled = next((j for j in range(body_start, min(len(blocks), body_start + 3))
                     if blocks[j].kind == "dateline" and _POSTED.match(text, blocks[j].start)), None)
    if labelled is not None and not after:
        own = labelled  # "Ngày đăng: …" just under a one-sentence headline outranks an unlabelled clock above it
    for i in range(body_start):
        b = blocks[i]
        if i == title_i:
            b.kind, b.rule = "title", "segment.title"
        elif b.kind == "dateline" and i != own:
            b.kind, b.rule = "clock", "segment.clock"
        elif b.kind is None:
            before_title = title_i is None or i < title_i
            same_as_title = title_i is not None and _same_text(text, b, blocks[title_i])
            b.kind = "chrome" if before_title or same_as_title else "caption"
            b.rule = "segment.header"
    return body_start


def _name_over_date(text: str, blocks: list[Block], top: int) -> None:
    """'Trần Văn An' alone on the line above the date line is the byline, not a headline."""
    for i in range(min(top, len(blocks)) - 1):
        b, nxt = blocks[i], blocks[i + 1]
        if b.kind is not None or nxt.kind != "dateline":
            continue
        line = text[b.start:b.end]
        if _words(line, 5) <= 5 and _byline_names(line) == [name_case(line)]:
            b.kind, b.rule = "byline", "segment.byline_over_date"


def _site_clock(text: str, blocks: list[Block], i: int, title_i: Optional[int]) -> bool:
    """The page's first line a date with menus, hotlines … between it and the headline: the site's clock."""
    first = next((j for j, b in enumerate(blocks) if b.rule not in _PREFIX_RULES), None)
    if i != first or title_i is None or title_i < i:
        return False
    return any(_HAS_WORD.search(text, blocks[j].start, blocks[j].end) for j in range(i + 1, title_i))


def _split_stamps(text: str, blocks: list[Block]) -> tuple[int, int]:
    """'Title 23/02/2026 12:54' and 'Reporter 16:34, 31/03/2023' become two blocks. Returns where the header ends
    and where the body starts: the first unclassified block of running text before that end, each tested once."""
    i, body = 0, None
    while i < min(len(blocks), _HEADER_SPAN):
        b = blocks[i]
        if b.kind is None:
            line = text[b.start:b.end]
            if _is_body_like(line):
                body = i if body is None else body
                break  # the header ends where running text begins
            m = _stamp_in(line)
            if m and m.start() > 0:
                head = Block(*_strip(text, b.start, b.start + m.start()))
                stamp = Block(*_strip(text, b.start + m.start(), b.end), "dateline", "segment.trailing_stamp")
                head_line = text[head.start:head.end]
                if _byline_names(head_line):
                    head.kind, head.rule = "byline", "segment.byline_stamp"
                elif body is None and _is_body_like(head_line):
                    body = i
                blocks[i:i + 1] = [head, stamp]
                i += 1
        i += 1
    top = min(len(blocks), _HEADER_SPAN + 2)
    if body is None:  # the blocks from i on were not tested
        body = next((j for j in range(i, top) if not blocks[j].kind and _is_body_like(text[blocks[j].start:blocks[j].end])), top)
    return top, min(body, top)


def _stamp_in(line: str) -> Optional[regex.Match]:
    """`_STAMP` in the line, searched only in a line ending in a digit as every stamp does (`isdigit` holds for every
    \\d, `rstrip` drops every \\s): most lines end otherwise."""
    return search_in(_STAMP, line) if line.rstrip()[-1:].isdigit() else None


def _without_affiliation(line: str) -> str:
    """The line without the affiliation after a name; one holds a bracket, a comma or a dash: most names have none."""
    return _AFFILIATION.sub("", line) if "(" in line or "," in line or "-" in line else line


def _pick_title(text: str, blocks: list[Block], body_start: int) -> Optional[int]:
    best, best_score = None, 0
    for i in range(body_start):
        if blocks[i].kind:
            continue
        line = text[blocks[i].start:blocks[i].end]
        if not _title_shaped(line):
            continue
        nxt = _next_meaningful(text, blocks, i)
        score = 1 if _words(line, 5) >= 6 else 0
        if nxt is not None and blocks[nxt].kind == "dateline":
            score += 3
        elif nxt is not None and (nxt >= body_start or _same_text(text, blocks[nxt], blocks[i])):
            score += 3 if nxt >= body_start else 0
        if search_in(_WIDE_GAP, line) or _repeats_itself(line):
            score -= 3
        if score > best_score or (score == best_score and best is not None and _same_text(text, blocks[best], blocks[i])):
            best, best_score = i, score
    return best


def _title_shaped(line: str) -> bool:
    return 4 <= _words(line, 40) <= 40 and line[-1] not in ".,;:" and (line[0].isupper() or line[0].isdigit() or line[0] in "\"“'")


def _next_meaningful(text: str, blocks: list[Block], i: int) -> Optional[int]:
    for j in range(i + 1, len(blocks)):
        if blocks[j].kind not in ("chrome", "byline", "counter"):
            return j
    return None


def _same_text(text: str, a: Block, b: Block) -> bool:
    return " ".join(text[a.start:a.end].split()) == " ".join(text[b.start:b.end].split())


def _repeats_itself(line: str) -> bool:
    w = line.split()
    half = len(w) // 2
    return len(w) % 2 == 0 and half > 0 and w[:half] == w[half:]


# ---- tail: byline, source, related news, ads ------------------------------------

def _tail(text: str, blocks: list[Block], body_start: int) -> None:
    related = next((i for i in range(body_start, len(blocks)) if blocks[i].kind == "related"), len(blocks))
    for b in blocks[related:]:
        if b.kind is None or b.kind == "caption":
            b.kind, b.rule = "related", "segment.related_list"
    lo = max(body_start + 1, related - _TAIL_SPAN)  # the lead is never a byline
    byline = next((i for i in range(related - 1, lo - 1, -1) if _is_tail_byline(text, blocks[i])), None)
    if byline is None:
        return
    if blocks[byline].kind is None:
        blocks[byline].kind, blocks[byline].rule = "byline", "segment.byline"
    for b in blocks[byline + 1:related]:
        if b.kind is None or b.kind == "caption":
            b.kind, b.rule = "related", "segment.after_byline"


def _is_tail_byline(text: str, b: Block) -> bool:
    """A name-shaped line, or one a line rule already knows as a byline ('Nhóm PV', 'Bài, ảnh: …')."""
    return b.kind == "byline" or (b.kind is None and bool(_byline_names(text[b.start:b.end])))


def _byline_names(line: str) -> list[str]:
    """Reporter names in a byline ('THANH TÙNG', 'Thanh Thảo – Thanh Văn', 'Hoàng Kha , TTVH-TT …'), else []."""
    line = line.strip(_EDGE_MARKS)
    if prefix := match_in(_BYLINE_PREFIX, line):  # a match, not a sub: half the cost on the many lines without one
        line = line[prefix.end():].strip(_EDGE_MARKS)
    if _words(line, _BYLINE_MAX_WORDS) > _BYLINE_MAX_WORDS:
        return []
    parts = [p for p in split_in(_NAME_SEP, line) if p]
    if len(parts) > 1 and all(_is_name(p) for p in parts):
        return [name_case(p) for p in parts]
    bare = _without_affiliation(line).strip()
    return [name_case(bare)] if bare and _is_name(bare) else []


def _is_name(s: str) -> bool:
    s = s.strip()
    words = s.replace(".", " ").split()
    return 2 <= len(words) <= 4 and bool(match_in(_NAME, s, 0)) and not any(w.capitalize() in _NOT_NAMES for w in words)


# ---- body: lead, captions -------------------------------------------------------

def _body(text: str, blocks: list[Block], body_start: int) -> None:
    lead_done = False
    for b in blocks[body_start:]:
        if b.kind:
            continue
        if not lead_done:
            b.kind, b.rule, lead_done = "lead", "segment.lead", True
        elif text[b.end - 1] not in _CLAUSE_END and _words(text[b.start:b.end], 25) <= 25:
            b.kind, b.rule = "caption", "segment.short_line"
        else:
            b.kind, b.rule = "body", "segment.body"


# ---- metadata and sentences -------------------------------------------------------

def _metadata(ctx: Context, blocks: list[Block]) -> dict:
    text = ctx.text
    title = next((b for b in blocks if b.kind == "title"), None)
    dateline = next((b for b in blocks if b.kind == "dateline"), None)
    published = _published(text[dateline.start:dateline.end]) if dateline else None
    names = [n for b in blocks if b.kind == "byline" for n in _byline_names(text[b.start:b.end])]
    title_text = " ".join(text[title.start:title.end].split()) if title is not None else ctx.title
    published = _plausible(published or ctx.published, _crawled(text), ctx.warnings)
    if not title_text:
        ctx.warnings.append("title: the page shows no headline (only date lines, counters, captions or running text)")
    if published is None:
        ctx.warnings.append("published: the page shows no date line of its own")
    return {"title": title_text, "published": published, "authors": list(dict.fromkeys(names))}


def _crawled(text: str) -> Optional[str]:
    """The crawler's own mark ('date 2025-07'): the last day the page can have been published by."""
    m = match_in(_CRAWL_MARK, text)
    if not m:
        return None
    return f"{m.group(1)}-{m.group(2)}-{m.group(3) or '31'}"


def _plausible(published: Optional[str], crawled: Optional[str], warnings: list[str]) -> Optional[str]:
    """A publication date before 1990 or after the page was stored is a placeholder or a clock, not the article's."""
    if not published:
        return None
    if published[:4] < f"{_EARLIEST_YEAR:04d}":
        warnings.append(f"published: {published[:10]} is a placeholder, not a publication date; left null")
        return None
    if crawled and published[:10] > crawled:
        warnings.append(f"published: {published[:10]} is after the page was stored ({crawled[:7]}); left null")
        return None
    return published


def _published(line: str) -> Optional[str]:
    d = _DMY.search(line)
    if d:
        day, month, year = int(d.group(1)), int(d.group(2)), int(d.group(3))
    else:
        d = _NAMED_MONTH.search(line)
        if not d:
            return None
        day, month, year = int(d.group(1)), _MONTH_NAMES[d.group(2).lower()], int(d.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    t = _TIME.search(line[:d.start()] + " " * (d.end() - d.start()) + line[d.end():])
    if not t or int(t.group(1)) > 23 or int(t.group(2)) > 59:
        return date
    hour = int(t.group(1)) + (12 if int(t.group(1)) < 12 and _AFTERNOON.match(line, t.end()) else 0)
    return f"{date}T{hour:02d}:{t.group(2)}:{t.group(3) or '00'}+07:00"


def _sentences(text: str, seg: Segment) -> list[tuple[int, int]]:
    """underthesea's sentence split, as offsets in the text.

    A split with no space after it (inside a URL, "1.245", "TP.HCM") is no sentence end: the pieces are joined.
    """
    out: list[tuple[int, int]] = []
    s, e = seg.start, seg.end
    for mark in _SPLIT_MARKS:
        if text.find(mark, s, e - 1) >= 0:
            break
    else:  # no mark before its last character: one sentence, as _sentence_spans says, without cutting the text out
        if s < e and not text[s].isspace() and not text[e - 1].isspace():
            return [(s, e)]  # a block is stripped: nothing to strip
        _add_stripped(out, text, s, e)
        return out
    for a, b in _sentence_spans(text[s:e]):
        if out and s + a == out[-1][1]:
            out[-1] = (out[-1][0], s + b)
        else:
            out.append((s + a, s + b))
    return out


def sent_tokenize(text: str) -> list[str]:
    """underthesea's sent_tokenize, sentence for sentence."""
    return [text[a:b] for a, b in _sentence_spans(text)]


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where underthesea's sent_tokenize (PunktSentenceTokenizer.sentences_from_text, with its abbreviations and its
    boundary test) puts each stripped sentence, jumping from one '.', '?' or '!' to the next: its loop steps through
    every character in Python, and a line without a mark in it (a caption, a title) is one sentence at once."""
    spans: list[tuple[int, int]] = []
    start, i, n = 0, 0, len(text)
    marks = _marks(text)
    if not marks or marks == [n - 1]:  # no mark, or only the last character: one sentence whatever the dot test says
        _add_stripped(spans, text, 0, n)
        return spans
    for mark in marks:
        if mark < i:  # jumped over by a step below
            continue
        i = mark
        if text[i] == ".":
            if text.startswith("...", i):  # an ellipsis ends a sentence at the end of the text or before a capital
                dot_end = i + 3
                while dot_end < n and text[dot_end] == ".":
                    dot_end += 1
                after = dot_end
                while after < n and text[after] in " \t":
                    after += 1
                if after >= n or text[after].isupper():
                    _add_stripped(spans, text, start, dot_end)
                    while dot_end < n and text[dot_end] in " \t\n\r":
                        dot_end += 1
                    start = dot_end
                i = dot_end
                continue
            if _no_boundary(text, i):
                i += 1
                continue
        end = i + 1  # any other mark ends a sentence, with the marks right after it
        while end < n and text[end] in _SPLIT_MARKS:
            end += 1
        if text[start].isspace() or text[end - 1].isspace():
            _add_stripped(spans, text, start, end)
        else:  # nothing to strip (the usual case): no copy of the sentence
            spans.append((start, end))
        while end < n and text[end] in " \t\n\r":
            end += 1
        start = i = end
    _add_stripped(spans, text, start, n)
    return spans


def _marks(text: str) -> list[int]:
    """Where '.', '?' and '!' stand in the text, in order, by str.find: a scan far cheaper than a regex's."""
    out = []
    for mark in _SPLIT_MARKS:
        i = text.find(mark)
        while i >= 0:
            out.append(i)
            i = text.find(mark, i + 1)
    out.sort()
    return out


def _no_boundary(text: str, i: int) -> bool:
    """underthesea's boundary test (_is_sentence_boundary) of a dot, which is True for every other mark: a dot
    between digits ('1.245') or after an abbreviation ('TP.') ends no sentence. Inlined: asked of every dot."""
    if i > 0 and text[i - 1].isdigit() and i + 1 < len(text) and text[i + 1].isdigit():
        return True
    word_start = text.rfind(" ", 0, i) + 1
    word = text[word_start:i]
    if word.replace(".", "").isalnum():  # the usual word after a space, as the walk below reads it: no walk
        return i - word_start <= _LONGEST_ABBREVIATION and word.lower() in _ABBREVIATIONS
    start = i  # the word before it: letters, digits and dots, as _get_preceding_word reads it
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
        if i - start > _LONGEST_ABBREVIATION:
            return False  # lower-casing never shortens a word: it cannot be one
    return start < i and text[start:i].lower() in _ABBREVIATIONS


def _add_stripped(spans: list[tuple[int, int]], text: str, a: int, b: int) -> None:
    """text[a:b] without its surrounding spaces, if anything is left."""
    piece = text[a:b]
    if kept := piece.strip():
        a += len(piece) - len(piece.lstrip())
        spans.append((a, a + len(kept)))
_PATTERNS.save()  # every module-level pattern is built by here
