"""`thoisu serve`: the command starts uvicorn over a store, reads its token from the environment, and stops."""

import os
import re
import socket
import subprocess
import sys
import time
from importlib.resources import files
from pathlib import Path

import httpx

from thoisu.web.labels import LANGUAGES, labels

TEMPLATES = Path(str(files("thoisu.web") / "templates"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_command_answers_and_takes_the_token_from_the_environment(tmp_path):
    port = free_port()
    env = {**os.environ, "THOISU_API_TOKEN": "from-env"}
    command = [sys.executable, "-c", "from thoisu.cli import app; app()", "serve", "--db", str(tmp_path / "s.db"),
               "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                spec = httpx.get(f"{base}/openapi.json", timeout=1).json()
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, server.stdout.read().decode()
                time.sleep(0.2)
        assert "/documents" in spec["paths"]
        text = {"text": "Nga và Belarus ký thỏa thuận hợp tác quân sự."}
        assert httpx.post(f"{base}/documents", json=text).status_code == 401
        stored = httpx.post(f"{base}/documents", json=text, headers={"Authorization": "Bearer from-env"})
        assert stored.status_code == 201
        assert httpx.get(f"{base}/ui/", params={"q": "belarus"}).text.count(stored.json()["id"]) >= 1
    finally:
        server.terminate()
        server.wait(10)


def test_every_label_a_template_uses_exists_in_both_languages():
    used = {key for path in TEMPLATES.glob("*.html") for key in re.findall(r"\bt\.(\w+)", path.read_text())}
    table = labels()
    assert used and set(table) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert used <= set(table[lang]), f"labels missing in {lang}: {sorted(used - set(table[lang]))}"
    assert table["vi"]["nav_search"] == "Tìm kiếm" and table["en"]["nav_search"] == "Search"
