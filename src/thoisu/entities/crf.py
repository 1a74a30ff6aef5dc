"""A first-order linear-chain CRF for tagging: its weights and Viterbi decoding, in numpy.

The weights are those of a CRFsuite model (evaluation/train_ner.py exports the non-zero
ones to a TSV file). Decoding here instead of in CRFsuite lets the recognizer add up
cached per-syllable score vectors instead of handing every feature string to a tagger,
which is where a CRF tagger's time goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np

from thoisu.entities.model_files import read_rows
from thoisu.errors import ResourceError


class LinearChainCRF:
    """Label set, state weights per attribute, transition weights; decodes the best label sequence."""

    def __init__(self, labels: list[str], state: dict[str, np.ndarray], transitions: np.ndarray) -> None:
        self.labels = labels
        # the weights as rows of one matrix, so that many attributes' vectors are gathered in one indexing; each
        # attribute's vector in ``state`` is a view of its row, not a second copy
        self.rows = {attribute: row for row, attribute in enumerate(state)}
        self.weights = np.array(list(state.values())).reshape(len(state), len(labels))
        self.state = dict(zip(state, self.weights))
        self.transitions = transitions
        self.zero = np.zeros(len(labels))

    @classmethod
    def load(cls, path: Path) -> LinearChainCRF:
        """Read ``state<TAB>attribute<TAB>label<TAB>weight`` and ``transition<TAB>from<TAB>to<TAB>weight`` rows."""
        shape = "state|transition<TAB>…<TAB>…<TAB>weight"
        rows = []
        for number, row in read_rows(path, "CRF weights", shape, columns=4):
            if row[0] not in ("state", "transition"):
                raise ResourceError(f"{path}:{number}: expected {shape}, got the kind {row[0]!r}")
            rows.append(row)
        labels = sorted({p[2] for p in rows} | {p[1] for p in rows if p[0] == "transition"})
        index = {label: i for i, label in enumerate(labels)}
        state: dict[str, np.ndarray] = {}
        transitions = np.zeros((len(labels), len(labels)))
        for kind, first, second, weight in rows:
            if kind == "state":
                state.setdefault(first, np.zeros(len(labels)))[index[second]] = float(weight)
            else:
                transitions[index[first], index[second]] = float(weight)
        return cls(labels, state, transitions)

    def score(self, attributes: Iterable[str]) -> np.ndarray:
        """Sum of the state weight vectors of ``attributes`` (unknown ones weigh nothing)."""
        total = self.zero.copy()
        get = self.state.get
        for attribute in attributes:
            vector = get(attribute)
            if vector is not None:
                total += vector
        return total

    def decode_batch(self, emissions: list[np.ndarray]) -> list[list[str]]:
        """The highest-scoring label sequence of each sentence, given its label scores (length × labels).

        All sentences advance one position per step together, so numpy's per-call cost is
        paid once per position of the longest sentence, not once per syllable.
        """
        lengths = np.array([len(e) for e in emissions])
        batch, longest, size = len(emissions), int(lengths.max()), len(self.labels)
        order = np.argsort(-lengths, kind="stable")  # longest first: the sentences still going are a prefix
        padded = np.zeros((batch, longest, size))
        for row, k in enumerate(order.tolist()):
            padded[row, : len(emissions[k])] = emissions[k]
        going = np.searchsorted(-lengths[order], -np.arange(longest), side="left")  # going[t]: sentences longer than t
        back = np.zeros((batch, longest, size), dtype=np.intp)
        score = padded[:, 0].copy()
        transitions = self.transitions
        for t in range(1, longest):
            alive = going[t]
            candidates = score[:alive, :, None] + transitions  # sentences × previous × label
            back[:alive, t] = candidates.argmax(1)
            score[:alive] = candidates.max(1) + padded[:alive, t]
        inverse = np.argsort(order)  # back to the caller's order
        score, back = score[inverse], back[inverse]
        last = score.argmax(1).tolist()
        paths = []
        for k, n in enumerate(lengths.tolist()):
            steps = back[k, :n].tolist()
            path = [last[k]]
            for t in range(n - 1, 0, -1):
                path.append(steps[t][path[-1]])
            paths.append([self.labels[i] for i in reversed(path)])
        return paths
