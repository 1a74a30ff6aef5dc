"""Side by side on the HTML evaluation pages: thoisu's HTML cleaning against trafilatura alone.

Body: bag-of-tokens precision/recall/F1 (``thoisu.evaluate.clean.bag_of_tokens_prf``), macro
over pages and per layout. Metadata: for title, publication day and outlet, how often each
tool gives one when the page states one ("found"), how often it is right ("right": a title
matching exactly, the same day, the outlet's display name; a page that states no date is
right only when no date is given), and how many dates were invented for pages that state none;
and how many image captions each keeps out of the body text.

Trafilatura is run three ways: ``extract(html)`` as users call it (its defaults), the same
with ``include_comments=False, favor_precision=True`` (the settings thoisu runs it with,
without our checks), and ``bare_extraction(with_metadata=True)`` for its metadata
(``sitename`` standing for the outlet).

    python evaluation/html_pages/make_pages.py          # writes out/html_eval/
    python evaluation/html_pages/compare.py [out/html_eval/gold.jsonl]
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections import defaultdict
from pathlib import Path

import trafilatura

from thoisu.clean import clean
from thoisu.evaluate.clean import bag_of_tokens_prf
from thoisu.read.page import Page

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "out" / "html_eval" / "gold.jsonl"
TOOLS = ("thoisu", "trafilatura (defaults)", "trafilatura (no comments, precision)")


def _norm(text: str | None) -> str | None:
    return None if text is None else " ".join(unicodedata.normalize("NFC", text).split())


def main() -> None:
    """Print the body and metadata comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, nargs="?", default=DEFAULT_GOLD)
    args = parser.parse_args()
    gold_lines = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    body: dict[str, dict[str, list[tuple[float, float, float]]]] = {tool: defaultdict(list) for tool in TOOLS}
    meta: dict[str, dict[str, int]] = {tool: defaultdict(int) for tool in ("thoisu", "trafilatura")}
    stated = defaultdict(int)
    captions_out: dict[str, int] = defaultdict(int)  # gold captions absent from the body text
    for gold in gold_lines:
        html = (args.gold.parent / gold["source"]).read_text(encoding="utf-8")
        layout = gold.get("layout", "all")
        doc = clean(Page(source=gold["source"], content=html, url=gold["url"], kind="html"))
        plain = trafilatura.extract(html, url=gold["url"]) or ""
        tuned = trafilatura.extract(html, url=gold["url"], include_comments=False, favor_precision=True) or ""
        for tool, text in zip(TOOLS, (doc.text, plain, tuned)):
            body[tool][layout].append(bag_of_tokens_prf(text, gold["text"]))
            captions_out[tool] += sum(_norm(caption) not in _norm(text) for caption in gold.get("captions", []))
        found = trafilatura.bare_extraction(html, url=gold["url"], with_metadata=True)
        theirs = (found.title, found.date, found.sitename) if found is not None else (None, None, None)
        for tool, (title, date, outlet) in (("thoisu", (doc.title, doc.published, doc.outlet)), ("trafilatura", theirs)):
            _count_metadata(meta[tool], gold, title, date, outlet)
        stated["title"] += gold["title"] is not None
        stated["date"] += gold["published"] is not None
        stated["outlet"] += gold.get("outlet") is not None
        stated["captions"] += len(gold.get("captions", []))
    _print_body(body, len(gold_lines))
    print(f"Captions kept out of the body, of {stated['captions']}: " + ", ".join(f"{tool} {captions_out[tool]}" for tool in TOOLS))
    print()
    _print_metadata(meta, stated, len(gold_lines))


def _count_metadata(counts: dict[str, int], gold: dict, title: str | None, date: str | None, outlet: str | None) -> None:
    counts["title found"] += bool(title) and gold["title"] is not None
    counts["title right"] += _norm(title) == _norm(gold["title"])
    counts["date found"] += bool(date) and gold["published"] is not None
    counts["date right"] += (date or "")[:10] == (gold["published"] or "")[:10]
    counts["date invented"] += bool(date) and gold["published"] is None
    counts["outlet found"] += bool(outlet) and gold.get("outlet") is not None
    counts["outlet right"] += _norm(outlet) == _norm(gold.get("outlet"))


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _print_body(body: dict[str, dict[str, list[tuple[float, float, float]]]], pages: int) -> None:
    layouts = sorted(body[TOOLS[0]])
    print(f"Body, bag-of-tokens, macro over {pages} pages")
    print(f"{'tool':40} {'P':>6} {'R':>6} {'F1':>6}   " + " ".join(f"{layout:>11}" for layout in layouts))
    for tool in TOOLS:
        rows = [row for layout in layouts for row in body[tool][layout]]
        p, r, f = (_mean([row[i] for row in rows]) for i in range(3))
        per_layout = " ".join(f"{_mean([row[2] for row in body[tool][layout]]):>11.3f}" for layout in layouts)
        print(f"{tool:40} {p:6.3f} {r:6.3f} {f:6.3f}   {per_layout}")
    print()


def _print_metadata(meta: dict[str, dict[str, int]], stated: dict[str, int], pages: int) -> None:
    print(f"Metadata over {pages} pages (title stated on {stated['title']}, date on {stated['date']}, outlet on {stated['outlet']})")
    keys = ("title found", "title right", "date found", "date right", "date invented", "outlet found", "outlet right")
    print(f"{'tool':14} " + " ".join(f"{key:>14}" for key in keys))
    for tool, counts in meta.items():
        print(f"{tool:14} " + " ".join(f"{counts[key]:>14}" for key in keys))


if __name__ == "__main__":
    main()
