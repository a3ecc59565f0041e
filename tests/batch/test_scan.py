"""Streaming scans of files: formats, messy rows, --jobs, atomic output."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

import ingredients
from ingredients._scan import ChunkWriter, ScanSummary, detect_column, escape_formula, scan

CREAM = "Aqua, Paraffinum Liquidum, Petrolatum, Lanolin Alcohol, Glycerin, Phenoxyethanol"


def _rows(path, **kw):
    return pd.concat(list(scan(path, **kw)), ignore_index=True)


def test_csv_with_malformed_and_odd_rows(tmp_path):
    path = tmp_path / "c.csv"
    big = "Aqua, " * 200_000
    path.write_bytes(
        b"id;name;ingredients\n"
        b"1;cream;\"" + CREAM.encode() + b"\"\n"
        b"2;empty;\n"
        b"3;too;many;fields\n"
        b"4;nul;Aqua\x00Glycerin\n"
        b"5;big;" + big.encode() + b"\n"
        b"6;latin;Aqua, Gly\xe9rine\n"
        b"7;cream again;\"" + CREAM.encode() + b"\"\n"
    )
    out = _rows(path, column="ingredients")
    assert list(out["id"]) == ["1", "2", "3", "4", "5", "6", "7"]
    errors = dict(zip(out["id"], out["error"], strict=True))
    assert errors["1"] == "" and errors["7"] == ""
    assert errors["2"] == "empty cell"
    assert "malformed row" in errors["3"]
    assert "NUL" in errors["4"]
    assert "limit" in errors["5"]
    assert "not valid text" in errors["6"]


def test_cp1252_file_is_read_with_encoding_and_refused_row_by_row_without(tmp_path):
    """UTF-8 is not guessed away from: a cp1252 row gets an error naming --encoding."""
    path = tmp_path / "w.csv"
    path.write_bytes("name,Ingredients\ncr\xe8me,\"Aqua, Glyc\xe9rine, Petrolatum\"\n".encode("cp1252"))
    out = _rows(path, encoding="cp1252")
    assert out.loc[0, "name"] == "crème" and out.loc[0, "error"] == ""
    out = _rows(path)
    assert "--encoding cp1252" in out.loc[0, "error"] and out.loc[0, "name"] == "cr\ufffdme"


def test_jsonl_with_a_broken_line(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"sku": "a", "inci": CREAM}) + "\n{not json\n"
                    + json.dumps({"sku": "c", "inci": ["Aqua", "Glycerin"]}) + "\n",
                    encoding="utf-8")
    out = _rows(path, column="inci")
    assert len(out) == 3
    assert out.loc[0, "error"] == "" and "malformed JSON" in out.loc[1, "error"]
    assert out.loc[2, "n_ingredients"] == 2


def test_parquet_round_trip(tmp_path):
    pytest.importorskip("pyarrow")
    src = tmp_path / "in.parquet"
    pd.DataFrame({"ingredients": [CREAM, None, "Aqua"]}).to_parquet(src)
    out = _rows(src)
    assert len(out) == 3 and out.loc[1, "error"] == "empty cell"
    dest = tmp_path / "out.parquet"
    writer = ChunkWriter(dest)
    writer.write(out)
    writer.commit()
    assert len(pd.read_parquet(dest)) == 3


def test_jobs_give_the_same_output(tmp_path):
    path = tmp_path / "many.csv"
    texts = [CREAM, "Aqua, Glycerin, Salicylic Acid", "", "Aqua, Isopropyl Myristate"] * 50
    pd.DataFrame({"ingredients": texts}).to_csv(path, index=False)
    one = _rows(path, jobs=1, chunksize=17)
    two = _rows(path, jobs=2, chunksize=17)
    pd.testing.assert_frame_equal(one, two)
    assert len(one) == len(texts)


@pytest.mark.parametrize("caller_froze", [False, True])
def test_parallel_scan_freezes_objects_only_while_it_runs(tmp_path, caller_froze):
    """Workers are forked with this process's objects frozen for the garbage
    collector; when the scan ends (or stops early) they are unfrozen again, unless
    the caller had frozen objects of its own."""
    import gc

    path = tmp_path / "many.csv"
    pd.DataFrame({"ingredients": [CREAM, "Aqua, Glycerin"] * 20}).to_csv(path, index=False)
    assert gc.get_freeze_count() == 0
    try:
        if caller_froze:
            gc.freeze()
        chunks = scan(path, jobs=2, chunksize=5)
        next(chunks)
        assert gc.get_freeze_count() > 0
        chunks.close()  # stopped early
        assert (gc.get_freeze_count() > 0) is caller_froze
        assert len(_rows(path, jobs=2, chunksize=5)) == 40
        assert (gc.get_freeze_count() > 0) is caller_froze
    finally:
        gc.unfreeze()


def test_summary_counts(tmp_path):
    path = tmp_path / "s.csv"
    pd.DataFrame({"ingredients": [CREAM, "", "Aqua, Xyzzy Complex"]}).to_csv(path, index=False)
    summary = ScanSummary()
    _rows(path, summary=summary)
    assert summary.rows == 3 and summary.errors == 1
    assert summary.unknown["Xyzzy Complex"] == 1


@pytest.mark.parametrize(
    ("columns", "expected"),
    [(["id", "Ingredients", "Label"], "Ingredients"), (["x", "clean_ingreds"], "clean_ingreds"),
     (["sku", "ingredients_text", "ingredients_text_en"], "ingredients_text")],
)
def test_detect_column_by_name(columns, expected):
    assert detect_column(columns) == expected


def test_detect_column_refuses_to_guess():
    with pytest.raises(ingredients.InputError, match="--column"):
        detect_column(["a", "b"], [["x", "y"]])


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1", "'+1"), ("-Snap 8", "'-Snap 8"),
     ("@SUM(A1)", "'@SUM(A1)"), ("Aqua", "Aqua"), (-3.5, -3.5)],
)
def test_formula_escaping(cell, expected):
    assert escape_formula(cell) == expected


def test_interrupted_writer_leaves_no_file(tmp_path):
    dest = tmp_path / "out.csv"
    writer = ChunkWriter(dest)
    writer.write(pd.DataFrame({"a": [1]}))
    writer.abort()
    assert not dest.exists() and not list(tmp_path.iterdir())


def _scan_to_csv(src, dest, *, raw: bool, escape: bool = True):
    from ingredients._scan import Scan

    run = Scan(src, "ingredients", chunksize=3)
    header = run.columns + run.result_names()
    writer = ChunkWriter(dest, escape_formulas=escape)
    for rows, scored, raws in run.chunks():
        writer.write_scan(header, rows, scored, raws if raw else None)
    writer.commit()
    with dest.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@pytest.mark.parametrize("escape", [True, False])
def test_csv_output_copies_clean_records_exactly_as_read(tmp_path, escape):
    """Clean comma-separated records are copied as read (their quoting, CRLF inside
    quotes) with the results appended, and a row written afresh stays one record
    whatever line breaks its cells hold; what a CSV reader gets back is the same as
    when every row is written afresh, formula escaping included."""
    src = tmp_path / "in.csv"
    src.write_bytes(
        b"sku,note,ingredients\r\n"
        b"\"1\",\"plain \"\"quoted\"\" note\",\"" + CREAM.encode() + b"\"\r\n"
        b"2,\"two\r\nlines\",\"Aqua, Glycerin\"\r\n"
        b"3,=HYPERLINK(1),\"Aqua, Petrolatum\"\r\n"
        b"4,short\r\n"
        b"5,,\r\n"
        b"6,\"-Snap 8\",\"Aqua, Isopropyl Myristate\"\r\n"
        b"7,\"=two\nlines\",\"Aqua, Glycerin\"\r\n"
        b"8,\"carriage\rreturn\",\"Aqua\"\r\n"
        b"9,\"unclosed\nquote"
    )
    copied = _scan_to_csv(src, tmp_path / "a.csv", raw=True, escape=escape)
    fresh = _scan_to_csv(src, tmp_path / "b.csv", raw=False, escape=escape)
    assert copied == fresh
    # (a line break in a cell written afresh is quoted: one record per row)
    assert [r[0] for r in copied[1:]] == ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
    assert copied[7][1] == ("'=two\nlines" if escape else "=two\nlines")
    assert copied[8][1] == "carriage\rreturn"
    assert "malformed row" in copied[9][-1] and copied[9][1] == "unclosed\nquote"
    assert copied[1][1] == 'plain "quoted" note' and copied[2][1] == "two\r\nlines"
    assert copied[3][1] == ("'=HYPERLINK(1)" if escape else "=HYPERLINK(1)")
    assert copied[6][1] == ("'-Snap 8" if escape else "-Snap 8")
    assert "malformed row" in copied[4][-1] and copied[5][-1] == "empty cell"
    raw_text = (tmp_path / "a.csv").read_text(encoding="utf-8")
    assert '"1","plain ""quoted"" note","Aqua, Paraffinum' in raw_text  # copied as read
    assert '\n1,"plain' in (tmp_path / "b.csv").read_text(encoding="utf-8")  # (written afresh)


def test_jsonl_columns_come_from_the_first_record(tmp_path):
    """A key that first appears in a later record cannot get a column of the output
    (its header is written once): every output row has the same columns."""
    src = tmp_path / "p.jsonl"
    src.write_text(json.dumps({"sku": "a", "inci": CREAM}) + "\n"
                   + json.dumps({"sku": "b", "inci": "Aqua, Glycerin", "brand": "X"}) + "\n",
                   encoding="utf-8")
    out = _rows(src, column="inci", chunksize=1)
    assert list(out.columns[:2]) == ["sku", "inci"] and "brand" not in out.columns
    assert list(out["sku"]) == ["a", "b"] and list(out["error"]) == ["", ""]
