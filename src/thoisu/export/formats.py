"""Every export format by name, for `thoisu export --format …`: where each writer goes and what it writes."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TextIO

from thoisu.document import Document
from thoisu.errors import InputError
from thoisu.export.gdelt import MergedCounts, write_gdelt
from thoisu.export.graph import write_gexf, write_graphml
from thoisu.export.jsonl import write_jsonl
from thoisu.export.plover import write_plover
from thoisu.export.tables import write_csv, write_parquet

TextWriter = Callable[[Iterable[Document], TextIO], int]
# format -> (what one record is, writer of a text stream)
TEXT_FORMATS: dict[str, tuple[str, TextWriter]] = {
    "jsonl": ("document", write_jsonl),
    "gdelt": ("event (GDELT 2.0 TSV, 61 columns, no header)", write_gdelt),
    "plover": ("event (PLOVER JSON line)", write_plover),
    "graphml": ("actor-graph edge", write_graphml),
    "gexf": ("actor-graph edge", write_gexf),
}
FORMATS = [*TEXT_FORMATS, "csv", "parquet"]


def export(docs: Iterable[Document], fmt: str, out: Path | None, table: str = "events",
           merged: MergedCounts | None = None) -> int:
    """Write the documents in a format to a file (stdout when ``out`` is None); return how many records.

    ``merged`` (the store's merged events) makes the GDELT rows real-world events with their counts."""
    if fmt == "parquet":
        if out is None:
            raise InputError("--out", "Parquet is a binary file: give --out PATH")
        return write_parquet(docs, out, table)
    if fmt == "csv":
        with _open(out) as stream:
            return write_csv(docs, stream, table)
    if fmt not in TEXT_FORMATS:
        raise InputError("--format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    with _open(out) as stream:
        return write_text(docs, fmt, stream, merged)


def write_text(docs: Iterable[Document], fmt: str, stream: TextIO, merged: MergedCounts | None = None) -> int:
    """Write the documents in one of the TEXT_FORMATS to a stream; return how many records (``merged``: see export)."""
    if fmt == "gdelt":
        return write_gdelt(docs, stream, merged=merged)
    return TEXT_FORMATS[fmt][1](docs, stream)


def _open(out: Path | None) -> AbstractContextManager[TextIO]:
    return out.open("w", encoding="utf-8", newline="") if out else nullcontext(sys.stdout)
