"""A web page to its main text, title and publication time, through trafilatura.

The text keeps paragraph breaks ("\\n\\n" between blocks, "\\n" inside one) and
starts with the headline, so segmentation sees the same shape as a text file.
"""
from __future__ import annotations

import datetime as dt
import logging
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

import trafilatura
from trafilatura.xml import xmltotxt

# Meta tags that carry the article's own publication time (not modification, not the crawl).
_PUBLISHED_KEYS = frozenset({
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "dc.date.issued", "dcterms.issued",
})
_VIETNAM = dt.timezone(dt.timedelta(hours=7))
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# What these libraries would log about a page becomes the article's own warning instead.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


@dataclass
class Page:
    text: str
    title: Optional[str] = None
    published: Optional[str] = None
    url: Optional[str] = None  # the page's canonical address, when it gives one
    warnings: list[str] = field(default_factory=list)


def read_html(html: str, url: Optional[str] = None) -> Page:
    """Main text of the page; a page trafilatura cannot read gives its whole text, or none, with a warning."""
    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            return Page("", warnings=["HTML page could not be parsed"])
        published_time = _meta_published(tree)
        doc = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_tables=True, include_comments=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (RecursionError, ValueError, TypeError) as e:  # deeply nested or malformed markup
        return Page("", warnings=[f"HTML page could not be parsed: {type(e).__name__}"])
    if doc is None or doc.body is None or not (doc.text or "").strip():
        return _whole_page(html)
    title = _clean(doc.title)
    text = _blocks(doc.body)
    if title and not _starts_with(text, title):
        text = f"{title}\n\n{text}"
    return Page(text, title, _published(doc.date, published_time), doc.url or url)


def _blocks(body) -> str:
    """One block per paragraph, heading, list or table, separated by a blank line."""
    blocks = (xmltotxt(el, include_formatting=False) for el in body)
    lines = ("\n".join(line.rstrip() for line in b.strip().split("\n")) for b in blocks if b and b.strip())
    return unicodedata.normalize("NFC", "\n\n".join(lines))


def _whole_page(html: str) -> Page:
    try:
        text = (trafilatura.html2txt(html) or "").strip()
    except (RecursionError, ValueError, TypeError):
        text = ""
    if not text:
        return Page("", warnings=["HTML page has no readable text (no body, only scripts, or markup nested too deeply)"])
    return Page(unicodedata.normalize("NFC", text), warnings=["no main text found in the HTML page: whole page text used"])


def _meta_published(tree) -> Optional[dt.datetime]:
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _PUBLISHED_KEYS:
            try:
                when = dt.datetime.fromisoformat((meta.get("content") or "").strip())
            except ValueError:
                continue
            return when if when.tzinfo else when.replace(tzinfo=_VIETNAM)  # Vietnamese sites mean local time
    return None


def _published(date: Optional[str], when: Optional[dt.datetime]) -> Optional[str]:
    """The date trafilatura found, with the clock time of a meta tag that gives the same day."""
    if when is not None:
        local = when.astimezone(_VIETNAM)
        if date is None or local.date().isoformat() == date:
            return local.replace(microsecond=0).isoformat() if (local.hour, local.minute, local.second) != (0, 0, 0) else local.date().isoformat()
    return date


def _clean(title: Optional[str]) -> Optional[str]:
    title = " ".join((title or "").split())
    return unicodedata.normalize("NFC", title) or None


def _starts_with(text: str, title: str) -> bool:
    first = " ".join(text[: len(title) + 200].split()).casefold()
    return first.startswith(title.casefold())
