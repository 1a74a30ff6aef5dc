"""Cleaning a saved HTML page: trafilatura for the body, our own checks and metadata on top.

What trafilatura gets wrong on Vietnamese news pages, and what is done about it:

* boxes that are not the article (inline "Tin liên quan", "Xem nhiều", comments, tags,
  share bars) are recognised by the words of their class/id (``data/clean/html_classes.tsv``),
  taken out before extraction and recorded in ``removed``;
* image captions (``<figcaption>``, caption classes, an italic line under an image) go to
  ``captions``; caption-shaped lines that still reach the body ("… Ảnh: Reuters") too;
* the lead paragraph (sapo) that trafilatura often leaves out is put back, and the outlet
  prefix on it ("TPO - ") is taken off into ``outlet``;
* what is left is read line by line with the rules of flattened pages (``thoisu.clean.lines``):
  related-article headers and their headlines, timestamps, widgets, a repeated title, a
  trailing author line are removed;
* metadata is read from the markup by us, not by htmldate: publication date from
  ``article:published_time``, JSON-LD ``datePublished``, ``itemprop`` or the byline's
  ``<time>``, else the byline text, else the URL (``thoisu.clean.published``) — never the
  crawl date, never a guess.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import lxml.html
import trafilatura
from lxml import etree

from thoisu.clean.agencies import find_agencies
from thoisu.clean.lines import (
    CUE,
    HEADLINE,
    PARAGRAPH,
    PATTERN,
    SHORT,
    SLUG,
    SLUG_PREFIXED,
    cue_key,
    line_rules,
    read_lines,
)
from thoisu.clean.outlets import known_outlets, outlet_from_url, split_outlet_prefix
from thoisu.clean.published import find_published, parse_byline
from thoisu.document import Document, Removal
from thoisu.errors import InputError, ResourceError

DATA_FILE = "html_classes.tsv"
BOX_ROLES = frozenset({"related-articles", "comments", "tags", "share", "navigation", "advertisement"})
SUBSTRING_KEYWORD_MIN = 6  # keywords this long also match inside a longer class word
# A box holding this share of the page's text is the article's wrapper, not a box beside it.
MAX_BOX_SHARE = 0.4
MIN_LEAD_CHARS = 30
MAX_LEAD_CHARS = 800  # a sapo is a few sentences; a "summary" element holding more is a wrapper
MAX_CAPTION_CHARS = 500
MIN_BODY_CHARS = 250  # less than this after taking boxes out: extract again without taking them out
MIN_TITLE_WORDS = 3  # an <h1> shorter than this is a logo or a section name
TAG_RE = re.compile(r"<(?:!doctype\s+html|html|head|body|div|p|article|meta|title|span|a)\b", re.IGNORECASE)
CLASS_SPLIT_RE = re.compile(r"[\s\-_]+")
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ")
MAX_SITE_SUFFIX_WORDS = 6
AUTHOR_SPLIT_RE = re.compile(r"[\s/]+")
AUTHOR_EXCLUDED_CHARS = frozenset(",:;!?()\"“”«»")
MAX_AUTHOR_WORDS = 6
LEADING_CHECK = 3  # the lead counts as extracted when it is among this many first paragraphs
LEAD_OVERLAP = 0.8  # … and that paragraph is it: one holds the other and their lengths are close
MAX_CUE_CHARS = 60
TRAFILATURA_OPTIONS = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "with_metadata": False,
    "favor_precision": True,
}
# Lines read under the title when looking for a byline no class names as one.
MAX_LINES_AFTER_TITLE = 8
BODY_LINE_CHARS = 150
FOLLOWING_TEXT = etree.XPath("following::text()[normalize-space()]")
EXTRACTED_BLOCKS = {"p", "head", "quote", "code", "item", "cell"}


@dataclass
class PageMarkup:
    """What the markup says about the article, read before extraction."""

    meta: dict[str, str] = field(default_factory=dict)  # lower-cased name -> value
    title: str | None = None
    canonical: str | None = None
    site_name: str | None = None
    authors: list[str] = field(default_factory=list)
    byline: list[str] = field(default_factory=list)  # texts of byline elements, page order
    lead: str | None = None
    captions: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is HTML markup rather than flattened page text (a cheap sniff)."""
    head = text[:4096]
    if head.lstrip().lower().startswith(("<!doctype html", "<html")):
        return True
    return len({match.group().lower() for match in TAG_RE.finditer(head)}) >= 2


