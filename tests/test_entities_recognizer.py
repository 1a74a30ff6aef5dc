"""The syllable-CRF entity recognizer with its bundled model, on news sentences."""

from __future__ import annotations

import numpy as np
import pytest

from thoisu.document import Document, Sentence
from thoisu.entities.crf import LinearChainCRF
from thoisu.entities.features import Gazetteer, shape, story_features, syllable_spans
from thoisu.entities.recognizer import (
    STORY_WINDOW,
    NameRules,
    Recognizer,
    decode_bio,
    load_label_offsets,
    sentence_spans,
    spread_names,
)
from thoisu.errors import ResourceError


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    return Recognizer()


def found(recognizer: Recognizer, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in recognizer.recognize(text)]


def test_role_country_and_foreign_name_are_separate(recognizer):
    text = "Thứ trưởng Quốc phòng Nga Alexander Fomin cho biết Mátxcơva sẵn sàng đối thoại."
    result = found(recognizer, text)
    assert ("Nga", "LOC") in result
    assert ("Alexander Fomin", "PER") in result
    assert ("Mátxcơva", "LOC") in result


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tổng thống Thổ Nhĩ Kỳ Recep Tayyip Erdogan đã điện đàm với người đồng cấp.", ("Recep Tayyip Erdogan", "PER")),
        ("Nhà lãnh đạo Triều Tiên Kim Jong-un thị sát một nhà máy.", ("Kim Jong-un", "PER")),
        ("Thụy Điển và Phần Lan đã nộp đơn xin gia nhập NATO.", ("Thụy Điển", "LOC")),
        ("Thụy Điển và Phần Lan đã nộp đơn xin gia nhập NATO.", ("NATO", "ORG")),
        ("Các nước thành viên CSTO họp tại Mátxcơva.", ("CSTO", "ORG")),
        ("Phái bộ giám sát của OSCE rút khỏi miền đông Ukraine.", ("OSCE", "ORG")),
        ("Tổng thư ký LHQ kêu gọi các bên kiềm chế.", ("LHQ", "ORG")),
        ("Đoàn đại biểu đã tới Bình Nhưỡng vào sáng nay.", ("Bình Nhưỡng", "LOC")),
        ("Đại sứ quán Việt Nam tại Oasinhtơn tổ chức lễ kỷ niệm.", ("Oasinhtơn", "LOC")),
    ],
)
def test_news_names(recognizer, text, expected):
    assert expected in found(recognizer, text)


def test_time_phrase_is_not_an_entity(recognizer):
    assert found(recognizer, "Chiều cuối tháng chín, trời mưa lớn ở nhiều nơi.") == []


def test_tone_mark_variants_give_the_same_entities(recognizer):
    assert found(recognizer, "Thuỵ Điển gia nhập NATO.") == [("Thuỵ Điển", "LOC"), ("NATO", "ORG")]


def test_document_step_uses_sentences_and_offsets_into_doc_text(recognizer):
    text = "Ông Nguyễn Văn An đến Hà Nội.\n\nSau đó, ông gặp đại diện NATO tại Brúc-xen."
    doc = recognizer(Document(text=text))
    assert [(e.start, e.end) for e in doc.entities] == [
        (text.index(e.text), text.index(e.text) + len(e.text)) for e in doc.entities
    ]
    assert ("Nguyễn Văn An", "PER") in [(e.text, e.label) for e in doc.entities]
    assert ("NATO", "ORG") in [(e.text, e.label) for e in doc.entities]
    split = Document(text=text, sentences=[Sentence(0, 29), Sentence(31, len(text))])
    assert [(e.start, e.end, e.label) for e in recognizer(split).entities] == [
        (e.start, e.end, e.label) for e in doc.entities
    ]


def test_syllables_keep_names_numbers_and_split_punctuation():
    text = "Kim Jong-un, TP.HCM có 50.000 người (Mỹ)."
    assert [text[s:e] for s, e in syllable_spans(text)] == [
        "Kim", "Jong-un", ",", "TP.HCM", "có", "50.000", "người", "(", "Mỹ", ")", ".",
    ]


