"""Train the shipped NER model: word clusters from unlabeled news, CRF from VLSP 2016 train.

    /work/venv/bin/python evaluation/train_ner.py            # everything, then scores dev
    /work/venv/bin/python evaluation/train_ner.py --skip-clusters   # reuse clusters.tsv

Writes src/thoisu/data/models/ner/{clusters.tsv, kb_names.tsv, weights.tsv}; rules.tsv there is hand-written and
label_offsets.tsv tuned with evaluation/compare_ner.py --tune-offset (the dev scores printed here use it). One process,
one thread (OPENBLAS_NUM_THREADS=1 is set before numpy loads), bounded iterations.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import gzip
import json
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np
import pycrfsuite

from thoisu.entities.features import (
    SENTENCE_OPENERS,
    SYLLABLE,
    Gazetteer,
    SyllableFeatures,
    load_clusters,
    story_features,
    syllable_spans,
)
from thoisu.entities.kb import KnowledgeBase, alias_key
from thoisu.entities.recognizer import MODEL_DIR, STORY_WINDOW, Recognizer
from thoisu.evaluate.ner import GoldSentence, read_conll, score_ner
from thoisu.text.tones import normalize_tones

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TRAIN = DATA / "ner" / "vlsp2016" / "train.txt"
UNLABELED = [DATA / "topics" / "vntc" / "train.jsonl.gz", DATA / "corpus" / "vietnews" / "articles_5k.jsonl.gz"]
GRANULARITIES = (64, 256, 1024)


def unlabeled_lines(limit: int) -> list[str]:
    """Up to ``limit`` articles of unlabeled news as NFC, tone-normalized lines."""
    lines: list[str] = []
    per_file = limit // len(UNLABELED)
    for path in UNLABELED:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for count, row in enumerate(handle):
                if count >= per_file:
                    break
                record = json.loads(row)
                body = record.get("text") or (record.get("title", "") + "\n" + record.get("article", "")).replace("_", " ")
                text = normalize_tones(unicodedata.normalize("NFC", body))
                lines.extend(line for line in text.split("\n") if line.strip())
    return lines


def build_clusters(path: Path, articles: int, vocabulary: int, contexts: int, dims: int) -> None:
    """Cluster syllable forms by their left/right neighbours (PPMI + SVD + k-means) and record capitalization rates."""
    started = time.time()
    counts: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    mid: Counter[str] = Counter()
    sentences = []
    for line in unlabeled_lines(articles):
        forms = SYLLABLE.findall(line)
        sentences.append(forms)
        counts.update(forms)
        for i in range(1, len(forms)):
            if forms[i][0].isalpha() and forms[i - 1] not in SENTENCE_OPENERS:
                lower = forms[i].lower()
                mid[lower] += 1
                if forms[i][0].isupper():
                    capital[lower] += 1
    print(f"read {len(sentences)} lines, {sum(counts.values())} syllables in {time.time() - started:.0f} s", flush=True)
    vocab = [form for form, n in counts.most_common(vocabulary) if n >= 3]
    index = {form: i for i, form in enumerate(vocab)}
    lower_counts: Counter[str] = Counter()
    for form, n in counts.items():
        lower_counts[form.lower()] += n
    context_words = [form for form, _ in lower_counts.most_common(contexts)]
    context_index = {form: i for i, form in enumerate(context_words)}
    rows, cols = [], []
    for forms in sentences:
        ids = [index.get(f, -1) for f in forms]
        ctx = [context_index.get(f.lower(), -1) for f in forms]
        for i, word in enumerate(ids):
            if word < 0:
                continue
            if i and ctx[i - 1] >= 0:
                rows.append(word)
                cols.append(ctx[i - 1])
            if i + 1 < len(forms) and ctx[i + 1] >= 0:
                rows.append(word)
                cols.append(len(context_words) + ctx[i + 1])
    del sentences
    keys, values = np.unique(np.array(rows, dtype=np.int64) * (2 * len(context_words)) + np.array(cols), return_counts=True)
    matrix = np.zeros((len(vocab), 2 * len(context_words)), dtype=np.float32)
    matrix[keys // (2 * len(context_words)), keys % (2 * len(context_words))] = values
    total = matrix.sum()
    expected = np.outer(matrix.sum(1), matrix.sum(0)) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        ppmi = np.maximum(np.log(np.where(matrix > 0, matrix / expected, 1.0)), 0).astype(np.float32)
    del matrix, expected
    rng = np.random.default_rng(0)
    basis, _ = np.linalg.qr(ppmi @ rng.standard_normal((ppmi.shape[1], dims + 20)).astype(np.float32))
    u, s, _ = np.linalg.svd(basis.T @ ppmi, full_matrices=False)
    vectors = (basis @ u[:, :dims]) * np.sqrt(s[:dims])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    print(f"embedded {len(vocab)} forms in {time.time() - started:.0f} s", flush=True)
    assignments = [kmeans(vectors, k, rng) for k in GRANULARITIES]
    with path.open("w", encoding="utf-8") as out:
        out.write(
            "# Word clusters of syllable forms, learned by evaluation/train_ner.py from unlabeled news\n"
            "# (VNTC, MIT; VietNews): PPMI of left/right neighbours, SVD, k-means at three sizes.\n"
            f"# columns: form, cluster of {GRANULARITIES[0]}, of {GRANULARITIES[1]}, of {GRANULARITIES[2]},"
            " capitalized share of mid-sentence uses of the lowercase form (bucket 0-4, empty if rare)\n"
        )
        for i, form in enumerate(vocab):
            lower = form.lower()
            bucket = ""
            if mid[lower] >= 3:
                share = capital[lower] / mid[lower]
                bucket = str(sum(share >= edge for edge in (0.05, 0.3, 0.7, 0.95)))
            out.write(f"{form}\t{assignments[0][i]}\t{assignments[1][i]}\t{assignments[2][i]}\t{bucket}\n")
    print(f"wrote {path} in {time.time() - started:.0f} s", flush=True)


def kmeans(vectors: np.ndarray, k: int, rng: np.random.Generator, iterations: int = 15) -> np.ndarray:
    """Spherical k-means cluster of each row."""
    centers = vectors[rng.choice(len(vectors), k, replace=False)]
    for _ in range(iterations):
        labels = np.argmax(vectors @ centers.T, axis=1)
        for c in range(k):
            members = vectors[labels == c]
            if len(members):
                center = members.sum(0)
                centers[c] = center / (np.linalg.norm(center) + 1e-9)
    return np.argmax(vectors @ centers.T, axis=1)


def syllable_tags(sentence: GoldSentence) -> tuple[list[str], list[str]]:
    """Syllable forms of the (tone-normalized) sentence and their BIO tags from the gold character spans."""
    text = normalize_tones(sentence.text)
    spans = syllable_spans(text)
    tags = ["O"] * len(spans)
    for start, end, label in sentence.entities:
        inside = [i for i, (s, e) in enumerate(spans) if s >= start and e <= end]
        for rank, i in enumerate(inside):
            tags[i] = ("B-" if rank == 0 else "I-") + label
    return [text[s:e] for s, e in spans], tags


def write_kb_names(path: Path) -> None:
    """Snapshot the knowledge base's names (countries, places, organizations, seats, people, titles) as a gazetteer."""
    kb = KnowledgeBase.default()
    rows: set[tuple[str, str]] = set()
    for entry in kb.entries.values():
        for name in entry.names:
            doubtful = alias_key(name) in entry.ambiguous | entry.tagged
            rows.add((entry.type + ("-ambiguous" if doubtful else ""), name))
        for name in entry.short_names:
            rows.add(("surname", name))
    for title in kb.titles.values():
        rows.add(("title", title.title))
        rows.add(("title", title.title[:1].upper() + title.title[1:]))
    with path.open("w", encoding="utf-8") as out:
        out.write(
            "# Names from thoisu's knowledge base (src/thoisu/data/kb; CLDR via babel and curated lists),\n"
            "# snapshot taken by evaluation/train_ner.py when the NER model was trained, so the model and its features agree.\n"
            "# columns: kind (country, place, organization, seat, person, surname, title; '-ambiguous' appended where the KB\n"
            "# says the name is also a common word or personal name), name as syllables separated by spaces\n"
        )
        for kind, name in sorted(rows):
            forms = SYLLABLE.findall(normalize_tones(unicodedata.normalize("NFC", name)))
            if forms:
                out.write(f"{kind}\t{' '.join(forms)}\n")


