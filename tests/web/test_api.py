"""The HTTP API with FastAPI's TestClient: every endpoint, every documented error."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import ingredients
from ingredients._format import explain_dict
from ingredients._score import AREAS, PRODUCT_TYPES
from ingredients.web import MAX_BATCH_ITEMS, MAX_BODY_BYTES, MAX_NAME_CHARS, MAX_TEXT_CHARS

ROOT = Path(__file__).resolve().parents[2]
REPORT_SCHEMA = json.loads((ROOT / "src/ingredients/report.schema.json").read_text(encoding="utf-8"))
SAMPLE = (ROOT / "data/sample/mixa-lait-de-toilette.txt").read_text(encoding="utf-8")
JSON = {"content-type": "application/json"}


# --------------------------------------------------------------------------- analyze

ANALYZE_CASES = [
    # (request body, product_type, area) - a docstring-like id per case
    pytest.param({"text": SAMPLE}, "leave-on", "face", id="defaults-are-leave-on-face"),
    pytest.param({"text": SAMPLE, "area": "eye"}, "leave-on", "eye", id="eye-area"),
    pytest.param({"text": "Water, Glycerin, Salicylic Acid 2%, Xanthan Gum",
                  "product_type": "rinse-off", "area": "body"}, "rinse-off", "body",
                 id="rinse-off-body"),
    pytest.param({"text": "Aqua, Glyserin, Visit the Dior boutique, Petrolatum"}, "leave-on", "face",
                 id="typo-and-prose-stay-visible"),
    pytest.param({"text": "Aqua, Glycerin", "extra": "ignored"}, "leave-on", "face",
                 id="unknown-fields-ignored"),
]


@pytest.mark.parametrize(("body", "product_type", "area"), ANALYZE_CASES)
def test_analyze_is_exactly_the_library_report(client, body, product_type, area):
    """POST /api/analyze returns Report.to_dict() - the JSON of `milia check --format json`."""
    r = client.post("/api/analyze", json=body)
    assert r.status_code == 200, r.text
    expected = ingredients.analyze(body["text"], product_type=product_type, area=area).to_dict()
    assert r.json() == json.loads(json.dumps(expected))
    jsonschema.validate(r.json(), REPORT_SCHEMA)


def test_analyze_matches_the_cli_json(client):
    """Same bytes of meaning as `milia check --format json`."""
    from milia_cli.main import main

    out = CliRunner().invoke(main, ["check", "--format", "json", "--area", "eye", SAMPLE])
    assert out.exit_code == 0, out.output
    r = client.post("/api/analyze", json={"text": SAMPLE, "area": "eye"})
    assert r.json() == json.loads(out.output)


# --------------------------------------------------------------------------- errors

ERROR_CASES = [
    # (method, path, kwargs, status, words the error must contain)
    pytest.param("post", "/api/analyze", {"content": b"Aqua, Glycerin", "headers": JSON}, 422,
                 "not valid JSON", id="body-not-json"),
    pytest.param("post", "/api/analyze", {"content": b"\xff\xfe{", "headers": JSON}, 422,
                 "not valid JSON", id="body-not-utf8"),
    pytest.param("post", "/api/analyze", {"content": b"Aqua, Glycerin",
                                          "headers": {"content-type": "text/plain"}}, 422,
                 "JSON object", id="body-plain-text"),
    pytest.param("post", "/api/analyze", {"content": b"[1, 2]", "headers": JSON}, 422,
                 "", id="body-is-a-list"),
    pytest.param("post", "/api/analyze", {"json": {}}, 422, "text: Field required",
                 id="missing-text"),
    pytest.param("post", "/api/analyze", {"json": {"text": 42}}, 422, "text:",
                 id="text-not-a-string"),
    pytest.param("post", "/api/analyze", {"json": {"text": "Aqua", "product_type": "cream"}}, 422,
                 "product_type", id="unknown-product-type"),
    pytest.param("post", "/api/analyze", {"json": {"text": "Aqua", "area": "neck"}}, 422,
                 "area", id="unknown-area"),
    pytest.param("post", "/api/analyze", {"json": {"text": ""}}, 422, "empty", id="empty-text"),
    pytest.param("post", "/api/analyze", {"json": {"text": " ,, ; . "}}, 422,
                 "no ingredients", id="no-ingredients"),
    pytest.param("post", "/api/analyze", {"content": b'{"text": "\\ud800 Aqua"}', "headers": JSON},
                 422, "surrogate", id="lone-surrogate"),
    pytest.param("post", "/api/analyze", {"json": {"text": "Aqua, " * (MAX_TEXT_CHARS // 6 + 1)}},
                 413, "limit is 100,000", id="text-over-100k-chars"),
    pytest.param("post", "/api/analyze", {"content": b"x" * (MAX_BODY_BYTES + 1), "headers": JSON},
                 413, "request body", id="body-over-limit"),
    pytest.param("post", "/api/analyze-batch", {"json": {}}, 422, "items: Field required",
                 id="batch-missing-items"),
    pytest.param("post", "/api/analyze-batch", {"json": {"items": "Aqua"}}, 422, "items:",
                 id="batch-items-not-a-list"),
    pytest.param("post", "/api/analyze-batch",
                 {"json": {"items": [{"text": "Aqua"}] * (MAX_BATCH_ITEMS + 1)}}, 413,
                 "limit is 100", id="batch-over-limit"),
    pytest.param("get", "/api/ingredient/" + "x" * (MAX_NAME_CHARS + 1), {}, 422, "name:",
                 id="name-too-long"),
    pytest.param("get", "/api/nothing-here", {}, 404, "Not Found", id="unknown-path"),
    pytest.param("delete", "/api/analyze", {}, 405, "Method Not Allowed", id="wrong-method"),
    pytest.param("get", "/api/analyze", {}, 405, "Method Not Allowed", id="get-on-post"),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "words"), ERROR_CASES)
def test_bad_requests_get_a_4xx_naming_the_problem(client, method, path, kwargs, status, words):
    """Each bad request is a 4xx with {"error": "..."}; never a 500 (the client raises on one)."""
    r = client.request(method.upper(), path, **kwargs)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and isinstance(body["error"], str) and body["error"]
    assert words in body["error"]


def test_text_at_the_limit_is_accepted(client):
    text = ("Aqua, Glycerin, " * MAX_TEXT_CHARS)[:MAX_TEXT_CHARS]
    r = client.post("/api/analyze", json={"text": text})
    assert r.status_code == 200


def test_streamed_body_over_the_limit_is_refused(client):
    """A body sent without Content-Length is counted as it arrives."""
    def chunks():
        for _ in range(MAX_BODY_BYTES // (1 << 20) + 2):
            yield b" " * (1 << 20)

    r = client.post("/api/analyze", content=chunks(), headers=JSON)
    assert r.status_code == 413 and "limit" in r.json()["error"]


# --------------------------------------------------------------------------- batch


def test_batch_results_in_order_and_a_bad_item_fails_alone(client):
    items = [
        {"id": "a", "text": SAMPLE},
        {"id": 2, "text": SAMPLE, "product_type": "rinse-off", "area": "eye"},
        {"id": "empty", "text": ""},
        {"id": "area", "text": "Aqua", "area": "neck"},
        {"id": "notext"},
        "not an object",
        {"id": "big", "text": "a" * (MAX_TEXT_CHARS + 1)},
        {"text": "Aqua, Petrolatum"},
    ]
    r = client.post("/api/analyze-batch", json={"items": items})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["id"] for x in results] == ["a", 2, "empty", "area", "notext", None, "big", None]
    assert results[0]["report"] == json.loads(ingredients.analyze(SAMPLE).to_json())
    assert results[1]["report"] == json.loads(
        ingredients.analyze(SAMPLE, product_type="rinse-off", area="eye").to_json())
    assert results[7]["report"] == json.loads(ingredients.analyze("Aqua, Petrolatum").to_json())
    errors = {x["id"]: x["error"] for x in results if "error" in x}
    assert "empty" in errors["empty"]
    assert "area" in errors["area"]
    assert "text" in errors["notext"]
    assert "JSON object" in errors[None]
    assert "limit" in errors["big"]
    for x in results:
        assert set(x) in ({"id", "report"}, {"id", "error"})
        if "report" in x:
            jsonschema.validate(x["report"], REPORT_SCHEMA)


def test_batch_at_the_limit_and_empty(client):
    r = client.post("/api/analyze-batch", json={"items": [{"text": "Aqua"}] * MAX_BATCH_ITEMS})
    assert r.status_code == 200 and len(r.json()["results"]) == MAX_BATCH_ITEMS
    r = client.post("/api/analyze-batch", json={"items": []})
    assert r.status_code == 200 and r.json() == {"results": []}


# --------------------------------------------------------------------------- ingredient, health

INGREDIENT_NAMES = [
    pytest.param("Isopropyl Myristate", id="rated"),
    pytest.param("Cl 77891", id="ocr-slip"),
    pytest.param("Glyserin", id="fuzzy"),
    pytest.param("Chlorhexidine Digluconate", id="known-unrated"),
    pytest.param("Visit the Dior boutique", id="unknown"),
    pytest.param("Sodium Laureth / Lauryl Sulfate", id="slash-in-name"),
    pytest.param("Aqua\n", id="newline-in-name"),
    pytest.param("<script>alert(1)</script>", id="markup"),
]


@pytest.mark.parametrize("name", INGREDIENT_NAMES)
def test_ingredient_is_what_milia_explain_shows(client, name):
    from urllib.parse import quote

    r = client.get("/api/ingredient/" + quote(name, safe=""))
    assert r.status_code == 200, r.text
    assert r.json() == json.loads(json.dumps(explain_dict(name)))


def test_health(client):
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "database_version": ingredients.default_database().version,
                        "version": ingredients.__version__}


# --------------------------------------------------------------------------- schema


def test_openapi_documents_every_endpoint_with_examples(client):
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {"/api/analyze", "/api/analyze-batch", "/api/ingredient/{name}",
                                  "/api/health", "/api/compare", "/api/routine"}
    schemas = spec["components"]["schemas"]
    for name in ("AnalyzeRequest", "BatchRequest", "ReportOut", "ExplainOut", "HealthOut", "ErrorOut"):
        assert schemas[name].get("examples"), name
    for path in ("/api/analyze", "/api/analyze-batch"):
        responses = spec["paths"][path]["post"]["responses"]
        assert responses["200"]["content"]["application/json"]["schema"]["$ref"]
        for status in ("413", "422"):
            assert responses[status]["content"]["application/json"]["schema"]["$ref"].endswith(
                "/ErrorOut")


def test_openapi_report_model_mirrors_report_schema_json(client):
    """The response model and report.schema.json list the same fields, all required."""
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert set(schemas["ReportOut"]["properties"]) == set(REPORT_SCHEMA["properties"])
    assert set(schemas["ReportOut"]["required"]) == set(REPORT_SCHEMA["required"])
    finding = REPORT_SCHEMA["$defs"]["finding"]
    assert set(schemas["FindingOut"]["properties"]) == set(finding["properties"])
    assert set(schemas["FindingOut"]["required"]) == set(finding["required"])


def test_request_choices_are_the_library_constants(client):
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    props = schemas["AnalyzeRequest"]["properties"]
    assert props["product_type"]["enum"] == list(PRODUCT_TYPES)
    assert props["area"]["enum"] == list(AREAS)


# --------------------------------------------------------------------------- the page


def test_page_is_self_contained_with_a_csp(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    page = r.text
    # Nothing from elsewhere: no CDN, no web fonts, no inline script or style.
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert "<script>" not in page and "<style" not in page and " style=" not in page
    assert "{{" not in page
    assert ingredients._score.CAVEAT.split(":")[0] in page
    for src in re.findall(r"(?:src|href)=\"(/static/[^\"]+)\"", page):
        asset = client.get(src)
        assert asset.status_code == 200, src
    assert client.head("/").status_code == 200
    js = client.get("/static/app.js").text
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js


def test_page_selectors_offer_the_library_choices(client):
    page = client.get("/").text
    types = re.findall(r"<option value=\"([^\"]+)\"", page.split('id="product_type"')[1].split("</select>")[0])
    areas = re.findall(r"<option value=\"([^\"]+)\"", page.split('id="area"')[1].split("</select>")[0])
    assert types == list(PRODUCT_TYPES) and areas == list(AREAS)
    assert '<button type="submit"' in page and "<form" in page


@pytest.mark.slow
def test_static_files_ship_in_the_wheel(tmp_path):
    """The page's files are package data: a built wheel carries them."""
    import zipfile

    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True, text=True)
    (wheel,) = tmp_path.glob("milia_risk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"ingredients/static/{p.name}" for p in (ROOT / "src/ingredients/static").iterdir()}
    assert {"ingredients/static/index.html", "ingredients/static/app.js",
            "ingredients/static/app.css"} <= shipped <= names
    assert "ingredients/web.py" in names


# --------------------------------------------------------------------------- without the extra


def test_library_imports_without_fastapi():
    """`import ingredients` must not import FastAPI; it works when FastAPI is absent."""
    code = ("import sys\n"
            "for m in ('fastapi', 'uvicorn', 'starlette', 'pydantic'): sys.modules[m] = None\n"
            "import ingredients\n"
            "assert ingredients.analyze('Aqua, Petrolatum').band in ('moderate', 'high')\n"
            "print('ok')\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr
    code = "import sys, ingredients; ingredients.analyze('Aqua'); print('fastapi' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert r.stdout.strip() == "False", r.stderr


def test_serve_without_the_extra_exits_2_with_one_line(monkeypatch):
    from milia_cli.main import main

    monkeypatch.delitem(sys.modules, "ingredients.web", raising=False)
    monkeypatch.setitem(sys.modules, "fastapi", None)
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "milia-risk[web]" in lines[0]


def test_explain_model_fits_every_curated_entry():
    """/openapi.json's ExplainOut describes what explain_dict gives for every rated entry."""
    from ingredients.web import ExplainOut

    db = ingredients.default_database()
    for entry in db.rated_entries():
        ExplainOut.model_validate(explain_dict(entry.inci, db))