def clean_html(markup: str, url: str | None = None) -> Document:
    """The article of an HTML page: body paragraphs, title, date, outlet, authors, captions, agencies."""
    tree = _parse(markup, url)
    page = read_markup(tree)
    page_url = url or page.canonical
    paragraphs = _extracted(tree, page_url)
    if sum(map(len, paragraphs)) < MIN_BODY_CHARS:
        # a box taken out may have held the article after all: extract from the page as it was
        unpruned = _extracted(_parse(markup, url), page_url)
        if sum(map(len, unpruned)) > sum(map(len, paragraphs)):
            paragraphs, page.removed = unpruned, []
    doc = Document(text="", url=page_url, title=page.title, captions=list(page.captions), removed=list(page.removed))
    paragraphs = _checked(paragraphs, doc)
    paragraphs = _with_lead(paragraphs, page.lead)
    prefix_outlet = None
    if paragraphs:
        prefix_outlet, paragraphs[0] = split_outlet_prefix(paragraphs[0])
        if prefix_outlet:
            doc.removed.append(Removal(prefix_outlet, "outlet-prefix"))
    doc.text = "\n\n".join(p for p in paragraphs if p)
    doc.outlet = _outlet(page_url, prefix_outlet, page.site_name)
    doc.authors = _unique(page.authors + doc.authors)
    published = find_published("\n".join(page.byline), page_url, page.meta)
    if published:
        doc.published, doc.published_source, doc.published_confidence = (
            published.value,
            published.source,
            published.confidence,
        )
    doc.agencies = find_agencies("\n".join([doc.text, *doc.captions]))
    return doc


def _extracted(tree: lxml.html.HtmlElement, url: str | None) -> list[str]:
    extracted = trafilatura.bare_extraction(tree, url=url, **TRAFILATURA_OPTIONS)
    return list(_blocks(extracted.body)) if extracted is not None and extracted.body is not None else []


def read_markup(tree: lxml.html.HtmlElement) -> PageMarkup:
    """Metadata, lead, captions and boxes of a parsed page; takes the boxes and captions out of ``tree``."""
    page = PageMarkup()
    page.meta, page.canonical, page.site_name, page.authors = _head_metadata(tree)
    for code in tree.iter("script", "style", "noscript"):  # read above (JSON-LD); not page text
        code.text = None
    title_h1 = _title_heading(tree, page.meta)
    page.title = _title(tree, page.meta, title_h1)
    # chrome never holds the article's title: an ancestor of the title heading is not chrome
    title_path = {title_h1, *title_h1.iterancestors()} if title_h1 is not None else set()
    chrome = _Chrome(title_path)
    total = len(_text(tree.find("body") if tree.find("body") is not None else tree)) or 1
    boxes: list[tuple[lxml.html.HtmlElement, str]] = []
    taken: set[lxml.html.HtmlElement] = set()
    cues = line_rules().cues
    time_value = None
    for element in tree.iter():
        if not isinstance(element.tag, str) or _inside(taken, element):
            continue
        element_roles = _roles_of(element) | ({"caption"} if element.tag == "figcaption" else set())
        box = element_roles & BOX_ROLES
        caption = _text(element) if "caption" in element_roles else ""
        if caption and len(caption) <= MAX_CAPTION_CHARS and not chrome.holds(element):
            if caption not in page.captions:
                page.captions.append(caption)
            box = {"caption"}
        elif box and (element in title_path or len(_text(element)) >= MAX_BOX_SHARE * total):
            box = set()
        if not box:
            cue_box = _box_under_cue(element, cues)
            if cue_box is not None and cue_box[0] not in title_path and not _inside(taken, cue_box[0]):
                if len(_text(cue_box[0])) < MAX_BOX_SHARE * total:
                    boxes.append(cue_box)
                    taken.add(cue_box[0])
                    continue
        if box:
            boxes.append((element, sorted(box)[0]))
            taken.add(element)
            continue
        if chrome.holds(element):
            continue
        if element.tag == "time" and time_value is None:
            time_value = element.get("datetime")
        if "byline" in element_roles or element.tag == "time":
            page.byline.extend(line for line in _lines(element) if len(line) <= 120)
            if "author" in _words_of(element) and _is_author_line(_text(element)):
                page.authors.append(_text(element))
        if "lead" in element_roles and page.lead is None and element.tag not in ("meta", "html", "body"):
            lead = _text(element)
            if MIN_LEAD_CHARS <= len(lead) <= MAX_LEAD_CHARS:
                page.lead = lead
        if element.tag == "p" and _is_caption_under_image(element):
            page.captions.append(_text(element))
            boxes.append((element, "caption"))
            taken.add(element)
    if time_value and "time" not in page.meta:
        page.meta["time"] = time_value
    for element, reason in boxes:
        if reason != "caption":
            text = " ".join(_lines(element))
            if text:
                page.removed.append(Removal(text, reason))
        _drop(element)
    if title_h1 is not None:
        page.byline.extend(_lines_after(title_h1, chrome))
    return page


