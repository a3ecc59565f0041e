"""Golden reports of real products (tests/score/golden.yaml), read by eye."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest
import yaml

import ingredients

HERE = Path(__file__).resolve().parent
PRODUCTS = HERE.parents[1].parent / "shared" / "data" / "products"
SAMPLE = HERE.parents[1] / "data" / "sample"
CASES = yaml.safe_load((HERE / "golden.yaml").read_text(encoding="utf-8"))["cases"]
COLUMNS = {"sephora_2019_cosmetics.csv": ("Ingredients", "cp1252"),
           "openbeautyfacts_sample.csv": ("ingredients_text", "utf-8")}


def _text(file: str, row: int) -> str:
    path = SAMPLE / file if (SAMPLE / file).exists() else PRODUCTS / file
    if not path.exists():
        pytest.skip(f"{file} not found: the real products live in ../shared/data")
    column, encoding = COLUMNS[file]
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding=encoding, newline="") as fh:
        for i, rec in enumerate(csv.DictReader(fh)):
            if i == row:
                return rec[column]
    raise AssertionError(f"{file} has no row {row}")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_golden(case):
    report = ingredients.analyze(_text(case["file"], case["row"]),
                                 product_type=case["product_type"], area=case["area"])
    lo, hi = case["score"]
    assert report.band == case["band"], report.summary
    assert list(report.band_range) == case.get("band_range", [case["band"]] * 2), report.summary
    assert lo <= report.score <= hi, report.summary
    top: set[str | None] = set()
    for f in report.top_contributors():
        entry = f.match.entry
        top |= {entry.inci, *entry.names} if entry else {f.match.inci}
    for name in case.get("top", []):
        assert name in top, (name, report.summary)
    protective = {f.match.inci for f in report.findings if f.contribution < 0}
    for name in case.get("protective", []):
        assert name in protective, (name, report.summary)
    if "notes" in case:
        assert any(case["notes"] in n for n in report.notes)


def test_rinse_off_scores_lower_than_leave_on_for_every_golden_product():
    for case in CASES:
        text = _text(case["file"], case["row"])
        leave = ingredients.analyze(text, product_type="leave-on", area=case["area"]).score
        rinse = ingredients.analyze(text, product_type="rinse-off", area=case["area"]).score
        assert rinse <= leave
