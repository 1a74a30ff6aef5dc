"""The Pipeline: annotation steps in order, their resources loaded once."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable

from thoisu.clean import clean
from thoisu.document import Document
from thoisu.read.page import Page

Step = Callable[[Document], Document]


class Pipeline:
    """Runs cleaning, then each annotation step, over one document at a time."""

    def __init__(self, steps: Iterable[Step]) -> None:
        self.steps = list(steps)

    @classmethod
    def default(cls) -> Pipeline:
        """The full pipeline with every bundled step, resources loaded now (and kept out of garbage collection)."""
        pipeline = cls(default_steps())
        # the models, lexicons and knowledge base just loaded live as long as the process: frozen out of the
        # collector's generations, they are not rescanned by every full collection (1.5 of ~20 ms per article)
        gc.collect()
        gc.freeze()
        return pipeline

    def annotate(self, doc: Document) -> Document:
        """Run every step over an already clean document."""
        for step in self.steps:
            doc = step(doc)
        return doc

    def analyze(self, page: Page) -> Document:
        """Clean a page into an article, then annotate it."""
        return self.annotate(clean(page))


def default_steps() -> list[Step]:
    """The bundled steps in flow order (segment, entities, link, times, events)."""
    from thoisu.entities.coref import Coreference
    from thoisu.entities.linker import Linker
    from thoisu.entities.recognizer import Recognizer
    from thoisu.events import EventCoder
    from thoisu.text.segment import Segmenter
    from thoisu.times import TimeTagger

    return [Segmenter(), Recognizer(), Linker(), Coreference(), TimeTagger(), EventCoder()]
