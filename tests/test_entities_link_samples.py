"""The five sample pages: every person, country, organization and place linked as the fixture says."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pytest

import thoisu
from thoisu.clean import clean
from thoisu.document import Document
from thoisu.entities.coref import Coreference
from thoisu.entities.linker import Linker
from thoisu.pipeline import Pipeline
from thoisu.read.page import Page

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "entities" / "sample_links.tsv"
NER_DIR = Path(str(files("thoisu") / "data" / "models" / "ner"))
NER_MODEL_PRESENT = any((NER_DIR / name).is_file() for name in ("weights.tsv", "ner.crfsuite"))


def expected_links() -> dict[str, list[dict[str, str]]]:
    with FIXTURE.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        by_sample: dict[str, list[dict[str, str]]] = {}
        for row in rows:
            by_sample.setdefault(row["sample"], []).append(row)
    return by_sample


EXPECTED = expected_links()


def page(sample: str) -> str:
    return (ROOT / "examples" / sample).read_text(encoding="utf-8")


def unmet(doc: Document, rows: list[dict[str, str]]) -> list[str]:
    """Fixture rows that no mention of ``doc`` satisfies (same text, id and label)."""
    links = {(e.text, e.entity_id, e.label) for e in doc.entities}
    return [
        f"{r['surface']} → {r['entity_id']} ({r['label']})"
        for r in rows
        if (r["surface"], r["entity_id"], r["label"]) not in links
    ]


def test_fixture_covers_the_five_samples():
    assert sorted(EXPECTED) == sorted(p.name for p in (ROOT / "examples").glob("*.txt"))


@pytest.mark.parametrize("sample", sorted(EXPECTED))
def test_linker_alone_finds_every_link_of_the_clean_article(sample):
    """Without recognizer mentions, the KB names in the text and coreference give every expected link."""
    linker, coref = _steps()
    doc = coref(linker(clean(Page(source=sample, content=page(sample)))))
    assert unmet(doc, EXPECTED[sample]) == []


@lru_cache(maxsize=1)
def _steps() -> tuple[Linker, Coreference]:
    return Linker(), Coreference()


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return Pipeline.default()


@pytest.mark.skipif(not NER_MODEL_PRESENT, reason=f"the NER model is not in the package yet (no weights in {NER_DIR})")
@pytest.mark.parametrize("sample", sorted(EXPECTED))
def test_full_pipeline_links_every_entity(sample):
    steps = _default_pipeline().steps
    if not any(isinstance(step, Linker) for step in steps):
        pytest.skip("the Linker is not registered in thoisu.pipeline.default_steps yet")
    doc = thoisu.analyze(page(sample))
    assert unmet(doc, EXPECTED[sample]) == []
