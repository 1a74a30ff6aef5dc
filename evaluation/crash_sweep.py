"""Crash sweep: run the default pipeline over real corpora and check the public contract on every document.

    python evaluation/crash_sweep.py [--data /work/shared/data] [--limit N] [--show 5] [--only hostile …]

Inputs: thoisu.annotate over the 5,000 VietNews articles (the `article` field, word-segmented: `_` becomes a
space) and the BKEE train/dev texts (likewise), thoisu.analyze over examples/ and over hostile pages built here
(``hostile_pages``: mixed encodings, no body, 100k nested tags, a 4 MB line, NUL bytes, other languages…,
also used by tests/test_pipeline_hostile.py). On each document it checks
the invariants of DESIGN.md "public contract" (see ``document_problems``), counts crashes (any exception
but InputError), InputErrors, documents with problems and slow documents (> 5 s), and prints the first
failures of each kind. Exit status 1 when there is a crash or a problem.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import thoisu
from thoisu.document import Actor, Document, Span
from thoisu.errors import InputError
from thoisu.text.encoding import legacy_charset

LABELS = {"PER", "ORG", "LOC", "GPE", "MISC"}
SLOW_SECONDS = 5.0
EACH_SHOWN = 30  # a sweep of at most this many inputs prints each outcome and time
REPO = Path(__file__).resolve().parents[1]


def document_problems(doc: Document, given_text: str | None = None) -> list[str]:
    """Every way ``doc`` breaks the public contract; ``given_text``: what annotate() was called with."""
    problems: list[str] = []
    text = doc.text
    if given_text is not None and text != given_text:
        problems.append("doc.text is not the text given to annotate()")

    def span(kind: str, s: Span | None, covered: str | None = None) -> None:
        if s is None:
            return
        if not (0 <= s.start < s.end <= len(text)):
            problems.append(f"{kind} span ({s.start}, {s.end}) outside 0 <= start < end <= {len(text)}")
        elif covered and covered != text[s.start : s.end]:
            problems.append(f"{kind} text {covered!r} != covered text {text[s.start : s.end]!r}")

    def actor(kind: str, a: Actor | None) -> None:
        if a is not None:
            span(kind, a, a.text)

    for s in doc.sentences:
        span("sentence", s)
    for t in doc.tokens:
        span("token", t)
    for e in doc.entities:
        span("entity", e, e.text)
        if e.label not in LABELS:
            problems.append(f"entity label {e.label!r} not in {sorted(LABELS)}")
    for t in doc.times:
        span("time", t, t.text)
        if not t.value:
            problems.append(f"time {t.text!r} at ({t.start}, {t.end}) has an empty value")
    for q in doc.quotes:
        span("quote", q)
        actor("quote speaker", q.speaker)
        span("quote verb", q.verb)
    for ev in doc.events:
        span("event trigger", ev.trigger)
        span("event sentence", ev.sentence)
        if not (ev.sentence.start <= ev.trigger.start and ev.trigger.end <= ev.sentence.end):
            problems.append(f"event trigger ({ev.trigger.start}, {ev.trigger.end}) outside its sentence "
                            f"({ev.sentence.start}, {ev.sentence.end})")
        for m in ev.mentions:
            span("event mention", m)
        for a in [*ev.sources, *ev.targets]:
            actor("event actor", a)
        actor("event location", ev.location)
        actor("event speaker", ev.attributed_to)
        if ev.date is not None:
            span("event date time", ev.date.time)
    encoded = json.dumps(doc.to_dict(), ensure_ascii=False)
    again = Document.from_dict(json.loads(encoded))
    if again != doc or json.dumps(again.to_dict(), ensure_ascii=False) != encoded:
        problems.append("to_dict/from_dict does not round-trip")
    return problems


def problem_kind(problem: str) -> str:
    """The problem without its particulars (offsets, quoted text), to count documents per kind."""
    return re.sub(r"\(.*?\)|'.*?'|\".*?\"|\d+", "…", problem)[:80]


@dataclass
class Sweep:
    """What a sweep over one corpus found."""

    name: str
    documents: int = 0
    input_errors: Counter[str] = field(default_factory=Counter)
    crashes: list[tuple[str, str]] = field(default_factory=list)  # (input, traceback tail)
    broken: int = 0  # documents with at least one problem
    problems: Counter[str] = field(default_factory=Counter)  # problem kind -> documents
    examples: list[tuple[str, str]] = field(default_factory=list)  # (input, problem)
    slow: list[tuple[str, float]] = field(default_factory=list)
    outcomes: list[tuple[str, str, float]] = field(default_factory=list)  # (input, what came back, seconds)
    seconds: float = 0.0


Run = Callable[[], Document]


def sweep(name: str, cases: Iterator[tuple[str, str | None, Run]]) -> Sweep:
    """Run each (input name, given text or None, run) case and check what comes back."""
    result = Sweep(name)
    for source, given, run in cases:
        started = time.perf_counter()
        doc = None
        try:
            doc = run()
            outcome = f"document of {len(doc.text):,} characters, {len(doc.entities)} entities, {len(doc.events)} events"
        except InputError as error:
            result.input_errors[error.reason.split(":")[0][:60]] += 1
            outcome = f"InputError {error}"
        except Exception as error:  # noqa: BLE001 - a crash is exactly what the sweep counts
            result.crashes.append((source, "".join(traceback.format_exc().splitlines(True)[-4:])))
            outcome = f"CRASH {type(error).__name__}: {error}"
        elapsed = time.perf_counter() - started
        result.seconds += elapsed
        result.outcomes.append((source, outcome, elapsed))
        if elapsed > SLOW_SECONDS:
            result.slow.append((source, elapsed))
        if doc is None:
            continue
        result.documents += 1
        found = document_problems(doc, given)
        result.broken += bool(found)
        for kind in {problem_kind(p) for p in found}:
            result.problems[kind] += 1
        result.examples.extend((source, p) for p in found[:3])
    return result


def vietnews_cases(data: Path, limit: int | None) -> Iterator[tuple[str, str | None, Run]]:
    """annotate() over the VietNews articles."""
    with gzip.open(data / "corpus/vietnews/articles_5k.jsonl.gz", "rt", encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if limit is not None and n >= limit:
                return
            record = json.loads(line)
            text = record["article"].replace("_", " ")
            yield f"vietnews:{record['id']}", text, lambda text=text: thoisu.annotate(text)


def bkee_cases(data: Path, limit: int | None) -> Iterator[tuple[str, str | None, Run]]:
    """annotate() over the BKEE train and dev texts."""
    paths = sorted((data / "events/bkee").glob("*/*.txt"))
    for path in paths[:limit]:
        text = path.read_text(encoding="utf-8").replace("_", " ")
        yield f"bkee:{path.parent.name}/{path.name}", text, lambda text=text: thoisu.annotate(text)


def example_cases() -> Iterator[tuple[str, str | None, Run]]:
    """analyze() over the sample pages in examples/."""
    for path in sorted((REPO / "examples").iterdir()):
        page = path.read_bytes()
        yield f"examples/{path.name}", None, lambda page=page, path=path: thoisu.analyze(page, url=None)


PARAGRAPHS = (
    "Thủ tướng Phạm Minh Chính ngày 14/12 đã có cuộc hội đàm với Thủ tướng Nhật Bản Kishida Fumio tại Hà Nội.",
    ("Hai bên nhất trí tăng cường hợp tác kinh tế, quốc phòng và an ninh, đồng thời thúc đẩy đầu tư vào các dự án "
     "hạ tầng giao thông trong thời gian tới."),
    ("Bộ Ngoại giao Việt Nam cho biết hai nước sẽ ký kết nhiều thỏa thuận quan trọng vào tháng 3 năm sau, trong đó "
     "có thỏa thuận về lao động và giáo dục."),
    "Theo Reuters, Tokyo cam kết cung cấp khoản vay ưu đãi 500 triệu USD cho các dự án năng lượng sạch của Việt Nam.",
    "Trước đó, hôm 12/12, Chủ tịch Quốc hội đã tiếp Đại sứ Nhật Bản và đánh giá cao sự ủng hộ của Tokyo.",
)
ARTICLE = "\n\n".join(PARAGRAPHS)
LEGACY_PARAGRAPH = "Các bộ, ngành liên quan được giao khẩn trương hoàn thiện hồ sơ trình Chính phủ trước ngày 30/6."
VI_NO_DIACRITICS = (
    "Thu tuong Pham Minh Chinh ngay 14/12 da co cuoc hoi dam voi Thu tuong Nhat Ban tai Ha Noi.\n\n"
    "Hai ben nhat tri tang cuong hop tac kinh te, quoc phong va an ninh trong thoi gian toi.\n\n"
    "Bo Ngoai giao Viet Nam cho biet hai nuoc se ky ket nhieu thoa thuan quan trong vao thang 3 nam sau."
)
FOREIGN = {
    "english": "The Prime Minister held talks with his Japanese counterpart in Hanoi on Tuesday.\n\nBoth sides agreed"
               " to boost cooperation in trade, defence and security, the foreign ministry said in a statement.",
    "chinese": "越南总理范明政周二在河内与日本首相举行会谈。\n\n双方同意加强经济、国防和安全合作，外交部在声明中表示。",
    "russian": "Премьер-министр Вьетнама провёл переговоры с японским коллегой в Ханое во вторник.\n\nСтороны "
               "договорились укреплять сотрудничество в области экономики, обороны и безопасности.",
}


def hostile_pages(megabytes: float = 4) -> dict[str, str | bytes]:
    """Pages built to break a cleaner or a step: each should give a document or an InputError, quickly.

    ``megabytes``: the size of the single-line pages (tests use a smaller one than the sweep).
    """
    line = ARTICLE.replace("\n\n", " ") + " "
    repeats = int(megabytes * 1_000_000) // len(line.encode())
    html = "<html><head><meta charset='utf-8'><title>Hội đàm</title></head><body>{}</body></html>"
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return {
        "utf8 with a tcvn3 paragraph": ARTICLE.encode() + b"\n\n" + legacy_charset("tcvn3").encode(LEGACY_PARAGRAPH),
        "utf8 with a latin-1 line": ARTICLE.encode() + "\n\nCafé résumé naïve".encode("latin-1"),
        "utf8 with a utf-16 paragraph": ARTICLE.encode() + b"\n\n" + PARAGRAPHS[2].encode("utf-16-le"),
        "html without body": "<html><head><meta charset='utf-8'><title>Hội đàm Việt - Nhật</title></head></html>",
        "html with only scripts": html.format(f"<script>var a = '{line}';</script><style>p {{}}</style>"),
        "100k nested tags": html.format("<div>" * 100_000 + paragraphs + "</div>" * 100_000),
        "100k unclosed tags": html.format("<div><span>" * 50_000 + paragraphs),
        "single line of text": line * repeats,
        "single line of html": html.format("<p>" + line * repeats + "</p>"),
        "NUL bytes in a text page": ARTICLE.replace(" ", " \x00", 40).encode(),
        "all numbers": "\n".join(" ".join(str(i * j) for j in range(40)) for i in range(200)),
        **FOREIGN,
        "vietnamese without diacritics": VI_NO_DIACRITICS,
        "unpaired surrogate": ARTICLE + "\ud800",
        "lookalike letters (ı, İ, ſ)": ARTICLE.replace("i", "ı").replace("I", "İ").replace("s", "ſ"),
        "20k short paragraphs": "\n\n".join(PARAGRAPHS * 4000),
        "one huge word": "Hà Nội " + "a" * repeats * len(line),
        "binary": bytes(range(256)) * 64,
    }


def hostile_cases() -> Iterator[tuple[str, str | None, Run]]:
    """analyze() over the hostile pages."""
    for name, page in hostile_pages().items():
        yield f"hostile:{name}", None, lambda page=page: thoisu.analyze(page, url=None)


def report(result: Sweep, show: int) -> None:
    """Print the counts of one sweep and its first failures."""
    total = result.documents + sum(result.input_errors.values()) + len(result.crashes)
    rate = total / result.seconds if result.seconds else 0.0
    print(f"== {result.name}: {total} inputs, {result.documents} documents, "
          f"{sum(result.input_errors.values())} InputErrors, {len(result.crashes)} crashes, "
          f"{result.broken} documents with problems, "
          f"slow (> {SLOW_SECONDS:.0f} s): {len(result.slow)}; {result.seconds:.0f} s, {rate:.1f} inputs/s")
    for kind, count in result.problems.most_common():
        print(f"   documents with {kind}: {count}")
    for reason, count in result.input_errors.most_common():
        print(f"   InputError x{count}: {reason}")
    for source, trace in result.crashes[:show]:
        print(f"   CRASH {source}:\n      " + trace.strip().replace("\n", "\n      "))
    for source, problem in result.examples[:show]:
        print(f"   PROBLEM {source}: {problem[:200]}")
    for source, seconds in sorted(result.slow, key=lambda s: -s[1])[:show]:
        print(f"   SLOW {source}: {seconds:.1f} s")
    if len(result.outcomes) <= EACH_SHOWN:
        for source, outcome, seconds in result.outcomes:
            print(f"   {seconds:6.2f} s  {source}: {outcome[:150]}")


def main() -> int:
    """Sweep the corpora, print the counts, exit 1 on any crash or broken invariant."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared/data")
    parser.add_argument("--limit", type=int, default=None, help="At most this many inputs per corpus.")
    parser.add_argument("--show", type=int, default=5, help="Failures printed per kind.")
    parser.add_argument("--only", nargs="+", choices=["vietnews", "bkee", "examples", "hostile"],
                        help="Sweep only these inputs.")
    args = parser.parse_args()
    thoisu.annotate("Hà Nội")  # load the models before the clock starts
    corpora = {
        "vietnews": lambda: sweep("vietnews annotate", vietnews_cases(args.data, args.limit)),
        "bkee": lambda: sweep("bkee annotate", bkee_cases(args.data, args.limit)),
        "examples": lambda: sweep("examples analyze", example_cases()),
        "hostile": lambda: sweep("hostile pages analyze", hostile_cases()),
    }
    results = [run() for name, run in corpora.items() if not args.only or name in args.only]
    for result in results:
        report(result, args.show)
    return 1 if any(r.crashes or r.problems for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
