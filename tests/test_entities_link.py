"""Linking, titles/roles and coreference on real news sentences whose entity mentions are given as spans."""

from __future__ import annotations

import pytest

from thoisu.document import Document, Entity
from thoisu.entities.coref import Coreference
from thoisu.entities.kb import KnowledgeBase
from thoisu.entities.linker import Linker


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(KnowledgeBase.default())


@pytest.fixture(scope="module")
def coref() -> Coreference:
    return Coreference(KnowledgeBase.default())


def doc_with(text: str, *mentions: tuple[str, str]) -> Document:
    """A document whose recognizer mentions are the given (surface, label) pairs, found in text order."""
    doc = Document(text=text)
    end = 0
    for surface, label in mentions:
        start = text.index(surface, end)
        end = start + len(surface)
        doc.entities.append(Entity(start, end, label, surface))
    return doc


def found(doc: Document) -> dict[str, Entity]:
    return {e.text: e for e in doc.entities}


FOMIN = (
    "Thứ trưởng Quốc phòng Nga Alexander Fomin ngày 14/12 cho biết, các kênh liên lạc trực tiếp giữa quân đội nước "
    "này với bộ quốc phòng các nước Anh, Pháp, Phần Lan và Thụy Điển đã được thiết lập ở vùng Biển Baltic."
)


def test_title_country_and_person(linker):
    doc = linker(doc_with(FOMIN, ("Nga", "LOC"), ("Alexander Fomin", "PER")))
    nga, fomin = found(doc)["Nga"], found(doc)["Alexander Fomin"]
    assert (nga.label, nga.entity_id, nga.cameo) == ("GPE", "RUS", "RUS")
    assert (fomin.entity_id, fomin.role, fomin.country, fomin.cameo) == (
        "per:alexander-fomin",
        "Thứ trưởng Quốc phòng",
        "RUS",
        "RUSGOVMIL",
    )


def test_missed_countries_are_added_without_overlap(linker):
    doc = linker(doc_with(FOMIN, ("Thụy Điển", "PER"), ("Biển Baltic", "LOC")))
    links = {e.text: (e.label, e.entity_id) for e in doc.entities}
    assert links["Anh"] == ("GPE", "GBR") and links["Pháp"] == ("GPE", "FRA") and links["Phần Lan"] == ("GPE", "FIN")
    assert links["Thụy Điển"] == ("GPE", "SWE")  # the recognizer's PER relabelled
    assert links["Biển Baltic"] == ("LOC", "Q545")
    assert links["Nga"] == ("GPE", "RUS")
    spans = sorted((e.start, e.end) for e in doc.entities)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_mentions_that_swallowed_a_country_or_title_are_split(linker):
    doc = linker(doc_with(FOMIN, ("Nga Alexander Fomin", "PER"), ("Anh", "PER")))
    links = {e.text: (e.label, e.entity_id) for e in doc.entities}
    assert links["Nga"] == ("GPE", "RUS") and links["Alexander Fomin"] == ("PER", "per:alexander-fomin")
    assert links["Anh"] == ("GPE", "GBR")  # "các nước Anh, Pháp": the context makes the PER tag a country
    text = "Theo ông Anh, Tổng thống Nga Vladimir Putin và Nga Ivan Petrovsky đã gặp nhau."
    doc = linker(
        doc_with(text, ("Anh", "PER"), ("Tổng thống Nga Vladimir Putin", "ORG"), ("Nga Ivan Petrovsky", "PER"))
    )
    links = {e.text: (e.label, e.entity_id) for e in doc.entities}
    assert links["Anh"] == ("PER", None)  # after an honorific "Anh" is a person
    assert links["Vladimir Putin"] == ("PER", "Q7747") and links["Ivan Petrovsky"] == ("PER", None)
    assert [e.text for e in doc.entities].count("Nga") == 2