@lru_cache(maxsize=1)
def class_roles() -> dict[str, str]:
    """Class/id keyword -> role, from ``data/clean/html_classes.tsv``."""
    try:
        text = resources.files("thoisu").joinpath("data", "clean", DATA_FILE).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ResourceError(f"data/clean/{DATA_FILE} is missing; reinstall thoisu") from error
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if any(len(row) != 2 for row in rows):
        raise ResourceError(f"data/clean/{DATA_FILE}: every row needs a keyword and a role")
    return {keyword.strip(): role.strip() for keyword, role in rows[1:]}


def _parse(markup: str, url: str | None) -> lxml.html.HtmlElement:
    source = url or "<html page>"
    # lxml refuses str input that declares its own encoding
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as error:
        raise InputError(source, f"the HTML cannot be parsed ({error})") from error


def _head_metadata(tree: lxml.html.HtmlElement) -> tuple[dict[str, str], str | None, str | None, list[str]]:
    meta: dict[str, str] = {}
    for element in tree.iter("meta"):
        name = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if name and content and name.lower() not in meta:
            meta[name.lower()] = content.strip()
    for element in tree.xpath("//*[@itemprop='datePublished']"):
        value = element.get("datetime") or element.get("content")
        if value:
            meta.setdefault("datepublished", value)
    for element in tree.iter("time"):
        if element.get("pubdate") is not None and element.get("datetime"):
            meta.setdefault("pubdate", element.get("datetime"))
    authors = [meta["author"]] if meta.get("author") else []
    site_name = meta.get("og:site_name") or meta.get("application-name")
    for item in _json_ld(tree):
        for key in ("datePublished", "headline"):
            if isinstance(item.get(key), str):
                meta.setdefault(key.lower(), item[key])
        authors.extend(_names(item.get("author")))
        publisher = _names(item.get("publisher"))
        site_name = site_name or (publisher[0] if publisher else None)
    canonical = None
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href", "").startswith("http"):
            canonical = link.get("href")
            break
    canonical = canonical or (meta.get("og:url") if meta.get("og:url", "").startswith("http") else None)
    return meta, canonical, site_name, [a for a in authors if a and len(a.split()) <= MAX_AUTHOR_WORDS]


def _json_ld(tree: lxml.html.HtmlElement) -> Iterator[dict]:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
                kind = item.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                    yield item


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value.strip()]
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return [value["name"].strip()]
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _title_heading(tree: lxml.html.HtmlElement, meta: dict[str, str]) -> lxml.html.HtmlElement | None:
    """The <h1> that holds the article title: the longest one the page's <title>/og:title/headline contains."""
    titles = " ".join(
        _normal(value).casefold() for value in (meta.get("og:title"), meta.get("headline"), _head_title(tree)) if value
    )
    best = None
    for heading in tree.iter("h1"):
        text = _text(heading)
        if len(text.split()) >= MIN_TITLE_WORDS and text.casefold() in titles and (best is None or len(text) > len(_text(best))):
            best = heading
    return best


def _title(tree: lxml.html.HtmlElement, meta: dict[str, str], heading: lxml.html.HtmlElement | None) -> str | None:
    if heading is not None:
        return _text(heading)
    for value in (meta.get("headline"), meta.get("og:title"), _head_title(tree)):
        if value and value.strip():
            return _without_site_suffix(_normal(value))
    for heading in tree.iter("h1"):
        if len(_text(heading).split()) >= MIN_TITLE_WORDS:
            return _text(heading)
    return None


def _head_title(tree: lxml.html.HtmlElement) -> str | None:
    element = tree.find(".//title")
    return _text(element) if element is not None else None


