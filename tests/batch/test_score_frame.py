"""Batch scoring: one row out per row in, in order, with errors in their own rows."""

from __future__ import annotations

import pandas as pd
import pytest

import ingredients
from ingredients._batch import RESULT_COLUMNS, cell_problem, score_frame

CREAM = "Aqua, Paraffinum Liquidum, Petrolatum, Lanolin Alcohol, Glycerin, Phenoxyethanol"
GEL = "Aqua, Glycerin, Salicylic Acid 2%, Xanthan Gum, Phenoxyethanol"


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        pytest.param(None, "empty cell", id="none"),
        pytest.param(float("nan"), "empty cell", id="nan"),
        pytest.param("   ", "empty cell", id="blank"),
        pytest.param(42, "not text", id="number"),
        pytest.param("Aqua\x00Glycerin", "NUL", id="nul"),
        pytest.param("Aqua, " * 200_000, "limit", id="one-megabyte"),
        pytest.param("Aqua, Gly\udcffcerin", "not valid text", id="bad-utf8"),
        pytest.param("Aqua, Glycerin", None, id="fine"),
    ],
)
def test_cell_problem(cell, problem):
    found = cell_problem(cell)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


def test_one_row_per_row_same_index_and_order():
    df = pd.DataFrame({"ingredients": [CREAM, None, GEL, "#NAME?", "x\x00y", CREAM]},
                      index=[10, 3, 7, 1, 99, 5])
    out = score_frame(df)
    assert list(out.index) == [10, 3, 7, 1, 99, 5]
    assert list(out.columns) == list(RESULT_COLUMNS)
    assert out.loc[10, "score"] == out.loc[5, "score"]
    assert out.loc[10, "score"] > out.loc[7, "score"]
    assert out.loc[3, "error"] == "empty cell"
    assert out.loc[1, "error"] == "no ingredients found"
    assert "NUL" in out.loc[99, "error"]
    assert out.loc[10, "error"] == "" and out.loc[10, "band"] in {"low", "moderate", "high"}


def test_matches_analyze():
    df = pd.DataFrame({"ingredients": [CREAM, GEL]})
    out = score_frame(df)
    for text, score in zip(df["ingredients"], out["score"], strict=True):
        assert score == pytest.approx(round(ingredients.analyze(text).score, 1))


def test_product_type_from_a_category_column():
    df = pd.DataFrame({"ingredients": [CREAM, CREAM], "Label": ["Cleanser", "Moisturizer"]})
    out = score_frame(df, product_type="Label")
    assert out.loc[0, "score"] < out.loc[1, "score"]


def test_unknown_column_is_an_input_error():
    with pytest.raises(ingredients.InputError, match="no column 'inci'"):
        score_frame(pd.DataFrame({"ingredients": [CREAM]}), "inci")


def test_partition_function_is_pure():
    """Same rows, any partitioning, same answer (what map_partitions relies on)."""
    df = pd.DataFrame({"ingredients": [CREAM, GEL, None, CREAM] * 5})
    whole = score_frame(df)
    parts = pd.concat([score_frame(df.iloc[i:i + 3]) for i in range(0, len(df), 3)])
    pd.testing.assert_frame_equal(whole, parts)
