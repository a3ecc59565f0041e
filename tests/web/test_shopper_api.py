"""POST /api/compare (and /api/routine): per-item errors, limits, the library's answer."""

from __future__ import annotations

import pytest

import ingredients
from ingredients._compare import CompareItem

A = "Aqua, Petrolatum, Butyrospermum Parkii Butter, Glycerin, Phenoxyethanol"
B = "Aqua, Glycerin, Squalane, Phenoxyethanol"


def test_compare_is_the_library_comparison(client):
    r = client.post("/api/compare", json={"items": [{"text": A, "id": "old"},
                                                    {"text": B, "area": "eye", "id": 2}]})
    assert r.status_code == 200
    body = r.json()
    lib = ingredients.compare([CompareItem(A, label="old"), CompareItem(B, area="eye", label="2")])
    expected = lib.to_dict()
    assert body["summary"] == expected["summary"]
    assert body["differences"] == expected["differences"]
    assert [i["id"] for i in body["items"]] == ["old", 2]
    assert body["items"][1]["report"] == ingredients.analyze(B, area="eye").to_dict()


def test_compare_bad_items_fail_alone_in_their_slot(client):
    r = client.post("/api/compare", json={"items": [
        {"text": A}, {"text": ""}, {"txt": A}, 7, {"text": A, "area": "knee"}, {"text": B}]})
    assert r.status_code == 200
    items = r.json()["items"]
    assert "report" in items[0] and "report" in items[5]
    assert items[1]["error"] == "the ingredient text is empty"
    assert items[2]["error"].startswith("text: Field required")
    assert "JSON object" in items[3]["error"]
    assert items[4]["error"].startswith("area:")
    assert [(d["first"], d["other"]) for d in r.json()["differences"]] == [(0, 5)]


@pytest.mark.parametrize(("n", "status"), [(0, 422), (1, 422), (2, 200), (10, 200), (11, 413)])
def test_compare_item_limits(client, n, status):
    r = client.post("/api/compare", json={"items": [{"text": A}] * n})
    assert r.status_code == status, r.text
    if status != 200:
        assert set(r.json()) == {"error"}


ROUTINE = {"products": [
    {"name": "Eye cream", "ingredients": A, "areas": ["eye"], "frequency": "twice daily"},
    {"name": "Serum", "ingredients": B, "areas": ["face", "eye"], "frequency": 3},
]}


def test_routine_is_the_library_routine(client):
    r = client.post("/api/routine", json=ROUTINE)
    assert r.status_code == 200
    assert r.json() == ingredients.analyze_routine(ROUTINE["products"]).to_dict()


@pytest.mark.parametrize(("product", "status", "words"), [
    ({"name": "Serum", "ingredients": B, "aeras": ["eye"]}, 422,
     "product 2 ('Serum'): unknown field 'aeras'"),
    ({"name": "Serum", "ingredients": ""}, 422, "product 2 ('Serum'): ingredients:"),
    ({"name": "Serum", "file": "/etc/passwd"}, 422, "product 2: file: not accepted"),
    ({"name": "Serum", "ingredients": "x" * 100_001}, 413, "product 2: ingredients: text is"),
])
def test_routine_errors_name_the_product_and_field(client, product, status, words):
    r = client.post("/api/routine", json={"products": [ROUTINE["products"][0], product]})
    assert r.status_code == status
    assert words in r.json()["error"]


def test_routine_over_the_limit_is_413(client):
    r = client.post("/api/routine", json={"products": [
        {"name": f"p{i}", "ingredients": A} for i in range(21)]})
    assert r.status_code == 413


def test_routine_lone_surrogate_is_a_422_not_a_crash(client):
    body = '{"products": [{"name": "Bad \\ud800", "ingredients": "Aqua, Glycerin"}]}'
    r = client.post("/api/routine", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422 and "lone surrogate" in r.json()["error"]


@pytest.mark.parametrize(("path", "body"), [
    ("/api/compare", {"items": [{"text": "Aqua, " * 15_000}] * 3}),
    ("/api/routine", {"products": [{"name": f"p{i}", "ingredients": "Aqua, " * 15_000}
                                   for i in range(3)]}),
])
def test_a_comparison_or_routine_over_the_character_budget_is_413(client, path, body):
    """Each list within its own limit, but over the batch's budget in all (as for
    /api/analyze-batch): refused before any is analysed."""
    r = client.post(path, json=body)
    assert r.status_code == 413
    assert "characters of text in all" in r.json()["error"]


def test_compare_ids_come_back_with_their_json_type(client):
    r = client.post("/api/compare", json={"items": [{"text": A, "id": True}, {"text": B, "id": 1.5},
                                                    {"text": B, "id": "7"}, {"text": B, "id": 7}]})
    assert [i["id"] for i in r.json()["items"]] == [True, 1.5, "7", 7]
