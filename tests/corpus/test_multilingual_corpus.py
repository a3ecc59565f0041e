"""Parse and match the real multilingual lists in ``../shared/data/products/multilingual``.

Skipped (with the reason) when the shared data is absent. The lists are test data only:
nothing of them is copied into the project.
"""

from __future__ import annotations

import csv

import pytest
from conftest import shared_data_path

import ingredients

# Lists written in a script with its own list marks: each must be read as a list.
CJK = ("ja", "zh-hans", "zh-hant")
LIST_MARKS = "、，；"


def _rows(language: str) -> list[str]:
    path = shared_data_path() / "products" / "multilingual" / f"{language}.csv"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    with path.open(encoding="utf-8", newline="") as fh:
        return [row["ingredients"] for row in csv.DictReader(fh)]


@pytest.mark.parametrize("language", CJK)
def test_cjk_list_marks_separate_items(language):
    for text in _rows(language):
        items = ingredients.parse(text)
        for item in items:
            assert text[item.span[0] : item.span[1]] == item.raw
            assert not any(mark in item.name for mark in LIST_MARKS), (language, item.name)
        if sum(text.count(mark) for mark in "、，") >= 3:
            assert len(items) >= 3, (language, text[:80])


def test_korean_names_resolve_through_the_name_table():
    """The Korean name table reads a share of the Korean lists (each such answer names its source)."""
    found = total = 0
    for text in _rows("ko"):
        for m in ingredients.match_many(ingredients.parse(text)):
            total += 1
            if m.method == "synonym" and "Korean name" in m.reason:
                found += 1
    assert total and found / total > 0.1
