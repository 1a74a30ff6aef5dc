"""The flattened-text cleaner on the five real sample pages, two pages in other layouts, and bad input."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from thoisu.clean.flat import clean_flat
from thoisu.clean.wrapping import unwrap
from thoisu.evaluate.clean import bag_of_tokens_prf

FIXTURES = Path(__file__).parent / "fixtures" / "clean"


def _gold(name: str) -> dict[str, dict]:
    rows = [json.loads(line) for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines() if line]
    return {Path(row["source"]).name: row for row in rows}


SAMPLES = _gold("samples_gold.jsonl")
SYNTHETIC = _gold("synthetic_gold.jsonl")


def _clean(name: str):
    folder = "pages" if name in SAMPLES else "synthetic"
    return clean_flat((FIXTURES / folder / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(SAMPLES) + sorted(SYNTHETIC))
def test_body_title_date_and_captions_match_the_gold(name: str) -> None:
    gold = SAMPLES.get(name) or SYNTHETIC[name]
    doc = _clean(name)
    assert bag_of_tokens_prf(doc.text, gold["text"])[2] >= 0.98
    assert doc.title == gold["title"]
    assert doc.published == gold["published"]
    assert doc.outlet == gold["outlet"]
    assert doc.captions == gold["captions"]
    assert set(gold["agencies"]) <= set(doc.agencies)
    assert not set(doc.captions) & set(doc.text.split("\n\n"))


BOILERPLATE = {
    "000_4436bf889208a2e4.txt": [
        "Theo dõi Baoquocte.vn trên", "TIN LIÊN QUAN", "quan doi nga", "Nga trình dự thảo nghị quyết",
        "Chính quyền Mỹ tái khẳng định", "Đô đốc Hải quân Ukraine", "Xem nhiều", "Đọc thêm", "Volvo ES90",
        "TechWomen", "Phiên bản di động", "(Nguồn: TASS)",
    ],
    "001_1f9865336d579bec.txt": [
        "09:00 19/11/2024", "Tin liên quan", "NATO kéo quân", "Can't connect to redis", "string(23)",
        "Có thể bạn quan tâm", "Israel thất vọng", "09:30 03/09/2024", "Co loi xay ra", "Ago Mom", "Ago Dad",
        "(Nguồn: Ukrinform)",
    ],
    "002_9130780adcf611a9.txt": [
        "Mừng Đảng mừng Xuân 2026", "Logo", "Đăng nhập", "Kinhtedothi -", "Ảnh: Tass", "Đọc nhiều",
        "HỎI ĐÁP THÔNG MINH", "CẢM NHẬN", "Rất hay", "BÌNH LUẬN", "Đừng bỏ lỡ", "Hội báo Xuân Phú Thọ",
        "26 Feb, 08:54 PM", "Tin mới", "VIDEO", "Tin Tài Trợ",
    ],
    "003_9487228af6148030.txt": [
        "0:00", "TPO -", "MỚI - NÓNG", "gương mặt trẻ", "Đền Lừ III",
    ],
    "004_64cba449c13e52c4.txt": [
        "giữa tình hình nóng", "ngày 29/11/2024.", "Bình luận", "Quản trị viên", "Xin chào quý khách",
        "Thông tin người gửi", "Cùng chuyên mục", "Bài xem nhiều", "Nổi bật trang chủ", "Quy chế thi",
        "25 Tháng 12, 2025", "Greenland", "0.76653 sec", "2287.586 kb",
    ],
}


@pytest.mark.parametrize("name", sorted(BOILERPLATE))
def test_every_boilerplate_family_is_gone_from_the_body(name: str) -> None:
    doc = _clean(name)
    for line in BOILERPLATE[name]:
        assert line not in doc.text, line
    assert "\n\n\n" not in doc.text and doc.text == doc.text.strip()


REASONS = {
    "000_4436bf889208a2e4.txt": {"navigation", "related-articles", "slug"},
    "001_1f9865336d579bec.txt": {"byline", "repeated-title", "related-articles", "server-output"},
    "002_9130780adcf611a9.txt": {"banner", "navigation", "outlet-prefix", "comments", "advertisement"},
    "003_9487228af6148030.txt": {"media-player", "outlet-prefix", "related-articles"},
    "004_64cba449c13e52c4.txt": {"repeated-title", "comments", "related-articles", "server-output"},
}


@pytest.mark.parametrize("name", sorted(REASONS))
def test_removals_say_why(name: str) -> None:
    doc = _clean(name)
    assert REASONS[name] <= {removal.reason for removal in doc.removed}
    removed_text = "\n".join(removal.text for removal in doc.removed)
    for line in BOILERPLATE[name]:
        assert line in removed_text, line
    captions = [removal.text for removal in doc.removed if removal.reason == "caption"]
    assert captions == doc.captions


def test_specific_lines_get_their_family() -> None:
    reasons = {removal.text: removal.reason for removal in _clean("001_1f9865336d579bec.txt").removed}
    assert reasons['string(23) "Can\'t connect to redis!"'] == "server-output"
    assert reasons["Co loi xay ra\nCo loi xay ra"] == "server-output"
    assert reasons["09:00 19/11/2024"] == "byline"
    reasons = {removal.text: removal.reason for removal in _clean("000_4436bf889208a2e4.txt").removed}
    assert reasons["quan doi nga va cac nuoc eu thiet lap cac kenh lien lac truc tiep"] == "slug"
    assert reasons["Phiên bản di động"] == "navigation"
    reasons = {removal.text: removal.reason for removal in _clean("003_9487228af6148030.txt").removed}
    assert reasons["0:00 / 0:00\n0:00"] == "media-player"
    assert reasons["TPO -"] == "outlet-prefix"


def test_attributions_stay_in_the_body_and_fill_agencies() -> None:
    doc = _clean("000_4436bf889208a2e4.txt")
    assert doc.text.endswith("(theo AP)")
    assert {"AP", "TASS"} <= set(doc.agencies)
    assert _clean("003_9487228af6148030.txt").text.endswith("Theo RT")
    assert "Ukrinform" in _clean("001_1f9865336d579bec.txt").agencies


def test_inline_related_box_does_not_end_the_article() -> None:
    doc = _clean("001_1f9865336d579bec.txt")
    assert "Phát biểu tại cuộc họp, Thứ trưởng Klochko" in doc.text
    assert doc.text.endswith("dỡ bỏ mọi lệnh trừng phạt của phương Tây.")


def test_published_is_none_when_only_teasers_carry_dates() -> None:
    for name in ("002_9130780adcf611a9.txt", "004_64cba449c13e52c4.txt"):
        doc = _clean(name)
        assert doc.published is None and doc.published_source is None


def test_byline_date_has_its_source() -> None:
    doc = _clean("001_1f9865336d579bec.txt")
    assert doc.published_source == "byline" and doc.published_confidence


def test_authors_and_intertitles_on_pages_in_other_layouts() -> None:
    festival = _clean("festival.txt")
    assert festival.authors == ["Minh Châu"]
    assert "\n\nNhiều hoạt động mới\n\n" in festival.text
    assert "Copyright" not in festival.text and "Giọng nữ" not in festival.text
    prices = _clean("prices.txt")
    assert prices.authors == ["Thanh Hà"]
    assert "Warning:" not in prices.text and "Giá vàng" not in prices.text


def test_url_names_the_outlet() -> None:
    page = (FIXTURES / "pages" / "004_64cba449c13e52c4.txt").read_text(encoding="utf-8")
    assert clean_flat(page, url="https://tienphong.vn/a-123.tpo").outlet == "Tiền Phong"


def test_page_without_an_article() -> None:
    doc = clean_flat("Trang chủ\nĐăng nhập\nThế giới\nKinh doanh\nThể thao\nVideo\n")
    assert doc.text == "" and doc.title is None and doc.published is None
    assert doc.removed


def test_empty_and_blank_pages() -> None:
    for markup in ("", "\n\n  \n\t\n"):
        doc = clean_flat(markup)
        assert doc.text == "" and doc.removed == []


def test_page_in_english_does_not_crash() -> None:
    page = (
        "Home | World | Login\nRussia and Belarus to hold more joint drills, Putin says\nDec 19, 2022\n"
        "MINSK, Dec 19 (Reuters) - Russia and Belarus will continue joint military exercises, President "
        "Vladimir Putin said on Monday during a visit to Minsk.\nRelated coverage\nKremlin denies Belarus "
        "will join the war\n"
    )
    doc = clean_flat(page)
    assert isinstance(doc.text, str)
    assert "Login" not in doc.text


def test_huge_page_of_repeated_lines_runs_in_linear_time() -> None:
    unit = "Tin nóng hôm nay\nĐọc thêm\nThứ trưởng cho biết các kênh liên lạc trực tiếp đã được thiết lập.\n"
    timings = []
    for copies in (5_000, 20_000):
        started = time.perf_counter()
        doc = clean_flat(unit * copies)
        timings.append(time.perf_counter() - started)
        assert doc.text == ""  # a line repeated thousands of times is not an article
    assert timings[1] < 10 * timings[0] + 0.5  # 4x the input: near 4x the time, far from 16x


def test_one_enormous_line_does_not_hang() -> None:
    started = time.perf_counter()
    doc = clean_flat("Tiêu đề bài viết\n" + "Ông nói rằng các bên đã đồng ý, " * 30_000 + "và sẽ ký.")
    assert time.perf_counter() - started < 20
    assert doc.title == "Tiêu đề bài viết" and len(doc.text) > 500_000


def _paragraph(topic: str, number: int) -> str:
    return f"Theo thông tin từ cơ quan chức năng, {topic} đã được ghi nhận trong đợt kiểm tra lần thứ {number} của năm nay."


def test_article_resumes_after_a_box_even_when_its_words_change() -> None:
    lead = "Giá lúa tại đồng bằng sông Cửu Long tăng mạnh trong tuần qua, nông dân phấn khởi vì được mùa được giá."
    later = [_paragraph(topic, n) for n, topic in enumerate(["hồ chứa nước", "đê bao ven biển", "trạm bơm điện"])]
    page = "\n".join(["Giá lúa tăng mạnh, nông dân phấn khởi", lead, "Tin liên quan", "Xuất khẩu gạo lập kỷ lục", *later])
    doc = clean_flat(page)
    assert doc.text.split("\n\n") == [lead, *later]


def test_list_of_other_articles_without_a_known_header_is_removed() -> None:
    lead = "Giá lúa tại đồng bằng sông Cửu Long tăng mạnh trong tuần qua, nông dân phấn khởi vì được mùa được giá."
    body = "Nhiều thương lái thu mua lúa tại ruộng với giá cao hơn tuần trước, nông dân đồng bằng rất phấn khởi."
    others = [
        "Tin vắn trong ngày",
        "Hà Nội khai trương tuyến xe buýt điện mới",
        "Tuyến xe buýt điện nối trung tâm thành phố với sân bay Nội Bài đã chính thức vận hành từ sáng nay.",
        "Đà Nẵng đón lượng khách quốc tế kỷ lục",
        "Thành phố biển miền Trung đón hơn một triệu lượt khách quốc tế trong mười tháng đầu năm.",
    ]
    doc = clean_flat("\n".join(["Giá lúa tăng mạnh, nông dân phấn khởi", lead, body, *others]))
    assert doc.text.split("\n\n") == [lead, body]


def test_a_hard_wrapped_text_gets_its_paragraphs_back_and_a_crawled_page_keeps_its_lines() -> None:
    wrapped = (FIXTURES / "synthetic" / "wrapped.txt").read_text(encoding="utf-8")
    assert "hội đàm với người đồng cấp" in unwrap(wrapped)
    assert "Bộ Quốc phòng Nga.\n" in unwrap(wrapped)  # a paragraph's end stays a line of its own
    for name in ("prices.txt", "festival.txt"):
        page = (FIXTURES / "synthetic" / name).read_text(encoding="utf-8")
        assert unwrap(page) == page
