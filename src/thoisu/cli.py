"""The `thoisu` command."""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table
from rich.text import Text

from thoisu.collect.politeness import Politeness
from thoisu.document import Document
from thoisu.errors import InputError
from thoisu.store import DEFAULT_DB, open_store

app = typer.Typer(help="Vietnamese news pages to event data.", no_args_is_help=True, add_completion=False)
eval_app = typer.Typer(help="Score thoisu against gold data, side by side with the tools users have today.")
app.add_typer(eval_app, name="eval")
console = Console()
err_console = Console(stderr=True)
STORE_BATCH = 100  # documents `thoisu analyze` stores in one transaction


class _ErrorConsoleHandler(logging.Handler):
    """Log records as plain lines on stderr, unwrapped: a path in them stays whole."""

    def emit(self, record: logging.LogRecord) -> None:
        err_console.print(escape(self.format(record)), soft_wrap=True, highlight=False)


@app.callback()
def progress_messages() -> None:
    """Print thoisu's progress messages (a database upgrade that reindexes an archive) on stderr."""
    logger = logging.getLogger("thoisu")
    if not logger.handlers:
        logger.addHandler(_ErrorConsoleHandler())
        logger.setLevel(logging.INFO)


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Files, directories (recursive), JSONL, WARC; '-' for stdin."),
    json_lines: bool = typer.Option(False, "--json", help="Print one JSON document per line instead of a summary."),
    db: str | None = typer.Option(None, help=f"SQLite file to store into [default: {DEFAULT_DB}; with --json: none]."),
    workers: int = typer.Option(1, min=1, help="Processes analyzing pages in parallel (each loads the models once)."),
) -> None:
    """Clean and annotate pages, store them, and summarize what was read, stored and skipped."""
    from thoisu.batch import analyze_inputs, analyze_inputs_parallel
    from thoisu.pipeline import Pipeline

    store = open_store(db or DEFAULT_DB) if (db or not json_lines) else None
    report = AnalysisReport()
    # stored STORE_BATCH documents a transaction: one each would cost about a fifth of the run; a killed run loses
    # at most the documents not yet stored, and a rerun analyzes them again (stored ones are left unchanged)
    pending: dict[str, Document] = {}

    def store_pending() -> None:
        if store and pending:
            report.outcomes.update(store.put_many(pending.values()).values())
        pending.clear()

    with Progress(transient=True, console=err_console, disable=json_lines) as progress:
        task = progress.add_task("Analyzing", total=None)
        results = (
            analyze_inputs(paths, Pipeline.default(), report.skipped_records) if workers == 1
            else analyze_inputs_parallel(paths, workers, report.skipped_records)
        )
        try:
            for result in results:
                progress.advance(task)
                if isinstance(result, InputError):
                    report.skipped.append(result)
                    err_console.print(f"[yellow]skipped[/] {escape(str(result))}")
                    continue
                report.documents.append(result)
                if result.id in pending or len(pending) == STORE_BATCH:  # a page read twice: the later one stays
                    store_pending()
                pending[result.id] = result
                if json_lines:
                    print(json.dumps(result.to_dict(), ensure_ascii=False), flush=True)
        finally:
            store_pending()
    if not json_lines:
        print_summary(report, store.path if store else None)
    if store:
        store.close()


