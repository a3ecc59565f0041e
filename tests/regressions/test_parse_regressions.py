"""Real label texts that the parser once got wrong (see ``parse_cases.yaml``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ingredients._parse import parse

CASES_FILE = Path(__file__).with_name("parse_cases.yaml")
CASES: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
FIELDS = {"alternatives", "percent", "may_contain", "section", "flags"}


def test_cases_are_well_formed() -> None:
    """Every case has a unique id, a source, a reason and an expectation."""
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    for case in CASES:
        assert {"id", "source", "why", "text", "names"} <= case.keys(), case["id"]
        for checks in case.get("items", {}).values():
            assert set(checks) <= FIELDS, case["id"]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_regression(case: dict[str, Any]) -> None:
    """The case parses to the recorded names and item details."""
    found = parse(case["text"])
    assert [i.name for i in found] == case["names"]
    for position, checks in case.get("items", {}).items():
        item = found[position - 1]
        for field, expected in checks.items():
            actual = getattr(item, field)
            assert (list(actual) if isinstance(actual, tuple) else actual) == expected, (
                position,
                field,
            )
    for flag in case.get("absent_flags", []):
        assert not any(flag in i.flags for i in found)
    for item in found:
        assert case["text"][item.span[0] : item.span[1]] == item.raw


def test_long_name_cut_at_a_space_keeps_no_trailing_space():
    """Found by Hypothesis: a name cut at 300 characters kept the space it was cut at."""
    from ingredients import parse

    text = "Acrylates/C10-30 " + "x" * 282 + " Baba" + "y" * 20
    [item] = parse(text)
    assert "long" in item.flags and item.name == item.name.strip() and len(item.name) <= 300
