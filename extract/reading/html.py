"""A web page to its article text, title and publication time.

The text is the article's region (html_region.py): headline, date line,
lead, body, captions and byline, which the segmenter needs and trafilatura
drops; trafilatura is the fallback for pages without a clear region. It keeps
paragraph breaks ("\\n\\n" between blocks, "\\n" for a <br>) and starts with
the headline, so segmentation sees the same shape as a text file.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

import lxml.html
import regex
import trafilatura
from htmldate import find_date
from trafilatura.xml import xmltotxt

from extract.reading import html_region as region

# Meta tags that carry the article's own publication time (not modification, not the crawl).
_PUBLISHED_KEYS = frozenset({
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "dc.date.issued", "dcterms.issued",
})
_HEADLINE_WORDS = 4  # a shorter page title is a site or section name ('Tin tức - Sự kiện')
_MIN_REGION = 200  # characters: less than this is no article body (trafilatura's text is used instead)
# A site name after the headline in <title>: ' - Báo Tây Ninh', ' | Cổng thông tin điện tử tỉnh'.
_SITE_SUFFIX = regex.compile(r"\s+[-|–—]\s+[^-|–—]{2,60}$")
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
    """The article's region of the page (headline to byline); else trafilatura's main text; else the
    whole page's text, or none, with a warning. Title and date come from meta tags, JSON-LD and htmldate."""
    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            return Page("", warnings=["HTML page could not be parsed"])
        published_time = _meta_published(tree) or _json_ld_published(tree)
        meta_titles = _meta_titles(tree)
        canonical = _canonical(tree)
        text, headline, date = _article_region(tree, meta_titles, canonical or url)
        if not text:  # trafilatura's own extraction, slower (it tries several algorithms)
            text = _main_text(trafilatura.load_html(html), url)
    except (RecursionError, ValueError, TypeError) as e:  # deeply nested or malformed markup
        return Page("", warnings=[f"HTML page could not be parsed: {type(e).__name__}"])
    if not text:
        return _whole_page(html)
    title = headline or next((t for t in meta_titles[1::2] if len(t.split()) >= _HEADLINE_WORDS), None)
    if title and not _heads(text, title):
        text = f"{title}\n\n{text}"
    return Page(text, title, _published(date, published_time), canonical or url)


def _main_text(tree, url: Optional[str]) -> str:
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_tables=True, include_comments=False)
    if doc is None or doc.body is None or not (doc.text or "").strip():
        return ""
    return _blocks(doc.body)


def _article_region(tree, titles: list[Optional[str]], url: Optional[str]) -> tuple[str, Optional[str], Optional[str]]:
    """Headline, date line, lead, body, captions and byline as blocks (empty when the page has no clear
    body), the headline, and the date htmldate finds in the region's markup (never in related news)."""
    try:
        body = region.clean(tree)
        head = region.headline(tree, [t for t in titles if t], body)
        elements = region.region(tree, head, body)
        lines = region.blocks(elements)
    except region.parse_error_types():
        return "", None, None
    text = unicodedata.normalize("NFC", "\n\n".join(lines))
    if len(text) < _MIN_REGION:
        return "", None, None
    head_text = _clean(" ".join(head.itertext())) if head is not None else None
    return text, head_text, _region_date(elements, url)


def _region_date(elements, url: Optional[str]) -> Optional[str]:
    """htmldate over the region alone (a <time>, a date class, the address): it prunes what it reads, so copies."""
    page = lxml.html.document_fromstring("<html><body></body></html>")
    page.body.extend(copy.deepcopy(el) for el in elements)
    return find_date(page, url=url, **_DATE_PARAMS)


def _meta_titles(tree) -> list[str]:
    """og:title and <title>, each followed by itself without a trailing site name (' - Báo X', ' | Cổng TTĐT tỉnh Y')."""
    found = [meta.get("content") or "" for meta in tree.iter("meta") if (meta.get("property") or "").lower() == "og:title"]
    found += ["".join(t.itertext()) for t in tree.iter("title")]
    out = []
    for t in found:
        t = _clean(t)
        if t:
            out += [t, _SITE_SUFFIX.sub("", t)]
    return out


def _canonical(tree) -> Optional[str]:
    """The page's own address: <link rel="canonical">, else og:url."""
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and (link.get("href") or "").strip():
            return link.get("href").strip()
    return next((m.get("content").strip() for m in tree.iter("meta")
                 if (m.get("property") or "").lower() == "og:url" and (m.get("content") or "").strip()), None)


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


def _json_ld_published(tree) -> Optional[dt.datetime]:
    """datePublished of a schema.org NewsArticle in a JSON-LD script."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        for item in data if isinstance(data, list) else [data]:
            value = item.get("datePublished") if isinstance(item, dict) else None
            try:
                when = dt.datetime.fromisoformat(value.strip()) if isinstance(value, str) else None
            except ValueError:
                continue
            if when is not None:
                return when if when.tzinfo else when.replace(tzinfo=_VIETNAM)
    return None


def _published(date: Optional[str], when: Optional[dt.datetime]) -> Optional[str]:
    """The date trafilatura found, with the clock time of a meta tag that gives the same day."""
    if when is not None:
        try:
            local = when.astimezone(_VIETNAM)
        except OverflowError:  # year 1 or 9999 shifted past the calendar's ends: no usable clock time
            return date
        if date is None or local.date().isoformat() == date:
            return local.replace(microsecond=0).isoformat() if (local.hour, local.minute, local.second) != (0, 0, 0) else local.date().isoformat()
    return date


def _clean(title: Optional[str]) -> Optional[str]:
    title = " ".join((title or "").split())
    return unicodedata.normalize("NFC", title) or None


def _heads(text: str, title: str) -> bool:
    """The title is one of the page's first lines (a date or section line may stand above it)."""
    wanted = title.casefold()
    return any(" ".join(line.split()).casefold() == wanted for line in text[: len(title) + 300].split("\n"))
