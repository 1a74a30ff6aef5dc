"""Search: diacritic-insensitive both ways, đ folded to d, ranked, snippets marked on the original text, filters."""

import json
import sqlite3

from fixtures.store import backends
from fixtures.store.articles import article

from thoisu.store import open_store
from thoisu.store.rows import document_rows, load_record
from thoisu.store.search import Filters
from thoisu.store.sqlite import MIGRATIONS

location, postgres_server = backends.location, backends.postgres_server  # fixtures: SQLite and PostgreSQL

ARMY = article("Quân đội Nga tập trận chung với Triều Tiên ở Viễn Đông, Nga cho biết hôm thứ Hai.", 1,
               events=[("CONSULT", "tập trận", "Nga", "Triều Tiên", 1.0, 1, "2024-02-26")])
APART = article("Đội tuyển bóng đá nữ Việt Nam tới Nga; quân số đầy đủ.", 2, outlet="tuoitre.vn",
                published="2024-05-02")
PLAIN = article("Bao Da Nang dua tin: Dang Van Lam ky hop dong moi.", 3, outlet="baodanang.vn",
                published="2023-12-30")
TALKS = article("Mỹ và Việt Nam đàm phán thương mại tại Hà Nội.", 4, published="2024-03-10",
                events=[("CONSULT", "đàm phán", "Mỹ", "Việt Nam", 1.0, 1, None)])


def stored(location):
    store = open_store(location)
    for doc in (ARMY, APART, PLAIN, TALKS):
        assert store.put(doc) == "added"
    return store


def test_unaccented_query_finds_accented_text_and_marks_it(location):
    with stored(location) as store:
        hits = store.search("quan doi nga")
        assert hits[0].id == ARMY.id
        assert hits[0].marked().startswith("[Quân đội Nga] tập trận")


def test_accented_query_finds_unaccented_text_and_d_stroke_folds(location):
    with stored(location) as store:
        assert [h.id for h in store.search("Đà Nẵng")] == [PLAIN.id]
        assert [h.id for h in store.search("ĐẶNG văn lâm")] == [PLAIN.id]
        assert "[Dang Van Lam]" in store.search("đặng văn lâm")[0].marked()


def test_words_side_by_side_rank_before_words_apart(location):
    with stored(location) as store:
        hits = store.search("quân đội")
        assert [h.id for h in hits] == [ARMY.id, APART.id]  # "Đội … quân số" holds both words, apart
        assert "[Đội]" in hits[1].marked() and "[quân]" in hits[1].marked()


def test_phrase_in_quotes_must_be_adjacent(location):
    with stored(location) as store:
        assert [h.id for h in store.search('"quan doi"')] == [ARMY.id]
        assert store.search("chiến tranh") == []


def test_filters(location):
    with stored(location) as store:
        def ids(query="", **kw):
            return {h.id for h in store.search(query, Filters(**kw))}
        assert ids("nga", outlet="tuoitre.vn") == {APART.id}
        assert ids(since="2024-03-01", until="2024-03-31") == {ARMY.id, TALKS.id}
        assert ids(until="2024-01-01") == {PLAIN.id}
        assert ids(entity="PRK") == {ARMY.id}
        assert ids(event_type="consult") == {ARMY.id, TALKS.id}
        assert ids(countries=("PRK", "RUS")) == {ARMY.id}  # either direction
        assert ids(countries=("USA", "RUS")) == set()


def test_update_replaces_index_and_rows(location):
    with stored(location) as store:
        changed = article("Nhật Bản và Trung Quốc nối lại đối thoại.", 1)  # same URL, so the same id
        assert changed.id == ARMY.id and store.put(changed) == "updated"
        assert store.search("tap tran") == []
        assert [h.id for h in store.search("doi thoai")] == [ARMY.id]
        assert store.db.execute("SELECT count(*) FROM events WHERE doc_id = ?", (ARMY.id,)).fetchone()[0] == 0
        entities = {r[0] for r in store.db.execute("SELECT entity_id FROM mentions WHERE doc_id = ?", (ARMY.id,))}
        assert entities == {"JPN", "CHN"}


def test_documents_stored_before_migration_2_are_indexed_on_upgrade(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    db.execute("INSERT INTO documents (id, title, published, text, data, digest, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
               (ARMY.id, ARMY.title, ARMY.published, ARMY.text, json.dumps(ARMY.to_dict()), "x", "2024"))
    db.commit()
    db.close()
    with open_store(path) as store:
        assert store.version == len(MIGRATIONS)
        assert [h.id for h in store.search("quan doi")] == [ARMY.id]
        assert store.db.execute("SELECT count(*) FROM event_actors").fetchone()[0] == 2


def test_a_version_3_database_upgrades_to_compressed_records_keyed_rows_and_an_index_without_copies(tmp_path, caplog):
    path = tmp_path / "v3.db"
    db = sqlite3.connect(path)  # stored as schema 3 did: plain JSON records, an index holding the folded texts
    db.executescript("; ".join(MIGRATIONS[:3]) + "; PRAGMA user_version = 3;")
    db.execute("INSERT INTO documents (id, title, published, text, data, digest, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
               (ARMY.id, ARMY.title, ARMY.published, ARMY.text, json.dumps(ARMY.to_dict()), "x", "2024"))
    db.commit()
    db.close()
    with caplog.at_level("INFO", logger="thoisu.store"), open_store(path) as store:
        assert [r.getMessage() for r in caplog.records] == [  # an archive's upgrade takes minutes: it is announced
            f"{path}: upgrading the database from schema 3 to 5", f"{path}: reindexing 1 documents"]
        assert store.version == len(MIGRATIONS) == 5
        assert store.get(ARMY.id) == ARMY  # the old record is read as it was stored
        key = store.db.execute("SELECT key FROM documents WHERE id = ?", (ARMY.id,)).fetchone()[0]
        assert {r[0] for r in store.db.execute("SELECT doc FROM event_actors UNION SELECT doc FROM stories")} == {key}
        assert [h.id for h in store.search("tap tran")] == [ARMY.id]
        changed = article("Quân đội Nga đối thoại với Nhật Bản.", 1)
        assert store.put(changed) == "updated"  # its index entry was rebuilt: the old words are forgotten
        assert store.search("tap tran") == [] and [h.id for h in store.search("doi thoai")] == [ARMY.id]
        assert isinstance(store.db.execute("SELECT data FROM documents").fetchone()[0], bytes)
        assert store.get(ARMY.id) == changed
        store.db.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")  # raises if corrupt


def test_records_are_read_compressed_or_as_stored_before():
    record = ARMY.to_dict()
    data = document_rows(ARMY).data
    assert len(data) < len(json.dumps(record).encode()) / 2
    # compressed; JSON text (SQLite before schema 4); JSON bytes (PostgreSQL's text column converted to bytea)
    assert load_record(data) == load_record(json.dumps(record)) == load_record(json.dumps(record).encode()) == record
