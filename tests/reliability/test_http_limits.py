"""The HTTP service bounds the work a request may ask for, the time a connection may
hold it, and how many it serves at once; it checks the Host header on loopback and
echoes ids as they were sent."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
pytest.importorskip("httpx", reason="the TestClient needs httpx (the test extra)")
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

from fastapi.testclient import TestClient  # noqa: E402

from ingredients import web  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LIMITS = {"MILIA_HEADER_TIMEOUT": "2", "MILIA_BODY_TIMEOUT": "2", "MILIA_MAX_CONNECTIONS": "40"}
"""The test server's limits: small, so that reaching them is quick."""


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(web.create_app()) as c:
        yield c


def test_batch_has_a_budget_across_its_items(client):
    """100 items of 100,000 characters each were accepted (minutes of CPU)."""
    per_item = web.MAX_BATCH_CHARS // 10 + 1
    items = [{"id": i, "text": "Xq, " * (per_item // 4)} for i in range(11)]
    r = client.post("/api/analyze-batch", json={"items": items})
    assert r.status_code == 413 and "characters" in r.json()["error"]


def test_ids_are_echoed_with_their_json_type(client):
    ids = ["7", 7, 1.5, True, False, None, -3, "sku-1"]
    r = client.post("/api/analyze-batch",
                    json={"items": [{"id": i, "text": "Aqua, Glycerin"} for i in ids]})
    assert r.status_code == 200
    got = [x["id"] for x in r.json()["results"]]
    assert got == ids and [type(g) for g in got] == [type(i) for i in ids]
    r = client.post("/api/analyze-batch", json={"items": [{"id": [1], "text": "Aqua"}]})
    assert r.json()["results"][0] == {"id": None, "error": r.json()["results"][0]["error"]}


def test_host_header_is_checked_when_served_on_loopback():
    with TestClient(web.create_app(allowed_hosts=web.LOOPBACK_HOSTS),
                    base_url="http://localhost:8000") as c:
        assert c.get("/api/health").status_code == 200
        for host in ("127.0.0.1:8000", "[::1]:8000", "localhost"):
            assert c.get("/api/health", headers={"host": host}).status_code == 200
        r = c.get("/api/health", headers={"host": "attacker.example:8000"})
        assert r.status_code == 421 and "error" in r.json()
        r = c.post("/api/analyze", json={"text": "Aqua"}, headers={"host": "127.0.0.1.nip.io"})
        assert r.status_code == 421


def test_requests_over_the_concurrency_limit_get_503_json():
    release = asyncio.Event()
    statuses: list[int] = []
    bodies: list[bytes] = []

    async def slow(scope, receive, send):
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    guard = web._Guard(slow, max_in_flight=2)
    scope = {"type": "http", "method": "GET", "path": "/", "headers": []}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            statuses.append(message["status"])
        elif message.get("body"):
            bodies.append(message["body"])

    async def main():
        first = [asyncio.create_task(guard(scope, receive, send)) for _ in range(2)]
        await asyncio.sleep(0.05)
        await guard(scope, receive, send)  # the third, while two are in flight
        release.set()
        await asyncio.gather(*first)

    asyncio.run(main())
    assert statuses == [503, 200, 200]
    assert "busy" in json.loads(bodies[0])["error"]


# ---- a real server -------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "ingredients", "serve", "--port", str(port),
                                 "--workers", "2"], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "PYTHONUNBUFFERED": "1", **LIMITS})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url + "/api/health", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("milia serve did not start:\n" + log.read_text())
                time.sleep(0.2)
        yield url, log
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def _connect(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    s = socket.create_connection((host, int(port)))
    s.settimeout(20)
    return s


def test_serve_runs_several_processes(server):
    _url, log = server
    assert log.read_text().count("Started server process") == 2


def test_idle_slow_and_short_bodied_connections_are_closed(server):
    url, _log = server
    idle = _connect(url)
    slow = _connect(url)
    slow.sendall(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n")  # and never the end
    short = _connect(url)
    short.sendall(b"POST /api/analyze HTTP/1.1\r\nHost: localhost\r\ncontent-type: "
                  b"application/json\r\ncontent-length: 100\r\n\r\n{\"text\":")
    start = time.monotonic()
    assert idle.recv(100) == b""
    assert slow.recv(100) == b""
    answer = b""
    while chunk := short.recv(4096):
        answer += chunk
    assert answer.startswith(b"HTTP/1.1 408") and b'"error"' in answer
    assert time.monotonic() - start < 2 + 5
    for s in (idle, slow, short):
        s.close()
    with urllib.request.urlopen(url + "/api/health", timeout=5) as r:  # (still serving)
        assert r.status == 200


def test_too_many_connections_get_503_and_the_server_keeps_serving(server):
    url, _log = server
    limit = int(LIMITS["MILIA_MAX_CONNECTIONS"])
    held = [_connect(url) for _ in range(2 * limit + 60)]  # (two processes)
    try:
        time.sleep(1.0)
        refused = 0
        for s in held:
            s.setblocking(False)
            try:
                data = s.recv(300)
            except BlockingIOError:
                continue
            refused += data.startswith(b"HTTP/1.1 503") and b'"error"' in data
        assert refused >= 50
    finally:
        for s in held:
            s.close()
    with urllib.request.urlopen(url + "/api/health", timeout=10) as r:
        assert r.status == 200


def test_serve_workers_default_is_one_per_core(monkeypatch):
    import uvicorn
    from click.testing import CliRunner
    from milia_cli.main import main

    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: seen.update(kw))
    r = CliRunner().invoke(main, ["serve", "--port", "8001"])
    assert r.exit_code == 0, r.output
    assert seen["workers"] == (os.cpu_count() or 1)
    assert os.environ.get("MILIA_ALLOWED_HOSTS")
