"""Stress test of the flattened-text cleaner on generated pages: real articles in varied site chrome.

The five sample pages are all the real flattened pages we have, and the cleaner was built
looking at them. This script measures how it holds up when the layout changes: it takes
real articles from the VietNews sample (title, lead, sentences, image captions; grouped
into paragraphs of one to three sentences) and wraps each in chrome drawn at random —
navigation and banners above the title, a byline date in one of several formats above or
under the title, repeated titles and slugs, images with captions, inline related boxes
(with or without a cue header, some behind slugs), attribution and author lines, lists of
other headlines under the article in three shapes (with teasers, timestamps, duplicated
headlines; with and without a cue header, and with cue headers the cleaner's list does
not contain), comment widgets, footers and leaked server output. Teasers and headlines
are other real articles' leads and titles. It is a generator written by the same authors
as the cleaner, so it measures robustness to layout, not accuracy on the open web.

    /work/venv/bin/python evaluation/clean_flat_stress.py [--pages 300] [--seed 7] [--show 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from thoisu.clean.flat import clean_flat
from thoisu.clean.lines import slug_key
from thoisu.evaluate.clean import bag_of_tokens_prf, normalized, paragraph_diff

CORPUS = Path(__file__).resolve().parents[1] / "../shared/data/corpus/vietnews/articles_5k.jsonl.gz"
SECTIONS = ["Thời sự", "Thế giới", "Kinh doanh", "Giải trí", "Thể thao", "Pháp luật", "Giáo dục", "Sức khỏe"]
TOP_CHROME = ["Đăng nhập", "Đăng ký", "Logo", "Trang chủ", "Chào mừng năm mới 2025", "Tìm kiếm", "English"]
KNOWN_CUES = ["Tin liên quan", "Xem thêm", "Đọc thêm", "Có thể bạn quan tâm", "Tin cùng chuyên mục", "Đừng bỏ lỡ"]
UNKNOWN_CUES = ["Bài viết cùng tác giả", "Tin bài khác", "Nhiều người đọc", "Góc nhìn", "Tin ảnh"]
AGENCIES = ["Theo Reuters", "(Theo AFP)", "Theo TTXVN", "Nguồn: AP"]
AUTHORS = ["Minh Anh", "Hoàng Long", "Thu Hà", "Bài, ảnh: Quốc Tuấn"]
SOCIAL = ["Chia sẻ", "Facebook", "Zalo", "Theo dõi chúng tôi trên Google News"]
COMMENTS = ["Bình luận (0)", "Gửi bình luận", "Họ và tên", "Email", "Gửi"]
FOOTER = [
    "Copyright © 2024 Báo điện tử. All rights reserved.",
    "Cơ quan chủ quản: Công ty cổ phần truyền thông",
    "Warning: Undefined index: id in /var/www/html/index.php on line 42",
    "0.4132 sec| 1712.3 kb",
]
DETOKENIZE = [(re.compile(r"\s+([,.;:!?…)\]”])"), r"\1"), (re.compile(r"([(\[“])\s+"), r"\1")]


@dataclass
class Article:
    """A corpus article, detokenized."""

    title: str
    lead: str
    sentences: list[str]
    captions: list[str]


def main() -> None:
    """Generate pages, clean them, print the scores (and the worst pages with --show)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS.resolve())
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=0, help="print the differences on this many of the worst pages")
    parser.add_argument("--show-pages", action="store_true", help="print those pages too")
    args = parser.parse_args()
    articles = load_articles(args.corpus, args.pages + 200)
    rng = random.Random(args.seed)
    results = []
    for index in range(args.pages):
        page, gold = generate(articles[index], articles[args.pages :], rng)
        doc = clean_flat(page)
        f1 = bag_of_tokens_prf(doc.text, gold["text"])[2]
        title_ok = doc.title is not None and normalized(doc.title) == normalized(gold["title"])
        results.append((f1, title_ok, doc.published == gold["published"], page, gold, doc))
    f1s = [result[0] for result in results]
    print(f"pages: {len(results)} (seed {args.seed})")
    print(f"body bag-of-tokens F1: mean {sum(f1s) / len(f1s):.4f}, pages >= 0.98: {sum(f >= 0.98 for f in f1s) / len(f1s):.3f}")
    print(f"title exact: {sum(r[1] for r in results) / len(results):.3f}, date exact: {sum(r[2] for r in results) / len(results):.3f}")
    for f1, title_ok, date_ok, page, gold, doc in sorted(results, key=lambda r: r[0])[: args.show]:
        print(f"\n==== F1 {f1:.3f} title {title_ok} date {date_ok} ({doc.published} vs {gold['published']})")
        for line in paragraph_diff(doc.text, gold["text"]):
            print(f"  {line}")
        if args.show_pages:
            print(page)


