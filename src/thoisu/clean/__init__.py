"""Cleaning: a raw page in, a clean article (body, title, date, outlet, …) out."""

from __future__ import annotations

import re
from datetime import datetime

from thoisu.clean.flat import clean_flat
from thoisu.clean.html import clean_html, looks_like_html
from thoisu.document import Document, document_id
from thoisu.errors import InputError
from thoisu.read.limits import MAX_ARTICLE_CHARS, size_problem
from thoisu.read.page import Page
from thoisu.text.encoding import decode
from thoisu.text.language import detect_language

_SURROGATE = re.compile("[\ud800-\udfff]")  # unpaired: JSON "\\ud800" escapes decode to them, UTF-8 cannot hold them


def clean(page: Page) -> Document:
    """The article in ``page``; raises InputError when there is none to be had."""
    check_page(page)
    markup = decode(page.content, page.source) if isinstance(page.content, bytes) else page.content
    markup = _SURROGATE.sub("\ufffd", markup)
    if not markup.strip():
        raise InputError(page.source, "empty page: nothing to analyze")
    is_html = page.kind == "html" if page.kind else looks_like_html(markup)
    doc = clean_html(markup, url=page.url) if is_html else clean_flat(markup, url=page.url)
    if not doc.text.strip():
        language = detect_language(markup)  # an English page loses every line to cleaning: say why
        raise InputError(page.source, "no article text found on the page" + (
            f" (not Vietnamese: its language looks like {language!r})" if language not in ("vi", "und") else ""))
    if len(doc.text) > MAX_ARTICLE_CHARS:
        raise InputError(page.source, f"article text too long ({len(doc.text):,} characters > {MAX_ARTICLE_CHARS:,}):"
                         " a dump or a runaway page, not one article")
    doc.language = detect_language(doc.text)
    if doc.language != "vi":
        raise InputError(page.source, f"not a Vietnamese article (language looks like {doc.language!r})")
    doc.source = page.source
    doc.url = doc.url or page.url
    doc.crawled = page.crawled
    if page.published:
        doc.published, doc.published_source, doc.published_confidence = page.published, "given", 1.0
    doc.id = document_id(doc.url, doc.text)
    return doc


def check_page(page: Page) -> None:
    """Refuse, before any work, a page that is empty, too large, or given a publication date that is not one."""
    size = len(page.content) if isinstance(page.content, bytes) else len(page.content.encode("utf-8", "replace"))
    if problem := size_problem(page.source, size, "page"):
        raise problem
    if page.url and _SURROGATE.search(page.url):
        raise InputError(page.source, f"url {page.url!r} holds unpaired surrogates: not valid Unicode")
    if page.published:
        try:
            datetime.fromisoformat(page.published)
        except ValueError:
            raise InputError(
                page.source, f"published {page.published!r} is not an ISO 8601 date such as 2024-11-19"
            ) from None
