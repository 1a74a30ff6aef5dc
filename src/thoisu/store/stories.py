"""Stories: syndicated copies and rewrites of one article across outlets, found by MinHash LSH as pages arrive.

A document's signature is the MinHash of its folded word 3-grams (shingles), so tone marks, case and
boilerplate-sized edits barely move it. A new document joins the story of its most similar earlier document
when their estimated Jaccard similarity reaches the threshold; otherwise it starts a story named by its own id.
Signatures live in the store, so the index is rebuilt from there and extended incrementally.

Signatures are datasketch's (``MinHash(num_perm=128, scheme="affine32", hashfunc=zlib.crc32)`` updated with the
UTF-8 shingles, seed 1), computed here with numpy in one pass; the index bands them as datasketch's
``MinHashLSH`` does at the same threshold, so candidates and similarities are the same as with datasketch.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

import numpy as np

from thoisu.store.fold import WORD, fold

NUM_PERM = 128
SEED = 1  # datasketch's default seed: its permutations are drawn from np.random.RandomState(SEED)
SHINGLE = 3
# Chosen on the dev build of evaluation/stories (seed 13): copies with edits sit above, same-topic articles below.
THRESHOLD = 0.3


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 parameters: h -> a * h + b mod 2**32 with a odd, drawn as it draws them."""
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


_A, _B = _permutations()
_A_COLUMN, _B_COLUMN = _A[:, None], _B[:, None]


@dataclass
class StoryMatch:
    """The story a document joins, and how similar it is to the closest member (1.0 for a new story)."""

    story_id: str
    similarity: float
    nearest: str | None  # the document it matched, None for a new story


def signature(text: str) -> np.ndarray:
    """The MinHash (uint32[NUM_PERM]) of the folded word 3-grams of ``text``."""
    return folded_signature(fold(text))


def folded_signature(folded: str) -> np.ndarray:
    """``signature`` of a text already folded (``fold.fold``): what the store computes once per document."""
    words = WORD.findall(folded)
    joined = " ".join(words).encode("utf-8")
    if len(words) <= SHINGLE:
        hashes = [zlib.crc32(joined)]
    else:  # each shingle is a slice of the joined words: byte offsets of the word starts, no string per shingle
        lengths = [len(w) + 1 for w in words] if joined.isascii() else [len(w.encode("utf-8")) + 1 for w in words]
        starts = [0, *accumulate(lengths)]
        hashes = [zlib.crc32(joined[s:e - 1]) for s, e in zip(starts, starts[SHINGLE:])]
    permuted = np.multiply(_A_COLUMN, _fmix32(np.array(hashes, dtype=np.uint32)))  # (NUM_PERM, shingles)
    permuted += _B_COLUMN
    return permuted.min(axis=1)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, which datasketch applies to every input hash before permuting it."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signature_bytes(minhash: np.ndarray) -> bytes:
    """The signature as bytes for the store."""
    return minhash.astype(np.uint32).tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    """A signature read back from the store."""
    return np.frombuffer(data, dtype=np.uint32)


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal hash values (as datasketch's)."""
    return float(np.count_nonzero(first == second)) / NUM_PERM


@cache
def _byte_ranges(threshold: float) -> tuple[tuple[int, int], ...]:
    """The byte ranges of a stored signature that datasketch's MinHashLSH bands for the threshold and NUM_PERM."""
    # datasketch for its parameter search only; it takes a second to import
    from datasketch import MinHashLSH

    hashranges = MinHashLSH(threshold=threshold, num_perm=NUM_PERM).hashranges
    return tuple((start * 4, end * 4) for start, end in hashranges)  # uint32 hash values: 4 bytes each


def band_keys(data: bytes, threshold: float = THRESHOLD) -> list[tuple[int, bytes]]:
    """The LSH bucket keys (band, its hash values' bytes) of a signature stored as bytes (``signature_bytes``)."""
    return [(band, data[start:end]) for band, (start, end) in enumerate(_byte_ranges(threshold))]


class StoryIndex:
    """An in-memory LSH over the documents' signatures, and the story of each document."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.buckets: dict[tuple[int, bytes], set[str]] = {}
        self.signatures: dict[str, np.ndarray] = {}
        self.story_of: dict[str, str] = {}

    def _keys(self, minhash: np.ndarray) -> list[tuple[int, bytes]]:
        return band_keys(minhash.tobytes(), self.threshold)

    def add(self, doc_id: str, minhash: np.ndarray, story_id: str) -> None:
        """Index a document (replacing an earlier version of it) as a member of a story."""
        self.remove(doc_id)
        for key in self._keys(minhash):
            self.buckets.setdefault(key, set()).add(doc_id)
        self.signatures[doc_id] = minhash
        self.story_of[doc_id] = story_id

    def remove(self, doc_id: str) -> None:
        """Forget a document."""
        if doc_id in self.signatures:
            for key in self._keys(self.signatures.pop(doc_id)):
                members = self.buckets[key]
                members.discard(doc_id)
                if not members:
                    del self.buckets[key]
            del self.story_of[doc_id]

    def match(self, doc_id: str, minhash: np.ndarray) -> StoryMatch:
        """The story ``doc_id`` belongs to: its nearest indexed near-duplicate's, or a new one."""
        candidates: set[str] = set()
        for key in self._keys(minhash):
            candidates.update(self.buckets.get(key, ()))
        candidates.discard(doc_id)
        best, best_similarity = None, 0.0
        for other in sorted(candidates):  # ties go to the smallest id
            value = similarity(minhash, self.signatures[other])
            if value > best_similarity:
                best, best_similarity = other, value
        if best is None or best_similarity < self.threshold:
            return StoryMatch(doc_id, 1.0, None)
        return StoryMatch(self.story_of[best], best_similarity, best)
