"""The flattened-text cleaner on HTML pages flattened the way a crawler saves them: held-out layouts.

The HTML evaluation set (``evaluation/html_pages/make_pages.py``, written by another
engineer: eight outlet layouts, real VietNews articles, gold in the ``thoisu eval clean``
format) is flattened here into page text — every block element on its own line, image
alt text as a line of its own, scripts and styles dropped, as the crawler that saved
``../shared/data/samples`` did — and cleaned with ``thoisu.clean.flat.clean_flat`` (given
the page's URL, as a crawler knows it). The cleaner was never tuned on these layouts, so the scores say how it does on
layouts it has not seen. Prints body bag-of-tokens F1, title and date accuracy per layout.

    python evaluation/html_pages/make_pages.py
    python evaluation/clean_flat_html_pages.py [--gold out/html_eval/gold.jsonl] [--show 2]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import lxml.html

from thoisu.clean.flat import clean_flat
from thoisu.evaluate.clean import bag_of_tokens_prf, normalized, paragraph_diff

ROOT = Path(__file__).resolve().parents[1]
DROPPED = {"script", "style", "noscript", "template", "svg", "head"}
BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "section", "table",
    "td", "th", "tr", "ul", "time", "button", "select", "option", "label",
}


def flatten(html: str) -> str:
    """Page text as a crawler saves it: one line per block, image alt texts included."""
    root = lxml.html.fromstring(html)
    parts: list[str] = []

    def walk(element: lxml.html.HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in DROPPED:
            if element.tail:
                parts.append(element.tail)
            return
        block = tag in BLOCKS
        if block:
            parts.append("\n")
        if tag == "img" and element.get("alt"):
            parts.append("\n" + element.get("alt") + "\n")
        if element.text and tag:
            parts.append(element.text)
        for child in element:
            walk(child)
        if block:
            parts.append("\n")
        if element.tail:
            parts.append(element.tail)

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def main() -> None:
    """Flatten, clean and score every page of the gold file; print per-layout scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "out" / "html_eval" / "gold.jsonl")
    parser.add_argument("--show", type=int, default=0, help="print the differences on this many of the worst pages")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_layout: dict[str, list[tuple[float, bool, bool]]] = defaultdict(list)
    worst = []
    for gold in rows:
        page = flatten((args.gold.parent / gold["source"]).read_text(encoding="utf-8"))
        doc = clean_flat(page, url=gold.get("url"))
        f1 = bag_of_tokens_prf(doc.text, gold["text"])[2]
        title_ok = normalized(doc.title) == normalized(gold["title"])
        date_ok = (doc.published or "")[:10] == (gold["published"] or "")[:10]
        by_layout[gold.get("layout", "all")].append((f1, title_ok, date_ok))
        worst.append((f1, gold["source"], doc, gold))
    print(f"{'layout':<12} {'pages':>5} {'F1':>7} {'>=0.98':>7} {'title':>6} {'date':>6}")
    everything = [score for scores in by_layout.values() for score in scores]
    for layout, scores in sorted(by_layout.items()) + [("all", everything)]:
        count = len(scores)
        print(
            f"{layout:<12} {count:>5} {sum(s[0] for s in scores) / count:>7.4f} "
            f"{sum(s[0] >= 0.98 for s in scores) / count:>7.3f} {sum(s[1] for s in scores) / count:>6.3f} "
            f"{sum(s[2] for s in scores) / count:>6.3f}"
        )
    for f1, source, doc, gold in sorted(worst, key=lambda item: item[0])[: args.show]:
        print(f"\n==== {source} F1 {f1:.3f} title {doc.title!r}")
        for line in paragraph_diff(doc.text, gold["text"]):
            print(f"  {line}")


if __name__ == "__main__":
    main()
