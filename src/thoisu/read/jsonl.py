"""Pages from JSON Lines files: one page per line, ``{"html" or "text", "url"?, "published"?}``."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from thoisu.errors import InputError
from thoisu.read.limits import MAX_PAGE_BYTES, size_problem
from thoisu.read.page import Page
from thoisu.text.encoding import repair_legacy


def read_jsonl(path: Path) -> Iterator[Page | InputError]:
    """Each line of the (optionally gzipped) JSONL file at ``path`` as a page, or the error for that line."""
    source = str(path)
    line_number = 0
    try:
        problem = size_problem(source, path.stat().st_size, limit=None)  # the limit is per line, not per file
        if problem:
            yield problem
            return
        with _open(path) as stream:
            pages = 0
            while raw := stream.readline(MAX_PAGE_BYTES + 1):  # bounded: a runaway line is never loaded whole
                line_number += 1
                if len(raw) > MAX_PAGE_BYTES:
                    yield size_problem(f"{source}:{line_number}", _skip_rest_of_line(stream, raw))
                    continue
                if raw.strip():
                    pages += 1
                    yield _page(raw, f"{source}:{line_number}", line_number == 1)
            if not pages:
                yield InputError(source, "no pages in the file (only blank lines)")
    except (OSError, EOFError, zlib.error) as exc:
        where = f"after line {line_number}" if line_number else "at the start"
        yield InputError(source, f"cannot read {where} (truncated or corrupt file?): {exc}")


def _open(path: Path) -> BinaryIO:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


def _skip_rest_of_line(stream: BinaryIO, start: bytes) -> int:
    """Reads past the end of an over-long line; its length in bytes."""
    size, chunk = len(start), start
    while chunk and not chunk.endswith(b"\n"):
        chunk = stream.readline(MAX_PAGE_BYTES)
        size += len(chunk)
    return size


def _page(raw: bytes, source: str, first_line: bool) -> Page | InputError:
    try:
        record = json.loads((raw.removeprefix(b"\xef\xbb\xbf") if first_line else raw).strip())
    except json.JSONDecodeError as exc:
        return InputError(source, f"bad JSON ({exc.msg} at column {exc.colno})")
    except UnicodeDecodeError:
        return InputError(source, "bad JSON (not UTF-8)")
    if not isinstance(record, dict):
        return InputError(source, f"bad JSON (a {type(record).__name__}, not an object)")
    kind = "html" if record.get("html") else "text" if record.get("text") else None
    if kind is None:
        return InputError(source, "no 'html' or 'text' field with the page in it")
    content, url, published = record[kind], record.get("url"), record.get("published")
    for name, value in ((kind, content), ("url", url), ("published", published)):
        if value is not None and not isinstance(value, str):
            return InputError(source, f"field {name!r} must be a string, not {type(value).__name__}")
    # a crawler that read a VNI/TCVN3 page as Latin-1 stored glyph soup ("Vieät Nam"): convert it here
    content = repair_legacy(content)
    return Page(source=source, content=content, url=url or None, published=published or None, kind=kind)
