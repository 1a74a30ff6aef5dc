"""PLOVER JSON and GDELT 2.0 TSV exports of coded events."""

from __future__ import annotations

import io
import json

from fixtures.store.articles import article

from thoisu.document import Document, Entity
from thoisu.events import EventCoder
from thoisu.export.formats import export
from thoisu.export.gdelt import EXTRA_COLUMNS, GDELT_COLUMNS, write_gdelt
from thoisu.export.plover import write_plover
from thoisu.store import open_store

TEXT = "Tàu sân bay Mỹ bị Houthi tấn công ở Biển Đỏ. Houthi không tấn công Israel."


def coded() -> Document:
    def at(surface: str, label: str, nth: int = 0, **fields: str) -> Entity:
        start = -1
        for _ in range(nth + 1):
            start = TEXT.index(surface, start + 1)
        return Entity(start, start + len(surface), label=label, text=surface, **fields)

    doc = Document(text=TEXT, url="https://example.vn/a", published="2024-05-31", entities=[
        at("Mỹ", "GPE", country="USA"), at("Houthi", "ORG", cameo="YEMREB"), at("Biển Đỏ", "LOC"),
        at("Houthi", "ORG", 1, cameo="YEMREB"), at("Israel", "GPE", country="ISR")])
    return EventCoder()(doc)


def test_gdelt_has_gdelts_61_columns_in_order_and_drops_negated_events() -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:6] == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code"]
    assert GDELT_COLUMNS[26:31] == ["EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale"]
    assert GDELT_COLUMNS[-2:] == ["DATEADDED", "SOURCEURL"]
    events, extras = io.StringIO(), io.StringIO()
    assert write_gdelt([coded()], events, extras) == 1  # "Houthi không tấn công Israel" is negated
    (row,) = [line.split("\t") for line in events.getvalue().splitlines()]
    record = dict(zip(GDELT_COLUMNS, row, strict=True))
    assert record["SQLDATE"] == "20240531" and record["Year"] == "2024"
    assert (record["Actor1Code"], record["Actor1CountryCode"], record["Actor1Type1Code"]) == ("YEMREB", "YEM", "REB")
    assert (record["Actor2Code"], record["Actor2Name"]) == ("USA", "MỸ")
    assert (record["EventCode"], record["EventRootCode"], record["QuadClass"]) == ("190", "19", "4")
    assert record["ActionGeo_FullName"] == "Biển Đỏ" and record["SOURCEURL"] == "https://example.vn/a"
    header, extra = [line.split("\t") for line in extras.getvalue().splitlines()]
    assert header == EXTRA_COLUMNS
    assert dict(zip(header, extra))["Trigger"] == "tấn công"
    everything = io.StringIO()
    assert write_gdelt([coded()], everything, modalities={"asserted", "denied"}) == 2


def test_plover_records_are_json_lines_with_auxiliary_modes() -> None:
    out = io.StringIO()
    assert write_plover([coded()], out) == 2
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert first["event_type"] == "ASSAULT" and first["actor"][0]["code"] == "YEMREB"
    assert first["recipient"][0]["name"] == "Mỹ" and first["location"]["name"] == "Biển Đỏ"
    assert first["trigger"]["text"] == "tấn công" and first["event_date"] == "2024-05-31"
    assert second["modality"] == "denied" and "negation" in second["context"]


def test_gdelt_rows_are_merged_events_with_the_stores_counts(tmp_path) -> None:
    drill = ("CONSULT", "tập trận", "Nga", "Triều Tiên", 1.0, 1, None)
    docs = [article("Nga tập trận với Triều Tiên.", 1, outlet="a.vn", published="2024-02-10", events=[drill]),
            article("Hôm qua Nga tập trận cùng Triều Tiên.", 2, outlet="b.vn", published="2024-02-11", events=[drill]),
            article("Tin tổng hợp: Nga tập trận với Triều Tiên.", 3, outlet="b.vn", published="2024-02-11",
                    events=[drill]),
            article("Mỹ đàm phán với Việt Nam.", 4, outlet="a.vn", published="2024-03-06",
                    events=[("CONSULT", "đàm phán", "Mỹ", "Việt Nam", 1.0, 1, None)])]
    with open_store(tmp_path / "s.db") as store:
        store.put_many(docs)
        merged = store.merged_counts()
        assert export(store.documents(), "gdelt", tmp_path / "merged.tsv", merged=merged) == 2
        assert export(store.documents(), "gdelt", tmp_path / "reports.tsv") == 4  # without the store: per report
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True))
            for line in (tmp_path / "merged.tsv").read_text(encoding="utf-8").splitlines()]
    counts = {r["Actor1Code"]: (r["NumMentions"], r["NumSources"], r["NumArticles"], r["SOURCEURL"]) for r in rows}
    assert counts == {"RUS": ("3", "2", "3", "https://a.vn/1.html"), "USA": ("1", "1", "1", "https://a.vn/4.html")}
