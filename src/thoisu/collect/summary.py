"""The report of a collection run, for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from thoisu.collect.collector import CollectReport


def print_collect_report(report: CollectReport, console: Console) -> None:
    """Counts of feeds and pages, the WARC written, then each page that was refused or failed."""
    console.print(
        f"Feeds: {report.feeds_read} read, {report.feeds_unchanged} unchanged since the last run · "
        f"pages: {report.pages_found} found, {report.already_fetched} fetched before, {report.fetched} fetched now, "
        f"{len(report.disallowed)} disallowed by robots.txt, {len(report.failed)} failed"
    )
    for url in report.disallowed:
        console.print(f"  [dim]robots.txt disallows[/] {escape(url)}")
    for error in report.failed:
        console.print(f"  [yellow]failed[/] {escape(error.source)}: {escape(error.reason)}")
    if report.warc:
        console.print(f"Wrote {escape(str(report.warc))}; analyze it with: thoisu analyze {escape(str(report.warc))}")
