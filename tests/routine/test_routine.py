"""analyze_routine and load_routine: per-area loads that add up, errors naming product and field."""

from __future__ import annotations

import json
import math

import pytest

import ingredients
from ingredients._routine import parse_frequency, render_routine

EYE_CREAM = "Aqua, Petrolatum, Butyrospermum Parkii Butter, Glycerin, Phenoxyethanol"
SERUM = "Aqua, Glycerin, Squalane, Niacinamide, Isopropyl Myristate"
CLEANSER = "Aqua, Sodium Laureth Sulfate, Cocamidopropyl Betaine, Cocos Nucifera Oil"
UNREAD = "Aqua, Glycerin, Zorbleflex Qux, Frobnium Wax"

ROUTINE = [
    {"name": "Eye cream", "ingredients": EYE_CREAM, "areas": ["eye"], "frequency": "twice daily"},
    {"name": "Serum", "ingredients": SERUM, "areas": ["face", "eye"], "frequency": "daily"},
    {"name": "Cleanser", "ingredients": CLEANSER, "product_type": "rinse-off", "areas": "face"},
]


def test_each_product_is_scored_for_each_area_it_goes_on():
    r = ingredients.analyze_routine(ROUTINE)
    assert [a.area for a in r.areas] == ["face", "eye"]
    eye = r.areas[1]
    assert {p.product for p in eye.products} == {"Eye cream", "Serum"}
    serum_on_eye = next(p for p in eye.products if p.product == "Serum")
    assert serum_on_eye.report == ingredients.analyze(SERUM, area="eye")


def test_the_combination_rule():
    """load = 100 (1 - prod(1 - exposure * score / 100)); product and ingredient points add up."""
    r = ingredients.analyze_routine(ROUTINE)
    for a in r.areas:
        keep = math.prod(1 - p.exposure * p.report.score / 100 for p in a.products)
        assert a.load == pytest.approx(100 * (1 - keep))
        assert sum(p.points for p in a.products) == pytest.approx(a.load)
        assert a.load_range[0] <= a.load <= a.load_range[1]
    eye = r.areas[1]
    assert eye.products[0].product == "Eye cream"
    assert eye.ingredients[0].ingredient == "Petrolatum"
    assert eye.load >= max(p.report.score * p.exposure for p in eye.products)


def test_frequency_lowers_the_load():
    daily = ingredients.analyze_routine([{**ROUTINE[0], "frequency": "daily"}]).areas[0]
    weekly = ingredients.analyze_routine([{**ROUTINE[0], "frequency": "weekly"}]).areas[0]
    assert weekly.load == pytest.approx(daily.load / 7)


def test_an_unread_product_makes_the_area_uncertain_and_names_what():
    r = ingredients.analyze_routine([{"name": "Mystery balm", "ingredients": UNREAD,
                                      "areas": ["lips"]}])
    lips = r.areas[0]
    assert lips.band == "uncertain" and lips.band_range[0] != lips.band_range[1]
    assert "Mystery balm: Zorbleflex Qux" in lips.unread
    assert "can't tell" in lips.summary and "Zorbleflex Qux" in lips.summary


@pytest.mark.parametrize(("value", "per_week"), [
    ("daily", 7), ("twice daily", 14), ("Twice-Daily", 14), ("every other day", 3.5),
    ("weekly", 1), ("3 times a week", 3), ("2x per day", 14), ("1/week", 1), (5, 5), (0.5, 0.5),
])
def test_frequencies(value, per_week):
    assert parse_frequency(value) == pytest.approx(per_week)


@pytest.mark.parametrize("value", ["sometimes", 0, -1, 1000, True, "9999 times a day"])
def test_bad_frequency(value):
    with pytest.raises(ingredients.InputError, match="frequency"):
        parse_frequency(value)


@pytest.mark.parametrize(("change", "words"), [
    ({"aeras": ["eye"]}, "product 2 ('Serum'): unknown field 'aeras'"),
    ({"areas": ["knee"]}, "product 2 ('Serum'): areas: 'knee' is not one of"),
    ({"product_type": "spray"}, "product 2 ('Serum'): product_type: 'spray'"),
    ({"frequency": "sometimes"}, "product 2 ('Serum'): frequency 'sometimes'"),
    ({"ingredients": "  "}, "product 2 ('Serum'): ingredients: the ingredient text is empty"),
    ({"name": ""}, "product 2: name: required"),
])
def test_a_wrong_field_names_the_product_and_the_field(change, words):
    bad = [ROUTINE[0], {**ROUTINE[1], **change}, ROUTINE[2]]
    with pytest.raises(ingredients.InputError) as err:
        ingredients.analyze_routine(bad)
    assert words in str(err.value)


def test_limits_and_shapes():
    with pytest.raises(ingredients.InputError, match="no products"):
        ingredients.analyze_routine([])
    with pytest.raises(ingredients.InputError, match="at most 20 products, got 21"):
        ingredients.analyze_routine([{**ROUTINE[1], "name": f"p{i}"} for i in range(21)])
    with pytest.raises(ingredients.InputError, match="used twice"):
        ingredients.analyze_routine([ROUTINE[1], ROUTINE[1]])
    assert ingredients.analyze_routine({"products": ROUTINE}).areas


def test_load_routine_yaml_with_files(tmp_path):
    (tmp_path / "cream.txt").write_text(EYE_CREAM, encoding="utf-8")
    (tmp_path / "routine.yaml").write_text(
        "products:\n"
        "  - name: Eye cream\n    file: cream.txt\n    areas: [eye]\n"
        f"  - name: Serum\n    ingredients: {SERUM}\n    areas: [face, eye]\n"
        "    frequency: 3 times a week\n", encoding="utf-8")
    products = ingredients.load_routine(tmp_path / "routine.yaml")
    assert products[0].text == EYE_CREAM and products[1].uses_per_week == 3


def test_load_routine_json_and_errors_name_the_file(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"products": [{**ROUTINE[0], "file": "missing.txt",
                                              "ingredients": None}]}), encoding="utf-8")
    with pytest.raises(ingredients.InputError) as err:
        ingredients.load_routine(path)
    assert str(err.value).startswith(f"{path}: product 1 ('Eye cream'): file: cannot read")
    path.write_text("products: [", encoding="utf-8")
    with pytest.raises(ingredients.InputError, match="not valid YAML or JSON"):
        ingredients.load_routine(path)


def test_text_and_json_output():
    r = ingredients.analyze_routine(ROUTINE)
    text = render_routine(r)
    assert "EYE  load" in text and "a model, not a measurement" in text
    assert max(len(line) for line in text.splitlines()) <= 80
    data = json.loads(render_routine(r, "json"))
    assert data["areas"][1]["products"][0]["report"]["schema_version"]
