"""The knowledge base: loading, lookups by normalized name, codes, composed institutions, consistency."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest

from thoisu.entities.kb import KB_DIR, KnowledgeBase, alias_key
from thoisu.errors import ResourceError

ROOT = Path(__file__).resolve().parents[1]
ID_SCHEME = re.compile(r"[A-Z]{3}|Q\d+|(place|org|per):[a-z0-9-]+")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


def ids(kb: KnowledgeBase, name: str) -> set[str]:
    return {entry.id for entry in kb.lookup(name)}


def test_every_iso_country_and_territory_is_there(kb):
    countries = [e for e in kb.entries.values() if e.type == "country"]
    assert len(countries) >= 249
    assert all(re.fullmatch(r"[A-Z]{3}", e.id) and e.cameo and e.names for e in countries)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nga", "RUS"),
        ("Liên bang Nga", "RUS"),
        ("LB Nga", "RUS"),
        ("Russia", "RUS"),
        ("Mỹ", "USA"),
        ("Hoa Kỳ", "USA"),
        ("Anh", "GBR"),
        ("Vương quốc Anh", "GBR"),
        ("Triều Tiên", "PRK"),
        ("CHDCND Triều Tiên", "PRK"),
        ("Bắc Triều Tiên", "PRK"),
        ("Hàn Quốc", "KOR"),
        ("Nam Triều Tiên", "KOR"),
        ("Ukraine", "UKR"),
        ("Ukraina", "UKR"),
        ("Trung Quốc", "CHN"),
        ("TQ", "CHN"),
        ("Nhật Bản", "JPN"),
        ("Thụy Điển", "SWE"),
        ("Phần Lan", "FIN"),
        ("Ba Lan", "POL"),
        ("Belarus", "BLR"),
        ("Séc", "CZE"),
        ("Thổ Nhĩ Kỳ", "TUR"),
        ("Türkiye", "TUR"),
        ("Ấn Độ", "IND"),
        ("Úc", "AUS"),
        ("Australia", "AUS"),
        ("Campuchia", "KHM"),
        ("Lào", "LAO"),
        ("Thái Lan", "THA"),
        ("Việt Nam", "VNM"),
    ],
)
def test_press_names_of_countries(kb, name, expected):
    assert ids(kb, name) == {expected}


def test_lookup_ignores_case_and_tone_mark_placement(kb):
    assert ids(kb, "Thuỵ Điển") == {"SWE"}  # modern tone placement
    assert ids(kb, "NGA") == {"RUS"}
    assert ids(kb, "tp.hcm") == ids(kb, "TP Hồ Chí Minh") == {"Q1854"}
    assert alias_key("Kim Jong-un") == alias_key("Kim Jong Un") == "kim jong un"


def test_codes_of_countries(kb):
    assert kb.get("RUS").qid == "Q159" and kb.get("RUS").cameo == "RUS"
    assert kb.get("ROU").cameo == "ROM"  # CAMEO keeps the old UN code
    assert kb.get("XKX").cameo == "KSV"
    assert kb.get("USA").country == "USA"


def test_places_organizations_people(kb):
    assert ids(kb, "Mátxcơva") == ids(kb, "Moscow") == {"Q649"}
    assert ids(kb, "Oasinhtơn") == {"Q61"}
    assert ids(kb, "Bình Nhưỡng") == {"Q18808"}
    assert kb.get("Q649").political and not kb.get("Q545").political
    nato = kb.lookup("Tổ chức Hiệp ước Bắc Đại Tây Dương")
    assert [e.id for e in nato] == ["Q7184"] and nato[0].cameo == "IGOWSTNAT"
    assert ids(kb, "LHQ") == ids(kb, "Liên Hợp Quốc") == {"Q1065"}
    assert ids(kb, "Putin") == ids(kb, "Vladimir Putin") == {"Q7747"}
    kremlin = kb.lookup("Điện Kremlin")[0]
    assert (kremlin.type, kremlin.cameo) == ("seat", "RUSGOV")


def test_institution_and_country_compose_a_body(kb):
    (mod,) = kb.lookup("Bộ Quốc phòng Nga")
    assert (mod.id, mod.country, mod.cameo) == ("org:rus-ministry-of-defence", "RUS", "RUSGOVMIL")
    assert [e.cameo for e in kb.lookup("Quân đội Mỹ")] == ["USAMIL"]
    assert [e.id for e in kb.lookup("Trung tâm Quản lý Quốc phòng của Nga")] == ["org:rus-ndmc"]
    # a composed id that is curated keeps the curated entry (with the acronym VSU)
    assert kb.lookup("Lực lượng vũ trang Ukraine") == kb.lookup("VSU")
    assert kb.lookup("Bộ Quốc phòng") == []


def test_titles(kb):
    title = kb.title("thứ trưởng quốc phòng")
    assert (title.role, title.agent) == ("deputy_defence_minister", "GOVMIL")
    assert kb.title("Tổng thống").role == "head_of_state"
    assert kb.title("Ngoại trưởng").agent == "GOV"
    assert kb.title("Chủ tịch ủy ban") is None


def test_ids_follow_the_scheme_and_metonyms_are_consistent(kb):
    assert all(ID_SCHEME.fullmatch(entity_id) for entity_id in kb.entries)
    for entity_id, metonym in kb.metonyms.items():
        assert kb.get(entity_id) is not None
        assert metonym.cameo.startswith(kb.country_cameo(metonym.country))
    political = {e.id for e in kb.entries.values() if e.type == "place" and e.political}
    assert political <= set(kb.metonyms)


def test_malformed_file_is_a_resource_error(tmp_path):
    broken = tmp_path / "kb"
    shutil.copytree(KB_DIR, broken)
    with (broken / "titles.tsv").open("a", encoding="utf-8") as handle:
        handle.write("Đại sứ đặc mệnh\tambassador\n")  # a column short
    with pytest.raises(ResourceError, match="titles.tsv"):
        KnowledgeBase(broken)


def test_countries_file_is_what_the_build_script_makes():
    pytest.importorskip("babel", reason="babel (the 'build' extra) builds countries.tsv")
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "scripts" / "build_kb.py")
    build_kb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_kb)
    shipped = [
        line.rstrip("\n").split("\t")
        for line in (KB_DIR / "countries.tsv").open(encoding="utf-8")
        if not line.startswith("#")
    ][1:]
    assert shipped == build_kb.build_rows()
