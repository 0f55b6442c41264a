"""The article's own region of a parsed page, as text blocks: headline, date
line, lead, body, captions and byline, without menus, share buttons, related
news or ads.

trafilatura keeps only the body paragraphs, so the lead in a "sapo" box, the
date line under the headline and the byline after the body are lost; the
segmenter needs them. The region is the smallest element that holds both the
headline and the densest run of paragraphs.
"""
from __future__ import annotations

import regex
from lxml import etree

_DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "form", "button", "select", "textarea", "input",
    "svg", "nav", "aside", "footer", "img", "picture", "video", "audio", "object", "embed", "link", "meta", "head",
})
# class/id words of page furniture on Vietnamese news sites (share bars, related news, menus, ads).
_FURNITURE = regex.compile(
    r"(?:^|[\s_-])(?:(?:share|sharing|social|relate|breadcrumb|comment|advert|quang[_-]?cao|lien[_-]?quan|"
    r"binh[_-]?luan|chia[_-]?se|tin[_-]?khac|other[_-]?news|doc[_-]?nhieu|xem[_-]?nhieu|most[_-]?read|tin[_-]?moi)\w*|"
    r"\w*menu\w*|navbar|sidebar|banner|ads|qc|tags|keywords?|footer|toolbar|rating|poll)(?:$|[\s_-])",
    regex.I,
)
_LINK_BOXES = frozenset({"div", "ul", "ol", "section", "table", "dl"})
_LINK_SHARE = 0.6  # a box whose text is mostly link text is a menu or a news list, not the article
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "dl", "dt", "dd", "blockquote", "pre", "table", "tbody", "thead", "tr", "figure", "figcaption", "center", "address",
})
_CELLS = ("td", "th")
_PARAGRAPH_MIN = 40  # characters: a leaf block this long is running text, not a label
_HEADLINE_WORDS = 4  # fewer words is a site or section name, not a headline
# class/id words of an inline element that holds the date ('<span class="time">'): its own line.
_DATE_MARK = regex.compile(r"(?:^|[\s_-])(?:time|date|datetime|ngay|ngaydang|publish\w*|pubdate)(?:$|[\s_-])", regex.I)
_MARKS_MAX = 300  # characters of class and id looked at: attributes are short, untrusted ones are cut
_SPACES = regex.compile(r"[ \t\r\n\f\u00a0\u200b]+")
_EMPTY_LINE = regex.compile(r"\n[ ]*\n")


def clean(tree):
    """Removes scripts, forms, navigation, boxes of mostly links and furniture; returns the body container.

    Furniture names on an ancestor of the body are layout ('<div class="container has-sidebar">'), so
    those elements stay; the body is first looked for outside furniture, so comments cannot be it.
    """
    size, linked, links = _sizes(tree)
    for el in [el for el in tree.iter() if not isinstance(el.tag, str) or el.tag in _DROP_TAGS or (
            el.tag in _LINK_BOXES and links[el] >= 2 and linked[el] >= _LINK_SHARE * size[el])]:
        _remove(el)
    furniture = [el for el in tree.iter() if isinstance(el.tag, str) and _is_furniture(el)]
    body = body_container(tree, _inside(furniture))
    keep = {body, *body.iterancestors()} if body is not None else set()
    for el in furniture:
        if el not in keep and el.find(".//h1") is None:
            _remove(el)
    return body


def _remove(el) -> None:
    parent = el.getparent()
    if parent is not None:
        _keep_tail(parent, el)
        parent.remove(el)


def _inside(boxes: list) -> set:
    # elements themselves, not id(): lxml makes a new proxy (and may reuse an id) once one is dropped
    return {d for box in boxes for d in box.iter()}


def _sizes(tree) -> tuple[dict, dict, dict]:
    """Text length, link text length and link count of every element, children summed before parents."""
    size: dict = {}
    linked: dict = {}
    links: dict = {}
    for el in reversed(list(tree.iter())):
        if not isinstance(el.tag, str):
            continue
        kids = [c for c in el if isinstance(c.tag, str)]
        own = len((el.text or "").strip()) + sum(len((c.tail or "").strip()) for c in el)
        size[el] = own + sum(size[c] for c in kids)
        links[el] = (el.tag == "a") + sum(links[c] for c in kids)
        linked[el] = size[el] if el.tag == "a" else sum(linked[c] for c in kids)
    return size, linked, links


def _keep_tail(parent, el) -> None:
    """The text after a removed element stays where it was (lxml would drop it with the element)."""
    if el.tail and el.tail.strip():
        before = el.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + " " + el.tail
        else:
            parent.text = (parent.text or "") + " " + el.tail


