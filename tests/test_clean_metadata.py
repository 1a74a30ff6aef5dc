"""Publication dates, outlets and agencies found in page text, bylines and URLs."""

from __future__ import annotations

import pytest

from thoisu.clean.agencies import find_agencies
from thoisu.clean.outlets import outlet_from_url, split_outlet_prefix
from thoisu.clean.published import Published, find_published, parse_byline


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("09:00 19/11/2024", "2024-11-19T09:00:00+07:00"),
        ("19/11/2024 09:00", "2024-11-19T09:00:00+07:00"),
        ("Thứ Ba, 19/11/2024 - 09:00", "2024-11-19T09:00:00+07:00"),
        ("Thứ ba, ngày 19 tháng 11 năm 2024", "2024-11-19"),
        ("19-11-2024", "2024-11-19"),
        ("Thứ Ba, 19/11/2024, 09:00 (GMT+7)", "2024-11-19T09:00:00+07:00"),
        ("Thứ Tư, 20/11/2024 | 10:15 PM", "2024-11-20T22:15:00+07:00"),
        ("Cập nhật: 19/11/2024 9h30", "2024-11-19T09:30:00+07:00"),
        ("Minh Anh - 05/01/2023 07:45", "2023-01-05T07:45:00+07:00"),
        ("2024-11-19 08:05:00", "2024-11-19T08:05:00+07:00"),
        ("Chủ nhật, 1/12/2024 18:30 (GMT+8)", "2024-12-01T18:30:00+08:00"),
    ],
)
def test_byline_formats_of_the_vietnamese_press(line: str, value: str) -> None:
    assert parse_byline(line) == value


@pytest.mark.parametrize(
    "line",
    [
        "2 giờ trước",
        "Hôm qua 09:15",
        "31/02/2024 10:00",  # no such day
        "12/13/2024",  # no such month
        "01/01/1890",  # outside the years a publication date can have
        "Bộ trưởng Quốc phòng Nga, Andrei Belousov, đến Triều Tiên, ngày 29/11/2024.",  # a caption
    ],
)
def test_relative_invalid_and_sentence_dates_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


def test_byline_above_the_body_is_the_publication_date() -> None:
    page = "Tiêu đề bài báo\n\n09:00 19/11/2024\n\nUkraine đang tìm cách tăng cường quốc phòng ngày 18/11/2024."
    assert find_published(page) == Published("2024-11-19T09:00:00+07:00", "byline", 0.9)


def test_dates_deep_in_the_body_or_in_related_lists_are_not_taken() -> None:
    body = "\n\n".join(["Một đoạn văn dài về diễn biến sự việc " * 6] * 3)
    page = f"Tiêu đề\n\n{body}\n\nTin liên quan\nMột bài khác\n19/11/2024 10:00"
    assert find_published(page) is None


def test_updated_date_only_when_nothing_else_is_stated() -> None:
    assert find_published("Tiêu đề\nCập nhật: 20/11/2024 10:00\n18/11/2024 08:00\nNội dung").value == (
        "2024-11-18T08:00:00+07:00"
    )
    only = find_published("Tiêu đề\nCập nhật: 20/11/2024 10:00\nNội dung")
    assert only is not None and only.value == "2024-11-20T10:00:00+07:00" and only.confidence < 0.9


def test_html_metadata_comes_first_and_is_put_in_vietnam_time() -> None:
    found = find_published("09:00 19/11/2024", meta={"article:published_time": "2024-11-18T02:00:00Z"})
    assert found == Published("2024-11-18T09:00:00+07:00", "html-meta", 0.95)
    assert find_published("", meta={"datePublished": "2024-11-18"}).value == "2024-11-18"


def test_unparseable_metadata_falls_back_to_byline_then_url() -> None:
    found = find_published("Nội dung", url="https://vnexpress.net/2024/11/19/bai-viet.html", meta={"date": "n/a"})
    assert found == Published("2024-11-19", "url", 0.7)


@pytest.mark.parametrize(
    ("url", "value"),
    [
        ("https://example.vn/2024/11/19/tieu-de.html", "2024-11-19"),
        ("https://dantri.com.vn/the-gioi/nga-va-my-20241119093012345.htm", "2024-11-19"),
        ("https://example.vn/tin/20230105/tieu-de", "2023-01-05"),
        ("https://tienphong.vn/nga-tang-cuong-hop-tac-post1491224.tpo", None),
        ("https://example.vn/tin-20241399-abc.html", None),
    ],
)
def test_dates_in_urls(url: str, value: str | None) -> None:
    found = find_published("", url=url)
    assert (found.value if found else None) == value
    assert found is None or found.source == "url"


