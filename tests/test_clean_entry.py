"""The cleaning entry point refuses bad pages with a message naming them."""

from pathlib import Path

import pytest

import thoisu
from thoisu.clean import clean
from thoisu.errors import InputError
from thoisu.read.page import Page
from thoisu.read.limits import MAX_PAGE_BYTES


def test_huge_page_refused_before_work():
    with pytest.raises(InputError, match=r"huge\.html: page too large"):
        clean(Page(source="huge.html", content="<p>Hà Nội</p>" * (MAX_PAGE_BYTES // 10)))


def test_bad_given_date_is_named():
    with pytest.raises(InputError, match=r"feed\.jsonl:3: published 'hôm qua' is not an ISO 8601 date"):
        clean(Page(source="feed.jsonl:3", content="Tin tức", published="hôm qua"))


def test_given_date_wins_and_says_so():
    page = (Path(__file__).parent.parent / "examples" / "003_9487228af6148030.txt").read_text(encoding="utf-8")
    doc = thoisu.analyze(page, url="https://tienphong.vn/a-post1500000.tpo", published="2022-12-20")
    assert (doc.published, doc.published_source) == ("2022-12-20", "given")
    assert doc.url == "https://tienphong.vn/a-post1500000.tpo"
