"""The underthesea adapter: words aligned to the text, proper nouns and labels passed through."""
from __future__ import annotations

from extract import ner


def test_words_are_aligned_to_the_text_with_offset():
    text = "Phó Chủ tịch UBND tỉnh Gia Lai  Rơ Mah Tuấn phát biểu."
    offset = 100
    words = ner.tag(text, offset)
    pieces = [text[w.start - offset:w.end - offset] for w in words]
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")  # every character, in order, once
    assert "Rơ Mah Tuấn" in pieces


def test_a_name_with_no_known_surname_is_one_proper_noun():
    text = "Phó Chủ tịch UBND tỉnh Gia Lai Rơ Mah Tuấn phát biểu."
    proper = [text[w.start:w.end] for w in ner.tag(text) if w.pos == "Np"]
    assert "Rơ Mah Tuấn" in proper


def test_labels_drop_the_bio_prefix():
    text = "Ông Ksor Phước Hà, Phó Chủ tịch UBND tỉnh phát biểu."
    labels = {text[w.start:w.end]: w.label for w in ner.tag(text)}
    assert labels["Ksor Phước Hà"] == "PER"
    assert labels["phát biểu"] == "O"


def test_the_tagger_is_underthesea_s_ner_without_importing_underthesea():
    """The lean tagger loads underthesea's models itself; on real sentences (and on odd ones) it gives exactly
    the words, parts of speech and labels underthesea.ner gives."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    sentences = [s for page in sorted(Path(__file__).parents[1].joinpath("corpus").glob("*.txt"))
                 for s in page.read_text(encoding="utf-8").split("\n") if s.strip()][:60]
    assert len(sentences) == 60
    sentences += ["", "  a  b ", "Hoà Khoẻ Thuỷ ÔNG NGUYỄN VĂN AN", "http://baotayninh.vn/a?b=1 và a.b@x.vn",
                  "03-5730-2357 lúc 10:20:50 ngày 02/05/2014, 60.542.000 đồng, 4K, H&M, T.Ư, TP.HCM, Mr. An",
                  "H'Mông, xã N’Thôn Hạ, 1.600m-2.000m, 43H-0530, NĐ-CP, v.v... :)) <3"]
    script = ("import json, sys; from extract import ner; "
              "out = [[t[0], t[1], t[3]] for s in json.load(sys.stdin) for t in ner._tagger()(s)]; "
              "print(json.dumps([out, 'underthesea' in sys.modules]))")
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps(sentences), capture_output=True,
                          text=True, check=True)
    lean, imported = json.loads(done.stdout)
    from underthesea import ner as underthesea_ner

    assert not imported
    assert lean == [[t[0], t[1], t[3]] for s in sentences for t in underthesea_ner(s)]