def test_ambiguous_names_need_context(linker):
    text = "Anh Tuấn cho biết ông Đức và chị Nga đã học tiếng Anh ở Mỹ Tho, nơi Nguyễn Đức Anh sống."
    assert linker(Document(text=text)).entities == []
    lone = linker(Document(text="Anh đình chỉ 30 giấy phép xuất khẩu vũ khí sang Israel."))
    assert [e.entity_id for e in lone.entities] == ["ISR"]  # sentence-initial "Anh": nothing confirms it
    confirmed = linker(
        Document(
            text="Anh đình chỉ 30 giấy phép xuất khẩu vũ khí sang Israel. Israel thất vọng trước quyết định của Anh."
        )
    )
    assert [e.entity_id for e in confirmed.entities if e.text == "Anh"] == ["GBR", "GBR"]
    assert [e.text for e in linker(Document(text="Quân đội nước này thành lập Trung tâm mới.")).entities] == []


def test_capitals_act_politically_unless_after_a_locative(linker):
    text = (
        "Trước đó hai ngày, Washington tuyên bố cuộc gặp sẽ không thể được tổ chức cho đến khi Moscow thả 3 tàu. "
        "Đô đốc Hải quân Ukraine sẽ gặp người đồng cấp Mỹ vào tuần này tại Washington."
    )
    doc = linker(Document(text=text))
    washington = [e for e in doc.entities if e.text == "Washington"]
    assert [(e.label, e.cameo) for e in washington] == [("GPE", "USAGOV"), ("LOC", None)]
    assert all(e.entity_id == "Q61" and e.country == "USA" for e in washington)
    assert (found(doc)["Moscow"].label, found(doc)["Moscow"].cameo) == ("GPE", "RUSGOV")


def test_seats_of_government_and_organizations(linker):
    text = (
        "Liên quan cuộc chiến, người phát ngôn Điện Kremlin - Dmitry Peskov cho biết, Tổng Thư ký NATO Jens "
        "Stoltenberg và Bộ Quốc phòng Ukraine đã họp."
    )
    doc = linker(doc_with(text, ("Điện Kremlin", "LOC"), ("NATO", "PER")))
    links = found(doc)
    assert (links["Điện Kremlin"].label, links["Điện Kremlin"].cameo) == ("ORG", "RUSGOV")
    assert (links["NATO"].label, links["NATO"].entity_id) == ("ORG", "Q7184")
    assert (links["Dmitry Peskov"].role, links["Dmitry Peskov"].cameo) == ("người phát ngôn", "RUSGOV")
    assert (links["Jens Stoltenberg"].entity_id, links["Jens Stoltenberg"].cameo) == (
        "per:jens-stoltenberg",
        "IGOWSTNAT",
    )
    assert (links["Bộ Quốc phòng Ukraine"].entity_id, links["Bộ Quốc phòng Ukraine"].cameo) == (
        "org:ukr-ministry-of-defence",
        "UKRGOVMIL",
    )


def test_roles_chains_and_former_officials(linker):
    text = (
        "Một phái đoàn từ Bộ Quốc phòng Ukraine do Thứ trưởng, Chuẩn tướng Anatolii Klochko dẫn đầu. "
        "Cựu Tổng thống Mỹ Donald Trump và Tổng thống Hàn Quốc, Yoon Suk Yeol, đã gặp nhau."
    )
    links = found(linker(Document(text=text)))
    assert (links["Anatolii Klochko"].role, links["Anatolii Klochko"].cameo) == ("Thứ trưởng", "UKRGOVMIL")
    assert (links["Donald Trump"].role, links["Donald Trump"].cameo) == ("Tổng thống", "USAELI")
    assert (links["Yoon Suk Yeol"].role, links["Yoon Suk Yeol"].country, links["Yoon Suk Yeol"].cameo) == (
        "Tổng thống",
        "KOR",
        "KORGOV",
    )


def test_surnames_resolve_to_the_full_name(linker, coref):
    text = (
        FOMIN + ' Phát biểu trong cuộc họp, Thứ trưởng Fomin nói: "Các kênh đã được thiết lập". '
        "Ngoài ra, ông Fomin cũng cho hay, Peskov không bình luận."
    )
    doc = coref(linker(doc_with(text, ("Alexander Fomin", "PER"), ("Fomin", "PER"))))
    fomins = [e for e in doc.entities if e.text == "Fomin"]
    assert len(fomins) == 2 and all(e.entity_id == "per:alexander-fomin" and e.country == "RUS" for e in fomins)
    assert fomins[0].role == "Thứ trưởng"
    assert "Peskov" not in found(doc)  # a surname no full name in the document introduces stays unlinked


