"""The REST API through FastAPI's test client, over a real SQLite store of the example pages."""

import io
import json

import pytest
from fastapi.testclient import TestClient
from fixtures.web.archive import EXAMPLES, build_archive

from thoisu.document import Document
from thoisu.export.formats import write_text
from thoisu.store import open_store
from thoisu.web import create_app

TOKEN = "test-token-0123456789"
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "archive.db"
    docs = build_archive(path)
    return path, {doc.source: doc for doc in docs}


@pytest.fixture
def client(archive, tmp_path):
    # a copy per test: writes in one test do not leak into the next
    copy = tmp_path / "archive.db"
    copy.write_bytes(archive[0].read_bytes())
    return TestClient(create_app(str(copy), token=TOKEN, max_body=200_000))


def first_example(archive) -> Document:
    return archive[1]["000_4436bf889208a2e4.txt"]


def test_analyze_clean_text_offsets_into_given_text_and_nothing_stored(client):
    text = "Ngày 14/12, Tổng thống Nga Vladimir Putin hội đàm với Chủ tịch Triều Tiên Kim Jong-un tại Moskva."
    before = client.get("/search").json()["items"]
    answer = client.post("/analyze", json={"text": text, "published": "2024-12-15"})
    assert answer.status_code == 200
    doc = Document.from_dict(answer.json())
    assert doc.text == text
    assert any(t.value == "2024-12-14" and text[t.start:t.end].startswith("Ngày 14/12") for t in doc.times)
    assert client.get(f"/documents/{doc.id}").status_code == 404
    assert client.get("/search").json()["items"] == before


def test_analyze_page_cleans_it_first(client):
    page = (EXAMPLES / "004_64cba449c13e52c4.txt").read_text(encoding="utf-8")
    doc = client.post("/analyze", json={"page": page, "published": "2024-11-29"}).json()
    assert doc["title"] == "Bộ trưởng Quốc phòng Nga đến Triều Tiên giữa tình hình nóng"
    assert doc["removed"] and doc["events"]


@pytest.mark.parametrize("body", [{}, {"text": "a", "page": "b"}, {"text": "   "}])
def test_analyze_needs_exactly_one_nonempty_input(client, body):
    answer = client.post("/analyze", json=body)
    assert answer.status_code == 422
    assert answer.headers["content-type"] == PROBLEM
    problem = answer.json()
    assert problem["status"] == 422 and problem["instance"] == "/analyze"
    assert "page" in problem["detail"] or "empty" in problem["detail"]


def test_request_body_cap(client):
    answer = client.post("/analyze", json={"text": "Nga " * 60_000})
    assert answer.status_code == 413
    assert answer.headers["content-type"] == PROBLEM
    assert "200000 bytes" in answer.json()["detail"]


def test_request_body_cap_on_a_chunked_body_without_length(client):
    def chunks():
        yield b'{"text": "'
        for _ in range(60_000):
            yield b"Nga "
        yield b'"}'

    answer = client.post("/analyze", content=chunks(), headers={"Content-Type": "application/json"})
    assert answer.request.headers.get("transfer-encoding") == "chunked"
    assert answer.status_code == 413 and answer.headers["content-type"] == PROBLEM
    assert "200000 bytes" in answer.json()["detail"]


