"""Questions of the store: relations over time, timelines, top actors/pairs, outlet coverage, events merged across
articles with GDELT's NumMentions/NumSources/NumArticles."""

import pytest
from fixtures.store import backends
from fixtures.store.articles import article

from thoisu.errors import InputError
from thoisu.store import open_store
from thoisu.store.search import Filters

location, postgres_server = backends.location, backends.postgres_server  # fixtures: SQLite and PostgreSQL

DRILL = ("CONSULT", "tập trận", "Nga", "Triều Tiên", 1.0, 1, None)
# The same drill reported by three outlets over two days, one of them twice in one article (two mentions merged
# by the coder into one event is the coder's job; here the outlet repeats it in a second article).
REPORTS = [
    article("Nga tập trận với Triều Tiên ở Viễn Đông.", 1, outlet="a.vn", published="2024-02-10", events=[DRILL]),
    article("Hôm qua Nga tập trận cùng Triều Tiên.", 2, outlet="b.vn", published="2024-02-11", events=[DRILL]),
    article("Tin tổng hợp: Nga tập trận chung với Triều Tiên.", 3, outlet="b.vn", published="2024-02-11",
            events=[DRILL]),
    article("Nga và Triều Tiên tập trận lần thứ hai.", 4, outlet="c.vn", published="2024-02-20", events=[DRILL]),
    article("Triều Tiên tập trận bắn đạn thật gần Nga.", 5, outlet="c.vn", published="2024-03-05",
            events=[("FIGHT", "bắn", "Triều Tiên", "Nga", -9.0, 4, None)]),
    article("Mỹ đàm phán với Việt Nam.", 6, outlet="a.vn", published="2024-03-06",
            events=[("CONSULT", "đàm phán", "Mỹ", "Việt Nam", 1.0, 1, None)]),
]


@pytest.fixture
def store(location):
    with open_store(location) as store:
        for doc in REPORTS:
            store.put(doc)
        yield store


def test_reports_of_one_event_merge_with_gdelt_counts(store):
    merged = store.merged_events()
    top = merged[0]
    assert (top["type"], top["source"], top["target"], top["day"]) == ("CONSULT", "RUS", "PRK", "2024-02-10")
    assert (top["NumArticles"], top["NumSources"], top["NumMentions"]) == (3, 2, 3)
    assert top["documents"] == sorted(d.id for d in REPORTS[:3])
    assert len(merged) == 4  # the drill nine days later is another event


def test_relations_per_month_count_events_once_and_mix_quad_classes(store):
    rows = store.relations("RUS", "PRK", period="month")
    assert [(r["period"], r["events"], r["reports"]) for r in rows] == [("2024-02", 2, 4), ("2024-03", 1, 1)]
    assert rows[1]["material_conflict"] == 1 and rows[1]["goldstein"] == -9.0
    assert [r["period"] for r in store.relations("RUS", "PRK", directed=True)] == ["2024-02"]
    assert [r["period"] for r in store.relations("PRK", "RUS", period="week")] == ["2024-02-05", "2024-02-19",
                                                                                  "2024-03-04"]


def test_timeline_for_entity_and_query(store):
    by_entity = store.timeline(entity="PRK")
    assert [(r["period"], r["documents"], r["events"]) for r in by_entity] == [("2024-02", 4, 2), ("2024-03", 1, 1)]
    by_query = store.timeline(query="dam phan", period="day")
    assert [(r["period"], r["documents"], r["events"]) for r in by_query] == [("2024-03-06", 1, 1)]
    with pytest.raises(InputError, match="either an entity id or a query"):
        store.timeline()


def test_top_actors_pairs_and_outlets(store):
    actors = store.top_actors(limit=2)
    assert [(a["actor"], a["events"], a["reports"]) for a in actors] == [("PRK", 3, 5), ("RUS", 3, 5)]
    assert actors[0]["name"] == "Triều Tiên"
    pairs = store.top_pairs()
    assert [(p["source"], p["target"], p["events"]) for p in pairs][:2] == [("RUS", "PRK", 2), ("PRK", "RUS", 1)]
    assert store.top_pairs(filters=Filters(since="2024-03-01"))[0]["source"] in {"PRK", "USA"}
    coverage = store.outlet_coverage("c.vn")
    assert coverage["documents"] == 2 and coverage["first"] == "2024-02-20"
    assert {e["entity"] for e in coverage["entities"]} == {"RUS", "PRK"}
    assert [t["type"] for t in coverage["event_types"]] == ["CONSULT", "FIGHT"]


def test_updating_an_article_moves_it_out_of_the_merged_event(store):
    store.put(article("Bài đã sửa, không còn sự kiện.", 2, outlet="b.vn", published="2024-02-11"))
    top = store.merged_events()[0]
    assert (top["NumArticles"], top["NumSources"]) == (2, 2)
