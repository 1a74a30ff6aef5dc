"""The segmentation step: a document's sentences and the words of each sentence."""

from __future__ import annotations

from thoisu.document import Document
from thoisu.text.sentences import split_sentences
from thoisu.text.words import WordSegmenter


class Segmenter:
    """Pipeline step filling ``doc.sentences`` and ``doc.tokens``; loads the word model once."""

    def __init__(self) -> None:
        self.words = WordSegmenter()

    def __call__(self, doc: Document) -> Document:
        """Split ``doc`` into sentences and words (spans into ``doc.text``, found on ``doc.analysis_text``)."""
        text = doc.analysis_text
        doc.sentences = split_sentences(text)
        doc.tokens = [
            token for sentence in doc.sentences for token in self.words.segment(sentence.text_in(text), sentence.start)
        ]
        return doc