def test_gazetteer_takes_the_longest_name(tmp_path):
    path = tmp_path / "names.tsv"
    path.write_text("# kind, name\nplace\tHà Nội\nplace\tHà\ncountry\tNga\n", encoding="utf-8")
    names = Gazetteer.load(path)
    forms = ["Từ", "Hà", "Nội", "sang", "Nga", "qua", "Hà"]
    assert names.matches(forms) == [(1, 3, "place"), (4, 5, "country"), (6, 7, "place")]
    assert names.tags(forms) == ["", "B-place", "I-place", "", "B-country", "", "B-place"]


def test_shapes():
    assert [shape(w) for w in ("Nga", "NATO", "hà", "2024", "Jong-un", ",", "A")] == ["Aa", "AA", "a", "0", "Aa-a", ",", "A"]


def test_bio_decoding_opens_on_stray_inside_tags():
    assert decode_bio(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "I-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "LOC")]


def test_simple_sentence_split():
    text = "Ông An đến Hà Nội. Bà Bình ở lại 3.5 ngày!\nHết"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Ông An đến Hà Nội.", "Bà Bình ở lại 3.5 ngày!", "Hết"]


def test_crf_decoding_follows_transitions_and_batches(tmp_path):
    weights = tmp_path / "weights.tsv"
    weights.write_text(
        "# toy model\n"
        "transition\tO\tI-PER\t-9\n"
        "transition\tB-PER\tI-PER\t2\n"
        "state\tw=an\tB-PER\t1\n"
        "state\tw=an\tO\t0.5\n"
        "state\ts=Aa\tI-PER\t1\n"
        "state\ts=Aa\tB-PER\t0.6\n"
        "state\tw=,\tO\t1\n",
        encoding="utf-8",
    )
    crf = LinearChainCRF.load(weights)
    assert crf.labels == ["B-PER", "I-PER", "O"]
    first = np.array([crf.score(["w=an"]), crf.score(["s=Aa"]), crf.score(["w=,"])])
    second = np.array([crf.score(["w=an", "unknown"])])
    # alone, "s=Aa" prefers I-PER; after O that costs -9, after B-PER it gains 2
    assert crf.decode_batch([first, second]) == [["B-PER", "I-PER", "O"], ["B-PER"]]


def test_bad_weights_file_is_a_resource_error(tmp_path):
    weights = tmp_path / "weights.tsv"
    weights.write_text("state\tw=an\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="weights.tsv:1"):
        LinearChainCRF.load(weights)


def test_empty_and_punctuation_only_texts(recognizer):
    assert recognizer(Document(text="")).entities == []
    assert recognizer.recognize("") == []
    assert recognizer.recognize(" ... !") == []


def test_name_rules_strip_title_split_country_and_relabel(tmp_path):
    rules = tmp_path / "rules.tsv"
    rules.write_text(
        "# test rules\nkind\tlabel\tactions\ntitle\t-\tstrip\ncountry-ambiguous\tLOC\tsplit\n"
        "country\tLOC\tsplit,relabel,add\norganization\tORG\trelabel,add\n",
        encoding="utf-8",
    )
    names = Gazetteer(
        {
            ("Thứ", "trưởng", "Quốc", "phòng"): "title",
            ("Nga",): "country-ambiguous",
            ("Thụy", "Điển"): "country",
            ("NATO",): "organization",
        }
    )
    apply = NameRules(rules, names).apply
    forms = ["Thứ", "trưởng", "Quốc", "phòng", "Nga", "Alexander", "Fomin", "tới"]
    assert apply(forms, [(2, 6, "ORG")]) == [(4, 5, "LOC"), (5, 7, "PER")]
    forms = ["Thụy", "Điển", "gia", "nhập", "NATO"]
    assert apply(forms, [(0, 2, "PER")]) == [(0, 2, "LOC"), (4, 5, "ORG")]
    forms = ["bà", "Nga", "đến"]
    assert apply(forms, [(1, 2, "PER")]) == [(1, 2, "PER")]  # ambiguous names are only split after a title


def test_story_features_read_the_other_sentences_of_the_window():
    sentences = [["Bốn", "vào", "viện"], ["gặp", "Bốn", "ở", "đó"], ["có", "bốn", "người"], ["đi", "xa"]]
    feats = story_features(sentences, window=1)
    assert feats[0][0] == ["d=all|^A", "dp=gặp", "dn=ở"]  # in the next sentence: capitalized, after "gặp"
    assert feats[1][1] == ["d=0|A", "dn=vào"]  # the count word of the next sentence; "Bốn vào" before
    assert feats[2][1] == ["d=all|a"]
    assert feats[3][0] == ["d=none|^a"] and feats[1][0] == ["d=none|^a"]
    assert story_features(sentences, window=3)[0][0][0] == "d=hi|^A"  # the count word in sentence 3 too
    assert story_features([["(", "Bốn"]], window=5) == [[[], ["d=none|^A"]]]


def test_spread_names_tags_recurrences_within_the_window():
    forms = [["anh", "Bốn", "đến"], ["Bốn", "cười"], ["bốn", "người"], ["x"], ["x"], ["Bốn", "đi"]]
    found = [[(1, 2, "PER")], [], [], [], [], []]
    assert spread_names(forms, found, window=2) == [[(1, 2, "PER")], [(0, 1, "PER")], [], [], [], []]
    # a longer name is matched whole, with its majority label, and never over an existing entity
    forms = [["Khai", "Minh", "giúp"], ["Khai", "Minh", "và", "Minh"], ["Khai", "Minh"]]
    found = [[(0, 2, "ORG")], [(3, 4, "PER")], [(0, 2, "ORG")]]
    assert spread_names(forms, found, window=2)[1] == [(0, 2, "ORG"), (3, 4, "PER")]
    # the end of a foreign person's name is that person; a Vietnamese given name may be a place
    forms = [["Jens", "Stoltenberg", "nói"], ["(", "Stoltenberg", ")"], ["Nguyễn", "Văn", "Nam"], ["vào", "Nam"]]
    found = [[(0, 2, "PER")], [(1, 2, "LOC")], [(0, 3, "PER")], [(1, 2, "LOC")]]
    assert spread_names(forms, found, window=3)[1:] == [[(1, 2, "PER")], [(0, 3, "PER")], [(1, 2, "LOC")]]


def test_sentences_of_a_story_are_tagged_together(recognizer):
    story = [
        "Mình gặp Bốn lần đầu tiên khi Bốn vào nằm bệnh viện.",
        "Bốn cười và nói với mình.",
        "Hôm nay Bốn lại vào viện.",
    ]
    alone = [[e.text for e in recognizer.recognize(text)] for text in story]
    together = [[e.text for e in entities] for entities in recognizer.recognize_sentences(story)]
    assert together == [["Bốn", "Bốn"], ["Bốn"], ["Bốn"]]
    assert alone != together


def test_cached_emissions_equal_the_training_features_scores(recognizer):
    sentences = [
        ["Công", "ty", "cổ", "phần", "Lá", "Xanh", "ở", "TP.", "HCM", "gặp", "ông", "Nguyễn", "Văn", "An", "."],
        ["Lá", "Xanh", "bán", "oxy"],
        ["Ông"],
    ]
    around = story_features(sentences, STORY_WINDOW)
    emissions = recognizer._emissions(sentences, around)
    for sentence, story, scores in zip(sentences, around, emissions):
        expected = [recognizer.crf.score(feats) + recognizer.offsets for feats in recognizer.features.sentence(sentence, story)]
        np.testing.assert_allclose(scores, np.array(expected), atol=1e-9)


def test_label_offsets_file(tmp_path):
    path = tmp_path / "label_offsets.tsv"
    path.write_text("# label, offset\nB-ORG\t2.5\n", encoding="utf-8")
    assert load_label_offsets(path, ["B-LOC", "B-ORG", "O"]).tolist() == [0.0, 2.5, 0.0]
    path.write_text("B-XYZ\t1\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="label_offsets.tsv:1"):
        load_label_offsets(path, ["B-LOC", "O"])
