"""Bulk ingest: the numpy MinHash is datasketch's, the writer process stores what put_many stores (and a killed one
keeps what it committed), batches with repeats and documents with a computed analysis text round-trip."""

import multiprocessing
import os
import signal
import time
import zlib

import pytest
from datasketch import MinHash
from fixtures.store import backends
from fixtures.store.articles import article

from thoisu.document import Document
from thoisu.errors import StoreError
from thoisu.store import open_store
from thoisu.store.fold import folded_words
from thoisu.store.rows import document_rows
from thoisu.store.stories import NUM_PERM, signature
from thoisu.store.writer import write_in_background

location, postgres_server = backends.location, backends.postgres_server  # fixtures: SQLite and PostgreSQL

DRILL = ("CONSULT", "tập trận", "Nga", "Triều Tiên", 1.0, 1, None)
BASE = "Nga tập trận với Triều Tiên ở Viễn Đông, quân đội hai nước bắn đạn thật trong ba ngày liền."


def reports() -> list[Document]:
    """Copies of one report across outlets and days (one story, merged events), and two unrelated articles."""
    docs = [article(f"{BASE} Bản tin {n}.", n, outlet=f"o{n % 3}.vn", published=f"2024-02-1{n % 3}", events=[DRILL])
            for n in range(7)]
    docs.append(article("Mỹ đàm phán với Việt Nam về thương mại.", 8, outlet="a.vn", published="2024-03-06",
                        events=[("CONSULT", "đàm phán", "Mỹ", "Việt Nam", 1.0, 1, None)]))
    docs.append(article("Giá vàng hôm nay tăng mạnh.", 9, outlet="b.vn", published="2024-03-07"))
    return docs


def contents(store) -> tuple:
    """What a store holds, without its own row ids: documents, stories, merged events with their counts."""
    documents = [(d.id, d) for d in store.documents()]
    stories = store.db.execute("SELECT doc_id, story_id, similarity FROM stories ORDER BY seq").fetchall()
    merged = [{k: v for k, v in m.items() if k != "id"} for m in store.merged_events()]
    return documents, [tuple(s) for s in stories], merged


def test_signature_is_datasketchs_minhash_of_the_shingles():
    for text in [BASE, "Quân đội Nga", "a b", "", "Đà Nẵng: 3,2 tỷ đồng — “nổ” ở Hải Châu; ﬁ ß 日本語 " * 20]:
        words = folded_words(text)
        expected = MinHash(num_perm=NUM_PERM, scheme="affine32", hashfunc=zlib.crc32)
        expected.update_batch([" ".join(words[i : i + 3]).encode("utf-8") for i in range(max(1, len(words) - 2))])
        assert (signature(text) == expected.hashvalues).all(), text


def test_writer_process_stores_what_put_many_stores(location, tmp_path):
    docs = reports()
    with open_store(tmp_path / "reference.db") as reference:
        reference.put_many(docs)
        expected = contents(reference)
    with open_store(location) as store:
        outcomes = store.put_stream(docs, batch=3, processes=2)
        assert outcomes == {d.id: "added" for d in docs}
        assert contents(store) == expected
        assert expected[2][0]["NumArticles"] >= 2 and len({s[1] for s in expected[1]}) == 3
        again = store.put_stream(docs, batch=4, processes=2)  # idempotent through the writer process too
        assert set(again.values()) == {"unchanged"} and contents(store) == expected


def test_a_batch_may_hold_a_document_twice_and_the_last_version_stays(location):
    first = article(BASE, 1, events=[DRILL])
    second = article(BASE + " Cập nhật.", 1, events=[DRILL])
    with open_store(location) as store:
        assert store.put_many([first, second]) == {first.id: "updated"}
        assert store.get(first.id) == second and store.count() == 1
        assert store.db.execute("SELECT count(*) FROM events").fetchone()[0] == 1


def test_round_trip_of_a_document_whose_analysis_text_was_computed(location):
    doc = article(BASE, 1, events=[DRILL])
    assert doc.analysis_text  # cached on the instance: it must not leak into the stored record
    with open_store(location) as store:
        store.put(doc)
        got = store.get(doc.id)
        assert got == doc and got.to_dict() == doc.to_dict()


def test_a_killed_writer_process_is_a_clear_error_and_its_committed_batches_stay(location):
    first, second = article(BASE, 1, events=[DRILL]), article("Giá vàng hôm nay tăng mạnh.", 2)
    open_store(location).close()

    def batches():
        yield [document_rows(first)]
        (writer,) = multiprocessing.active_children()
        with open_store(location) as reader:
            for _ in range(200):  # until the writer has committed the first batch
                if reader.count():
                    break
                time.sleep(0.05)
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        yield [document_rows(second)]

    with pytest.raises(StoreError, match="ended before its last batch"):
        write_in_background(location, batches())
    with open_store(location) as store:
        assert [d.id for d in store.documents()] == [first.id] and store.get(first.id) == first
        assert store.put(second) == "added"  # and the next run resumes
