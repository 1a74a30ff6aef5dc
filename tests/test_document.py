"""The document model: lossless JSON round trip and stable ids."""

import json

from thoisu.document import (
    Actor, Document, Entity, Event, EventDate, Quote, Removal, Sentence, Span, Time, Token, canonical_url,
    document_id,
)

TEXT = "Thứ trưởng Quốc phòng Nga Alexander Fomin ngày 14/12 cho biết kênh liên lạc đã được thiết lập."


def full_document() -> Document:
    fomin = Actor(26, 41, text="Alexander Fomin", entity_id="Q4066046", cameo="RUSGOVMIL")
    return Document(
        text=TEXT,
        url="https://baoquocte.vn/a.html",
        title="Quân đội Nga và các nước EU thiết lập các kênh liên lạc trực tiếp",
        published="2018-12-15",
        published_source="byline",
        published_confidence=0.9,
        captions=["Thứ trưởng Quốc phòng Nga Alexander Fomin. (Nguồn: TASS)"],
        agencies=["TASS"],
        removed=[Removal("TIN LIÊN QUAN", "related-articles")],
        sentences=[Sentence(0, len(TEXT))],
        tokens=[Token(0, 10), Token(11, 21)],
        entities=[Entity(22, 25, label="GPE", text="Nga", entity_id="RUS"),
                  Entity(26, 41, label="PER", text="Alexander Fomin", role="Thứ trưởng Quốc phòng", country="RUS")],
        times=[Time(42, 52, type="DATE", value="2018-12-14", text="ngày 14/12", anchor="published")],
        events=[Event(type="COOPERATE", trigger=Span(86, 95), sentence=Span(0, len(TEXT)), cameo="04",
                      sources=[fomin], date=EventDate("2018-12-14", Span(42, 52)), mentions=[Span(86, 95)],
                      modality="reported", attributed_to=fomin, context=["military"])],
        quotes=[Quote(53, 95, speaker=fomin, verb=Span(53, 61))],
    )


def test_round_trip_is_lossless_through_json():
    doc = full_document()
    data = json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))
    again = Document.from_dict(data)
    assert again == doc
    assert again.to_dict() == doc.to_dict()
    assert isinstance(again.events[0].sources[0], Actor)
    assert isinstance(again.events[0].date.time, Span)


def test_offsets_point_at_the_text():
    doc = full_document()
    assert doc.entities[1].text_in(doc.text) == "Alexander Fomin"
    assert doc.times[0].text_in(doc.text) == "ngày 14/12"


def test_id_comes_from_canonical_url_else_body():
    a = document_id("https://www.baoquocte.vn/a.html?utm_source=fb#top", "x")
    b = document_id("http://baoquocte.vn/a.html", "y")
    assert a == b
    assert canonical_url("https://www.x.vn/a/?id=3&utm_medium=z") == "x.vn/a?id=3"
    # without a URL, the same body in either tone convention gets the same id
    assert document_id(None, "Hoà  bình\n") == document_id(None, "Hòa bình")
    assert document_id(None, "Hòa bình") != document_id(None, "Chiến tranh")


def test_analysis_text_has_the_same_length():
    doc = Document(text="Thuỵ Điển và Hoà Lan, khoẻ mạnh")
    assert doc.analysis_text == "Thụy Điển và Hòa Lan, khỏe mạnh"
    assert len(doc.analysis_text) == len(doc.text)


def test_stray_surrogate_keeps_the_callers_text_and_analyzes_the_rest():
    import thoisu

    text = "\ud800 Thủ tướng Nhật Bản thăm Việt Nam."
    doc = thoisu.annotate(text)
    assert doc.text == text and doc.id
    assert doc.analysis_text[0] == "\ufffd" and len(doc.analysis_text) == len(text)
    assert "Việt Nam" in [e.text for e in doc.entities]