def write_weights(path: Path, model: Path) -> None:
    """Export the non-zero weights of a CRFsuite model (L1 zeroes most: that is the pruning) as TSV."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    info = tagger.info()
    with path.open("w", encoding="utf-8") as out:
        out.write(
            "# Weights of the syllable CRF for NER, trained by evaluation/train_ner.py on VLSP 2016 train (research use).\n"
            "# columns: state, attribute (feature of thoisu.entities.features), label, weight\n"
            "#      or transition, previous label, label, weight\n"
        )
        for (first, second), weight in sorted(info.transitions.items()):
            out.write(f"transition\t{first}\t{second}\t{weight:.5g}\n")
        for (attribute, label), weight in sorted(info.state_features.items()):
            if weight:
                out.write(f"state\t{attribute}\t{label}\t{weight:.5g}\n")


def main() -> None:
    """Build clusters and the KB-name snapshot, train the CRF, score VLSP 2016 dev with and without the rules."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-clusters", action="store_true", help="reuse the existing clusters.tsv")
    parser.add_argument("--articles", type=int, default=20000, help="unlabeled articles for clustering")
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--l1", type=float, default=0.02)
    parser.add_argument("--l2", type=float, default=0.05)
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.skip_clusters:
        build_clusters(args.out / "clusters.tsv", args.articles, vocabulary=40000, contexts=1500, dims=100)
    data = [syllable_tags(s) for s in read_conll(TRAIN)]
    write_kb_names(args.out / "kb_names.tsv")
    clusters, capitalized = load_clusters(args.out / "clusters.tsv")
    features = SyllableFeatures(clusters, capitalized, Gazetteer.load(args.out / "kb_names.tsv"))
    started = time.time()
    # the training file holds its stories' sentences in order, as the recognizer reads a document
    around = story_features([forms for forms, _ in data], STORY_WINDOW)
    x = [features.sentence(forms, story) for (forms, _), story in zip(data, around)]
    y = [tags for _, tags in data]
    print(f"featurized {len(x)} sentences in {time.time() - started:.0f} s", flush=True)
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in zip(x, y):
        trainer.append(xseq, yseq)
    trainer.set_params({"c1": args.l1, "c2": args.l2, "max_iterations": args.iterations})
    with tempfile.TemporaryDirectory() as scratch:
        model = Path(scratch) / "ner.crfsuite"
        trainer.train(str(model))
        write_weights(args.out / "weights.tsv", model)
    print(f"trained in {time.time() - started:.0f} s; {trainer.logparser.last_iteration}", flush=True)
    for rules in (False, True):
        report = score_ner(TRAIN.parent / "dev.txt", Recognizer(args.out, rules=rules).recognize_sentences)
        print("VLSP 2016 dev, CRF" + (" + KB-name rules" if rules else " alone"))
        for label, score in report.labels.items():
            print(f"  {label}: P {score.precision:.4f} R {score.recall:.4f} F1 {score.f1:.4f}")
        print(f"  PER/LOC/ORG F1 {report.overall().f1:.4f}; all F1 {report.overall(('PER', 'LOC', 'ORG', 'MISC')).f1:.4f}")


if __name__ == "__main__":
    main()