def _is_furniture(el) -> bool:
    tag = el.tag
    if tag == "header" and el.find(".//h1") is None:
        return True
    marks = _marks(el)
    return bool(marks) and tag not in ("body", "html", "article", "main", "h1") and bool(_FURNITURE.search(marks))


def body_container(tree, avoid: set):
    """The element with the most running text in its own paragraphs and text nodes, outside the
    `avoid` elements when that finds at least half as much."""
    scored = [(_paragraph_score(el), el) for el in tree.iter() if isinstance(el.tag, str) and el.tag != "html"]
    best = max(scored, key=lambda se: se[0], default=(0, None))
    free = max((se for se in scored if se[1] not in avoid), key=lambda se: se[0], default=(0, None))
    chosen = free if free[0] * 2 >= best[0] else best
    return chosen[1] if chosen[0] > 0 else None


def _paragraph_score(el) -> int:
    score = len((el.text or "").strip()) + sum(len((c.tail or "").strip()) for c in el)
    return score + sum(len(_text(c)) for c in el if isinstance(c.tag, str) and _is_paragraph(c))


def _is_paragraph(el) -> bool:
    if el.tag == "p":
        return True
    # a leaf <div> of running text (pages that write paragraphs as divs); direct children only, for speed
    return el.tag in ("div", "section") and not any(c.tag in _BLOCK_TAGS for c in el) and len(_text(el)) >= _PARAGRAPH_MIN


def headline(tree, titles: list[str], body):
    """The heading (else any element) whose text is a known title, the titles tried in order; else
    the first <h1> of headline length; else the last such <h2>/<h3> before the body.
    A site logo is often an <h1> and a portal's <title> its own name: the page's title decides first."""
    for title in titles:
        wanted = " ".join(title.split()).casefold()
        for tags in (("h1", "h2", "h3"), ("h4", "div", "p", "span", "strong", "b", "td")):
            found = next((el for el in tree.iter(*tags) if " ".join(_text(el).split()).casefold() == wanted), None)
            if found is not None:
                return found
    h1 = next((h for h in tree.iter("h1") if len(_text(h).split()) >= _HEADLINE_WORDS), None)
    return h1 if h1 is not None else _heading_before(tree, body)


def _heading_before(tree, body):
    last = None
    for el in tree.iter():
        if el is body:
            return last
        if el.tag in ("h2", "h3") and len(_text(el).split()) >= _HEADLINE_WORDS:
            last = el
    return None


def region(tree, head, body):
    """The smallest element holding headline and body, unless it holds much else (then the body alone)."""
    if head is None or body is None:
        return [body] if body is not None else []
    ancestors = {body, *body.iterancestors()}
    common = next((a for a in [head, *head.iterancestors()] if a in ancestors), None)
    if common is None:
        return [body]
    extra = len(_text(common)) - len(_text(body)) - len(_text(head))
    if common is body or extra <= max(1500, len(_text(body))):
        return [common]
    return [head, body]


def blocks(elements) -> list[str]:
    """Text blocks in document order: one per block element, line breaks kept, table rows as 'a | b'."""
    lines: list[str] = []
    current: list[str] = []
    for el in elements:
        _walk(el, lines, current)
        _flush(lines, current)
    return lines


def _walk(el, lines: list[str], current: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "br":
        current.append("\n")
    elif tag == "tr" and not any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in el.iterdescendants()):
        _flush(lines, current)
        cells = [" ".join(_text(c).split()) for c in el if c.tag in _CELLS]
        current.append(" | ".join(c for c in cells if c))
        _flush(lines, current)
    else:
        block = tag in _BLOCK_TAGS or tag in _CELLS or _is_date_holder(el)
        if block:
            _flush(lines, current)
        current.append(_flat(el.text))
        for child in el:
            _walk(child, lines, current)
            current.append(_flat(child.tail))
        if block:
            _flush(lines, current)


def _is_date_holder(el) -> bool:
    return el.tag == "time" or bool(_DATE_MARK.search(_marks(el)))


def _marks(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"[:_MARKS_MAX].strip()


def _flat(text) -> str:
    """Source line ends are spaces; only <br> breaks a line."""
    return _SPACES.sub(" ", text) if text else ""


def _flush(lines: list[str], current: list[str]) -> None:
    """The pending text as blocks: one <br> breaks a line, two or more (an empty line) a paragraph."""
    text = "".join(current)
    current.clear()
    for para in _EMPTY_LINE.split(text):
        kept = (" ".join(part.split()) for part in para.split("\n"))
        block = "\n".join(k for k in kept if k)
        if block:
            lines.append(block)


def _text(el) -> str:
    return "".join(el.itertext()).strip() if isinstance(el.tag, str) else ""


def parse_error_types() -> tuple:
    return (RecursionError, ValueError, TypeError, etree.LxmlError)
