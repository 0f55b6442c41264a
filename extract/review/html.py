"""Small HTML helpers: escaping, links, and the page shell with inline assets.

Every page inlines its CSS and script and allows only those by hash (CSP), so
pages work offline from file:// and injected markup could not run even if
escaping failed somewhere.
"""
from __future__ import annotations

import base64
import hashlib
import html
from functools import lru_cache
from importlib import resources
from urllib.parse import quote


def esc(value) -> str:
    """Text for element content or a quoted attribute value."""
    return html.escape("" if value is None else str(value), quote=True)


def link(href: str, label: str, cls: str = "") -> str:
    klass = f' class="{esc(cls)}"' if cls else ""
    return f'<a href="{esc(quote(href, safe="/#.-_~"))}"{klass}>{esc(label)}</a>'


def fmt_number(value) -> str:
    """Vietnamese style: `.` groups thousands, `,` marks decimals."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        whole, _, frac = f"{value:,.4f}".rstrip("0").partition(".")
        return whole.replace(",", ".") + ("," + frac if frac else "")
    return f"{int(value):,}".replace(",", ".")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _sha256(source: str) -> str:
    return base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=None)
def _csp() -> str:
    return (f"default-src 'none'; style-src 'sha256-{_sha256(_asset('review.css'))}'; "
            f"script-src 'sha256-{_sha256(_asset('review.js'))}'; img-src data:")


def page(title: str, body: str, root: str = "") -> str:
    """A whole document; `root` is the relative path back to the site root ('' or '../')."""
    css, js, csp = _asset("review.css"), _asset("review.js"), _csp()
    nav = f'<nav>{link(root + "index.html", "Bài viết")} · {link(root + "dashboard.html", "Tổng quan")}</nav>'
    return (
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{css}</style></head>\n"
        f"<body>{nav}\n{body}\n<script>{js}</script></body></html>\n"
    )


def table(headers: list[str], rows: list[list[str]], cls: str = "") -> str:
    """Rows are already-escaped cell HTML."""
    if not rows:
        return '<p class="none">—</p>'
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    klass = f' class="{esc(cls)}"' if cls else ""
    return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