def test_unknown_people_get_a_document_local_chain(linker, coref):
    text = (
        "Tiến sĩ Nguyễn Thụy Bá Linh trở thành nhà khoa học Việt Nam đầu tiên giành giải thưởng này. "
        "Theo bà Linh, giải thưởng là động lực. Linh Đàm là một khu đô thị."
    )
    doc = coref(linker(doc_with(text, ("Nguyễn Thụy Bá Linh", "PER"))))
    people = [e for e in doc.entities if e.label == "PER"]
    assert [e.text for e in people] == ["Nguyễn Thụy Bá Linh", "Linh"]
    assert {e.entity_id for e in people} == {"local:nguyen-thuy-ba-linh"}


def test_leaders_named_by_title(linker, coref):
    text = (
        "Hồi tháng 6, Tổng thống Nga Vladimir Putin đã nêu ra 4 điều kiện để đàm phán với Kiev. "
        "Theo nhà lãnh đạo Nga, Moscow cho rằng cần có quy chế trung lập. Tổng thống Nga cho biết thêm. "
        "Còn các Tổng thống Mỹ thì khác."
    )
    doc = coref(linker(Document(text=text)))
    leaders = [(e.text, e.entity_id) for e in doc.entities if e.label == "PER"]
    assert leaders == [("Vladimir Putin", "Q7747"), ("nhà lãnh đạo", "Q7747"), ("Tổng thống", "Q7747")]


def test_country_anaphor(linker, coref):
    doc = coref(linker(Document(text=FOMIN)))
    this_country = found(doc)["nước này"]
    assert (this_country.label, this_country.entity_id) == ("GPE", "RUS")
    assert [e.text for e in coref(linker(Document(text="Quân đội nước này đã rút."))).entities] == []


@pytest.mark.parametrize(
    ("text", "mentions", "expected"),
    [
        (
            "được bảo đảm bằng thỏa thuận do Tổng thống Nga Vladimir Putin và nhà lãnh đạo Triều Tiên Kim Jong-un ký kết.",
            [("Tổng thống Nga Vladimir Putin và nhà lãnh đạo Triều Tiên Kim Jong-un", "ORG")],
            [("Nga", "RUS"), ("Vladimir Putin", "Q7747"), ("Triều Tiên", "PRK"), ("Kim Jong-un", "Q56226")],
        ),
        (
            "Chuyến thăm của Bộ trưởng Quốc phòng Nga Belousov nhấn mạnh thiện chí của Moscow.",
            [("Bộ trưởng Quốc phòng Nga Belousov", "ORG")],
            [("Nga", "RUS"), ("Belousov", "per:andrei-belousov"), ("Moscow", "Q649")],
        ),
        (
            "dẫn tuyên bố của người phát ngôn Hội đồng An ninh Quốc gia Nhà Trắng cho biết",
            [("Hội đồng An ninh Quốc gia", "ORG"), ("Nhà Trắng", "LOC")],
            [("Hội đồng An ninh Quốc gia Nhà Trắng", "org:usa-nsc")],
        ),
        (
            "Trong khi đó, Phó phát ngôn Chính phủ Đức Wolfgang Buechner cho biết Berlin chờ đợi",
            [("Đức Wolfgang Buechner", "PER")],
            [
                ("Chính phủ Đức", "org:deu-government"),
                ("Wolfgang Buechner", "per:wolfgang-buechner"),
                ("Berlin", "Q64"),
            ],
        ),
        (
            "người phát ngôn Bộ Ngoại giao Đức Andrea Sasse nhấn mạnh",
            [("Bộ Ngoại giao", "ORG"), ("Đức Andrea Sasse", "PER")],
            [("Bộ Ngoại giao Đức", "org:deu-ministry-of-foreign-affairs"), ("Andrea Sasse", "per:andrea-sasse")],
        ),
        (
            "Liên quan cuộc chiến, người phát ngôn Điện Kremlin cùng ngày cho biết",
            [("Kremlin", "LOC")],
            [("Điện Kremlin", "org:kremlin")],
        ),
        (
            "Belarus sẽ đảm nhận chức chủ tịch luân phiên của Tổ chức Hiệp ước An ninh Tập thể (CSTO).",
            [("Tổ chức Hiệp ước An ninh Tập", "ORG")],
            [("Belarus", "BLR"), ("Tổ chức Hiệp ước An ninh Tập thể", "org:csto"), ("CSTO", "org:csto")],
        ),
        (
            "Lễ cưới Hoa hậu Đỗ Hà và doanh nhân Viết Vương",
            [("Đỗ Hà", "PER"), ("Viết Vương", "PER")],
            [("Đỗ Hà", None), ("Viết Vương", None)],
        ),
    ],
)
def test_recognizer_spans_are_repaired_from_the_kb(linker, text, mentions, expected):
    """Span errors seen from the CRF recognizer on the sample pages: the KB names inside replace the mention."""
    doc = linker(doc_with(text, *mentions))
    assert [(e.text, e.entity_id) for e in doc.entities] == expected


