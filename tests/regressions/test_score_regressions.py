"""Real lists whose band once said more than the tool had read (score_cases.yaml)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
import yaml

import ingredients

HERE = Path(__file__).resolve().parent
CASES: list[dict[str, Any]] = yaml.safe_load((HERE / "score_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_score_regression(case: dict[str, Any], shared_data: Path) -> None:
    path = shared_data / "products" / case["file"]
    with path.open(encoding="utf-8", newline="") as fh:
        text = list(csv.DictReader(fh))[case["row"]]["ingredients"]
    report = ingredients.analyze(text)
    assert report.band == case["band"], report.summary
    assert list(report.band_range) == case["band_range"], report.summary
    assert report.nothing_read is case["nothing_read"]
    assert report.unread and report.score_range[1] > report.score, report.summary