@app.command("collect")
def collect_pages(
    sources: list[str] = typer.Argument(
        None, help="Feed URLs, feed lists (.tsv, like the bundled one), files of page URLs (one a line). "
        "None: the bundled feeds of the main Vietnamese outlets."),
    output: Path = typer.Option(Path("collected"), "--output", "-o", help="Folder for the WARC files and run state."),
    delay: float = typer.Option(Politeness.delay, min=0, help="Seconds between two requests to one host."),
    per_host: int = typer.Option(Politeness.per_host, min=1, help="Requests in flight to one host."),
    concurrency: int = typer.Option(Politeness.concurrency, min=1, help="Requests in flight in all."),
    timeout: float = typer.Option(Politeness.timeout, min=0.1, help="Seconds to wait for a connection or next bytes."),
    retries: int = typer.Option(Politeness.retries, min=0, help="Further tries after a timeout, 429 or 5xx."),
    contact: str | None = typer.Option(None, help="URL or mailto: for site owners, put in the User-Agent."),
    max_pages: int | None = typer.Option(None, min=1, help="Fetch at most this many new pages."),
) -> None:
    """Fetch new article pages from feeds and URL lists, politely, into a WARC file that `analyze` reads."""
    from thoisu.collect import collect
    from thoisu.collect.feeds import sources_from
    from thoisu.collect.summary import print_collect_report

    try:
        feeds, urls = sources_from(sources or [])
    except InputError as error:
        err_console.print(f"[red]{escape(str(error))}[/]")
        raise typer.Exit(2) from None
    politeness = Politeness(delay=delay, per_host=per_host, concurrency=concurrency, timeout=timeout, retries=retries)
    if contact:
        politeness = replace(politeness, contact=contact)
    print_collect_report(collect(feeds, urls, output, politeness, max_pages), console)


@app.command("spark")
def spark_job(
    inputs: list[str] = typer.Argument(..., help="WARC, JSONL, HTML or text paths/globs (local, hdfs://, s3a://)."),
    output: str = typer.Option(..., "--output", "-o", help="Folder for the Parquet tables and bad_records."),
    master: str = typer.Option("local[*]", help="Spark master: local[N], spark://…, yarn."),
) -> None:
    """Analyze pages with Spark into Parquet (documents, entities, events, quotes) by publication month."""
    from thoisu.spark import print_job_report, run_job, spark_session

    spark = spark_session(master)
    try:
        report = run_job(spark, inputs, output)
    finally:
        spark.stop()
    print_job_report(report, console)


@app.command("spark-cross")
def spark_cross_document(
    output: str = typer.Argument(..., help="A `thoisu spark` output folder (local, hdfs://, s3a://)."),
    master: str = typer.Option("local[*]", help="Spark master: local[N], spark://…, yarn."),
) -> None:
    """Find stories and merge events across documents with Spark: writes stories and merged_events next to them."""
    from thoisu.spark import spark_session
    from thoisu.spark_cross_document import run_cross_document

    spark = spark_session(master)
    try:
        counts = run_cross_document(spark, output)
    finally:
        spark.stop()
    console.print(f"Wrote {counts['stories']} stories rows and {counts['merged_events']} merged events under {output}")


@app.command("load")
def load_output(
    output: Path = typer.Argument(..., help="A `thoisu spark` output folder."),
    db: str = typer.Option(DEFAULT_DB, help="SQLite file to store into."),
) -> None:
    """Store the documents of a `thoisu spark` output folder."""
    from thoisu.spark import read_documents

    with open_store(db) as store:
        # a transaction per batch; with a second core, a writer process writes while this one encodes
        outcomes = Counter(store.put_stream(read_documents(output), processes=min(2, os.cpu_count() or 1)).values())
    console.print(
        f"Loaded {sum(outcomes.values())} documents into {escape(db)} ({outcomes['added']} added, "
        f"{outcomes['updated']} updated, {outcomes['unchanged']} unchanged)"
    )


