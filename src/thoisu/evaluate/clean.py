"""Score cleaning against a gold file: body text, title, publication date, captions, agencies, outlet.

Gold format (JSONL, one page per line; ``tests/fixtures/clean/README.md`` has the same text):

* ``source``: path of the saved page, relative to the gold file (read as bytes, so the
  page's encoding is detected as in a real run) — or ``page``: the page content inline;
* ``kind`` (optional): ``"text"`` (flattened page text) or ``"html"``; sniffed when absent;
* ``url`` (optional): the page's URL, given to the cleaner as a crawler would;
* ``text``: the expected body, paragraphs separated by a blank line, no captions;
* ``title``: the expected title (``null`` when the page has none);
* ``published``: the expected ISO 8601 publication date, ``null`` when the page does not state one;
* ``captions``, ``agencies`` (optional lists) and ``outlet`` (optional string or ``null``):
  scored only on the pages whose gold line has the key.

Every page goes through the real dispatcher ``thoisu.clean.clean(Page(...))``, so one gold
file can mix flattened text and HTML pages.

Measures:

* body: bag-of-tokens precision, recall and F1 — the multiset overlap of word tokens
  (maximal runs of Unicode word characters, NFC, case-folded) between the predicted and
  the gold body, order ignored: the token-level measure of the Moz/dragnet content-extraction
  benchmark. ``shingle_f1`` counts the same way over shingles of four consecutive tokens,
  as the ScrapingHub article-extraction benchmark does (it also punishes text out of order).
  A page the cleaner rejects scores 0.
* title: exact match after NFC and whitespace normalization (both ``null`` counts as a match).
* date: the day (first 10 characters of the ISO value) agrees, ``null`` against ``null``
  included; ``exact`` additionally compares the whole value.
* captions: the fraction of gold captions found (whitespace-normalized exact match).
* agencies: the fraction of gold agencies found, and the extra agencies reported.
* outlet: exact match.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from thoisu.clean import clean
from thoisu.document import Document
from thoisu.errors import InputError
from thoisu.read.page import Page

WORD_RE = re.compile(r"\w+")
SHINGLE = 4


@dataclass
class CleanRow:
    """The scores of one gold page."""

    source: str
    precision: float
    recall: float
    f1: float
    shingle_f1: float  # over shingles of four tokens
    title_match: bool
    date_match: bool
    date_exact: bool
    gold_published: str | None
    published: str | None
    captions_found: int | None = None  # None: the gold line gives no captions
    captions_gold: int | None = None
    agencies_missing: list[str] = field(default_factory=list)
    agencies_extra: list[str] = field(default_factory=list)
    outlet_match: bool | None = None  # None: the gold line gives no outlet
    error: str | None = None  # why the cleaner rejected the page


@dataclass
class CleanReport:
    """Per-page rows and their averages."""

    rows: list[CleanRow]

    @property
    def body_f1(self) -> float:
        """Macro-averaged body F1."""
        return _mean([row.f1 for row in self.rows])

    @property
    def body_precision(self) -> float:
        """Macro-averaged body precision."""
        return _mean([row.precision for row in self.rows])

    @property
    def body_recall(self) -> float:
        """Macro-averaged body recall."""
        return _mean([row.recall for row in self.rows])

    @property
    def body_shingle_f1(self) -> float:
        """Macro-averaged F1 over four-token shingles."""
        return _mean([row.shingle_f1 for row in self.rows])

    @property
    def title_accuracy(self) -> float:
        """Share of pages whose title matches."""
        return _mean([float(row.title_match) for row in self.rows])

    @property
    def date_accuracy(self) -> float:
        """Share of pages whose publication day matches (None against None included)."""
        return _mean([float(row.date_match) for row in self.rows])


def tokens(text: str) -> list[str]:
    """The word tokens the body measure compares."""
    return WORD_RE.findall(unicodedata.normalize("NFC", text).casefold())


def bag_of_tokens_prf(predicted: str, gold: str, shingle: int = 1) -> tuple[float, float, float]:
    """Precision, recall and F1 of the multiset overlap of word tokens (or of ``shingle``-token shingles)."""
    pred_bag, gold_bag = Counter(_shingles(tokens(predicted), shingle)), Counter(_shingles(tokens(gold), shingle))
    overlap = sum((pred_bag & gold_bag).values())
    pred_total, gold_total = sum(pred_bag.values()), sum(gold_bag.values())
    if pred_total == 0 and gold_total == 0:
        return 1.0, 1.0, 1.0
    precision = overlap / pred_total if pred_total else 0.0
    recall = overlap / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _shingles(words: list[str], size: int) -> list[tuple[str, ...]]:
    if len(words) < size:  # a text shorter than one shingle is one shingle
        return [tuple(words)] if words else []
    return [tuple(words[start : start + size]) for start in range(len(words) - size + 1)]


def score_clean(gold_path: Path) -> CleanReport:
    """Clean every page of a gold file and score the result against it."""
    gold_path = Path(gold_path)
    rows = []
    for number, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            gold = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{gold_path}:{number}", f"not a JSON object: {error.msg}") from error
        rows.append(_score_page(_page_of(gold, gold_path, number), gold))
    return CleanReport(rows)


def print_clean_report(report: CleanReport, console: Console) -> None:
    """Print the per-page rows and the averages as a table."""
    table = Table(
        title="Cleaning: body (bag-of-tokens P/R/F1, F1₄ over 4-token shingles), title, date, captions found, "
        "agencies missing"
    )
    table.add_column("page", overflow="fold", min_width=12)
    for column in ("P", "R", "F1", "F1₄", "title", "date", "capt.", "missing", "outlet"):
        table.add_column(column, no_wrap=column != "missing")
    for row in report.rows:
        captions = "-" if row.captions_gold is None else f"{row.captions_found}/{row.captions_gold}"
        outlet = "-" if row.outlet_match is None else _mark(row.outlet_match)
        table.add_row(
            escape(Path(row.source).name) + (f" [red]({escape(row.error)})[/red]" if row.error else ""),
            f"{row.precision:.3f}",
            f"{row.recall:.3f}",
            f"{row.f1:.3f}",
            f"{row.shingle_f1:.3f}",
            _mark(row.title_match),
            _mark(row.date_match) + ("" if row.date_match else f" {row.published} ≠ {row.gold_published}"),
            captions,
            ", ".join(row.agencies_missing) or "-",
            outlet,
        )
    table.add_row(
        f"mean of {len(report.rows)}",
        f"{report.body_precision:.3f}",
        f"{report.body_recall:.3f}",
        f"{report.body_f1:.3f}",
        f"{report.body_shingle_f1:.3f}",
        f"{report.title_accuracy:.2f}",
        f"{report.date_accuracy:.2f}",
        "",
        "",
        "",
        style="bold",
    )
    console.print(table)


def _page_of(gold: dict[str, Any], gold_path: Path, number: int) -> Page:
    where = f"{gold_path}:{number}"
    if "page" in gold:
        content: bytes | str = gold["page"]
        source = where
    elif "source" in gold:
        path = gold_path.parent / gold["source"]
        try:
            content = path.read_bytes()
        except OSError as error:
            raise InputError(where, f"cannot read the page {path}: {error.strerror}") from error
        source = gold["source"]
    else:
        raise InputError(where, "a gold line needs 'source' (a path) or 'page' (the content)")
    if "text" not in gold:
        raise InputError(where, "a gold line needs 'text', the expected body")
    return Page(source=source, content=content, url=gold.get("url"), kind=gold.get("kind"))


def _score_page(page: Page, gold: dict[str, Any]) -> CleanRow:
    try:
        doc = clean(page)
        error = None
    except InputError as rejected:
        doc, error = Document(text=""), rejected.reason
    precision, recall, f1 = bag_of_tokens_prf(doc.text, gold["text"])
    gold_published = gold.get("published")
    row = CleanRow(
        source=page.source,
        precision=precision,
        recall=recall,
        f1=f1,
        shingle_f1=bag_of_tokens_prf(doc.text, gold["text"], shingle=SHINGLE)[2],
        title_match=normalized(doc.title) == normalized(gold.get("title")),
        date_match=(doc.published or "")[:10] == (gold_published or "")[:10],
        date_exact=doc.published == gold_published,
        gold_published=gold_published,
        published=doc.published,
        error=error,
    )
    if "captions" in gold:
        found = {normalized(caption) for caption in doc.captions}
        row.captions_gold = len(gold["captions"])
        row.captions_found = sum(normalized(caption) in found for caption in gold["captions"])
    if "agencies" in gold:
        row.agencies_missing = [agency for agency in gold["agencies"] if agency not in doc.agencies]
        row.agencies_extra = [agency for agency in doc.agencies if agency not in gold["agencies"]]
    if "outlet" in gold:
        row.outlet_match = doc.outlet == gold["outlet"]
    return row


def normalized(text: str | None) -> str | None:
    """Text compared as the scorer compares titles and captions: NFC, whitespace collapsed."""
    return None if text is None else " ".join(unicodedata.normalize("NFC", text).split())


def paragraph_diff(predicted: str, gold: str, width: int = 110) -> list[str]:
    """Paragraphs only the cleaner kept ("+ …") and only the gold has ("- …"), for reading errors."""
    ours, theirs = predicted.split("\n\n"), gold.split("\n\n")
    return [f"+ {p[:width]}" for p in ours if p not in theirs] + [f"- {p[:width]}" for p in theirs if p not in ours]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _mark(ok: bool) -> str:
    return "[green]✓[/green]" if ok else "[red]✗[/red]"
