"""Stories: syndicated copies join the original's story as they arrive, distinct articles do not; the index lives
in the store, so a reopened store and a second writer see earlier signatures."""

from fixtures.store import backends

from thoisu.document import Document
from thoisu.store import open_store
from thoisu.store.stories import StoryIndex, signature

location, postgres_server = backends.location, backends.postgres_server  # fixtures: SQLite and PostgreSQL

ORIGINAL = (
    "Ngày 7/8, cơ quan CSĐT Công an tỉnh Vĩnh Long đang tạm giữ Trương Công Bằng, 31 tuổi, ngụ xã Tân Mỹ, huyện Trà Ôn,"
    " để điều tra về hành vi giết người và cướp tài sản.\n"
    "Theo điều tra ban đầu, khoảng 13 giờ ngày 5/8, Bằng đến thuê phòng tại nhà trọ của bà V., 51 tuổi, ngụ xã Bình"
    " Ninh, huyện Tam Bình.\n"
    "Đến khoảng 15h cùng ngày, Bằng trả phòng và tính tiền thì xảy ra mâu thuẫn với bà V. Bằng đã dùng dao mang theo"
    " đâm bà V. khiến nạn nhân tử vong.\n"
    "Gây án xong, Bằng lấy máy tính bảng của bà V. mang đi bán với giá 700.000 đồng và bỏ trốn.\n"
    "Bằng các biện pháp nghiệp vụ, lực lượng công an đã nhanh chóng phát hiện và bắt giữ khẩn cấp đối tượng."
)
# another outlet's copy: its tag in front, the last paragraph cut, attribution and share buttons added
COPY = ("(Dân trí) - " + ORIGINAL.rsplit("\n", 1)[0]
        + "\nTheo TTXVN\nChia sẻ Facebook | Bình luận (0)\nTin liên quan: Giá vàng hôm nay tăng mạnh")
# same topic, same province, a different story
OTHER = (
    "Công an tỉnh Vĩnh Long vừa bắt giữ hai đối tượng trộm cắp xe máy tại huyện Trà Ôn sau nhiều ngày truy xét.\n"
    "Theo cơ quan công an, hai đối tượng đã thực hiện năm vụ trộm trong tháng 7 tại các xã ven sông.\n"
    "Tang vật thu giữ gồm ba xe máy và nhiều dụng cụ phá khóa; vụ việc đang được điều tra mở rộng."
)


def page(text: str, n: int) -> Document:
    return Document(text=text, url=f"https://outlet{n}.vn/bai-{n}.html", published="2024-08-07")


def test_copy_joins_the_story_and_a_same_topic_article_does_not(location):
    with open_store(location) as store:
        original, copy, other = page(ORIGINAL, 1), page(COPY, 2), page(OTHER, 3)
        for doc in (original, copy, other):
            store.put(doc)
        assert store.story(copy.id) == [original.id, copy.id]
        assert store.story(other.id) == [other.id]
        assert store.search("truong cong bang")[0].story_id == original.id


def test_story_index_survives_reopening_and_sees_another_writer(location):
    path = location
    with open_store(path) as first:
        first.put(page(ORIGINAL, 1))
        with open_store(path) as second:  # a second process would see the same: the signatures are in the file
            second.put(page(OTHER, 3))
            first.put(page(COPY, 2))  # first has not read OTHER yet and must not be confused by it
    with open_store(path) as reopened:
        reopened.put(page(COPY.replace("Dân trí", "VnExpress"), 4))
        assert reopened.story(page(COPY, 4).id) == [page(ORIGINAL, 1).id, page(COPY, 2).id, page(COPY, 4).id]


def test_similarity_threshold_is_what_decides():
    strict, loose = StoryIndex(threshold=0.95), StoryIndex(threshold=0.3)
    for index in (strict, loose):
        index.add("a", signature(ORIGINAL), "a")
    assert strict.match("b", signature(COPY)).story_id == "b"
    match = loose.match("b", signature(COPY))
    assert (match.story_id, match.nearest) == ("a", "a") and 0.3 <= match.similarity < 0.95