@app.command()
def show(
    doc_id: str = typer.Argument(..., help="Document id (or a unique prefix of it)."),
    db: str = typer.Option(DEFAULT_DB, help="SQLite file."),
    json_out: bool = typer.Option(False, "--json", help="Print the document as JSON."),
) -> None:
    """Show one stored document: its metadata, clean text and annotations."""
    with open_store(db) as store:
        doc = store.get(doc_id)
    if doc is None:
        err_console.print(f"[red]No document {doc_id!r} in {db}.[/]")
        raise typer.Exit(1)
    if json_out:
        print(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
    else:
        print_document(doc)


DB = typer.Option(DEFAULT_DB, help="SQLite file.")
SINCE = typer.Option(None, help="From this day on (YYYY-MM-DD).")
UNTIL = typer.Option(None, help="Up to this day, inclusive (YYYY-MM-DD).")
OUTLET = typer.Option(None, help="Only this outlet (as stored, e.g. vnexpress.net).")
ENTITY = typer.Option(None, help="Only documents about this knowledge-base id (RUS, Q7747, …).")
EVENT_TYPE = typer.Option(None, "--type", help="Only documents with an event of this PLOVER type.")
COUNTRIES = typer.Option(None, help="Only documents with an event between two countries: RUS,PRK.")
JSON_OUT = typer.Option(False, "--json", help="JSON lines instead of tables.")
LIMIT = typer.Option(20, help="At most this many rows.")


@app.command()
def search(
    query: str = typer.Argument("", help='Words, diacritics optional ("quan doi nga"); "a quoted phrase".'),
    db: str = DB, since: str | None = SINCE, until: str | None = UNTIL, outlet: str | None = OUTLET,
    entity: str | None = ENTITY, event_type: str | None = EVENT_TYPE, countries: str | None = COUNTRIES,
    limit: int = LIMIT, json_out: bool = JSON_OUT,
) -> None:
    """Full-text search of the stored articles, best first, with the matches marked."""
    from thoisu.export.terminal import print_hits, print_json, user_errors
    from thoisu.store.search import Filters, pair

    with user_errors(err_console), open_store(db) as store:
        hits = store.search(query, Filters(since, until, outlet, entity, event_type, pair(countries, "--countries")),
                            limit)
    print_json([h.to_dict() for h in hits]) if json_out else print_hits(console, hits)


@app.command()
def events(
    between: str | None = typer.Option(None, help="Two actors (KB ids or country codes: RUS,PRK): events per period."),
    top: str | None = typer.Option(None, help="'actors' or 'pairs': the most active."),
    covered_by: str | None = typer.Option(None, help="An outlet: what it covers."),
    period: str = typer.Option("month", help="day, week, month or year (with --between)."),
    directed: bool = typer.Option(False, help="With --between: only the first acting on the second."),
    db: str = DB, since: str | None = SINCE, until: str | None = UNTIL, outlet: str | None = OUTLET,
    entity: str | None = ENTITY, event_type: str | None = EVENT_TYPE, limit: int = LIMIT, json_out: bool = JSON_OUT,
) -> None:
    """Real-world events merged across articles (NumMentions, NumSources, NumArticles), or one of the questions."""
    from thoisu.export.terminal import print_coverage, print_json, print_records, user_errors
    from thoisu.store.search import Filters, pair

    filters = Filters(since, until, outlet, entity, event_type)
    with user_errors(err_console), open_store(db) as store:
        if covered_by:
            coverage = store.outlet_coverage(covered_by, limit)
            return print_json(coverage) if json_out else print_coverage(console, coverage)
        bar = "events"
        if between:
            first, second = pair(between, "--between")
            rows, title = store.relations(first, second, period, directed, filters), f"{first} – {second} by {period}"
        elif top in ("actors", "pairs"):
            rows = store.top_actors(limit, filters) if top == "actors" else store.top_pairs(limit, filters)
            title = f"Top {top}"
        elif top:
            raise typer.BadParameter("--top takes 'actors' or 'pairs'")
        else:
            rows, title, bar = store.merged_events(limit, filters), "Events, merged across articles", "NumArticles"
    print_json(rows) if json_out else print_records(console, rows, title, bar=bar)


@app.command()
def timeline(
    query: str = typer.Argument("", help="Words to search for (or give --entity)."),
    entity: str | None = typer.Option(None, help="A knowledge-base id or country code: RUS, Q7747, …"),
    period: str = typer.Option("month", help="day, week, month or year."),
    db: str = DB, since: str | None = SINCE, until: str | None = UNTIL, outlet: str | None = OUTLET,
    json_out: bool = JSON_OUT,
) -> None:
    """How many documents and events per period are about an entity or match a query."""
    from thoisu.export.terminal import print_json, print_records, user_errors
    from thoisu.store.search import Filters

    with user_errors(err_console), open_store(db) as store:
        rows = store.timeline(entity, query or None, period, Filters(since, until, outlet))
    print_json(rows) if json_out else print_records(console, rows, f"Timeline of {entity or query!r}", "documents")


@app.command()
def graph(
    out: Path | None = typer.Option(None, help="Write the actor graph to this .graphml or .gexf file."),
    db: str = DB, since: str | None = SINCE, until: str | None = UNTIL, outlet: str | None = OUTLET,
    limit: int = LIMIT, json_out: bool = JSON_OUT,
) -> None:
    """The actor graph: its heaviest edges on screen, or the whole graph as GraphML/GEXF."""
    from thoisu.export.formats import export
    from thoisu.export.terminal import print_json, print_records, user_errors
    from thoisu.store.search import Filters

    filters = Filters(since, until, outlet)
    with user_errors(err_console), open_store(db) as store:
        if out:
            edges = export(store.documents(filters), out.suffix.lstrip(".").lower(), out)
            return err_console.print(f"{edges} edges written to {out}")
        rows = store.top_pairs(limit, filters)
    print_json(rows) if json_out else print_records(console, rows, "Actor graph: heaviest edges", bar="events")


@app.command("export")
def export_command(
    fmt: str = typer.Option(..., "--format", help="jsonl, csv, parquet, gdelt, plover, graphml or gexf."),
    out: Path | None = typer.Option(None, help="Output file [default: stdout; Parquet needs a file]."),
    table: str = typer.Option("events", help="For csv/parquet: 'events' or 'documents'."),
    db: str = DB, since: str | None = SINCE, until: str | None = UNTIL, outlet: str | None = OUTLET,
    entity: str | None = ENTITY, event_type: str | None = EVENT_TYPE, countries: str | None = COUNTRIES,
) -> None:
    """Export stored documents (all, or those the filters keep) to the formats event-data users read."""
    from thoisu.export.formats import export
    from thoisu.export.terminal import user_errors
    from thoisu.store.search import Filters, pair

    with user_errors(err_console), open_store(db) as store:
        filters = Filters(since, until, outlet, entity, event_type, pair(countries, "--countries"))
        written = export(store.documents(filters), fmt, out, table, store.merged_counts() if fmt == "gdelt" else None)
    err_console.print(f"{written} records written" + (f" to {out}" if out else ""))


@app.command()
def serve(
    db: str = DB,
    host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0: every interface)."),
    port: int = typer.Option(8000, help="Port to listen on."),
    token: str | None = typer.Option(None, help="API token for POST /documents [default: $THOISU_API_TOKEN; none:"
                                                " writing disabled]."),
    max_body: int = typer.Option(2_000_000, help="Largest request body accepted, in bytes."),
) -> None:
    """Serve the web pages (/ui/) and the REST API (/docs) over a store."""
    try:
        import uvicorn

        from thoisu.web import create_app
    except ImportError as error:
        err_console.print(f"[red]{escape(str(error))}: install the web extra, pip install 'thoisu[web]'[/]")
        raise typer.Exit(2) from None

    err_console.print(f"thoisu on http://{host}:{port}/ui/ (API: /docs), store {db}")
    uvicorn.run(create_app(db, token, max_body), host=host, port=port)


