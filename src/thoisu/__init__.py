"""thoisu: Vietnamese news pages to event data.

The public contract::

    doc = thoisu.analyze(page, url=None, published=None)   # a saved page: clean, then annotate
    doc = thoisu.annotate(text, published=None)            # already clean text: annotate only
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from thoisu.document import Document
from thoisu.read.page import Page

if TYPE_CHECKING:
    from thoisu.pipeline import Pipeline

__all__ = ["Document", "Page", "analyze", "annotate"]
__version__ = "0.1.0"


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    # imported here so that `import thoisu.document` stays light (no trafilatura, no models)
    from thoisu.pipeline import Pipeline

    return Pipeline.default()


def analyze(page: str | bytes, url: str | None = None, published: str | None = None) -> Document:
    """Clean a saved page (HTML or flattened page text) into an article and annotate it."""
    return _pipeline().analyze(Page(source=url or "<page>", content=page, url=url, published=published))


def annotate(text: str, published: str | None = None) -> Document:
    """Annotate text that is already clean; offsets are offsets into ``text`` as given."""
    doc = Document(text=text, published=published, published_source="given" if published else None)
    return _pipeline().annotate(doc)
