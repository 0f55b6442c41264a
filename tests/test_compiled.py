"""Compiled regexes kept beside their module: read back without a parse, compiled again once changed."""
import pickle

import regex

from extract.language.compiled import Patterns

DATE = r"(?<![\p{L}\p{N}])ngày\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})"
TEXT = "Sáng ngày 12/4, NGÀY 3/5 và hôm 7/8"


def _spans(pattern):
    return [(m.span(), m.groupdict()) for m in pattern.finditer(TEXT)]


def test_a_pattern_read_back_matches_as_compiled_and_is_not_parsed_again(tmp_path, monkeypatch):
    module = tmp_path / "finder.py"
    first = Patterns(str(module))
    compiled = first.compile(DATE, regex.IGNORECASE)
    first.save()
    assert len(list((tmp_path / "__pycache__").glob("finder.regex-*.pickle"))) == 1

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed again")
    monkeypatch.setattr(regex, "compile", no_parse)
    again = Patterns(str(module)).compile(DATE, regex.IGNORECASE)
    assert again.pattern == DATE and again.groupindex == compiled.groupindex
    assert _spans(again) == _spans(compiled) == [((5, 14), {"d": "12", "m": "4"}), ((16, 24), {"d": "3", "m": "5"})]


def test_the_same_text_with_other_flags_is_another_pattern(tmp_path):
    module = tmp_path / "finder.py"
    first = Patterns(str(module))
    first.compile(DATE, regex.IGNORECASE)
    first.save()
    exact = Patterns(str(module)).compile(DATE)
    assert [s for s, _ in _spans(exact)] == [(5, 14)]


def test_a_changed_pattern_is_compiled_anew_and_the_file_keeps_only_what_is_built(tmp_path):
    module = tmp_path / "finder.py"
    first = Patterns(str(module))
    first.compile(DATE)
    first.save()
    [cache] = (tmp_path / "__pycache__").glob("finder.regex-*.pickle")
    changed = DATE.replace("ngày", "hôm")
    second = Patterns(str(module))
    assert _spans(second.compile(changed)) == [((28, 35), {"d": "7", "m": "8"})]
    second.save()
    assert list(pickle.loads(cache.read_bytes())) == [(changed, 0)]


def test_an_unreadable_file_is_compiled_again(tmp_path):
    module = tmp_path / "finder.py"
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / f"finder.regex-{regex.__version__}.pickle").write_bytes(b"not a pickle")
    assert [s for s, _ in _spans(Patterns(str(module)).compile(DATE))] == [(5, 14)]


def test_a_folder_it_cannot_write_to_is_no_error(tmp_path):
    (tmp_path / "__pycache__").write_text("a file where the folder would be")
    patterns = Patterns(str(tmp_path / "finder.py"))
    patterns.compile(DATE)
    patterns.save()  # compiled at every start instead