@eval_app.command("clean")
def eval_clean(gold: Path = typer.Argument(..., help="Gold JSONL: pages and their expected body, title, date.")) -> None:
    """Score cleaning (body token P/R/F1, title, date) against a gold file."""
    from thoisu.evaluate.clean import print_clean_report, score_clean

    print_clean_report(score_clean(gold), console)


@eval_app.command("ner")
def eval_ner(
    path: Path = typer.Argument(..., help="VLSP CoNLL file (token<TAB>BIO-tag)."),
    compare: bool = typer.Option(False, help="Also run underthesea's ner on the same raw sentences."),
) -> None:
    """Entity P/R/F1 per label, exact span and type, on the raw text of a CoNLL file."""
    from thoisu.evaluate.ner import print_ner_report, score_ner, underthesea_tagger

    try:
        other = score_ner(path, underthesea_tagger(), "underthesea") if compare else None
        print_ner_report(score_ner(path), console, other)
    except InputError as exc:
        err_console.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from exc


@eval_app.command("times")
def eval_times(
    gold: Path = typer.Argument(..., help="VLSP 2021 NER file (DATETIME spans) or thoisu times JSONL (with values)."),
    compare: bool = typer.Option(True, help="Also run dateparser's search_dates on the same input."),
    errors: int = typer.Option(0, help="Print up to this many of thoisu's errors."),
) -> None:
    """Time expressions: recognition P/R/F1 (exact, overlap) and TIMEX3 value accuracy, beside dateparser."""
    from thoisu.evaluate.times import print_times_report

    print_times_report(gold, console, compare, errors)


