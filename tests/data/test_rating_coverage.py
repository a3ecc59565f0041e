"""Every rated row of the comedogenicity lists is accounted for in the curated data.

A rated row (a value other than ``?``) must appear as a rating item of some risk entry
with the same source, value and ``as_listed`` name, or be listed in ``data/unmapped.yaml``
with a reason. The check also runs backwards: an item that claims to come from a list
must match a row of that list. The YAML is read directly (not through the library's
loader), so this test pins the data, not the code.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
RATINGS = SHARED / "ratings"

# source id -> file in ../shared/data/ratings; column 1 is the name, column 2 the rating.
LISTS = {
    "fulton-table": "classic_table_a.csv",
    "acneorg-list": "acneorg_list.csv",
    "botanical-oils-list": "botanical_oils_list.csv",
    "hautschutzengel-list": "hautschutzengel_list.csv",
}

Value = int | tuple[int, int]
Row = tuple[str, str, Value]  # (source, as_listed, value)


@pytest.fixture(scope="module")
def ratings_dir() -> Path:
    if not RATINGS.is_dir():
        pytest.skip(f"rating lists not available: {RATINGS} is absent")
    return RATINGS


def _value(cell: str) -> Value | None:
    """``"3"`` -> 3, ``"0-2"`` -> (0, 2), ``"?"`` or empty -> None."""
    cell = cell.strip()
    if cell in ("", "?"):
        return None
    if "-" in cell:
        lo, hi = (int(x) for x in cell.split("-"))
        return (lo, hi)
    return int(cell)


def _rows(path: Path) -> Iterator[tuple[str, Value]]:
    """(name exactly as written, value) for each rated row of a list."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)  # header
        for row in reader:
            if len(row) < 2:
                continue
            value = _value(row[1])
            if value is not None:
                yield row[0], value


def _item_value(raw: Any) -> Value:
    return (int(raw[0]), int(raw[1])) if isinstance(raw, list) else int(raw)


def _curated_items() -> set[Row]:
    """(source, as_listed, value) of every comedogenicity item in data/risk/*.yaml."""
    found: set[Row] = set()
    for path in sorted((DATA / "risk").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in doc.get("entries") or []:
            for item in entry.get("comedogenicity") or []:
                if "as_listed" in item:
                    found.add((item["source"], item["as_listed"], _item_value(item["value"])))
    return found


def _unmapped() -> list[dict[str, str]]:
    doc = yaml.safe_load((DATA / "unmapped.yaml").read_text(encoding="utf-8")) or {}
    return list(doc.get("unmapped") or [])


def _list_rows(ratings: Path) -> set[Row]:
    return {(src, name, value) for src, fname in LISTS.items()
            for name, value in _rows(ratings / fname)}


def test_every_rated_row_is_curated_or_explained(ratings_dir: Path) -> None:
    """Each rated row is a rating item (same source, value, name) or in unmapped.yaml."""
    items = _curated_items()
    unmapped = {(u["source"], u["as_listed"]) for u in _unmapped()}
    missing = [row for row in sorted(_list_rows(ratings_dir), key=str)
               if row not in items and row[:2] not in unmapped]
    assert not missing, "rated rows with no rating item and no unmapped.yaml entry:\n" + \
        "\n".join(f"  {src}: {name!r} = {value}" for src, name, value in missing)


def test_every_list_item_matches_a_row(ratings_dir: Path) -> None:
    """No rating item claims a list row (name and value) that the list does not have."""
    rows = _list_rows(ratings_dir)
    stale = [item for item in sorted(_curated_items(), key=str)
             if item[0] in LISTS and item not in rows]
    assert not stale, "rating items not found in their list:\n" + \
        "\n".join(f"  {src}: {name!r} = {value}" for src, name, value in stale)


def test_unmapped_rows_exist_and_say_why(ratings_dir: Path) -> None:
    """unmapped.yaml names real rated rows, once each, with a reason."""
    names = {(src, name) for src, name, _ in _list_rows(ratings_dir)}
    seen: set[tuple[str, str]] = set()
    for u in _unmapped():
        key = (u["source"], u["as_listed"])
        assert key in names, f"unmapped.yaml: {key} is not a rated row of {u['source']}"
        assert key not in seen, f"unmapped.yaml: {key} listed twice"
        seen.add(key)
        assert len(str(u.get("reason", "")).split()) >= 5, f"unmapped.yaml: {key} needs a reason"


def test_second_copy_of_classic_table_agrees(ratings_dir: Path) -> None:
    """The second copy of the classic table gives the same comedogenicity values.

    Its names differ only in spacing ("D&C Red #7" for "D&C Red # 7"), so names are
    compared without whitespace.
    """
    def squash(s: str) -> str:
        return re.sub(r"\s+", "", s)

    first = {squash(n): v for n, v in _rows(ratings_dir / "classic_table_a.csv")}
    second = {squash(n): v for n, v in _rows(ratings_dir / "classic_table_b.csv")}
    assert first == second
    curated = {squash(name): value for src, name, value in _curated_items()
               if src == "fulton-table"}
    assert {k: v for k, v in second.items() if k in curated} == {
        k: curated[k] for k in second if k in curated}
