"""Bytes to NFC text: BOMs, UTF-16 without BOM, strict UTF-8 first, then legacy
Vietnamese encodings chosen by how Vietnamese the result reads; binary data is
recognised and refused with a reason instead of being decoded into garbage.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Optional

import regex

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"), (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "gzip data"), (b"BZh", "bzip2 data"), (b"\xfd7zXZ", "xz data"), (b"\x7fELF", "an executable"),
)
_BOM_STARTS, _MAGIC_STARTS = tuple(b for b, _ in _BOMS), tuple(m for m, _ in _MAGIC)
# Legacy encodings Vietnamese pages were written in; cp1258 puts tone marks as combining characters.
_LEGACY = ("cp1258", "cp1252", "latin-1")
_SAMPLE = 1 << 16
# Every letter a Vietnamese (or English) word can hold, precomposed as NFC gives it.
_VIET_LETTERS = frozenset(
    unicodedata.normalize("NFC", base + tone)
    for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
    for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
) | frozenset("bcdđghklmnpqrstvxfjwzBCDĐGHKLMNPQRSTVXFJWZ")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*")
# Controls that no text file holds (tab, newlines and form feed are fine). `re`: it scans every text read
# for this one class, 3x faster than `regex`, and a class cannot backtrack.
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class Binary(Exception):
    """The bytes are not text; the message says what they look like."""


def decode(data: bytes, partial: bool = False) -> tuple[str, list[str]]:
    """NFC text with universal newlines, and warnings about how it was read;
    `partial` says the bytes were cut on purpose (a last broken character is no news). Raises Binary."""
    text, warnings = _decode(data, partial)
    text, controls = normalize(text)
    sample = text[:_SAMPLE]
    in_sample = len(_BAD_CONTROL.findall(sample)) if controls else 0  # the sample is a part of the text
    if in_sample > max(8, len(sample) // 100):  # text has next to none; binary data has them everywhere
        raise Binary(f"binary data ({in_sample:,} control characters in the first {len(sample):,})")
    return text, warnings + control_warning(controls)


def normalize(text: str) -> tuple[str, int]:
    """Universal newlines and NFC (no other change: offsets point into this text), and the count of stray controls."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text, len(_BAD_CONTROL.findall(text))


def control_warning(controls: int) -> list[str]:
    return [f"text contains {controls:,} control character(s)"] if controls else []


def _decode(data: bytes, partial: bool) -> tuple[str, list[str]]:
    if data.startswith(_BOM_STARTS):  # one C call for the common case of none, then which one
        for bom, encoding in _BOMS:
            if data.startswith(bom):
                return _lenient(data[len(bom):], encoding)
    if data.startswith(_MAGIC_STARTS):
        raise Binary(f"binary file ({next(name for magic, name in _MAGIC if data.startswith(magic))})")
    utf16 = _utf16_without_bom(data[:_SAMPLE])
    if utf16:
        return _lenient(data, utf16, [f"read as {utf16.upper()} without byte order mark"])
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data":  # cut inside the last character
            dropped = [] if partial else ["truncated UTF-8: the incomplete last character was dropped"]
            return data[: e.start].decode("utf-8"), dropped
        utf8_error = e
    if b"\x00" in data[:_SAMPLE]:
        raise Binary("binary data (NUL bytes)")
    return _legacy(data, utf8_error)


def _lenient(data: bytes, encoding: str, warnings: Optional[list[str]] = None) -> tuple[str, list[str]]:
    warnings = list(warnings or [])
    try:
        return data.decode(encoding), warnings
    except UnicodeDecodeError as e:
        text = data.decode(encoding, errors="replace")
        warnings.append(f"invalid {encoding.upper()} from byte {e.start}: replaced with U+FFFD")
        return text, warnings


def _utf16_without_bom(sample: bytes) -> Optional[str]:
    """UTF-16 shows as NUL high bytes of ASCII (spaces, digits, Latin letters) on one side only."""
    sample = sample[: len(sample) // 2 * 2]  # a file cut after an odd byte is still UTF-16
    if len(sample) < 4 or b"\x00" not in sample:  # no NUL byte at all: the common case, at C speed
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.2 and even < half * 0.02:
        return "utf-16-le"
    if even > half * 0.2 and odd < half * 0.02:
        return "utf-16-be"
    return None


def _legacy(data: bytes, utf8_error: UnicodeDecodeError) -> tuple[str, list[str]]:
    """Not UTF-8: the reading that looks most like Vietnamese wins, UTF-8 with
    its broken bytes replaced (and counted against it) or a legacy encoding."""
    import charset_normalizer  # ~15 ms of start-up, for the rare input that is not UTF-8

    head = data[:_SAMPLE]
    best = charset_normalizer.from_bytes(head).best()
    candidates = ["utf-8", *_LEGACY] + ([best.encoding] if best and best.encoding not in _LEGACY else [])
    scored = []
    for encoding in candidates:
        try:
            scored.append((_vietnamese_score(head.decode(encoding, errors="replace")), -len(scored), encoding))
        except LookupError:
            continue
    encoding = max(scored)[2]
    text = data.decode(encoding, errors="replace")
    if encoding == "utf-8":
        return text, [f"invalid UTF-8 from byte {utf8_error.start}: replaced with U+FFFD"]
    return text, [f"not UTF-8: read as {encoding}"]


def _vietnamese_score(text: str) -> float:
    """Share of words made only of Vietnamese letters once composed (a stray
    combining mark fails), less one word's worth per replaced byte."""
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    if not words:
        return 0.0
    return (sum(all(c in _VIET_LETTERS for c in w) for w in words) - text.count("\ufffd")) / len(words)
