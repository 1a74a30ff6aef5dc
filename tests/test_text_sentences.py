"""Sentence splitting on news-like Vietnamese text."""

from __future__ import annotations

import itertools

import pytest

from thoisu.text.lexicon import abbreviation_pattern, abbreviations, sentence_openers
from thoisu.text.sentences import split_sentences


def sentences_of(text: str) -> list[str]:
    return [s.text_in(text) for s in split_sentences(text)]


CASES = {
    "abbreviation TP.": (
        "TAND TP. Đà Nẵng tuyên phạt Hồ Xuân Huy 12 năm tù. Bị cáo không kháng cáo.",
        ["TAND TP. Đà Nẵng tuyên phạt Hồ Xuân Huy 12 năm tù.", "Bị cáo không kháng cáo."],
    ),
    "abbreviation Tp. and Q.": (
        "Vụ cháy xảy ra tại Q. Bình Thạnh, Tp. Hồ Chí Minh. Không có thương vong.",
        ["Vụ cháy xảy ra tại Q. Bình Thạnh, Tp. Hồ Chí Minh.", "Không có thương vong."],
    ),
    "academic titles": (
        "PGS.TS. Nguyễn Văn Minh và ThS. Lê Thu Hà trình bày tham luận. GS. Trần Văn Nam chủ trì.",
        ["PGS.TS. Nguyễn Văn Minh và ThS. Lê Thu Hà trình bày tham luận.", "GS. Trần Văn Nam chủ trì."],
    ),
    "English honorific": (
        "Mr. Smith, đại diện WHO, cho biết sẽ trở lại. Ông không nói thêm.",
        ["Mr. Smith, đại diện WHO, cho biết sẽ trở lại.", "Ông không nói thêm."],
    ),
    "numbers": (
        "Dự án thu hút 3.000 lao động với vốn 3,2 tỷ đồng, tăng 1.5 lần. Năm ngoái con số này thấp hơn.",
        ["Dự án thu hút 3.000 lao động với vốn 3,2 tỷ đồng, tăng 1.5 lần.", "Năm ngoái con số này thấp hơn."],
    ),
    "year ends a sentence": (
        "Ông sinh năm 1960. Năm 1985, ông vào ngành.",
        ["Ông sinh năm 1960.", "Năm 1985, ông vào ngành."],
    ),
    "initials": (
        "Vợ chồng ông Bảo Th. đưa cho Huy hơn 1 tỷ đồng. Tổng thống J. Biden đã ký sắc lệnh.",
        ["Vợ chồng ông Bảo Th. đưa cho Huy hơn 1 tỷ đồng.", "Tổng thống J. Biden đã ký sắc lệnh."],
    ),
    "initial ends a sentence when an opener follows": (
        "Bị cáo đã có hành vi xâm hại cháu N. Đây là tình tiết tăng nặng.",
        ["Bị cáo đã có hành vi xâm hại cháu N.", "Đây là tình tiết tăng nặng."],
    ),
    "initial before a comma": (
        "Người bị lừa nhiều nhất là ông Bảo Th., ngụ quận Hải Châu. Ông đã trình báo.",
        ["Người bị lừa nhiều nhất là ông Bảo Th., ngụ quận Hải Châu.", "Ông đã trình báo."],
    ),
    "country name ends a sentence": (
        "Đoàn đại biểu đã tới Mỹ. Chuyến thăm kéo dài ba ngày.",
        ["Đoàn đại biểu đã tới Mỹ.", "Chuyến thăm kéo dài ba ngày."],
    ),
    "closing quote stays with its sentence": (
        'Ông Lavrov nói: "Hai bên đã thiết lập." Sau đó ông rời cuộc họp.',
        ['Ông Lavrov nói: "Hai bên đã thiết lập."', "Sau đó ông rời cuộc họp."],
    ),
    "curly quotes": (
        "Bà cho biết: “Chúng tôi sẽ hợp tác.” Phía Nga chưa phản hồi.",
        ["Bà cho biết: “Chúng tôi sẽ hợp tác.”", "Phía Nga chưa phản hồi."],
    ),
    "quote followed by the speaker": (
        "“Chúng tôi phản đối.” ông nói với báo giới.",
        ["“Chúng tôi phản đối.” ông nói với báo giới."],
    ),
    "parentheses": (
        "Ông Huy (SN 1994, ngụ quận Hải Châu) bị bắt. (Ảnh: TTXVN.) Vụ án đang được điều tra.",
        ["Ông Huy (SN 1994, ngụ quận Hải Châu) bị bắt.", "(Ảnh: TTXVN.)", "Vụ án đang được điều tra."],
    ),
    "dates": (
        "Luật có hiệu lực từ 19-8-2005. Nghị định ban hành ngày 19.8.2005 hướng dẫn chi tiết.",
        ["Luật có hiệu lực từ 19-8-2005.", "Nghị định ban hành ngày 19.8.2005 hướng dẫn chi tiết."],
    ),
    "ellipsis": (
        "Anh ấy chờ… rồi bỏ đi. Cuộc gặp không diễn ra... Hai bên hẹn lại.",
        ["Anh ấy chờ… rồi bỏ đi.", "Cuộc gặp không diễn ra...", "Hai bên hẹn lại."],
    ),
    "URL and e-mail": (
        "Chi tiết xem tại https://vnexpress.net/the-gioi/nga-123.html. Góp ý gửi toasoan@tuoitre.com.vn. Xin cảm ơn.",
        [
            "Chi tiết xem tại https://vnexpress.net/the-gioi/nga-123.html.",
            "Góp ý gửi toasoan@tuoitre.com.vn.",
            "Xin cảm ơn.",
        ],
    ),
    "question and exclamation": (
        "Vì sao giá xăng tăng? Bộ Công Thương giải thích! Người dân vẫn lo.",
        ["Vì sao giá xăng tăng?", "Bộ Công Thương giải thích!", "Người dân vẫn lo."],
    ),
    "numbered list item": (
        "1. Giới thiệu chung về dự án.",
        ["1. Giới thiệu chung về dự án."],
    ),
    "v.v. can end a sentence": (
        "Hàng hóa gồm gạo, cà phê, cao su v.v. Tất cả đều tăng giá.",
        ["Hàng hóa gồm gạo, cà phê, cao su v.v.", "Tất cả đều tăng giá."],
    ),
}


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_split(text: str, expected: list[str]) -> None:
    assert sentences_of(text) == expected


