"""The store's answers on the terminal: rich tables for reading, or JSON (one record per line) for scripts."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from thoisu.errors import InputError, StoreError
from thoisu.store.search import Hit

BAR_WIDTH = 20
WIDE = 120  # terminals at least this wide get the bar column


@contextmanager
def user_errors(console: Console) -> Iterator[None]:
    """Print a thoisu input or store error as one red line and exit with status 2, instead of a traceback."""
    try:
        yield
    except (InputError, StoreError) as error:
        console.print(f"[red]{escape(str(error))}[/]")
        raise typer.Exit(2) from None


def print_json(answer: Sequence[dict[str, Any]] | dict[str, Any]) -> None:
    """A list as JSON lines, a single answer as one JSON object, on stdout."""
    for record in [answer] if isinstance(answer, dict) else answer:
        print(json.dumps(record, ensure_ascii=False, default=str))


def print_records(console: Console, records: Sequence[dict[str, Any]], title: str, bar: str | None = None) -> None:
    """A table with a column per key (lists, such as document ids, are left to --json); ``bar`` names a numeric
    column also drawn as a bar."""
    if not records:
        console.print(f"[yellow]{escape(title)}: nothing found.[/]")
        return
    names = [n for n in records[0] if not isinstance(records[0][n], list)]
    bar = bar if console.width >= WIDE else None
    table = Table(title=title)
    for name in names:  # headers may fold, short values (codes, days, numbers) keep their width
        widest = max(len(_cell(r[name])) for r in records)
        table.add_column(name, overflow="fold", justify="right" if _numeric(records, name) else "left",
                         min_width=widest if widest <= 12 else None)
    if bar:
        table.add_column("")
        peak = max((r[bar] or 0) for r in records) or 1
    for record in records:
        cells = [_cell(record[n]) for n in names]
        if bar:
            cells.append("█" * round(BAR_WIDTH * (record[bar] or 0) / peak))
        table.add_row(*cells)
    console.print(table)


def print_hits(console: Console, hits: list[Hit]) -> None:
    """Search results: title, outlet and date, then the snippet with the matches highlighted."""
    if not hits:
        console.print("[yellow]No document matches.[/]")
        return
    for rank, hit in enumerate(hits, 1):
        console.print(f"[bold]{rank}. {escape(hit.title or '(no title)')}[/]  [dim]{escape(hit.outlet or '')}"
                      f" {hit.published or ''}  {hit.id[:10]}  score {hit.score:.2f}[/]")
        snippet = Text(hit.snippet)
        for start, end in hit.highlights:
            snippet.stylize("bold reverse yellow", start, end)
        console.print(snippet)
        console.print()


def print_coverage(console: Console, coverage: dict[str, Any]) -> None:
    """What an outlet covers: a heading line, then its entities, event types and actor pairs."""
    console.print(f"[bold]{escape(coverage['outlet'])}[/]: {coverage['documents']} documents,"
                  f" {coverage['first'] or '—'} to {coverage['last'] or '—'}")
    for key, title in (("entities", "Entities"), ("event_types", "Event types"), ("pairs", "Actor pairs")):
        print_records(console, coverage[key], title)


def _numeric(records: Sequence[dict[str, Any]], name: str) -> bool:
    return all(isinstance(r[name], (int, float)) or r[name] is None for r in records)


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}"
    return escape(str(value))
