"""Stories: syndicated copies and rewrites of one article across outlets, found by MinHash LSH as pages arrive.

A document's signature is the MinHash of its folded word 3-grams (shingles), so tone marks, case and
boilerplate-sized edits barely move it. A new document joins the story of its most similar earlier document
when their estimated Jaccard similarity reaches the threshold; otherwise it starts a story named by its own id.
Signatures live in the store, so the index is rebuilt from there and extended incrementally.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from thoisu.store.fold import folded_words

NUM_PERM = 128
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one
SHINGLE = 3
# Chosen on the dev build of evaluation/stories (seed 13): copies with edits sit above, same-topic articles below.
THRESHOLD = 0.3


@dataclass
class StoryMatch:
    """The story a document joins, and how similar it is to the closest member (1.0 for a new story)."""

    story_id: str
    similarity: float
    nearest: str | None  # the document it matched, None for a new story


# Drawn once (datasketch draws them again for every MinHash it makes, which costs more than hashing an article).
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def signature(text: str) -> MinHash:
    """The MinHash of the folded word 3-grams of ``text``."""
    words = folded_words(text)
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = _minhash()
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def signature_bytes(minhash: MinHash) -> bytes:
    """The signature as bytes for the store."""
    return minhash.hashvalues.astype(np.uint32).tobytes()


def signature_from_bytes(data: bytes) -> MinHash:
    """A signature read back from the store."""
    return _minhash(np.frombuffer(data, dtype=np.uint32))


def _minhash(hashvalues: np.ndarray | None = None) -> MinHash:
    # crc32 (C, stable across processes) instead of datasketch's default sha1: shingles need no crypto hash
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashfunc=zlib.crc32, permutations=_PERMUTATIONS,
                   hashvalues=hashvalues)


class StoryIndex:
    """An in-memory LSH over the documents' signatures, and the story of each document."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[str, MinHash] = {}
        self.story_of: dict[str, str] = {}

    def add(self, doc_id: str, minhash: MinHash, story_id: str) -> None:
        """Index a document (replacing an earlier version of it) as a member of a story."""
        self.remove(doc_id)
        self.lsh.insert(doc_id, minhash)
        self.signatures[doc_id] = minhash
        self.story_of[doc_id] = story_id

    def remove(self, doc_id: str) -> None:
        """Forget a document."""
        if doc_id in self.signatures:
            self.lsh.remove(doc_id)
            del self.signatures[doc_id]
            del self.story_of[doc_id]

    def match(self, doc_id: str, minhash: MinHash) -> StoryMatch:
        """The story ``doc_id`` belongs to: its nearest indexed near-duplicate's, or a new one."""
        best, best_similarity = None, 0.0
        for other in self.lsh.query(minhash):
            if other == doc_id:
                continue
            similarity = minhash.jaccard(self.signatures[other])
            if similarity > best_similarity or (similarity == best_similarity and best is not None and other < best):
                best, best_similarity = other, similarity
        if best is None or best_similarity < self.threshold:
            return StoryMatch(doc_id, 1.0, None)
        return StoryMatch(self.story_of[best], best_similarity, best)
