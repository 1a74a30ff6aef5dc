"""Reading inputs: paths (files, directories, "-" for stdin) to pages, one kind of input per module."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from thoisu.errors import InputError
from thoisu.read.files import read_file, read_stdin
from thoisu.read.jsonl import read_jsonl
from thoisu.read.page import Page
from thoisu.read.warc import read_warc

__all__ = ["Page", "read_inputs"]


def read_inputs(paths: Iterable[str], skipped: Counter[str] | None = None) -> Iterator[Page | InputError]:
    """The pages in ``paths``, and an InputError (yielded, not raised) for each input that cannot be read.

    Records that are not pages (non-HTML WARC records) are left out and counted in ``skipped`` by reason.
    """
    for name in paths:
        if name == "-":
            yield read_stdin()
            continue
        path = Path(name)
        if path.is_dir():
            for file in _walk(path):
                yield from _read_path(file, skipped) if isinstance(file, Path) else (file,)
        elif path.exists():
            yield from _read_path(path, skipped)
        else:
            yield InputError(name, "no such file or directory")


def _read_path(path: Path, skipped: Counter[str] | None) -> Iterator[Page | InputError]:
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        yield from read_warc(path, skipped)
    elif name.endswith((".jsonl", ".jsonl.gz")):
        yield from read_jsonl(path)
    else:
        yield read_file(path)


def _walk(root: Path) -> Iterator[Path | InputError]:
    """The files under ``root``, sorted, leaving out hidden files and directories; then unreadable directories."""
    files, unreadable = [], []
    for directory, subdirectories, names in os.walk(root, onerror=unreadable.append):
        subdirectories[:] = [d for d in subdirectories if not d.startswith(".")]
        files.extend(Path(directory, n) for n in names if not n.startswith("."))
    yield from sorted(files)
    for error in unreadable:
        yield InputError(error.filename or str(root), f"cannot read directory: {error.strerror or error}")
