"""Reformulation tracking: two snapshots of a catalogue, matched by ID."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from milia_cli.main import main

import ingredients
from ingredients import reformulation
from ingredients.reformulation import diff_catalogues


def _invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture
def snapshots(shared_data, tmp_path):
    """Sephora 2023 skincare as it is (old) and reformulated (new), by product_id."""
    with (shared_data / "products" / "sephora_2023_skincare.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    header = ["product_id", "product_name", "primary_category", "ingredients"]
    old = [[r[c] for c in header] for r in rows]
    new = [list(r) for r in old[3:]]  # the first three are discontinued
    # (the cells are Python list literals of label paragraphs: "['Water, Glycerin, ...']")
    assert all(r[3].startswith("['") for r in new[:2])
    new[0][3] = new[0][3].replace("['", "['Mineral Oil, ", 1)  # mineral oil added first
    new[0][1] = new[0][1] + " Mineral Oil-Free"
    parts = [p.strip() for p in new[1][3][2:].split(",")]
    new[1][3] = "['" + ", ".join([parts[1], parts[0], *parts[2:]])  # the first two swapped
    new[2][3] = new[2][3].replace("Water", "Aqua", 1)  # the same list, another name
    new.append(["NEW-1", "Oil-Free Gel", "Skincare", "Aqua, Glycerin, Paraffinum Liquidum"])
    new.append([new[5][0], "a second row with the same ID", "Skincare", "Aqua"])
    new.append(["", "no ID", "Skincare", "Aqua, Glycerin"])
    return (_write(tmp_path / "old.csv", header, old), _write(tmp_path / "new.csv", header, new),
            old, new)


def test_diff_real_catalogue(snapshots, tmp_path):
    old_path, new_path, old, new = snapshots
    out = tmp_path / "changes.csv"
    r = _invoke("diff", str(old_path), str(new_path), "--id-column", "product_id", "-o",
                str(out), "--claims-column", "product_name")
    assert r.exit_code == 0, r.output
    with out.open(encoding="utf-8") as fh:
        changes = list(csv.DictReader(fh))
    by_kind: dict[str, list[dict[str, str]]] = {}
    for c in changes:
        by_kind.setdefault(c["change"], []).append(c)
    assert sorted(c["id"] for c in by_kind["removed"]) == sorted(r[0] for r in old[:3])
    assert [c["id"] for c in by_kind["added"]] == ["NEW-1"]
    assert by_kind["added"][0]["new_claim_conflicts"] == "oil-free: Paraffinum Liquidum"
    changed = {c["id"]: c for c in by_kind["changed"]}
    assert set(changed) == {new[0][0], new[1][0]}  # Water -> Aqua is no change
    first = changed[new[0][0]]
    assert first["ingredients_added"] == "Mineral Oil" and not first["ingredients_removed"]
    want = ingredients.analyze(new[0][3])
    assert float(first["score_after"]) == round(want.score, 1)
    assert float(first["score_before"]) == round(ingredients.analyze(old[3][3]).score, 1)
    assert "mineral-oil-free: Mineral Oil" in first["new_claim_conflicts"]
    swapped = changed[new[1][0]]
    assert " 1\u21922" in swapped["ingredients_moved"] and " 2\u21921" in swapped["ingredients_moved"]
    assert swapped["ingredients_moved"].count("\u2192") == 2  # nothing else moved
    dup = by_kind["duplicate id"]
    assert [c["id"] for c in dup] == [new[5][0]] and "not compared" in dup[0]["note"]
    assert len(by_kind["missing id"]) == 1 and by_kind["missing id"][0]["new_row"] == str(len(new))
    assert "3 removed" in r.output and "2 changed" in r.output and "1 duplicate" in r.output


def test_partitions_change_nothing(snapshots, monkeypatch):
    old_path, new_path, _old, _new = snapshots
    one = [json.dumps(c.row()) for c in diff_catalogues(old_path, new_path, "product_id")]
    monkeypatch.setattr(reformulation, "PARTITION_BYTES", 20_000)  # some 40 partitions
    many = [json.dumps(c.row()) for c in diff_catalogues(old_path, new_path, "product_id")]
    assert many == one and len(one) >= 8  # the same changes, in the same order


def test_changes_come_in_the_new_snapshots_order_then_the_removed(snapshots, monkeypatch):
    old_path, new_path, _old, _new = snapshots
    monkeypatch.setattr(reformulation, "PARTITION_BYTES", 20_000)
    changes = list(diff_catalogues(old_path, new_path, "product_id"))
    in_new = [c.new_row for c in changes if c.new_row is not None]
    assert in_new == sorted(in_new)
    first_removed = next(k for k, c in enumerate(changes) if c.new_row is None)
    assert all(c.new_row is None for c in changes[first_removed:])
    removed = [c.old_row for c in changes[first_removed:]]
    assert removed == sorted(removed)


def test_diff_scored_snapshots_keeps_their_scores(snapshots, tmp_path):
    old_path, new_path, _old, new = snapshots
    scored = []
    for src in (old_path, new_path):
        out = tmp_path / f"scored-{src.stem}.jsonl"
        r = _invoke("scan", str(src), "-o", str(out), "--claims-column", "product_name", "-q")
        assert r.exit_code == 0, r.output
        scored.append(out)
    changes = list(diff_catalogues(scored[0], scored[1], "product_id"))
    first = next(c for c in changes if c.id == new[0][0])
    with scored[1].open(encoding="utf-8") as fh:
        rec = next(json.loads(line) for line in fh if json.loads(line)["product_id"] == new[0][0])
    assert first.score_after == rec["score"] and first.band_after == rec["band"]
    assert "mineral-oil-free: Mineral Oil" in first.new_claim_conflicts
    html = tmp_path / "changes.html"
    r = _invoke("diff", str(scored[0]), str(scored[1]), "--id-column", "product_id",
                "-o", str(html), "-q")
    assert r.exit_code == 0, r.output
    text = html.read_text(encoding="utf-8")
    assert "Catalogue changes" in text and new[0][0] in text and "http:" not in text


def test_diff_bad_input(tmp_path):
    old = _write(tmp_path / "old.csv", ["sku", "ingredients"], [["1", "Aqua, Glycerin"]])
    new = _write(tmp_path / "new.csv", ["SKU", "ingredients"], [["1", "Aqua, Glycerin"]])
    r = _invoke("diff", str(old), str(new), "--id-column", "sku")
    assert r.exit_code == 2
    assert "new snapshot: no column 'sku' for --id-column; columns are: SKU, ingredients" in r.output
    r = _invoke("diff", str(old), str(old), "--id-column", "sku", "-o", str(old))
    assert r.exit_code == 2 and "is the input" in r.output
    r = _invoke("diff", str(old), str(old), "--id-column", "sku")
    assert r.exit_code == 0 and r.output.splitlines()[0].startswith("id,change")
    assert "0 changed" in r.output
    jl = tmp_path / "changes.jsonl"
    r = _invoke("diff", str(old), str(new), "--id-column", "sku", "-o", str(jl))
    assert r.exit_code == 2 and not jl.exists()  # an error leaves no output behind
    new2 = _write(tmp_path / "new2.csv", ["sku", "ingredients"],
                  [["1", "Glycerin, Aqua"], ["2", "Aqua"]])
    r = _invoke("diff", str(old), str(new2), "--id-column", "sku", "-o", str(jl), "-q")
    assert r.exit_code == 0, r.output
    records = [json.loads(line) for line in jl.read_text(encoding="utf-8").splitlines()]
    assert [(x["id"], x["change"]) for x in records] == [("1", "changed"), ("2", "added")]
    assert records[0]["ingredients_moved"] == "Aqua 1\u21922; Glycerin 2\u21921"