def load_articles(path: Path, count: int) -> list[Article]:
    """The first ``count`` usable articles of the corpus."""
    articles = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            parts = row["raw"].replace("_", " ").split("\n\n")
            if len(parts) < 3:
                continue
            sentences = [_detokenize(s) for s in parts[2].split("\n") if len(s.split()) >= 4]
            captions = [_detokenize(c) for c in "\n".join(parts[3:]).split("\n") if c.strip()]
            if len(sentences) >= 3:
                articles.append(Article(_detokenize(parts[0]), _detokenize(parts[1]), sentences, captions))
            if len(articles) == count:
                break
    return articles


def generate(article: Article, others: list[Article], rng: random.Random) -> tuple[str, dict]:
    """A flattened page around ``article`` and its gold (body text, title, published)."""
    lines: list[str] = []
    lines += rng.sample(TOP_CHROME, rng.randint(0, 3)) + rng.sample(SECTIONS, rng.randint(0, 2))
    when = datetime(2015, 1, 1) + timedelta(minutes=rng.randrange(10 * 365 * 24 * 60))
    byline, published = _byline(when, rng)
    if byline and rng.random() < 0.3:
        lines.append(byline)
    lines.append(article.title)
    if byline and lines[-2:-1] != [byline]:
        lines.append(byline)
    if rng.random() < 0.3:
        lines.append(article.title)
    if rng.random() < 0.15:
        lines += ["0:00 / 0:00", "0:00"]
    paragraphs = [article.lead] + _paragraphs(article.sentences, rng)
    body = list(paragraphs)
    inserts: dict[int, list[str]] = {}
    if article.captions and len(paragraphs) > 2 and rng.random() < 0.6:
        alt = rng.choice([article.title, slug_key(article.title), None])
        inserts.setdefault(rng.randrange(1, len(paragraphs)), []).extend(([alt] if alt else []) + article.captions[:1])
    if len(paragraphs) > 3 and rng.random() < 0.4:
        inserts.setdefault(rng.randrange(2, len(paragraphs)), []).extend(_inline_box(article, others, rng))
    for index, paragraph in enumerate(paragraphs):
        lines += inserts.get(index, [])
        lines.append(paragraph)
    if rng.random() < 0.4:
        attribution = rng.choice(AGENCIES)
        lines.append(attribution)
        body.append(attribution)
    if rng.random() < 0.4:
        lines.append(rng.choice(AUTHORS))
    lines += rng.sample(SOCIAL, rng.randint(0, 3))
    for _ in range(rng.randint(0, 2)):
        lines += _related_list(others, rng)
    if rng.random() < 0.4:
        lines += COMMENTS[: rng.randint(1, len(COMMENTS))]
    lines += rng.sample(FOOTER, rng.randint(0, len(FOOTER)))
    page = "\n".join(line + ("\n" if rng.random() < 0.5 else "") for line in lines)
    return page, {"text": "\n\n".join(body), "title": article.title, "published": published}


def _byline(when: datetime, rng: random.Random) -> tuple[str | None, str | None]:
    weekday = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"][when.weekday()]
    shapes = [
        f"{when:%H:%M %d/%m/%Y}",
        f"{weekday}, {when:%d/%m/%Y %H:%M} (GMT+7)",
        f"{when:%d/%m/%Y - %H:%M}",
        f"Cập nhật: {when:%H:%M %d/%m/%Y}",
        None,
    ]
    shape = rng.choice(shapes)
    return shape, when.strftime("%Y-%m-%dT%H:%M:00+07:00") if shape else None


def _paragraphs(sentences: list[str], rng: random.Random) -> list[str]:
    paragraphs, start = [], 0
    while start < len(sentences):
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[start : start + size]))
        start += size
    return paragraphs


def _inline_box(article: Article, others: list[Article], rng: random.Random) -> list[str]:
    picked = rng.sample(others, rng.randint(1, 3))
    cue = [rng.choice(KNOWN_CUES[:3])] if rng.random() < 0.7 else []
    slug = slug_key(article.title) + " " if rng.random() < 0.3 else ""
    return cue + [slug + other.title for other in picked]


def _related_list(others: list[Article], rng: random.Random) -> list[str]:
    cue = rng.choice([[rng.choice(KNOWN_CUES)], [rng.choice(UNKNOWN_CUES)], []])
    shape = rng.choice(["teasers", "timestamps", "headlines"])
    lines = list(cue)
    for other in rng.sample(others, rng.randint(3, 8)):
        if shape == "headlines":
            lines.append(other.title)
            continue
        lines += [other.title, other.title] if rng.random() < 0.5 else [other.title]
        if shape == "timestamps":
            lines.append(f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/2024 {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}")
        teaser = other.lead
        lines.append(teaser[: rng.randint(60, 120)].rsplit(" ", 1)[0] + "..." if rng.random() < 0.5 else teaser)
    return lines


def _detokenize(text: str) -> str:
    text = " ".join(text.split())
    for pattern, replacement in DETOKENIZE:
        text = pattern.sub(replacement, text)
    return text


if __name__ == "__main__":
    main()
