"""JSON lines: one ``Document.to_dict()`` per line, the lossless interchange form."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from thoisu.document import Document


def write_jsonl(docs: Iterable[Document], stream: TextIO) -> int:
    """Write one JSON document per line; return how many were written."""
    written = 0
    for doc in docs:
        stream.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        written += 1
    return written
