"""The SQLite store: idempotent ingest, whole documents after a kill, concurrent writers, migrations."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from fixtures.store import backends

from thoisu.document import Document, Entity
from thoisu.errors import StoreError
from thoisu.store import open_store
from thoisu.store.search import Filters
from thoisu.store.sqlite import MIGRATIONS

location, postgres_server = backends.location, backends.postgres_server  # fixtures: SQLite and PostgreSQL


def doc(n: int, text: str | None = None) -> Document:
    return Document(
        text=text or f"Bài báo số {n} về quan hệ Việt Nam và Nhật Bản.",
        url=f"https://example.vn/{n}.html",
        title=f"Tin {n}",
        published="2024-11-19",
        entities=[Entity(28, 35, label="GPE", text="Việt Nam", entity_id="VNM")],
    )


def test_put_get_round_trip_and_idempotent(location):
    with open_store(location) as store:
        assert store.put(doc(1)) == "added"
        assert store.put(doc(1)) == "unchanged"
        assert store.put(doc(1, "Bài đã sửa.")) == "updated"
        assert store.count() == 1
        got = store.get(doc(1).id)
        assert got == doc(1, "Bài đã sửa.")
        assert store.get(doc(1).id[:8]) == got  # unique prefix
        assert store.get("nope") is None


def test_schema_is_versioned(tmp_path):
    with open_store(tmp_path / "t.db") as store:
        assert store.version == len(MIGRATIONS)
    db = sqlite3.connect(tmp_path / "t.db")
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    db.close()
    with pytest.raises(StoreError, match="newer than this thoisu"):
        open_store(tmp_path / "t.db")


def test_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="bad.db"):
        open_store(bad)


WRITER = textwrap.dedent(
    """
    import sys
    from thoisu.document import Document
    from thoisu.store import open_store
    path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open_store(path) as store:
        for i in range(count):
            store.put(Document(text=f"Văn bản {tag} {i} " + "nội dung " * 200, url=f"https://x.vn/{tag}/{i}"))
            print(i, flush=True)
    """
)


def test_killed_writer_leaves_every_committed_document_whole(location):
    path = location
    proc = subprocess.Popen([sys.executable, "-c", WRITER, path, "a", "100000"], stdout=subprocess.PIPE, text=True)
    for _ in range(50):  # let it commit some documents, then kill it mid-run
        proc.stdout.readline()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with open_store(path) as store:
        stored = list(store.documents())
        assert len(stored) >= 50
        assert all(d.text.startswith("Văn bản a ") and d.text.endswith("nội dung ") for d in stored)
        store.put(doc(7))  # and the run can resume into the same file
        assert store.count() == len(stored) + 1


def test_two_processes_write_the_same_database(location):
    path = location
    open_store(path).close()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, path, tag, "80"], stdout=subprocess.DEVNULL)
             for tag in ("a", "b")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with open_store(path) as store:
        assert store.count() == 160
        assert store.db.execute("SELECT count(DISTINCT doc_id) FROM stories").fetchone()[0] == 160
        if path.endswith(".db"):
            assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_put_many_is_one_transaction_with_the_same_outcomes(location):
    with open_store(location) as store:
        assert store.put_many([doc(1), doc(2)]) == {doc(1).id: "added", doc(2).id: "added"}
        assert store.put_many([doc(1), doc(2, "Bài số 2 đã sửa.")]) == {doc(1).id: "unchanged", doc(2).id: "updated"}
        assert store.count() == 2 and store.get(doc(2).id).text == "Bài số 2 đã sửa."


def test_documents_come_in_publication_order_a_page_at_a_time(location):
    docs = [Document(text=f"Bài số {n}.", url=f"https://example.vn/p/{n}.html", published=f"2024-{n % 12 + 1:02d}-01")
            for n in range(1203)]  # more than two pages of records
    with open_store(location) as store:
        store.put_many(docs)
        got = list(store.documents())
        assert got == sorted(docs, key=lambda d: (d.published, d.id))
        march = list(store.documents(Filters(since="2024-03-01", until="2024-03-31")))
        assert [d.id for d in march] == sorted(d.id for d in docs if d.published == "2024-03-01")


def test_postgres_schema_is_versioned_and_a_bad_url_is_a_clear_error(postgres_server):
    url = postgres_server.create("versioned")
    from thoisu.store.postgres import MIGRATIONS as PG_MIGRATIONS

    with open_store(url) as store:
        assert store.version == len(PG_MIGRATIONS) == len(MIGRATIONS)  # the same schema, version for version
        store.db.execute("UPDATE thoisu_schema SET version = 99")
    with pytest.raises(StoreError, match="newer than this thoisu"):
        open_store(url)
    with pytest.raises(StoreError, match=r"postgresql://thoisu:\*\*\*@127.0.0.1:1/x: cannot open"):
        open_store("postgresql://thoisu:secret@127.0.0.1:1/x")


def test_a_postgres_database_of_schema_4_upgrades_to_keyed_rows(postgres_server):
    import psycopg

    from thoisu.store.postgres import MIGRATIONS as PG_MIGRATIONS

    url = postgres_server.create("schema4")
    with psycopg.connect(url, autocommit=True) as db:  # as thoisu's schema 4 stored a document
        db.execute("; ".join(PG_MIGRATIONS[:4]) + "; CREATE TABLE thoisu_schema (version INTEGER NOT NULL);"
                   " INSERT INTO thoisu_schema VALUES (4)")
        db.execute("INSERT INTO documents (id, title, published, text, data, digest, stored_at)"
                   " VALUES (%s, %s, %s, %s, convert_to(%s, 'UTF8'), 'x', '2024')",
                   (doc(1).id, "Tin 1", "2024-11-19", doc(1).text, json.dumps(doc(1).to_dict())))
    with open_store(url) as store:
        assert store.version == 5 and store.get(doc(1).id) == doc(1)
        key = store.db.execute("SELECT key FROM documents").fetchone()[0]
        assert store.db.execute("SELECT doc, entity_id FROM mentions").fetchall() == [(key, "VNM")]
        assert store.story(doc(1).id) == [doc(1).id] and store.put(doc(1, "Bài đã sửa.")) == "updated"
        assert [h.id for h in store.search("bai da sua")] == [doc(1).id] and store.search("quan he") == []
