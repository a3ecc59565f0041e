"""`milia serve` for real: a uvicorn process on a loopback port, spoken to over HTTP."""

from __future__ import annotations

import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import ingredients

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "data/sample/mixa-lait-de-toilette.txt").read_text(encoding="utf-8")


def _post(url: str, body: dict[str, object]) -> tuple[int, dict[str, object]]:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, json.loads(r.read())


def test_serve_says_where_it_listens_and_how_to_expose_it(live_server):
    out = live_server.output()
    assert live_server.url + "/" in out
    assert "--host 0.0.0.0" in out


def test_serve_answers_over_http(live_server):
    with urllib.request.urlopen(live_server.url + "/api/health", timeout=10) as r:
        health = json.loads(r.read())
    assert health["status"] == "ok" and health["version"] == ingredients.__version__
    with urllib.request.urlopen(live_server.url + "/", timeout=10) as r:
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert b"Analyse" in r.read()


def test_concurrent_requests_agree_with_the_library(live_server):
    """Sync endpoints run in a thread pool over one shared database and matcher cache."""
    texts = [SAMPLE, "Aqua, Petrolatum, Glycerin", "Water, Glyserin, Isopropyl Myristate",
             "Aqua, Cetearyl Alcohol, Salicylic Acid 2%, Phenoxyethanol"] * 8
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda t: _post(live_server.url + "/api/analyze", {"text": t}), texts))
    for text, (status, report) in zip(texts, answers, strict=True):
        assert status == 200
        assert report == json.loads(ingredients.analyze(text).to_json())
