"""The area per row: read from a category column through data/product_types.yaml."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from click.testing import CliRunner
from milia_cli.main import main

import ingredients
from ingredients._area import parse_area_words

# (category text as a retailer writes it, area it names) - a docstring-like id per case
CATEGORIES = [
    pytest.param("Eye cream", "eye", id="sephora-2019-label"),
    pytest.param("Eye Care", "eye", id="sociolla-category"),
    pytest.param("Eyelash Serum", "eye", id="sociolla-lash-serum"),
    pytest.param("Skincare > Eye > Eye Creams & Treatments", "eye", id="sephora-2023-path"),
    pytest.param("Contorno de Ojos", "eye", id="spanish-eye-contour"),
    pytest.param("眼霜", "eye", id="chinese-eye-cream-no-spaces"),
    pytest.param("맨즈케어 > 메이크업 > 컬러립밤/보습립밤", "lips", id="korean-lip-balm-glued"),
    pytest.param("맨즈케어 > 메이크업 > 아이브로우", "face", id="korean-eyebrow-is-not-eye"),
    pytest.param("Eyebrow", "face", id="eyebrow-is-not-eye"),
    pytest.param("Lip Care", "lips", id="lip-care"),
    pytest.param("Corpo", "body", id="portuguese-body"),
    pytest.param("Bath & Body", "body", id="bath-and-body"),
    pytest.param("Face and Body Lotion", "face", id="face-outranks-body"),
    pytest.param("Eye & Lip Balm", "eye", id="eye-outranks-lips"),
    pytest.param("Moisturizer", "face", id="no-area-word-is-face"),
    pytest.param("Eyesight", "face", id="whole-words-only"),
    pytest.param("  LIPS ", "lips", id="explicit-value"),
    pytest.param("", "face", id="empty"),
]


@pytest.mark.parametrize(("category", "area"), CATEGORIES)
def test_area_of_category(category, area):
    assert ingredients.default_database().area_of(category) == area


def test_area_words_validated():
    problems: list[tuple[str, str]] = []
    parse_area_words({"area_order": ["eye", "face"], "area_words": {
        "eye": ["eye", "lip"], "lips": ["lip"], "nose": ["nose"], "body": "arm"}},
        lambda where, message: problems.append((where, message)))
    wheres = [w for w, _m in problems]
    assert "area_order" in wheres  # not every area listed
    assert "area_words.nose" in wheres  # unknown area
    assert "area_words.body" in wheres  # not a list
    assert any("also a word of eye" in m for _w, m in problems)  # one word, two areas


def test_score_frame_area_column_is_analyze_per_row():
    df = pd.DataFrame({
        "ingredients": ["Aqua, Petrolatum, Cera Alba, Glycerin"] * 4,
        "category": ["Eye cream", "Lip Balm", "Body Lotion", "Moisturizer"],
    })
    out = ingredients.score_frame(df, product_type="category", area="category")
    for (_i, row), area in zip(out.iterrows(), ["eye", "lips", "body", "face"], strict=True):
        want = ingredients.analyze(df["ingredients"][0], area=area)
        assert row["score"] == round(want.score, 1), area
    assert len(set(out["score"])) == 4  # the area changes the score of an occlusive


def test_scan_area_column_on_real_eye_creams(shared_data, tmp_path):
    """Sephora 2019's eye creams (Label 'Eye cream') are scored for the eye area."""
    src = shared_data / "products" / "sephora_2019_cosmetics.csv"
    out = tmp_path / "scored.csv"
    r = CliRunner().invoke(main, ["scan", str(src), "-o", str(out), "--encoding", "cp1252",
                                  "--product-type-column", "Label", "--area-column", "Label",
                                  "-q"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    eye = [row for row in rows if row["Label"] == "Eye cream" and not row["error"]]
    assert len(eye) >= 150
    checked = 0
    for row in eye[:40]:
        want = ingredients.analyze(row["Ingredients"], area="eye")
        assert float(row["score"]) == round(want.score, 1), row["Name"]
        checked += 1
    assert checked == 40
    # the same scan without an area column: the product-type column names the area too
    out2 = tmp_path / "scored2.csv"
    r = CliRunner().invoke(main, ["scan", str(src), "-o", str(out2), "--encoding", "cp1252",
                                  "--product-type-column", "Label", "-q"],
                           catch_exceptions=False)
    assert r.exit_code == 0
    assert out2.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    # an explicit --area still applies to every row
    out3 = tmp_path / "scored3.csv"
    r = CliRunner().invoke(main, ["scan", str(src), "-o", str(out3), "--encoding", "cp1252",
                                  "--product-type-column", "Label", "--area", "face", "-q"],
                           catch_exceptions=False)
    with out3.open(encoding="utf-8") as fh:
        face = {row["Name"] + row["Brand"]: row["score"] for row in csv.DictReader(fh)
                if row["Label"] == "Eye cream" and not row["error"]}
    higher = sum(float(row["score"]) > float(face[row["Name"] + row["Brand"]]) for row in eye)
    assert higher > len(eye) / 4  # occlusion weighs more around the eyes


def test_scan_area_column_errors(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("ingredients,kind\n\"Aqua, Glycerin\",Eye cream\n", encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(main, ["scan", str(src), "--area", "eye", "--area-column", "kind"])
    assert r.exit_code == 2 and "not both" in r.output
    r = runner.invoke(main, ["scan", str(src), "--area-column", "Kind"])
    assert r.exit_code == 2 and "columns: ingredients, kind" in r.output
