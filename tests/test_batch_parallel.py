"""`analyze --workers N`: a process pool gives the same documents, in the same order, as one process."""

import shutil
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from thoisu.batch import analyze_inputs, analyze_inputs_parallel
from thoisu.cli import app
from thoisu.errors import InputError
from thoisu.pipeline import Pipeline
from thoisu.store import open_store

EXAMPLES = Path(__file__).parent.parent / "examples"


def _inputs(tmp_path: Path) -> list[str]:
    """The five examples with bad inputs between them: an empty file, a missing path, a bad JSONL line."""
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    (folder / "001_empty.txt").write_bytes(b"")
    (folder / "pages.jsonl").write_text("{not json\n", encoding="utf-8")
    return [str(folder), str(tmp_path / "missing.txt")]


def _comparable(results: list) -> list:
    return [r.to_dict() if not isinstance(r, InputError) else (r.source, r.reason) for r in results]


def test_two_workers_give_the_one_process_results_in_order(tmp_path):
    paths = _inputs(tmp_path)
    serial_skipped, parallel_skipped = Counter(), Counter()
    serial = list(analyze_inputs(paths, Pipeline.default(), serial_skipped))
    parallel = list(analyze_inputs_parallel(paths, 2, parallel_skipped))
    assert sum(isinstance(r, InputError) for r in serial) == 3
    assert sum(not isinstance(r, InputError) for r in serial) == 5
    assert _comparable(parallel) == _comparable(serial)
    assert parallel_skipped == serial_skipped


def test_cli_workers_option_stores_every_document(tmp_path):
    db = tmp_path / "t.db"
    result = CliRunner().invoke(app, ["analyze", *_inputs(tmp_path), "--db", str(db), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "stored 5 (5 added" in result.output
    assert "skipped 3" in result.output
    with open_store(db) as store:
        assert store.count() == 5
