"""EventCoder on real news sentences whose entities and times are given as the linker/time tagger would give them."""

from __future__ import annotations

import pytest

from thoisu.document import Document, Entity, Sentence, Time, Token
from thoisu.events import EventCoder


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


def mention(text: str, surface: str, label: str, nth: int = 0, **fields: str) -> Entity:
    """The nth occurrence of ``surface`` in ``text`` as an entity."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Entity(start, start + len(surface), label=label, text=surface, **fields)


def timex(text: str, surface: str, value: str) -> Time:
    start = text.index(surface)
    return Time(start, start + len(surface), value=value, text=surface)


FOMIN = ("Thứ trưởng Quốc phòng Nga Alexander Fomin ngày 14/12 cho biết, các kênh liên lạc trực tiếp giữa quân đội "
         "nước này với bộ quốc phòng các nước Anh, Pháp, Phần Lan và Thụy Điển đã được thiết lập nhằm ngăn chặn các "
         "hoạt động quân sự nguy hiểm ở vùng Biển Baltic.")


def fomin_doc() -> Document:
    t = FOMIN
    return Document(
        text=t,
        published="2018-12-15",
        entities=[
            mention(t, "Nga", "GPE", entity_id="RUS", country="RUS"),
            mention(t, "Alexander Fomin", "PER", country="RUS", cameo="RUSGOVMIL"),
            mention(t, "Anh", "GPE", country="GBR"),
            mention(t, "Pháp", "GPE", country="FRA"),
            mention(t, "Phần Lan", "GPE", country="FIN"),
            mention(t, "Thụy Điển", "GPE", country="SWE"),
            mention(t, "Biển Baltic", "LOC"),
        ],
        times=[timex(t, "ngày 14/12", "2018-12-14")],
    )


def test_statement_carrying_an_event_is_attributed_to_the_speaker(coder: EventCoder) -> None:
    doc = coder(fomin_doc())
    (event,) = doc.events
    assert event.type == "COOPERATE"
    assert event.trigger.text_in(doc.text) == "kênh liên lạc"
    assert event.attributed_to is not None and event.attributed_to.text == "Alexander Fomin"
    assert event.modality == "reported"
    assert event.reciprocal
    assert [a.cameo for a in event.sources] == ["RUSMIL"]  # "quân đội nước này" resolved to Russia
    assert [a.cameo for a in event.targets] == ["GBRGOVMIL", "FRAGOVMIL", "FINGOVMIL", "SWEGOVMIL"]
    assert event.location is not None and event.location.text == "Biển Baltic"
    assert event.date is not None and event.date.value == "2018-12-14" and not event.date.from_published
    (quote,) = doc.quotes
    assert quote.speaker is not None and quote.speaker.text == "Alexander Fomin"
    assert doc.text[quote.verb.start : quote.verb.end] == "cho biết"
    assert doc.text[quote.start : quote.end].startswith("các kênh liên lạc")


KERCH = ("Washington tuyên bố cuộc gặp giữa Tổng thống Mỹ Donald Trump và người đồng cấp Nga Vladimir Putin sẽ không "
         "thể được tổ chức cho đến khi Moscow thả 3 tàu hải quân cùng các thủy thủ Ukraina bị Nga bắt giữ.")


def kerch_doc() -> Document:
    t = KERCH
    return Document(text=t, published="2018-12-14", entities=[
        mention(t, "Washington", "GPE", country="USA"),
        mention(t, "Mỹ", "GPE", country="USA"),
        mention(t, "Donald Trump", "PER", country="USA", cameo="USAGOV"),
        mention(t, "Nga", "GPE", country="RUS"),
        mention(t, "Vladimir Putin", "PER", country="RUS", cameo="RUSGOV"),
        mention(t, "Moscow", "GPE", country="RUS"),
        mention(t, "Ukraina", "GPE", country="UKR"),
        mention(t, "Nga", "GPE", nth=1, country="RUS"),
    ])


def test_between_pattern_negation_passive_and_condition(coder: EventCoder) -> None:
    doc = coder(kerch_doc())
    by_trigger = {e.trigger.text_in(doc.text): e for e in doc.events}
    meeting = by_trigger["cuộc gặp"]
    assert meeting.type == "CONSULT" and meeting.reciprocal
    assert [a.text for a in meeting.sources + meeting.targets] == ["Donald Trump", "Vladimir Putin"]
    assert meeting.modality == "denied"
    assert meeting.date is not None and meeting.date.from_published and meeting.date.value == "2018-12-14"
    release = by_trigger["thả"]
    assert (release.type, release.mode) == ("RETREAT", "release")
    assert [a.text for a in release.sources] == ["Moscow"] and [a.text for a in release.targets] == ["Ukraina"]
    assert release.modality == "hypothetical"
    arrest = by_trigger["bắt giữ"]
    assert (arrest.type, arrest.cameo, arrest.goldstein, arrest.quad_class) == ("COERCE", "173", -5.0, 4)
    assert [a.text for a in arrest.sources] == ["Nga"] and [a.text for a in arrest.targets] == ["Ukraina"]


def test_led_by_delegation_and_location(coder: EventCoder) -> None:
    t = ("Theo hãng thông tấn Ukrinform, ngày 18/11, một phái đoàn từ Bộ Quốc phòng Ukraine do Thứ trưởng, Chuẩn tướng "
         "Anatolii Klochko dẫn đầu, đã tham dự cuộc họp với các đại diện cấp cao của NATO, diễn ra tại thành phố "
         "Bydgoszcz của Ba Lan.")
    doc = coder(Document(text=t, entities=[
        mention(t, "Ukrinform", "ORG"),
        mention(t, "Bộ Quốc phòng Ukraine", "ORG", cameo="UKRGOVMIL"),
        mention(t, "Anatolii Klochko", "PER", cameo="UKRGOVMIL"),
        mention(t, "NATO", "ORG", cameo="NAT"),
        mention(t, "Bydgoszcz", "LOC"),
        mention(t, "Ba Lan", "GPE", country="POL"),
    ], times=[timex(t, "ngày 18/11", "2024-11-18")]))
    (event,) = doc.events
    assert event.type == "CONSULT"
    assert [a.text for a in event.sources] == ["Bộ Quốc phòng Ukraine", "Anatolii Klochko"]
    assert [a.cameo for a in event.targets] == ["NAT"]
    assert event.location is not None and event.location.text == "Bydgoszcz"
    assert event.attributed_to is not None and event.attributed_to.text == "Ukrinform"
    assert event.date is not None and event.date.value == "2024-11-18"


def test_coordinated_subject_of_symmetric_trigger_planned(coder: EventCoder) -> None:
    t = "Nga và Belarus sẽ tiếp tục các cuộc tập trận chung nhằm tăng cường khả năng sẵn sàng chiến đấu."
    doc = coder(Document(text=t, entities=[mention(t, "Nga", "GPE", country="RUS"),
                                           mention(t, "Belarus", "GPE", country="BLR")]))
    (event,) = doc.events
    assert (event.type, event.modality, event.reciprocal) == ("COOPERATE", "planned", True)
    assert event.cameo == "030"  # CAMEO codes an intention, not the act, for future cooperation
    assert [a.cameo for a in event.sources + event.targets] == ["RUS", "BLR"]


def test_same_event_told_twice_is_one_record_with_two_mentions(coder: EventCoder) -> None:
    t = ("Nga và Mỹ sẽ hội đàm về tình hình Ukraine vào ngày 10/1/2022. "
         "Thứ trưởng Ryabkov thông báo Mỹ và Nga sẽ hội đàm tại Geneva vào ngày 10/1.")
    ents = [mention(t, "Nga", "GPE", country="RUS"), mention(t, "Mỹ", "GPE", country="USA"),
            mention(t, "Ukraine", "GPE", country="UKR"), mention(t, "Ryabkov", "PER", cameo="RUSGOV"),
            mention(t, "Mỹ", "GPE", nth=1, country="USA"), mention(t, "Nga", "GPE", nth=1, country="RUS"),
            mention(t, "Geneva", "GPE", country="CHE")]
    first, second = t.index("ngày 10/1/2022"), t.index("ngày 10/1.")
    times = [Time(first, first + 14, value="2022-01-10"), Time(second, second + 9, value="2022-01-10")]
    doc = coder(Document(text=t, entities=ents, times=times))
    consult = [e for e in doc.events if e.type == "CONSULT"]
    assert len(consult) == 1 and len(consult[0].mentions) == 2
    assert consult[0].modality == "planned"


def test_passive_with_agent_swaps_sides(coder: EventCoder) -> None:
    t = "Tàu sân bay Mỹ bị Houthi tấn công ở Biển Đỏ."
    doc = coder(Document(text=t, entities=[mention(t, "Mỹ", "GPE", country="USA"), mention(t, "Houthi", "ORG"),
                                           mention(t, "Biển Đỏ", "LOC")]))
    (event,) = doc.events
    assert event.type == "ASSAULT"
    assert [a.text for a in event.sources] == ["Houthi"] and [a.text for a in event.targets] == ["Mỹ"]
    assert event.location is not None and event.location.text == "Biển Đỏ"


def test_word_boundaries_from_tokens(coder: EventCoder) -> None:
    t = "Các bên bắt đầu thảo luận."
    words = [(0, 3), (4, 7), (8, 15), (16, 25)]
    doc = coder(Document(text=t, tokens=[Token(s, e) for s, e in words], sentences=[Sentence(0, len(t))]))
    assert [e.trigger.text_in(t) for e in doc.events] == ["thảo luận"]  # "bắt" of "bắt đầu" (begin) is no arrest


def test_coordinated_predicate_shares_the_first_subject(coder: EventCoder) -> None:
    t = ("Tổng thống Hàn Quốc Yoon Suk Yeol tiếp một phái đoàn Ukraine do Bộ trưởng Quốc phòng Rustem Umerov dẫn đầu, "
         "và thúc giục Nga rút quân.")
    doc = coder(Document(text=t, entities=[
        mention(t, "Hàn Quốc", "GPE", country="KOR"), mention(t, "Yoon Suk Yeol", "PER", country="KOR"),
        mention(t, "Ukraine", "GPE", country="UKR"), mention(t, "Rustem Umerov", "PER", country="UKR"),
        mention(t, "Nga", "GPE", country="RUS")]))
    urge = next(e for e in doc.events if e.trigger.text_in(t) == "thúc giục")
    assert [a.text for a in urge.sources] == ["Yoon Suk Yeol"] and [a.text for a in urge.targets] == ["Nga"]
    withdraw = next(e for e in doc.events if e.type == "RETREAT")
    assert [a.text for a in withdraw.sources] == ["Nga"]  # after a request the one asked acts: no shared subject


@pytest.mark.parametrize(("sentence", "types"), [
    ("Syria và Nga kiên quyết bác bỏ các cáo buộc.", ["REJECT"]),  # the accusations referred to are no new event
    ("Brunson bị bắt giam hồi tháng 10/2016 với cáo buộc làm gián điệp.", ["COERCE"]),  # the charge of the arrest
    ("Mỹ điều oanh tạc cơ B-52 tới đảo Guam, trong tầm bắn của tên lửa.", []),  # a bomber, a range: no attacks
    ("Nhiều doanh nghiệp đang gặp nhiều khó khăn.", []),  # meeting difficulties is no meeting
    ("Nhóm phiến quân sát hại 12 dân thường.", ["ASSAULT"]),
    ("Bị can bị truy tố về tội giết người.", ["ACCUSE"]),  # the murder named by the charge is not told here
])
def test_nouns_and_objects_that_contain_a_trigger(coder: EventCoder, sentence: str, types: list[str]) -> None:
    doc = coder(Document(text=sentence))
    assert [e.type for e in doc.events] == types


def test_degrades_without_any_annotation(coder: EventCoder) -> None:
    doc = coder(Document(text="Israel tấn công Gaza. Hai bên đã hội đàm.", published="2024-05-31T08:00:00+07:00"))
    assert [e.type for e in doc.events] == ["ASSAULT", "CONSULT"]
    assert all(e.date is not None and e.date.from_published and e.date.value == "2024-05-31" for e in doc.events)
    assert all(not e.sources and not e.targets for e in doc.events)


def test_round_trip_through_dict(coder: EventCoder) -> None:
    doc = coder(fomin_doc())
    assert Document.from_dict(doc.to_dict()) == doc


@pytest.mark.parametrize(("sentence", "sources", "targets"), [
    # "Bằng" read as a name at the sentence's start: the arrested one is not also the arrester
    ("Bằng các biện pháp nghiệp vụ, lực lượng công an đã bắt giữ khẩn cấp đối tượng Bằng.", [], ["Bằng"]),
    # the passive agent is the doer: Phú agreed, nobody agreed to Phú
    ("Chiều 13/5, Tài rủ Phú đi trộm xe máy và được Phú đồng ý.", ["Phú"], []),
])
def test_no_one_is_their_own_recipient(coder: EventCoder, sentence: str, sources: list[str],
                                       targets: list[str]) -> None:
    names = [name for name in ("Bằng", "Tài", "Phú") if name in sentence]
    entities = [mention(sentence, name, "PER", nth, entity_id=f"local:{name}")
                for name in names for nth in range(sentence.count(name))]
    event = coder(Document(text=sentence, entities=entities)).events[-1]
    assert [a.text for a in event.sources] == sources and [a.text for a in event.targets] == targets


def test_an_organization_after_tai_is_where_not_who(coder: EventCoder) -> None:
    t = "Theo dự kiến, buổi tuyên án sẽ diễn ra vào ngày 30/1 tại TAND TP. Hòa Bình."
    doc = coder(Document(text=t, entities=[mention(t, "TAND TP. Hòa Bình", "ORG")]))
    assert [(e.type, e.sources, e.targets) for e in doc.events] == [("SANCTION", [], [])]


@pytest.mark.parametrize(("sentence", "names", "source"), [
    ("Ngày 28/4, Công an huyện Yên Thành (Nghệ An) đang tạm giữ Vũ Văn Minh.",
     [("Công an huyện Yên Thành", "ORG"), ("Nghệ An", "GPE"), ("Vũ Văn Minh", "PER")], "Công an huyện Yên Thành"),
    ("Tỉ phú Jeff Bezos - người sở hữu tờ The Washington Post - đã cáo buộc tờ The National Enquirer tống tiền.",
     [("Jeff Bezos", "PER"), ("The Washington Post", "ORG"), ("The National Enquirer", "ORG")], "Jeff Bezos"),
])
def test_an_aside_between_subject_and_trigger_is_skipped(coder: EventCoder, sentence: str,
                                                         names: list[tuple[str, str]], source: str) -> None:
    doc = coder(Document(text=sentence, entities=[mention(sentence, name, label) for name, label in names]))
    assert [a.text for a in doc.events[0].sources] == [source]


def test_between_a_and_the_side_of_b_is_reciprocal(coder: EventCoder) -> None:
    t = "Một loạt vụ trục xuất các nhà ngoại giao giữa Nga và phe Anh đã xảy ra sau đó."
    doc = coder(Document(text=t, entities=[mention(t, "Nga", "GPE", country="RUS"), mention(t, "Anh", "GPE", country="GBR")]))
    event = doc.events[0]
    assert ([a.text for a in event.sources], [a.text for a in event.targets], event.reciprocal) == (["Nga"], ["Anh"], True)


@pytest.mark.parametrize(("sentence", "modality"), [
    ("Iran sẽ bảo vệ lãnh thổ, chống lại bất kỳ sự xâm phạm nào.", "hypothetical"),  # any violation: none told
    ("Phía gia đình Hiển không có bất cứ động thái nào xin lỗi gia đình anh T.", "denied"),
])
def test_any_event_is_no_event_told(coder: EventCoder, sentence: str, modality: str) -> None:
    assert [e.modality for e in coder(Document(text=sentence)).events] == [modality]


@pytest.mark.parametrize(("sentence", "first", "second"), [
    ("Kết thúc Hội nghị thượng đỉnh Mỹ - Triều Tiên, ông Trump về nước.", "Mỹ", "Triều Tiên"),
    ("Hai nhà lãnh đạo đã ký tuyên bố chung Việt Nam - Chile.", "Việt Nam", "Chile"),
])
def test_a_dash_pair_after_a_symmetric_trigger_names_both_sides(coder: EventCoder, sentence: str, first: str,
                                                                 second: str) -> None:
    doc = coder(Document(text=sentence, entities=[mention(sentence, first, "GPE"), mention(sentence, second, "GPE")]))
    event = doc.events[0]
    assert ([a.text for a in event.sources], [a.text for a in event.targets], event.reciprocal) == ([first], [second], True)


def test_places_after_a_locative_noun_and_their_list_are_where_not_who(coder: EventCoder) -> None:
    t = ("Chúng khai nhận do có mâu thuẫn với một nhóm thanh niên khác trên địa bàn quận Thanh Khê, TP. Đà Nẵng nên "
         "đã chuẩn bị hung khí đi hẹn đánh nhau.")
    doc = coder(Document(text=t, sentences=[Sentence(0, len(t))],
                         entities=[mention(t, "quận Thanh Khê", "LOC"), mention(t, "TP. Đà Nẵng", "LOC")]))
    assert [(e.type, e.sources, e.targets) for e in doc.events] == [("ASSAULT", [], [])]


@pytest.mark.parametrize("name", ["Triều", "liên Triều"])  # the recognizer reads it either way
def test_inter_korean_names_no_actor(coder: EventCoder, name: str) -> None:
    t = "Bản tuyên bố là kết quả của thượng đỉnh liên Triều lần 3."
    doc = coder(Document(text=t, entities=[mention(t, name, "GPE")]))
    assert [(e.type, e.sources, e.targets) for e in doc.events] == [("CONSULT", [], [])]


def test_a_nominal_triggers_possessor_is_its_doer(coder: EventCoder) -> None:
    t = "Nội dung bưu phẩm được tiết lộ là lệnh bắt giam của Công an Hà Nội đối với ông Lâm vì buôn bán ma túy."
    doc = coder(Document(text=t, sentences=[Sentence(0, len(t))],
                         entities=[mention(t, "Công an Hà Nội", "ORG"), mention(t, "Lâm", "PER")]))
    event = doc.events[0]
    assert ([a.text for a in event.sources], [a.text for a in event.targets]) == (["Công an Hà Nội"], ["Lâm"])