def test_storing_needs_the_token(client):
    body = {"text": "Nga và Triều Tiên ký hiệp ước đối tác chiến lược toàn diện."}
    missing = client.post("/documents", json=body)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = client.post("/documents", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["content-type"] == PROBLEM
    stored = client.post("/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert stored.status_code == 201 and stored.json()["outcome"] == "added"
    assert client.get(stored.headers["location"]).json()["text"] == body["text"]
    again = client.post("/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["outcome"] == "unchanged"


def test_without_a_configured_token_writing_is_disabled(archive, monkeypatch):
    monkeypatch.delenv("THOISU_API_TOKEN", raising=False)
    client = TestClient(create_app(str(archive[0])))
    answer = client.post("/documents", json={"text": "Nga."}, headers={"Authorization": "Bearer anything"})
    assert answer.status_code == 403
    assert "THOISU_API_TOKEN" in answer.json()["detail"]
    with open_store(archive[0]) as store:
        assert store.count() == 5


def test_get_document_and_unknown_id(client, archive):
    doc = first_example(archive)
    assert Document.from_dict(client.get(f"/documents/{doc.id}").json()) == doc
    missing = client.get("/documents/0000000000000000")
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM
    assert "/search" in missing.json()["detail"]


def test_search_without_diacritics_marks_matches_and_pages(client, archive):
    items = client.get("/search", params={"q": "quan doi nga"}).json()["items"]
    assert items[0]["id"] == first_example(archive).id
    start, end = items[0]["highlights"][0]
    assert items[0]["snippet"][start:end].lower() in ("quân đội nga", "quân đội", "nga")
    everything = client.get("/search", params={"q": "nga", "limit": 5}).json()["items"]
    page = client.get("/search", params={"q": "nga", "limit": 2, "offset": 2}).json()
    assert [h["id"] for h in page["items"]] == [h["id"] for h in everything[2:4]]
    assert page["next_offset"] == 4
    too_many = client.get("/search", params={"limit": 1000})
    assert too_many.status_code == 422 and "limit" in too_many.json()["detail"]


def test_search_filters_and_bad_filter_values(client, archive):
    dated = client.get("/search", params={"since": "2024-01-01"}).json()["items"]
    assert {h["published"][:4] for h in dated} == {"2024"}
    assert client.get("/search", params={"countries": "RUS"}).status_code == 400
    assert client.get("/search", params={"since": "15/12/2024"}).status_code == 422


def test_events_filters_and_anchor_to_sentence(client):
    rows = client.get("/events", params={"type": "consult", "limit": 100}).json()["items"]
    assert rows and {r["type"] for r in rows} == {"CONSULT"}
    pair = client.get("/events", params={"countries": "RUS,PRK", "limit": 100}).json()["items"]
    assert pair and all({a["country"] for a in r["sources"] + r["targets"]} >= {"RUS", "PRK"} for r in pair)
    by_actor = client.get("/events", params={"actor": "Q7747"}).json()["items"]
    assert all(any(a["entity_id"] == "Q7747" for a in r["sources"] + r["targets"]) for r in by_actor)
    row = by_actor[0]
    html = client.get(f"/ui/articles/{row['document']}").text
    assert f'id="{row["anchor"]}"' in html
    assert client.get("/events", params={"modality": "maybe"}).status_code == 400


def test_entity_has_kb_aliases_events_and_partners(client):
    russia = client.get("/entities/RUS").json()
    assert "Liên bang Nga" in russia["kb"]["names"]
    assert russia["events"] and russia["documents"]
    assert {"BLR", "PRK"} <= {p["id"] for p in russia["partners"]}
    missing = client.get("/entities/no-such-thing")
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM


def test_graph_nodes_and_edges(client):
    graph = client.get("/graph", params={"limit": 8}).json()
    ids = {n["id"] for n in graph["nodes"]}
    assert len(ids) == 8 and "RUS" in ids
    assert graph["edges"] and all(e["from"] in ids and e["to"] in ids for e in graph["edges"])
    assert client.get("/graph", params={"limit": 0}).status_code == 422


def test_timeline_for_a_pair_and_for_an_entity(client):
    rows = client.get("/timeline", params={"pair": "RUS,PRK"}).json()["rows"]
    assert [r["period"] for r in rows] == ["2024-11"]
    assert rows[0]["material_conflict"] >= 1 and rows[0]["verbal_coop"] >= 1
    by_entity = client.get("/timeline", params={"entity": "PRK", "period": "year"}).json()["rows"]
    assert "2024" in {r["period"] for r in by_entity}
    assert client.get("/timeline").status_code == 400
    assert client.get("/timeline", params={"pair": "RUS,PRK", "period": "decade"}).status_code == 422


def test_export_streams_every_document_as_json_lines(client, archive):
    answer = client.get("/export")
    assert answer.headers["content-type"].startswith("application/x-ndjson")
    docs = [Document.from_dict(json.loads(line)) for line in answer.text.splitlines()]
    assert {d.id for d in docs} == {d.id for d in archive[1].values()}
    since = client.get("/export", params={"since": "2024-01-01"}).text.splitlines()
    assert len(since) == 3
    plover = client.get("/export", params={"format": "plover"})
    assert plover.status_code == 200 and plover.text.count("\n") > 10
    assert client.get("/export", params={"format": "xlsx"}).status_code == 400


def test_gdelt_export_rows_are_the_stores_merged_events(client, archive):
    with open_store(archive[0]) as store:  # what `thoisu export --format gdelt` writes from the same archive
        merged, reports = io.StringIO(), io.StringIO()
        write_text(store.documents(), "gdelt", merged, store.merged_counts())
        write_text(store.documents(), "gdelt", reports)
    answer = client.get("/export", params={"format": "gdelt"})
    assert answer.text == merged.getvalue() != reports.getvalue()


def test_openapi_and_docs_are_served_locally(client):
    spec = client.get("/openapi.json").json()
    assert {"/analyze", "/documents", "/documents/{doc_id}", "/search", "/events", "/entities/{entity_id}",
            "/graph", "/timeline", "/export"} <= set(spec["paths"])
    unauthorized = spec["paths"]["/documents"]["post"]["responses"]["401"]["content"]
    assert list(unauthorized) == [PROBLEM]
    assert set(spec["components"]["schemas"]["ProblemDetails"]["properties"]) >= {"title", "status", "detail"}
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_unknown_path_is_a_problem(client):
    answer = client.get("/nowhere")
    assert answer.status_code == 404 and answer.headers["content-type"] == PROBLEM
    assert answer.json()["instance"] == "/nowhere"


def test_pages_render_in_both_languages(client, archive):
    doc = first_example(archive)
    vi = client.get("/ui/", params={"q": "quan doi"}).text
    assert "Tìm kiếm" in vi and f"/ui/articles/{doc.id}" in vi and "<mark>" in vi
    en = client.get("/ui/", params={"q": "quan doi", "lang": "en"}).text
    assert "Search" in en and "lang=en" in en
    article = client.get(f"/ui/articles/{doc.id}").text
    assert 'class="entities"' in article and 'class="times"' in article and 'class="events"' in article
    assert 'data-entities="' in article and "Alexander Fomin" in article
    assert client.get("/ui/articles/nope").status_code == 404
    events = client.get("/ui/events", params={"type": "CONSULT"}).text
    assert f"/ui/articles/{doc.id}" in events or "CONSULT" in events
    assert "Liên bang Nga" in client.get("/ui/entities/RUS").text
    assert client.get("/ui/events", params={"since": "yesterday"}).status_code == 400


def test_article_page_escapes_the_text(client):
    text = 'Ngày 14/12, Nga cho biết <script>alert("x")</script> và <img src=x onerror=alert(1)> không hợp lệ.'
    stored = client.post("/documents", json={"text": text}, headers={"Authorization": f"Bearer {TOKEN}"}).json()
    html = client.get(f"/ui/articles/{stored['id']}").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
