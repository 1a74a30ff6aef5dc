"""`thoisu search`, `events`, `timeline`, `graph`, `export` on a real store: tables by default, --json for scripts."""

import json

import pytest
from fixtures.store.articles import article
from typer.testing import CliRunner

from thoisu.cli import app
from thoisu.store import open_store

runner = CliRunner()
DRILL = ("CONSULT", "tập trận", "Nga", "Triều Tiên", 1.0, 1, None)
DOCS = [
    article("Quân đội Nga tập trận với Triều Tiên ở Viễn Đông.", 1, outlet="a.vn", published="2024-02-10",
            events=[DRILL]),
    article("Nga tập trận cùng Triều Tiên, báo chí đưa tin.", 2, outlet="b.vn", published="2024-02-11",
            events=[DRILL]),
    article("Mỹ chỉ trích Nga về cuộc tập trận.", 3, outlet="b.vn", published="2024-04-02",
            events=[("ACCUSE", "chỉ trích", "Mỹ", "Nga", -2.0, 3, None)]),
]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "c.db"
    with open_store(path) as store:
        for doc in DOCS:
            store.put(doc)
    return str(path)


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_search_table_and_json(db):
    assert "Quân đội Nga tập trận" in run("search", "quan doi nga", "--db", db)
    lines = run("search", "tap tran", "--db", db, "--outlet", "b.vn", "--json").splitlines()
    assert {json.loads(line)["id"] for line in lines} == {DOCS[1].id, DOCS[2].id}
    assert "[Nga tập trận]" in json.loads(run("search", "nga tap tran", "--db", db, "--json").splitlines()[0])["marked"]


def test_bad_date_is_one_clear_line(db):
    result = runner.invoke(app, ["search", "nga", "--db", db, "--since", "10/02/2024"])
    assert result.exit_code == 2 and "write it as YYYY-MM-DD" in result.output


def test_events_merged_between_and_top(db):
    merged = [json.loads(line) for line in run("events", "--db", db, "--json").splitlines()]
    assert (merged[0]["NumArticles"], merged[0]["NumSources"]) == (2, 2)
    between = [json.loads(line) for line in run("events", "--between", "rus,prk", "--db", db, "--json").splitlines()]
    assert [(r["period"], r["events"], r["reports"]) for r in between] == [("2024-02", 1, 2)]
    assert "RUS" in run("events", "--top", "actors", "--db", db)
    assert "PRK" in run("events", "--db", db) and "2024-02" in run("events", "--between", "RUS,PRK", "--db", db)
    coverage = json.loads(run("events", "--covered-by", "b.vn", "--db", db, "--json"))
    assert coverage["documents"] == 2


def test_timeline_by_entity_and_query(db):
    rows = [json.loads(line) for line in run("timeline", "--entity", "RUS", "--db", db, "--json").splitlines()]
    assert [(r["period"], r["documents"]) for r in rows] == [("2024-02", 2), ("2024-04", 1)]
    assert "2024-04" in run("timeline", "chi trich", "--db", db)


def test_graph_and_export(db, tmp_path):
    assert "USA" in run("graph", "--db", db)
    run("graph", "--db", db, "--out", str(tmp_path / "g.gexf"))
    assert "<gexf" in (tmp_path / "g.gexf").read_text()
    out = run("export", "--format", "jsonl", "--db", db, "--since", "2024-04-01")
    assert json.loads(out.splitlines()[0])["id"] == DOCS[2].id
    run("export", "--format", "csv", "--db", db, "--out", str(tmp_path / "e.csv"))
    assert (tmp_path / "e.csv").read_text().count("\n") == 4  # header + 3 events
