"""Archive exports: JSONL round trip, CSV/Parquet tables, GraphML/GEXF actor graph, formats by name."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from fixtures.store.articles import article

from thoisu.document import Document
from thoisu.errors import InputError
from thoisu.export.formats import FORMATS, export
from thoisu.export.graph import write_gexf, write_graphml
from thoisu.export.jsonl import write_jsonl
from thoisu.export.tables import EVENT_COLUMNS, write_csv, write_parquet

DOCS = [
    article("Nga tập trận với Triều Tiên, Triều Tiên hoan nghênh.", 1,
            events=[("CONSULT", "tập trận", "Nga", "Triều Tiên", 1.0, 1, "2024-02-10")]),
    article("Nga lại tập trận cùng Triều Tiên; Mỹ chỉ trích Nga.", 2, published="2024-02-12",
            events=[("CONSULT", "tập trận", "Nga", "Triều Tiên", 3.0, 1, None),
                    ("ACCUSE", "chỉ trích", "Mỹ", "Nga", -2.0, 3, None)]),
]


def test_jsonl_round_trips_documents():
    out = io.StringIO()
    assert write_jsonl(DOCS, out) == 2
    assert [Document.from_dict(json.loads(line)) for line in out.getvalue().splitlines()] == DOCS


def test_csv_event_table():
    out = io.StringIO()
    assert write_csv(DOCS, out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == EVENT_COLUMNS
    assert (rows[2]["type"], rows[2]["source_country"], rows[2]["target"], rows[2]["day"]) == \
        ("ACCUSE", "USA", "Nga", "2024-02-12")
    assert rows[0]["sentence"] == DOCS[0].text


def test_csv_document_table():
    out = io.StringIO()
    assert write_csv(DOCS, out, table="documents") == 2
    first = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (first["id"], first["events"], first["linked_entities"]) == (DOCS[0].id, "1", "PRK; RUS")


def test_parquet_table(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow (extra 'parquet') is not installed")
    assert write_parquet(DOCS, tmp_path / "e.parquet") == 3
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.column_names == EVENT_COLUMNS
    assert table.column("goldstein").to_pylist() == [1.0, 3.0, -2.0]


def test_graphml_edges_by_type_with_counts_and_mean_goldstein():
    out = io.StringIO()
    assert write_graphml(DOCS, out) == 2
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(out.getvalue())
    edges = {(e.get("source"), e.get("target")): {d.get("key"): d.text for d in e.findall("g:data", ns)}
             for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")}
    assert edges[("RUS", "PRK")] == {"type": "CONSULT", "count": "2", "goldstein": "2.0"}
    assert edges[("USA", "RUS")]["type"] == "ACCUSE"
    names = {n.get("id"): n.find("g:data[@key='name']", ns).text for n in root.iter(f"{{{ns['g']}}}node")}
    assert names == {"PRK": "Triều Tiên", "RUS": "Nga", "USA": "Mỹ"}


def test_gexf_is_weighted_and_labelled():
    out = io.StringIO()
    assert write_gexf(DOCS, out) == 2
    root = ET.fromstring(out.getvalue())
    edge = next(e for e in root.iter("{http://gexf.net/1.3}edge") if e.get("source") == "RUS")
    assert (edge.get("label"), edge.get("weight")) == ("CONSULT", "2")


def test_formats_by_name(tmp_path):
    assert {"jsonl", "csv", "parquet", "gdelt", "plover", "graphml", "gexf"} <= set(FORMATS)
    assert export(DOCS, "gdelt", tmp_path / "e.tsv") == 3
    assert len((tmp_path / "e.tsv").read_text().splitlines()[0].split("\t")) == 61
    assert export(DOCS, "plover", tmp_path / "e.json") == 3
    with pytest.raises(InputError, match="not one of"):
        export(DOCS, "xlsx", tmp_path / "x")
    with pytest.raises(InputError, match="give --out"):
        export(DOCS, "parquet", None)