def test_paragraphs_never_share_a_sentence() -> None:
    text = "Thủ tướng Chính phủ gửi điện chúc mừng\n\nđoàn thể thao Việt Nam giành 52 huy chương vàng"
    assert sentences_of(text) == [
        "Thủ tướng Chính phủ gửi điện chúc mừng",
        "đoàn thể thao Việt Nam giành 52 huy chương vàng",
    ]


def test_spans_round_trip() -> None:
    text = "  Ông Tuấn tới Hà Nội.\n\n Bà Lan về TP. Huế!  Hết.\n"
    spans = split_sentences(text)
    assert [s.text_in(text) for s in spans] == ["Ông Tuấn tới Hà Nội.", "Bà Lan về TP. Huế!", "Hết."]
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    covered = "".join(s.text_in(text) for s in spans)
    assert "".join(covered.split()) == "".join(text.split())


def test_empty_and_blank_text() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []


def test_sentence_openers_load() -> None:
    assert {"Theo", "Sau", "Đây"} <= sentence_openers()
    assert "Biden" not in sentence_openers()


def test_abbreviation_file_loads_with_dotted_forms() -> None:
    forms = {a.form for a in abbreviations()}
    assert {"TP.", "Tp.", "PGS.TS.", "ThS.", "TS.", "GS.", "Q.", "P.", "Mr."} <= forms
    assert all(form.endswith(".") for form in forms)
    assert "PGS\\.TS\\." in abbreviation_pattern()
