"""Hostile pages through thoisu.analyze and `thoisu analyze`: a document that keeps the contract, or an
InputError naming the input; never a crash, and a run goes on past them."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import thoisu
from thoisu.cli import app
from thoisu.document import Document
from thoisu.errors import InputError

# the pages and the contract checker are shared with the corpus sweep (evaluation/ is scripts, not a package)
_spec = importlib.util.spec_from_file_location(
    "crash_sweep", Path(__file__).resolve().parents[1] / "evaluation" / "crash_sweep.py")
crash_sweep = sys.modules.setdefault("crash_sweep", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(crash_sweep)

PAGES = crash_sweep.hostile_pages(megabytes=0.5)  # past the article length limit, without the sweep's 4 MB wait


def _slug(name: str) -> str:
    return "-".join(name.split())


@pytest.mark.parametrize("name", list(PAGES))
def test_hostile_page_gives_a_document_or_an_input_error_naming_it(name: str) -> None:
    url = f"https://example.vn/{_slug(name)}"
    try:
        doc = thoisu.analyze(PAGES[name], url=url)
    except InputError as error:
        assert error.source == url
        assert str(error).startswith(url + ": ")
        return
    assert crash_sweep.document_problems(doc) == []


def test_the_readable_hostile_pages_give_documents() -> None:
    kept = {}
    for name in ("utf8 with a latin-1 line", "utf8 with a tcvn3 paragraph", "vietnamese without diacritics",
                 "unpaired surrogate"):
        kept[name] = thoisu.analyze(PAGES[name], url=f"https://example.vn/{_slug(name)}")
    assert "Hai bên nhất trí tăng cường hợp tác" in kept["utf8 with a latin-1 line"].text
    # each line in its own encoding: the UTF-8 article stays readable and the TCVN3 paragraph is read as well
    assert "Hai bên nhất trí tăng cường hợp tác" in kept["utf8 with a tcvn3 paragraph"].text
    assert crash_sweep.LEGACY_PARAGRAPH in kept["utf8 with a tcvn3 paragraph"].text
    assert not any("\ud800" <= c <= "\udfff" for c in kept["unpaired surrogate"].text)  # it crashed the id hash
    assert "Hai ben nhat tri tang cuong hop tac" in kept["vietnamese without diacritics"].text


@pytest.mark.parametrize("name", ["english", "chinese", "russian"])
def test_a_page_in_another_language_says_so(name: str) -> None:
    code = {"english": "en", "chinese": "zh", "russian": "ru"}[name]
    with pytest.raises(InputError, match=f"language looks like '{code}'"):
        thoisu.analyze(PAGES[name], url="https://example.vn/x")


def test_an_overlong_article_is_refused_before_annotation() -> None:
    with pytest.raises(InputError, match="article text too long"):
        thoisu.analyze(PAGES["single line of text"], url="https://example.vn/dump")


def test_the_command_goes_on_past_hostile_pages(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    files = {}
    for name, page in PAGES.items():
        html = isinstance(page, str) and page.startswith("<html")
        path = inputs / (_slug(name) + (".html" if html else ".txt"))
        path.write_bytes(page if isinstance(page, bytes) else page.encode("utf-8", "surrogatepass"))
        files[name] = path
    # a JSON line may carry unpaired surrogates as \ud800 escapes, in the text and in the url
    (inputs / "pages.jsonl").write_text(
        json.dumps({"text": crash_sweep.ARTICLE + "\ud800", "url": "https://example.vn/a"}) + "\n"
        + json.dumps({"text": crash_sweep.ARTICLE, "url": "https://example.vn/\udc80"}) + "\n",
        encoding="utf-8")
    (inputs / "good.txt").write_text(crash_sweep.ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(inputs), "--json"])
    assert result.exit_code == 0, result.output
    docs = [Document.from_dict(json.loads(line)) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {Path(d.source).name for d in docs} >= {"good.txt", "pages.jsonl:1"}
    for doc in docs:
        assert crash_sweep.document_problems(doc) == []
    named = "".join(result.output.split())  # the console wraps long paths anywhere
    refused = [p for p in files.values() if p.name not in {Path(d.source).name for d in docs}]
    for path in [*refused, inputs / "pages.jsonl"]:
        assert path.name in named, f"{path.name} neither analyzed nor named as skipped"
    assert "pages.jsonl:2" in named