def _without_site_suffix(title: str) -> str:
    for separator in TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if found and head and len(tail.split()) <= MAX_SITE_SUFFIX_WORDS and len(head) > len(tail):
            return head.strip()
    return title


def _roles_of(element: lxml.html.HtmlElement) -> frozenset[str]:
    attributes = f"{element.get('class') or ''} {element.get('id') or ''}"
    return _roles_of_attributes(attributes.lower()) if attributes.strip() else frozenset()


@lru_cache(maxsize=8192)
def _roles_of_attributes(attributes: str) -> frozenset[str]:
    roles, long_keywords = class_roles(), _long_keywords()
    found = set()
    for word in CLASS_SPLIT_RE.split(attributes):
        role = roles.get(word)
        if role:
            found.add(role)
        elif word:
            found.update(roles[keyword] for keyword in long_keywords.findall(word))
    return frozenset(found)


@lru_cache(maxsize=1)
def _long_keywords() -> re.Pattern[str]:
    long = sorted((k for k in class_roles() if len(k) >= SUBSTRING_KEYWORD_MIN), key=len, reverse=True)
    return re.compile("|".join(re.escape(keyword) for keyword in long))


class _Chrome:
    """Which elements sit in the site's chrome (header, footer, sidebars) rather than the article."""

    def __init__(self, title_path: set) -> None:
        self.title_path = title_path
        self.known: dict[lxml.html.HtmlElement, bool] = {}

    def holds(self, element: lxml.html.HtmlElement) -> bool:
        """Whether an ancestor of ``element`` is chrome."""
        return any(self.is_chrome(ancestor) for ancestor in element.iterancestors())

    def is_chrome(self, element: lxml.html.HtmlElement) -> bool:
        """Site chrome: nav/footer/aside or a chrome class; a header only with a menu in it; never the title's box."""
        if element not in self.known:
            self.known[element] = element not in self.title_path and (
                element.tag in ("nav", "footer", "aside")
                or "chrome" in _roles_of(element)
                or (_is_header(element) and _has_menu(element))
            )
        return self.known[element]


def _box_under_cue(element: lxml.html.HtmlElement, cues: dict[str, str]) -> tuple[lxml.html.HtmlElement, str] | None:
    """The box a cue header ("Tin liên quan", "Bình luận (2)") opens: the header's container."""
    own = (element.text or "").strip()
    if not own or len(own) > MAX_CUE_CHARS or len(element):
        return None
    reason = cues.get(cue_key(own))
    if reason is None:
        return None
    header = element
    while header.getparent() is not None and _text(header.getparent()) == _text(header):
        header = header.getparent()
    container = header.getparent()
    if container is None or container.tag in ("body", "html"):
        return None
    return container, reason


def _lines_after(heading: lxml.html.HtmlElement, chrome: _Chrome) -> Iterator[str]:
    """The short lines right under the title, where pages without byline classes print it."""
    count = 0
    for node in FOLLOWING_TEXT(heading):
        line = _normal(node)
        if not line or chrome.holds(node.getparent()):
            continue
        if len(line) >= BODY_LINE_CHARS or count >= MAX_LINES_AFTER_TITLE:
            return
        count += 1
        yield line


def _words_of(element: lxml.html.HtmlElement) -> list[str]:
    return CLASS_SPLIT_RE.split(f"{element.get('class') or ''} {element.get('id') or ''}".lower())


def _is_header(element: lxml.html.HtmlElement) -> bool:
    return element.tag == "header" or "header" in _words_of(element)


def _has_menu(element: lxml.html.HtmlElement) -> bool:
    return any(
        child.tag == "nav" or {"menu", "nav"} & set(CLASS_SPLIT_RE.split((child.get("class") or "").lower()))
        for child in element.iter()
        if isinstance(child.tag, str)
    )


def _inside(taken: set[lxml.html.HtmlElement], element: lxml.html.HtmlElement) -> bool:
    return bool(taken) and any(ancestor in taken for ancestor in element.iterancestors())


def _is_caption_under_image(paragraph: lxml.html.HtmlElement) -> bool:
    """A paragraph that is all emphasis, right under an image with no text of its own."""
    children = [child for child in paragraph if isinstance(child.tag, str)]
    if len(children) != 1 or children[0].tag not in ("em", "i") or (paragraph.text or "").strip():
        return False
    if (children[0].tail or "").strip():
        return False
    previous = paragraph.getprevious()
    return previous is not None and previous.find(".//img") is not None and not _text(previous)


