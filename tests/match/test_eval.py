"""The evaluation harness (benchmarks/match_eval.py) on a small sample, with its targets."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def figures():
    spec = importlib.util.spec_from_file_location("match_eval", ROOT / "benchmarks" / "match_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    lines: list[str] = []
    return module.run(quick=True, out=lines.append)


def test_vocabulary_names_resolve_exactly(figures):
    assert figures["exact_on_vocabulary"] >= 0.99


def test_no_near_miss_confusions(figures):
    assert figures["near_miss_confusions"] == 0


def test_typos_and_ocr_slips(figures):
    assert figures["typo_accuracy"] >= 0.93  # 0.95 is the target on the full set
    assert figures["typo_confident_wrong"] == 0


def test_non_ingredients_are_unknown(figures):
    assert figures["non_ingredient_unknown"] >= 0.95


def test_hand_labelled_products(figures):
    if "hand_labelled_accuracy" not in figures:
        pytest.skip("../shared/data is absent: the labelled products live there")
    assert figures["hand_labelled_accuracy"] >= 0.97


def test_multilingual_lists_are_never_read_wrong(figures):
    """Per language of benchmarks/labels/multilingual.yaml: what the matcher names is right
    (precision; the target is 0.97 in every language), and no wrong answer is confident.
    Recall is printed by the benchmark: where names are not yet in a table it is low."""
    precisions = {k: v for k, v in figures.items() if k.startswith("precision_")}
    if not precisions:
        pytest.skip("benchmarks/labels/multilingual.yaml is absent")
    # it, nl, pl and en-common are read from benchmarks/labels/extra_lists.csv, always;
    # the other languages' lists live in ../shared/data.
    assert {"precision_it", "precision_nl", "precision_pl", "precision_en-common"} <= precisions.keys()
    if (ROOT.parent / "shared" / "data" / "products").is_dir():
        assert len(precisions) >= 8
    assert all(p >= 0.97 for p in precisions.values()), precisions
    assert figures["multilingual_confident_wrong"] == 0


def test_language_alignment_keeps_null_labels_and_unread_items_apart():
    """A null label must not pair with an unread item: in zh-hant.csv#2 a pair of nulls paired
    with the first unread items and pushed GLYCERIN, read right, out of the alignment."""
    spec = importlib.util.spec_from_file_location("match_eval", ROOT / "benchmarks" / "match_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    expected = ["TALC", "SILICA", "GLYCERIN", None, None, "WATER"]
    predicted = ["TALC", None, None, "GLYCERIN", None, None, "WATER"]
    assert module.aligned_right(expected, predicted) == 3
    assert module.aligned_right([None, None], [None, None]) == 0