def test_no_stated_date_gives_none() -> None:
    assert find_published("Tiêu đề\n\nNội dung bài báo không ghi ngày.", url="https://example.vn/bai-viet") is None


@pytest.mark.parametrize(
    ("lead", "outlet", "rest"),
    [
        ("TPO - Nga và Belarus sẽ tiếp tục", "Tiền Phong", "Nga và Belarus sẽ tiếp tục"),
        ("Kinhtedothi - Theo tin từ Nhà Trắng", "Kinh tế & Đô thị", "Theo tin từ Nhà Trắng"),
        ("(Dân trí) - Sáng nay, Quốc hội", "Dân trí", "Sáng nay, Quốc hội"),
        ("VOV.VN - Chiều 19/11", "VOV", "Chiều 19/11"),
        ("(PLO)- Tòa án", "Pháp Luật TP.HCM", "Tòa án"),
        ("VTV.vn - Hôm nay", "VTV", "Hôm nay"),
        ("ANTĐ - Sáng 19/11", "An ninh Thủ đô", "Sáng 19/11"),
        ("(NLĐO) -Chiều 19/11", "Người Lao Động", "Chiều 19/11"),
        ("(XYZ) - Một outlet chưa biết", "XYZ", "Một outlet chưa biết"),
        ("baomoi.com - Sáng nay", "baomoi.com", "Sáng nay"),
    ],
)
def test_outlet_prefixes_leave_the_lead(lead: str, outlet: str, rest: str) -> None:
    assert split_outlet_prefix(lead) == (outlet, rest)


@pytest.mark.parametrize(
    "lead",
    ["Hà Nội - Sáng nay mưa lớn", "MOSKVA - Hôm qua", "NATO - Liên minh", "Nga - Mỹ đàm phán", "(Ảnh minh họa) Nội dung"],
)
def test_datelines_and_sentences_are_not_outlets(lead: str) -> None:
    assert split_outlet_prefix(lead) == (None, lead)


def test_outlet_from_url() -> None:
    assert outlet_from_url("https://tienphong.vn/nga-post1491224.tpo") == "Tiền Phong"
    assert outlet_from_url("http://m.dantri.com.vn/the-gioi/a.htm") == "Dân trí"
    assert outlet_from_url("https://www.baoquocte.vn/a-b-c-1234.html") == "Báo Quốc tế"
    assert outlet_from_url("https://example.com/tin") is None


@pytest.mark.parametrize(
    ("text", "agencies"),
    [
        ("Nội dung bài báo. (theo AP)", ["AP"]),
        ("Nội dung.\nTheo RT", ["RT"]),
        ("Theo hãng thông tấn Ukrinform, ngày 18/11", ["Ukrinform"]),
        ("Thứ trưởng Fomin. (Nguồn: TASS)", ["TASS"]),
        ("Lực lượng cứu hộ. Ảnh: Reuters", ["Reuters"]),
        ("Ảnh: Tass. Hãng tin AFP hôm 27/12 cho biết", ["TASS", "AFP"]),
        ("Tân Hoa Xã đưa tin; Yonhap và Kyodo xác nhận. Theo TTXVN", ["Xinhua", "Yonhap", "Kyodo", "TTXVN"]),
        ("Thông tấn xã Trung ương Triều Tiên (KCNA) và hãng tin Mehr", ["KCNA", "Mehr"]),
        ("Theo ông Nguyễn Văn A, theo Bộ Quốc phòng, hãng tin cho biết", []),
        ("Liên hợp quốc và APEC", []),
    ],
)
def test_cited_agencies(text: str, agencies: list[str]) -> None:
    assert find_agencies(text) == agencies


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-19T09:00:00+07:00", "2024-11-19T09:00:00+07:00"),
        ("2024-11-19T09:00:00.000+0700", "2024-11-19T09:00:00+07:00"),
        ("2024-11-19 09:00", "2024-11-19T09:00:00+07:00"),  # no zone: the Vietnamese press means Vietnam time
        ("Tue, 19 Nov 2024 02:00:00 GMT", "2024-11-19T09:00:00+07:00"),
        ("19/11/2024 09:00", "2024-11-19T09:00:00+07:00"),
        ("2024-02-30T09:00:00+07:00", None),
        ("không rõ", None),
    ],
)
def test_metadata_timestamps(value: str, expected: str | None) -> None:
    found = find_published("", meta={"article:published_time": value})
    assert (found.value if found else None) == expected