def test_names_used_for_people_and_common_words_are_not_countries(linker, coref):
    text = (
        "Bị cáo Nga thừa nhận toàn bộ hành vi. Nga khai mình không có bằng lái. Theo báo Pháp luật, vụ án xảy ra "
        "tại quận Thủ Đức; ông Đỗ Trung Đông và Ngô Anh Quốc có mặt. Khoảng tháng 2, Anh, Điệp, Quân cùng góp tiền. "
        "Sự việc đã đến nước này, không thể giấu."
    )
    assert coref(linker(Document(text=text))).entities == []


def test_capital_in_an_address_is_a_place(linker):
    text = "Lãnh đạo Công an quận Hoàng Mai, Hà Nội cho biết đã bắt giữ nghi phạm. Theo nhà lãnh đạo Nga, Moscow cho rằng cần đàm phán."
    links = {e.text: (e.label, e.cameo) for e in linker(Document(text=text)).entities}
    assert links["Hà Nội"] == ("LOC", None) and links["Moscow"] == ("GPE", "RUSGOV")


def test_role_is_the_office_nearest_the_name(linker):
    text = "Theo quyền của Thủ tướng Chính phủ, bộ trưởng Bộ Công an Tô Lâm đã trình bày trước Quốc hội."
    to_lam = found(linker(Document(text=text)))["Tô Lâm"]
    assert (to_lam.entity_id, to_lam.role, to_lam.cameo) == ("per:to-lam", "bộ trưởng", "VNMCOP")


def test_given_names_media_and_fashion_capitals(linker):
    text = (
        "Đội tuyển có khả năng ghi bàn, từ Tiến Linh, Quang Hải, Anh Đức, Công Phượng. Bài báo của Washington "
        "Post được chia sẻ. Người mẫu của các tuần lễ thời trang Milan hay Paris và người mẫu muốn giảm cân."
    )
    links = {e.text: (e.label, e.entity_id, e.cameo) for e in linker(Document(text=text)).entities}
    assert links == {"Washington Post": ("ORG", "org:washington-post", "USAMED"), "Paris": ("LOC", "Q90", None)}


def test_misc_mentions_keep_the_names_they_hold(linker):
    text = "Tổng thống Thổ Nhĩ Kỳ sẽ đề xuất tại Hội nghị thượng đỉnh G20 ở Rio de Janeiro."
    doc = linker(doc_with(text, ("Hội nghị thượng đỉnh G20", "MISC")))
    assert [(e.text, e.label) for e in doc.entities] == [
        ("Thổ Nhĩ Kỳ", "GPE"),
        ("Hội nghị thượng đỉnh G20", "MISC"),
        ("Rio de Janeiro", "LOC"),
    ]
