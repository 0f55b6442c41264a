"""Thin adapter over underthesea's word segmentation and NER, aligned to the text.

underthesea's labels are weak on this press (it reads "Sở Nội vụ tỉnh Tiền Giang"
as a location and often tags names as LOC), but its proper-noun words separate a
place from a name the surname list does not know ("Gia Lai | Rơ Mah Tuấn"). The
officials finder asks it only about such a name, never about every sentence.
Its models are loaded without importing the underthesea package (see _tagger).
"""
from __future__ import annotations

import pickle
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Optional


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    pos: str    # underthesea part of speech: Np is a proper noun
    label: str  # entity label without B-/I-: PER, LOC, ORG, MISC, or O


@lru_cache(maxsize=1)
def _tagger():
    """underthesea's `ner`, loaded lean: `import underthesea` alone costs ~0.35 s (joblib, numpy, three copies of
    a 74,000-word dictionary no NER feature reads) and its first call ~0.25 s more (pure-Python unpickling);
    this one loads in 0.08 s, in each worker that meets such a name."""
    try:
        return _Lean(Path(find_spec("underthesea").submodule_search_locations[0]) / "pipeline")
    except Exception:  # files laid out otherwise than in underthesea 9.x: the package's own, slower to load
        from underthesea import ner
        return ner


class _Lean:
    """The same chain as underthesea.ner: word segmentation, part of speech, entity label, with its models and
    its features (the chunking step it also runs is left out: no entity feature reads the chunk column).
    The models are crfsuite files, read by crfsuite itself: in 4 ms where underthesea_core's reader builds its
    tables in 155 ms, with the same tags (tests/test_ner.py compares the chain with underthesea's)."""

    def __init__(self, root: Path):
        from pycrfsuite import Tagger
        from underthesea_core import CRFFeaturizer

        def crf(path: Path):
            model = Tagger()
            model.open(str(path))
            return model

        ws = root / "word_tokenize" / "models" / "ws_crf_vlsp2013_20230727"
        self.ws = crf(ws / "models.bin")
        self.ws_features = CRFFeaturizer(_unpickle(ws / "features.bin"), _unpickle(ws / "dictionary.bin"))
        self.pos = crf(root / "pos_tag" / "pos_crf_2017_10_11.bin")
        self.ner = crf(root / "ner" / "ner_crf_2017_10_12.bin")
        rules = _unpickle(root / "text_normalize" / "tn_rules_2023_07_14.bin")
        self.characters, self.tokens = rules["character"], rules["token"]
        self.pattern = _upstream_constants(root / "word_tokenize" / "regex_tokenize.py")["patterns"]

    def __call__(self, sentence: str) -> list[tuple[str, str, str, str]]:
        words = self._words(sentence)
        rows = list(zip(words, self.pos.tag(_features([(w, "X") for w in words], _POS))))
        labels = self.ner.tag(_features([(w, p, "X", "X") for w, p in rows], _NER))
        return [(w, p, "", label) for (w, p), label in zip(rows, labels)]

    def _words(self, sentence: str) -> list[str]:
        """underthesea.word_tokenize: its regex tokens, normalized, joined where its model says I-W."""
        tokens = [self._token(m.group()) for m in self.pattern.finditer(self._characters(sentence))]
        if not tokens:
            return []
        tags = self.ws.tag(self.ws_features.process([[[t] for t in tokens]])[0])
        words: list[str] = []
        for n, (token, tag) in enumerate(zip(tokens, tags)):
            if tag == "I-W" and n > 0:
                words[-1] += " " + token
            else:
                words.append(token)
        return words

    def _characters(self, text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        for odd, standard in self.characters.items():
            text = text.replace(odd, standard)
        return text

    def _token(self, token: str) -> str:
        if len(token) > 6:
            return token
        token = self._characters(token)
        return self.tokens.get(token, token)


def _unpickle(path: Path):
    # joblib wrote these plain pickles; joblib.load reads them with the pure-Python unpickler, ten times slower.
    with path.open("rb") as f:
        return pickle.load(f)


def _upstream_constants(path: Path) -> dict:
    """The module-level assignments of one of underthesea's modules, run without its imports (its token regex)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    tree.body = [node for node in tree.body if isinstance(node, ast.Assign)]
    scope = {"re": re}
    exec(compile(tree, str(path), "exec"), scope)
    return scope


# underthesea's feature templates for its 2017 part-of-speech and entity models (pipeline/*/model_crf.py).
_POS = ("T[-2].lower", "T[-1].lower", "T[0].lower", "T[1].lower", "T[2].lower",
        "T[0].istitle", "T[-1].istitle", "T[1].istitle",
        "T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]", "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]",
        "T[-3][1]", "T[-2][1]", "T[-1][1]", "T[-3,-2][1]", "T[-2,-1][1]")
_NER = ("T[-2].lower", "T[-1].lower", "T[0].lower", "T[1].lower", "T[2].lower",
        "T[0].istitle", "T[-1].istitle", "T[1].istitle", "T[-2].istitle", "T[2].istitle",
        "T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]", "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]",
        "T[-2][1]", "T[-1][1]", "T[0][1]", "T[1][1]", "T[2][1]",
        "T[-2,-1][1]", "T[-1,0][1]", "T[0,1][1]", "T[1,2][1]",
        "T[-3][3]", "T[-2][3]", "T[-1][3]")
_TEMPLATE = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\[(\d+)\])?(?:\.(\w+))?")


@lru_cache(maxsize=None)
def _template(syntax: str) -> tuple[int, Optional[int], int, Optional[str]]:
    first, last, column, function = _TEMPLATE.fullmatch(syntax).groups()
    return int(first), None if last is None else int(last), int(column or 0), function


def _features(rows: list[tuple], templates: tuple[str, ...]) -> list[list[str]]:
    """underthesea's tagged_feature.word2features for every row: one `template=value` string per template."""
    out = []
    for i in range(len(rows)):
        features = []
        for syntax in templates:
            first, last, column, function = _template(syntax)
            if i + first < 0:
                value = "BOS"
            elif i + first >= len(rows) or (last is not None and i + last >= len(rows)):
                value = "EOS"
            else:
                value = rows[i + first][column] if last is None else \
                    " ".join(r[column] for r in rows[i + first:i + last + 1])
                if function == "lower":
                    value = value.lower()
                elif function == "istitle":
                    value = str(_istitle(value))
            features.append(f"{syntax}={value}")
        out.append(features)
    return out


def _istitle(word: str) -> bool:
    """underthesea's text_istitle: every space-separated part starts with a capital (an empty part does not)."""
    return all(part[:1].istitle() for part in word.split(" "))


def tag(text: str, offset: int = 0) -> list[Word]:
    """underthesea's words of one sentence, as spans into the text `text` starts at `offset` of."""
    words: list[Word] = []
    cursor = 0
    for token in _tagger()(text):
        span = _locate(text, token[0], cursor)
        if span is None:
            continue
        cursor = span[1]
        label = token[-1][2:] if token[-1][:2] in ("B-", "I-") else "O"
        words.append(Word(span[0] + offset, span[1] + offset, token[1], label))
    return words


def _locate(text: str, word: str, cursor: int) -> Optional[tuple[int, int]]:
    """Where a word (syllables joined by single spaces) stands in the text from `cursor` on."""
    start = end = None
    for syllable in word.split():
        at = text.find(syllable, cursor if end is None else end)
        if at < 0:
            return None
        start = at if start is None else start
        end = at + len(syllable)
    return None if start is None else (start, end)
