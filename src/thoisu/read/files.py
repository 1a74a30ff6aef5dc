"""Pages from single files and from standard input: the whole content is one page."""

from __future__ import annotations

import sys
from pathlib import Path

from thoisu.errors import InputError
from thoisu.read.limits import read_page_bytes, size_problem
from thoisu.read.page import Page

KINDS = {".html": "html", ".htm": "html", ".txt": "text"}  # other names: sniffed from the content


def read_file(path: Path) -> Page | InputError:
    """The page in the file at ``path``, or the error saying why it cannot be read."""
    source = str(path)
    try:
        problem = size_problem(source, path.stat().st_size)  # before reading: a huge file is never loaded
        if problem:
            return problem
        with path.open("rb") as stream:
            content = read_page_bytes(stream, source)
    except OSError as exc:
        return InputError(source, f"cannot read: {exc.strerror or exc}")
    if isinstance(content, InputError):
        return content
    return Page(source=source, content=content, kind=KINDS.get(path.suffix.lower()))


def read_stdin() -> Page | InputError:
    """The page given on standard input (bytes, sniffed like a file of unknown kind)."""
    content = read_page_bytes(sys.stdin.buffer, "<stdin>", what="input")
    if isinstance(content, InputError):
        return content
    return Page(source="<stdin>", content=content)
