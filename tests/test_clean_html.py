"""HTML cleaning on hand-made pages laid out like Vietnamese news sites (tests/fixtures/html/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from thoisu.clean import clean
from thoisu.clean.html import clean_html, looks_like_html
from thoisu.document import Document
from thoisu.errors import InputError
from thoisu.read.page import Page

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def _clean(name: str, url: str | None = None) -> Document:
    return clean_html((FIXTURES / name).read_text(encoding="utf-8"), url=url)


def _reasons(doc: Document) -> set[str]:
    return {removal.reason for removal in doc.removed}


@pytest.fixture(scope="module")
def tienphong() -> Document:
    return _clean("tienphong_no_date.html")


@pytest.fixture(scope="module")
def baoquocte() -> Document:
    return _clean("baoquocte_jsonld.html")


@pytest.fixture(scope="module")
def hashed() -> Document:
    return _clean("hashed_byline.html")


def test_body_is_the_article_paragraphs_only(tienphong: Document) -> None:
    paragraphs = tienphong.text.split("\n\n")
    assert len(paragraphs) == 8
    assert paragraphs[0].startswith("Nga và Belarus sẽ tiếp tục các cuộc tập trận chung")  # the lead, prefix gone
    assert paragraphs[-1] == "Theo RT"  # an attribution line belongs to the article
    for chrome in ("Bình luận", "láng giềng", "Đền Lừ", "Tags", "Trang chủ", "0:00", "Cơ quan chủ quản", "22/11/2026"):
        assert chrome not in tienphong.text
    assert {"comments", "related-articles", "tags", "navigation"} <= _reasons(tienphong)


def test_lead_prefix_names_the_outlet(tienphong: Document, baoquocte: Document) -> None:
    assert tienphong.outlet == "Tiền Phong"
    assert not tienphong.text.startswith("TPO")
    assert baoquocte.outlet == "Báo Quốc tế"
    assert baoquocte.text.startswith("Thứ trưởng Quốc phòng Nga Alexander Fomin ngày 14/12")


def test_captions_leave_the_body(tienphong: Document, baoquocte: Document, hashed: Document) -> None:
    assert tienphong.captions == [
        "Tổng thống Nga Vladimir Putin và Tổng thống Belarus Alexander Lukashenko tại Minsk. Ảnh: Reuters"
    ]
    assert baoquocte.captions == ["Thứ trưởng Quốc phòng Nga Alexander Fomin. (Nguồn: TASS)"]
    assert hashed.captions[0].endswith("(Nguồn: Ukrinform)")
    for doc in (tienphong, baoquocte, hashed):
        for caption in doc.captions:
            assert caption not in doc.text


def test_no_stated_date_gives_none_not_the_header_clock_or_teaser_times(tienphong: Document) -> None:
    assert tienphong.published is None
    assert tienphong.published_source is None


def test_date_from_json_ld_in_vietnam_time(baoquocte: Document) -> None:
    assert baoquocte.published == "2018-12-15T09:37:00+07:00"
    assert baoquocte.published_source == "html-meta"


def test_date_from_a_byline_no_class_names(hashed: Document) -> None:
    assert hashed.published == "2024-11-19T09:00:00+07:00"
    assert hashed.published_source == "byline"


def test_boxes_recognised_by_their_header_text_when_classes_say_nothing(hashed: Document) -> None:
    assert "NATO kéo quân" not in hashed.text
    assert "Ba Lan khánh thành" not in hashed.text
    assert "related-articles" in _reasons(hashed)
    assert hashed.text.startswith("Ukraine đang tìm cách tăng cường quốc phòng")
    assert hashed.text.split("\n\n")[-1].startswith("JATEC là tổ chức chung đầu tiên")


def test_title_is_the_article_heading_not_the_logo(tienphong: Document, baoquocte: Document) -> None:
    assert tienphong.title == "Nga tăng cường hợp tác quân sự với đồng minh thân cận nhất"
    assert baoquocte.title == "Quân đội Nga và các nước EU thiết lập các kênh liên lạc trực tiếp"


def test_agencies_from_attributions_and_photo_credits(tienphong: Document, baoquocte: Document, hashed: Document) -> None:
    assert tienphong.agencies == ["RT", "Reuters"]
    assert baoquocte.agencies == ["AP", "TASS"]
    assert hashed.agencies == ["Ukrinform"]


def test_authors_and_canonical_url(baoquocte: Document) -> None:
    assert baoquocte.authors == ["Minh Vũ"]
    assert baoquocte.url is not None and baoquocte.url.startswith("https://baoquocte.vn/")


def test_given_url_names_the_outlet_and_dates_an_undated_page() -> None:
    doc = _clean("tienphong_no_date.html", url="https://tienphong.vn/2024/11/19/nga-tang-cuong-hop-tac-post1.tpo")
    assert (doc.outlet, doc.published, doc.published_source) == ("Tiền Phong", "2024-11-19", "url")


def test_the_dispatcher_sends_html_here() -> None:
    content = (FIXTURES / "baoquocte_jsonld.html").read_bytes()
    doc = clean(Page(source="baoquocte_jsonld.html", content=content))
    assert doc.published == "2018-12-15T09:37:00+07:00"
    assert doc.language == "vi"
    assert doc.source == "baoquocte_jsonld.html"


def test_looks_like_html() -> None:
    assert looks_like_html((FIXTURES / "hashed_byline.html").read_text(encoding="utf-8"))
    assert looks_like_html("<div class='a'><p>Nội dung</p></div>")
    assert not looks_like_html("Tiêu đề bài báo\n\n09:00 19/11/2024\n\nTPO - Nội dung bài báo <3 năm.")


def test_unparseable_markup_is_an_input_error() -> None:
    with pytest.raises(InputError):
        clean_html("   ", url="https://example.vn/a")


def test_a_box_class_around_the_article_does_not_lose_it() -> None:
    paragraph = "Đây là một đoạn văn dài của bài báo nói về nhiều sự việc khác nhau trong tuần qua. " * 6
    second = "Đoạn thứ hai cũng dài không kém, kể lại diễn biến và ý kiến của các bên liên quan. " * 6
    comments = "<p>Bình luận của bạn đọc, dài dòng và lặp lại nhiều lần như thế này.</p>" * 40
    markup = (
        "<html><head><title>Bài báo về sự kiện trong tuần - Báo Mẫu</title></head><body>"
        f'<div class="article-share-wrap"><p>{paragraph}</p><p>{second}</p></div>'
        f'<div class="comments">{comments}</div></body></html>'
    )
    doc = clean_html(markup)
    assert doc.text.split("\n\n") == [paragraph.strip(), second.strip()]
    assert "Bình luận của bạn đọc" not in doc.text
    assert doc.title == "Bài báo về sự kiện trong tuần"
