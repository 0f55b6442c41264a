"""The indicators step's speed-ups give what the branch point gave: the cue patterns built as trees (cues._tree) match
exactly as the flat alternations of the same words, on real text (same span, same groups, wherever the finder may try
them); the number pattern with its sign checked after it reads every number as before; a number inside a date is
found by bisection (_covered, _inside) as by the set of offsets; the article's bodies are built once (_once)."""
from __future__ import annotations

import regex
import pytest

from extract.indicators import cues
from extract.language.words import alternation, fill

from conftest import SHARED


@pytest.fixture(scope="module")
def real_lines():
    from extract.reading import iter_articles

    pages = sorted(str(p) for p in (SHARED / "real").glob("*.txt"))
    return [ln for a in iter_articles(pages) if hasattr(a, "text") for ln in a.text.splitlines() if ln.strip()]


def _flat_not_figure():
    return regex.compile(
        rf"(?:(?<![\p{{L}}])(?:{alternation(cues._LEX['not_figure_before'])})[ \t]*[:.\-]?[ \t]*"
        + fill(r"|\p{L}[-+]|\d(?::|{CLOCK_MARKS})|\d[.,]|(?<!(?:{NOT_BEFORE_NUMBER_WORD}) )(?:{NUMBER_WORDS}) |/)$",
               cues._CUES, longest_first=False), cues._AT_END)


def test_a_suffix_tree_read_backwards_matches_as_its_flat_alternation_before_every_number_of_real_text(real_lines):
    tree, flat = cues._NOT_FIGURE, _flat_not_figure()
    assert tree.pattern != flat.pattern
    found = 0
    for ln in real_lines:
        for m in regex.finditer(r"\d+", ln):
            for lo in (max(0, m.start() - 25), 0):  # as the finder cuts it, and the whole line before the number
                want = flat.match(ln, lo, m.start())
                assert _key(tree.match(ln, lo, m.start())) == _key(want), (ln, m.start())
                found += want is not None
    assert found > 100


def _key(m):
    return m and (m.span(), m.groupdict())


def test_a_tree_prefers_the_longest_word_and_falls_back_to_a_shorter_one():
    tree = regex.compile(f"(?:{cues._tree(['hồ sơ', 'hồ', 'hồ sơ trực tuyến'])})(?![\\p{{L}}])", regex.I)
    assert tree.match("Hồ sơ trực tuyến").group(0) == "Hồ sơ trực tuyến"
    assert tree.match("hồ sơ trực tiếp").group(0) == "hồ sơ"  # the longer word stops inside a word: the next one
    assert tree.match("hồ nước").group(0) == "hồ"
    assert tree.match("hộ") is None


def test_an_offset_is_inside_the_dates_covered_exactly_when_a_date_holds_it(corpus_records):
    from extract.indicators import _covered, _inside

    tried = inside = 0
    for article, record in corpus_records:
        spans = [d.span for d in record.dates] + [(a, b + 3) for a, b in (d.span for d in record.dates[::3])]
        held = {i for a, b in spans for i in range(a, b)}  # overlapping spans too: every third date widened
        covered = _covered(spans)
        for pos in range(len(article.text) + 1):
            assert _inside(covered, pos) == (pos in held), (article.id, pos)
            tried += 1
            inside += pos in held
    assert tried > inside > 100
    assert not _inside(_covered([]), 0)


@pytest.fixture(scope="module")
def flat_cues(tmp_path_factory):
    """cues.py run again with every word list as the alternation it was before the trees: longest first where
    `alternation` sorted it, in the order written in a cue list."""
    import sys

    source = open(cues.__file__, encoding="utf-8").read()
    source = source.replace("def _tree(", "def _unused_tree(").replace("def _in_tree_order(", "def _unused_order(")
    name = "extract.indicators._flat_cues"
    space = {"__name__": name, "__file__": str(tmp_path_factory.mktemp("flat") / "cues.py"),
             "_tree": lambda words, reverse=False: alternation(words),
             "_in_tree_order": lambda words, reverse=False: False}
    module = type(sys)(name)
    sys.modules[name] = module
    try:
        exec(compile(source, "flat_cues.py", "exec"), space)
    finally:
        del sys.modules[name]
    return space


def test_every_cue_pattern_with_a_tree_matches_as_its_flat_form_on_real_text(real_lines, flat_cues):
    changed = {k: (v, flat_cues[k]) for k, v in vars(cues).items()
               if isinstance(v, regex.Pattern) and v.pattern != flat_cues[k].pattern}
    assert {"_NOUN", "_SHARE_OF", "_ADMIN_COUNT", "_SPECIFIC", "_LEVELS", "_QUALIFIER", "_NOT_FIGURE",
            "_CHANGE"} <= set(changed)
    for k, (tree, flat) in changed.items():
        assert tree.flags == flat.flags, k
        for ln in real_lines:
            # at every position (overlapped), and in the text before each number, where the finder cuts it
            assert [_key(m) for m in tree.finditer(ln, overlapped=True)] == \
                   [_key(m) for m in flat.finditer(ln, overlapped=True)], (k, ln)
            for m in regex.finditer(r"\d+", ln):
                for lo in (max(0, m.start() - 25), 0):
                    assert _key(tree.search(ln, lo, m.start())) == _key(flat.search(ln, lo, m.start())), (k, ln)


def test_once_makes_its_value_when_first_asked_and_keeps_it():
    from extract.indicators import _once

    made = []
    get = _once(lambda: made.append(1) or len(made))
    assert made == []  # nothing built before it is asked for
    assert get() == get() == 1 and made == [1]


def test_the_number_pattern_with_its_sign_checked_after_it_reads_every_number_as_before(real_lines):
    from extract.indicators import numbers

    before = regex.compile(  # the sign's edges looked at before it, as written at the branch point
        r"(?P<neg>(?<=[ \t(])-(?=\d)|(?<![\p{L}\p{N}])(?:" + alternation(numbers._MINUS) + r")[ \t]+(?=\d))?"
        + numbers._NUMBER.pattern[numbers._NUMBER.pattern.index(r"(?<![\p{L}\p{N}.,]"):], numbers._NUMBER.flags)
    assert before.pattern != numbers._NUMBER.pattern
    texts = real_lines + ["âm   5 và -3, (-4) x-5 âm\t7 Âm 2 nâm 3", "-1 a -2 \t-3 -x 1-2"]
    got = [[(m.span(), m.groups()) for m in numbers._NUMBER.finditer(t)] for t in texts]
    assert got == [[(m.span(), m.groups()) for m in before.finditer(t)] for t in texts]
    assert sum(m[1][0] is not None for ms in got for m in ms) >= 4  # signs read