def _drop(element: lxml.html.HtmlElement) -> None:
    parent = element.getparent()
    if parent is not None:
        element.drop_tree()


def _blocks(body: etree._Element) -> Iterator[str]:
    """The text blocks of trafilatura's output tree, one paragraph each, in order."""
    for element in body.iter():
        if element.tag in EXTRACTED_BLOCKS and not any(a.tag in EXTRACTED_BLOCKS for a in element.iterancestors()):
            text = _text(element)
            if text:
                yield text


def _checked(paragraphs: list[str], doc: Document) -> list[str]:
    """The paragraphs that survive the line rules; the rest go to ``doc.removed``/``captions``/``authors``."""
    if not paragraphs:
        return []
    lines = read_lines("\n".join(paragraphs), line_rules())
    title_key = _normal(doc.title).casefold() if doc.title else None
    kept: list[str] = []
    block_reason: str | None = None
    for line in lines:
        # a comments header closes the article: readers' comments run to the end of the page
        in_block = block_reason == "comments" or line.kind in (HEADLINE, SHORT, SLUG, SLUG_PREFIXED) or line.truncated
        if block_reason and in_block:
            doc.removed.append(Removal(line.text, block_reason))
            continue
        block_reason = None
        if line.key == title_key:
            doc.removed.append(Removal(line.text, "title"))
        elif line.kind == CUE:
            block_reason = line.reason
            doc.removed.append(Removal(line.text, line.reason or "related-articles"))
        elif line.kind == PATTERN and line.reason == "caption" and line.words <= 60:
            if line.text not in doc.captions:
                doc.captions.append(line.text)
        elif line.kind == PATTERN and line.reason == "author":
            doc.authors.append(line.match["name"].strip() if line.match and line.match["name"] else line.text)
            doc.removed.append(Removal(line.text, "author"))
        elif line.kind == PATTERN and line.reason not in ("attribution", "caption"):
            doc.removed.append(Removal(line.text, line.reason or "boilerplate"))
        elif line.kind != PARAGRAPH and parse_byline(line.text):
            doc.removed.append(Removal(line.text, "timestamp"))
        else:
            kept.append(line.text)
    while kept and _is_author_line(kept[-1]):
        doc.authors.append(kept[-1])
        doc.removed.append(Removal(kept.pop(), "author"))
    return kept


def _is_author_line(text: str) -> bool:
    """A short run of capitalised names ("Hải Hiền", "Thu Hằng/VOV.VN") closing the article."""
    if find_agencies(text) or text.casefold().startswith(("theo ", "nguồn")) or text.endswith("."):
        return False
    words = AUTHOR_SPLIT_RE.split(text.strip())
    return (
        0 < len(words) <= MAX_AUTHOR_WORDS
        and all(word[:1].isupper() for word in words)
        and not any(char.isdigit() or char in AUTHOR_EXCLUDED_CHARS for char in text)
    )


def _with_lead(paragraphs: list[str], lead: str | None) -> list[str]:
    """The paragraphs with the page's lead in front when extraction left it out."""
    if not lead:
        return paragraphs
    _, lead_text = split_outlet_prefix(lead)
    lead_key = _normal(lead_text).casefold()
    for paragraph in paragraphs[:LEADING_CHECK]:
        key = _normal(split_outlet_prefix(paragraph)[1]).casefold()
        shorter, longer = sorted((len(key), len(lead_key)))
        if (lead_key in key or key in lead_key) and shorter >= LEAD_OVERLAP * longer:
            return paragraphs
    return [lead, *paragraphs]


def _outlet(url: str | None, prefix_outlet: str | None, site_name: str | None) -> str | None:
    from_url = outlet_from_url(url) if url else None
    if from_url:
        return from_url
    known = {outlet.name for outlet in known_outlets()}
    if prefix_outlet in known:
        return prefix_outlet
    return site_name or prefix_outlet


def _lines(element: lxml.html.HtmlElement) -> list[str]:
    return [line for line in (_normal(part) for part in element.itertext()) if line]


def _text(element: etree._Element | None) -> str:
    return _normal("".join(element.itertext())) if element is not None else ""


def _normal(text: str | None) -> str:
    return unicodedata.normalize("NFC", " ".join((text or "").split()))


def _unique(values: list[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return seen
