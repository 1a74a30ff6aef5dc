"""The NER model's bundled tab-separated files, read the same way: '#' comments and blank lines skipped, and a
ResourceError naming the file and line for a file that cannot be read or a row of the wrong shape."""

from __future__ import annotations

from pathlib import Path

from thoisu.errors import ResourceError


def read_rows(path: Path, what: str, shape: str, columns: int | None = None) -> list[tuple[int, list[str]]]:
    """(line number, tab-separated fields) of each row of ``path`` (``what`` it holds, for messages); with
    ``columns``, every row must have that many fields, else the error quotes ``shape`` (how a row looks)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ResourceError(f"cannot read {what} {path}: {exc}; reinstall thoisu") from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if columns is not None and len(fields) != columns:
            raise ResourceError(f"{path}:{number}: expected {shape}, got {line!r}")
        rows.append((number, fields))
    return rows