@eval_app.command("events")
def eval_events(bkee: Path = typer.Argument(..., help="A BKEE split directory (.txt + .ann), e.g. bkee/dev.")) -> None:
    """Event triggers: detection and PLOVER type P/R/F1 on the BKEE types that map to PLOVER."""
    from thoisu.evaluate.events import print_events_report

    print_events_report(bkee, console)


@dataclass
class AnalysisReport:
    """What an `analyze` run did."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    skipped_records: Counter[str] = field(default_factory=Counter)  # WARC records that are not pages


def print_summary(report: AnalysisReport, db_path: str | None) -> None:
    """A table of the analyzed documents, then counts of read, stored and skipped inputs."""
    table = Table(title="Analyzed articles", show_lines=False)
    table.add_column("id", min_width=8, no_wrap=True)
    # the title gives way: the other columns, paddings and borders take 62 characters of the terminal's width
    table.add_column("title", max_width=max(16, console.width - 62), overflow="ellipsis", no_wrap=True)
    table.add_column("outlet", max_width=16, overflow="ellipsis", no_wrap=True)
    table.add_column("published", min_width=10, no_wrap=True)
    table.add_column("ent·date·ev", justify="right", no_wrap=True)  # entities, dates, events
    for doc in report.documents:
        counts = f"{len(doc.entities)} · {len(doc.times)} · {len(doc.events)}"
        table.add_row(doc.id[:8], doc.title or "—", doc.outlet or "—", (doc.published or "—")[:10], counts)
    if report.documents:
        console.print(table)
    stored = sum(report.outcomes.values())
    read = len(report.documents) + len(report.skipped)
    console.print(
        f"Read {read} · analyzed {len(report.documents)} · stored {stored} "
        f"({report.outcomes['added']} added, {report.outcomes['updated']} updated, "
        f"{report.outcomes['unchanged']} unchanged)" + (f" in {db_path}" if db_path else "")
        + f" · skipped {len(report.skipped)}"
    )
    for error in report.skipped:
        console.print(f"  [yellow]skipped[/] {escape(error.source)}: {escape(error.reason)}")
    for reason, count in report.skipped_records.items():
        console.print(f"  [dim]left out {count} × {escape(reason)}[/]")


def print_document(doc: Document) -> None:
    """The document for a reader: metadata, then the text with entities marked."""
    meta = Table.grid(padding=(0, 2))
    for name in ("id", "title", "outlet", "published", "published_source", "url", "source", "authors", "agencies"):
        value = getattr(doc, name)
        if value:
            meta.add_row(f"[bold]{name}[/]", escape(", ".join(value) if isinstance(value, list) else str(value)))
    console.print(meta)
    console.print()
    console.print(marked_text(doc))
    for heading, items in (("Captions", doc.captions), ("Removed", [f"[{r.reason}] {r.text}" for r in doc.removed])):
        if items:
            console.print(f"\n[bold]{heading}[/]")
            for item in items:
                console.print(f"  {escape(item)}", overflow="ellipsis", no_wrap=True)


def marked_text(doc: Document) -> Text:
    """The clean text with entity mentions and time expressions highlighted."""
    text = Text(doc.text)
    for entity in doc.entities:
        text.stylize(ENTITY_STYLES.get(entity.label, "bold"), entity.start, entity.end)
    for time in doc.times:
        text.stylize("underline green", time.start, time.end)
    return text


ENTITY_STYLES = {"PER": "bold cyan", "ORG": "bold magenta", "LOC": "bold yellow", "GPE": "bold blue", "MISC": "bold"}


if __name__ == "__main__":
    app()
